// Exact text for swept quantities, so a range's values read as a person would write them
// ("512 KiB", "1 MiB", "1.5 ns") and parse back to exactly the same base-unit value.
#pragma once

#include <string>

#include "util/units.h"

namespace sushi::sweep {

// `base_value` in q's base unit (bytes, Hz, ps...). Picks the largest unit in which the value is
// at least 1 with at most 3 decimals
// (decimal size units kB, MB... only when whole); falls back to the base unit with all significant digits.
std::string format_exact(double base_value, Quantity q);

}  // namespace sushi::sweep
