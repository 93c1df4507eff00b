// DramClock: exact cycle <-> ps conversion, in 64-bit arithmetic where it cannot overflow and
// 128-bit beyond; both sides of the switch must agree with the definition.
#include <gtest/gtest.h>

#include "dram/dram_clock.h"

using sushi::dram::Cycle;
using sushi::dram::DramClock;

TEST(DramClock, EdgesOfDdr4_2400AreFloorOfCycleTimesTck) {
  const DramClock clk(1200000000);  // tCK = 1e12 / 1.2e9 = 2500/3 ps
  EXPECT_EQ(clk.edge_ps(0), 0u);
  EXPECT_EQ(clk.edge_ps(1), 833u);    // floor(2500/3)
  EXPECT_EQ(clk.edge_ps(2), 1666u);   // floor(5000/3)
  EXPECT_EQ(clk.edge_ps(3), 2500u);
  EXPECT_EQ(clk.cycle_at_or_after(0), 0);
  EXPECT_EQ(clk.cycle_at_or_after(1), 1);     // after the edge at 0 ps
  EXPECT_EQ(clk.cycle_at_or_after(833), 1);   // 833 x 3 = 2499 <= 2500: cycle 1 starts at 833.33 ps
  EXPECT_EQ(clk.cycle_at_or_after(834), 2);
  EXPECT_EQ(clk.cycle_at_or_after(2500), 3);  // exactly on an edge
}

TEST(DramClock, SixtyFourBitAndWidePathsAgreeAroundTheSwitch) {
  __extension__ typedef unsigned __int128 u128;
  // 7 Hz: num = 1e12, den = 7, so c x num leaves 64 bits at c = 2^64 / 1e12 ~ 1.8e7 while the
  // edge itself (c x 1e12 / 7 ps) still fits: the wide path must give the same floor.
  const DramClock slow(7);
  const Cycle c_switch = Cycle(~std::uint64_t(0) / 1000000000000ull);
  for (Cycle c = c_switch - 2; c <= c_switch + 2; ++c) {
    EXPECT_EQ(slow.edge_ps(c), std::uint64_t(u128(c) * 1000000000000ull / 7)) << c;
  }
  // 3 GHz (num 1000, den 3): t x 3 leaves 64 bits at t ~ 6.1e18 ps.
  const DramClock fast(3000000000);
  const std::uint64_t t_switch = (~std::uint64_t(0) - 1000) / 3;
  for (std::uint64_t t = t_switch - 3; t <= t_switch + 3; ++t) {
    EXPECT_EQ(fast.cycle_at_or_after(t), Cycle((u128(t) * 3 + 999) / 1000)) << t;  // ceil(t x 3 / 1000)
  }
}
