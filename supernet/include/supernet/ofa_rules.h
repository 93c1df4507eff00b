// Channel-rounding rules of the Once-for-All reference implementation, in exact integer arithmetic.
// See docs/supernet.md, "Derived rules", for where each rule comes from.
#pragma once
#include <cstdint>

namespace sushi::supernet {

// OFA make_divisible(v, divisor) for v = num / den (num, den > 0):
//   new_v = max(divisor, floor(v + divisor / 2) // divisor * divisor); if new_v < 0.9 v: new_v += divisor.
// Evaluated exactly on the rational v so results never depend on floating-point rounding.
uint32_t make_divisible(uint64_t num, uint64_t den, uint32_t divisor = 8);

// Python/torch round() of num / den: round half to even.
uint64_t round_half_even(uint64_t num, uint64_t den);

// OFA's channel divisor (MyNetwork.CHANNEL_DIVISIBLE).
inline constexpr uint32_t kChannelDivisible = 8;

}  // namespace sushi::supernet
