// Exact conversion between DRAM clock cycles and picoseconds.
//
// Timing is computed in whole DRAM cycles; a DDR4-2400 cycle is 833.33... ps, so cycles are
// never accumulated as rounded ps. Cycle c starts at floor(c * 1e12 / f) ps; a request arriving
// at t ps is seen at the first cycle starting at or after t.
#pragma once

#include <cstdint>
#include <numeric>

namespace sushi::dram {

using Cycle = std::int64_t;
// "Long ago": a command time that constrains nothing (x + timing is still far in the past).
constexpr Cycle kNever = -(Cycle(1) << 50);

class DramClock {
 public:
  explicit DramClock(std::uint64_t clock_hz) {
    const std::uint64_t ps_per_s = 1000000000000ULL;
    const std::uint64_t g = std::gcd(ps_per_s, clock_hz);
    num_ = ps_per_s / g;  // ps per cycle = num_ / den_
    den_ = clock_hz / g;
    max_c64_ = Cycle(~std::uint64_t(0) / num_);
    max_t64_ = (~std::uint64_t(0) - num_) / den_;
  }
  // Start of cycle c in ps (c >= 0). 64-bit arithmetic while it cannot overflow (hours of
  // simulated time at any DRAM clock); 128-bit beyond.
  std::uint64_t edge_ps(Cycle c) const {
    if (c <= max_c64_) return std::uint64_t(c) * num_ / den_;
    return static_cast<std::uint64_t>(static_cast<u128>(c) * num_ / den_);
  }
  // First cycle starting at or after t_ps.
  Cycle cycle_at_or_after(std::uint64_t t_ps) const {
    if (t_ps <= max_t64_) return static_cast<Cycle>((t_ps * den_ + num_ - 1) / num_);
    const u128 x = static_cast<u128>(t_ps) * den_;
    return static_cast<Cycle>((x + num_ - 1) / num_);
  }
  // Last cycle starting at or before t_ps.
  Cycle cycle_at_or_before(std::uint64_t t_ps) const {
    if (t_ps <= max_t64_) return static_cast<Cycle>(t_ps * den_ / num_);
    return static_cast<Cycle>(static_cast<u128>(t_ps) * den_ / num_);
  }
  double tck_ps() const { return double(num_) / double(den_); }

 private:
  __extension__ typedef unsigned __int128 u128;
  std::uint64_t num_ = 1, den_ = 1;
  Cycle max_c64_ = 0;         // largest c with c x num_ in 64 bits
  std::uint64_t max_t64_ = 0;  // largest t with t x den_ + num_ in 64 bits
};

}  // namespace sushi::dram
