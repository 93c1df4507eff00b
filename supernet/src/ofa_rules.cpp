#include "supernet/ofa_rules.h"

#include <algorithm>

namespace sushi::supernet {

uint32_t make_divisible(uint64_t num, uint64_t den, uint32_t divisor) {
  // floor(v + divisor/2) = floor((2*num + divisor*den) / (2*den))
  const uint64_t shifted = (2 * num + static_cast<uint64_t>(divisor) * den) / (2 * den);
  uint64_t new_v = std::max<uint64_t>(divisor, shifted / divisor * divisor);
  // new_v < 0.9 * v  <=>  10 * new_v * den < 9 * num
  if (10 * new_v * den < 9 * num) new_v += divisor;
  return static_cast<uint32_t>(new_v);
}

uint64_t round_half_even(uint64_t num, uint64_t den) {
  const uint64_t q = num / den, r = num % den;
  if (2 * r > den) return q + 1;
  if (2 * r == den) return q + (q & 1);
  return q;
}

}  // namespace sushi::supernet
