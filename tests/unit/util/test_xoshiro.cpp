#include <gtest/gtest.h>

#include <cstdint>

#include "util/xoshiro.h"

namespace sushi::util {
namespace {

// SplitMix64's published first output for state 0 (Vigna's splitmix64.c).
TEST(Xoshiro, SplitMixFirstOutputOfZero) {
  std::uint64_t state = 0;
  EXPECT_EQ(splitmix64(state), 0xe220a8397b1dcdafull);
  EXPECT_EQ(state, 0x9E3779B97F4A7C15ull);  // the state advances by the golden-ratio constant
}

// The first outputs, computed by an independent transcription of xoshiro256**.c (Blackman &
// Vigna 2018) with the state filled by four SplitMix64 outputs of the seed:
// result = rotl(s1 * 5, 7) * 9, then the xor/shift/rotate update.
TEST(Xoshiro, FirstOutputsOfSeeds0And42) {
  Xoshiro256ss a(0);
  EXPECT_EQ(a.next(), 0x99ec5f36cb75f2b4ull);
  EXPECT_EQ(a.next(), 0xbf6e1f784956452aull);
  EXPECT_EQ(a.next(), 0x1a5f849d4933e6e0ull);
  Xoshiro256ss b(42);
  EXPECT_EQ(b.next(), 0x15780b2e0c2ec716ull);
  EXPECT_EQ(b.next(), 0x6104d9866d113a7eull);
}

// uniform01 is the top 53 bits over 2^53; below(n) is the top 32 bits times n, over 2^32.
TEST(Xoshiro, TransformsOfTheFirstOutput) {
  Xoshiro256ss a(0), b(0), c(0);
  EXPECT_EQ(a.uniform01(), static_cast<double>(0x99ec5f36cb75f2b4ull >> 11) * 0x1.0p-53);
  // 0x99ec5f36 * 10 = 0x6_33bb_81c: the high word is 6; the low word (54245404) is not below
  // the rejection threshold (2^32 mod 10 = 6), so no redraw.
  EXPECT_EQ(b.below(10), 6u);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(c.below(3), 3u);
}

}  // namespace
}  // namespace sushi::util
