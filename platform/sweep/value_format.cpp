#include "value_format.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace sushi::sweep {

std::string format_exact(double v, Quantity q) {
  double best_factor = 0;
  std::string best_unit;
  for (const std::string& unit : allowed_units(q)) {
    const double f = parse_quantity("1 " + unit, q);
    const double x = v / f;
    const double milli = x * 1000.0;
    if (std::fabs(x) < 1.0 || std::fabs(milli - std::round(milli)) > std::max(1e-6, 1e-12 * std::fabs(milli))) continue;
    // Decimal sizes only when whole: "3 kB", never "1234.567 kB" (binary units read better).
    const bool decimal_size = q == Quantity::size && unit.find('i') == std::string::npos && unit != "B";
    if (decimal_size && std::fabs(x - std::round(x)) > 1e-9 * std::fabs(x)) continue;
    if (f > best_factor) {
      best_factor = f;
      best_unit = unit;
    }
  }
  if (best_unit.empty()) return fmt::format("{} {}", v, base_unit(q));
  const double x = std::round(v / best_factor * 1000.0) / 1000.0;
  return fmt::format("{} {}", x, best_unit);
}

}  // namespace sushi::sweep
