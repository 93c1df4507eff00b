// Physical quantities written with units in config files: "2 MiB", "100 MHz", "12.5 ns".
//
// Every quantity is converted to one base unit: bytes, Hz, ps, bytes/s, pJ, W, mm, bit.
// Shared by platform/config (config files) and the models' data-table loaders. A bare number
// where a unit is required is an error (a config that says "size: 2" is ambiguous). Binary
// prefixes (KiB, MiB) are powers of 1024; SI prefixes (kB, MB, GB/s) are powers of 1000.
#pragma once

#include <string>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace sushi {

enum class Quantity { size, frequency, time, bandwidth, energy, power, length, bits };

const char* to_string(Quantity q);
const char* base_unit(Quantity q);  // "B", "Hz", "ps", "B/s", "pJ", "W", "mm", "bit"
// Units accepted for q, in the order shown in error messages.
std::vector<std::string> allowed_units(Quantity q);

// Thrown with a message that names what was wrong and the allowed units; callers add the
// file/line/key (ConfigError).
class UnitError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Parses "<number> <unit>" (space optional) into the base unit of q.
double parse_quantity(std::string_view text, Quantity q);
// Sizes must be a whole number of bytes and not negative.
unsigned long long parse_size_bytes(std::string_view text);

// Formats a base-unit value with the largest unit that keeps it >= 1 ("2 MiB", "1.5 ns").
std::string format_quantity(double base_value, Quantity q);

}  // namespace sushi
