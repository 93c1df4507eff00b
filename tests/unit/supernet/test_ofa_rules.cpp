// OFA channel rounding (make_divisible) and Python round() semantics, exact.
#include <gtest/gtest.h>

#include "supernet/ofa_rules.h"

using sushi::supernet::make_divisible;
using sushi::supernet::round_half_even;

TEST(SnOfaRules, MakeDivisibleWidthMultipliers) {
  // 64 * 0.65 = 41.6: floor(45.6) = 45, 45 // 8 * 8 = 40; 40 >= 0.9 * 41.6 = 37.44 -> 40
  EXPECT_EQ(make_divisible(64 * 65, 100), 40u);
  // 64 * 0.8 = 51.2: floor(55.2) = 55 -> 48; 48 >= 46.08 -> 48
  EXPECT_EQ(make_divisible(64 * 80, 100), 48u);
  // 256 * 0.65 = 166.4: floor(170.4) = 170 -> 168
  EXPECT_EQ(make_divisible(256 * 65, 100), 168u);
  // 2048 * 0.8 = 1638.4: floor(1642.4) = 1642 -> 1640
  EXPECT_EQ(make_divisible(2048 * 80, 100), 1640u);
  // 16 * 1.2 = 19.2: floor(23.2) = 23 -> 16; 16 < 0.9 * 19.2 = 17.28 -> 16 + 8 = 24 (the 10 % rule)
  EXPECT_EQ(make_divisible(16 * 120, 100), 24u);
  // 112 * 1.2 = 134.4: floor(138.4) = 138 -> 136
  EXPECT_EQ(make_divisible(112 * 120, 100), 136u);
  // min value: make_divisible(3, 8) = max(8, floor(7) // 8 * 8 = 0) = 8
  EXPECT_EQ(make_divisible(3, 1), 8u);
}

TEST(SnOfaRules, MakeDivisibleMiddleChannels) {
  // ResNet stem mid: 40 // 2 = 20: floor(24) = 24 -> 24
  EXPECT_EQ(make_divisible(20, 1), 24u);
  // 256 * 0.35 = 89.6 -> round 90: floor(94) // 8 * 8 = 88
  EXPECT_EQ(make_divisible(round_half_even(256 * 35, 100), 1), 88u);
  // 2048 * 0.35 = 716.8 -> 717: floor(721) // 8 * 8 = 720
  EXPECT_EQ(make_divisible(round_half_even(2048 * 35, 100), 1), 720u);
  // SE mid of 816 channels: 816 // 4 = 204: floor(208) -> 208
  EXPECT_EQ(make_divisible(816 / 4, 1), 208u);
  // SE mid of 336: 84: floor(88) -> 88
  EXPECT_EQ(make_divisible(336 / 4, 1), 88u);
}

TEST(SnOfaRules, RoundHalfEven) {
  EXPECT_EQ(round_half_even(5, 2), 2u);   // 2.5 -> 2
  EXPECT_EQ(round_half_even(7, 2), 4u);   // 3.5 -> 4
  EXPECT_EQ(round_half_even(336, 10), 34u);  // 33.6 -> 34
  EXPECT_EQ(round_half_even(334, 10), 33u);  // 33.4 -> 33
}
