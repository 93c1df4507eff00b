// Numbers as written in the project's text inputs (config values, sweep files): one parser, so a
// value means the same wherever it is written.
#pragma once

#include <string_view>

namespace sushi::util {

// An integer: decimal or 0x hex, an optional leading '-', '_' allowed as a digit separator
// ("1_000_000"). No '+' sign and no surrounding blanks. Returns false for anything else; an
// integer too large for 64 bits is still an integer: `too_large` (when given) tells it apart from
// text that is not one.
bool parse_integer(std::string_view text, long long& out, bool* too_large = nullptr);

// A finite real number as strtod reads it, the whole text (no trailing characters); false for
// anything else, including values that overflow or underflow a double.
bool parse_real(std::string_view text, double& out);

}  // namespace sushi::util
