// Time helpers shared by SushiAccel's source files (internal to models/accel/sushi/).
#pragma once

#include <cstdint>

#include <systemc>

namespace sushi::accel {

// The kernel's current time in ps, rounded to the nearest ps.
inline std::uint64_t now_ps() {
  static const double ps_per_tick = sc_core::sc_get_time_resolution().to_seconds() * 1e12;
  return static_cast<std::uint64_t>(static_cast<double>(sc_core::sc_time_stamp().value()) * ps_per_tick + 0.5);
}

// a - b, or 0 when b > a.
inline std::uint64_t sub_sat(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : 0; }

}  // namespace sushi::accel
