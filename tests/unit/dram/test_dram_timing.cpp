// Exact command timing of single requests. LPDDR4-3200: tCK = 625 ps exactly (1.6 GHz), so
// cycle counts convert to ps without rounding. DDR4-2400: tCK = 833.33 ps; a cycle edge c lies
// at floor(c x 5000 / 6) ps.
// LPDDR4-3200 nCK: tRCD 29, tRP 29, tRAS 68, RL 28, WL 14, BL16 -> 8 cycles per burst, tCCD 8,
// tRRD 16, tFAW 64, tRFC 448, tREFI 6246. One burst = 16 beats x 2 B = 32 B. LPDDR4 rules
// (models/dram/standard/lpddr4_rules.cpp): read data RD + RL 28 + tDQSCK 6 + 3 = RD + 37, so a
// read ends RD + 45; PRE -> ACT tRP - 2 = 27, ACT -> PRE tRAS + 2 = 70, RD -> PRE 14, REF -> ACT
// tRFC - 2 (ACT and RD take 4 cycles and count from their second part).
// DDR4-2400 nCK: tRCD 16, tRP 16, CL 16, BL8 -> 4 cycles, tCCD_S 4, tRRD_S 4, tRRD_L 6, tFAW 26.
#include <gtest/gtest.h>

#include "dram_test_util.h"

namespace sushi::dram::test {
namespace {

TEST(DramTiming, ShippedSpecsHaveTheDocumentedCycleCounts) {
  const DramSpec lp = lpddr4_3200_x16_2ch();
  EXPECT_EQ(lp.t.tRCD, 29u);    // 18 ns / 0.625 ns = 28.8 -> 29
  EXPECT_EQ(lp.t.tRAS, 68u);    // 42 ns / 0.625 ns = 67.2 -> 68
  EXPECT_EQ(lp.t.tFAW, 64u);    // 40 ns / 0.625 ns = 64
  EXPECT_EQ(lp.t.tRFC, 448u);   // 280 ns / 0.625 ns = 448
  EXPECT_EQ(lp.t.tREFI, 6246u); // 3904 ns / 0.625 ns = 6246.4 -> floor 6246
  const DramSpec d4 = ddr4_2400_x64();
  EXPECT_EQ(d4.t.tRCD, 16u);    // 13.32 ns x 1.2 GHz = 15.98 -> 16
  EXPECT_EQ(d4.t.tRAS, 39u);    // 32 ns x 1.2 = 38.4 -> 39
  EXPECT_EQ(d4.t.tRC, 55u);     // 45.32 ns x 1.2 = 54.38 -> 55
  EXPECT_EQ(d4.t.tFAW, 26u);    // 21 ns x 1.2 = 25.2 -> 26
  EXPECT_EQ(d4.t.tRFC, 312u);   // 260 ns x 1.2 = 312.0 -> 312
  EXPECT_EQ(d4.t.tREFI, 9360u); // 7.8 us x 1.2 GHz = 9360
  EXPECT_EQ(d4.org.burst_bytes(), 64u);   // BL8 x 64 bit
  EXPECT_EQ(lp.org.burst_bytes(), 32u);   // BL16 x 16 bit
  EXPECT_DOUBLE_EQ(d4.peak_channel_bandwidth_bps(), 19.2e9);  // 2400 MT/s x 8 B
  EXPECT_DOUBLE_EQ(lp.peak_channel_bandwidth_bps(), 6.4e9);   // 3200 MT/s x 2 B
}

TEST(DramTiming, ReadToClosedBankIsTrcdPlusRlPlusBurst) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  // ACT at 0, RD at tRCD 29, data 29 + 37 = 66 .. 66 + 8 = 74 cycles x 625 ps = 46250 ps
  // (18.125 ns + 23.125 ns + 5 ns).
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0), 32, false, 0), 46250u);
  EXPECT_EQ(dram.channel(0).counters().row_misses, 1u);
  EXPECT_EQ(dram.channel(0).counters().act, 1u);
  EXPECT_EQ(dram.channel(0).counters().rd, 1u);
}

TEST(DramTiming, SixtyFourByteReadIsTwoBurstsInOneRow) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  // 64 B = two 32 B bursts, same channel and row: RD at 29 and 29 + tCCD 8 = 37;
  // data ends at 37 + 37 + 8 = 82 cycles x 625 ps = 51250 ps.
  EXPECT_EQ(dram.access_ps(0, 64, false, 0), 51250u);
  EXPECT_EQ(dram.channel(0).counters().row_hits, 1u);
}

TEST(DramTiming, RowHitIsRlPlusBurst) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  dram.access_ps(lp_addr(0, 0, 0, 0), 32, false, 0);
  // Second burst of the same row arrives at 100 ns = cycle 160, long after tRCD:
  // RD at 160, data end 160 + 37 + 8 = 205 -> latency 45 cycles x 625 ps = 28125 ps.
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0, 5), 32, false, 100000) - 100000, 28125u);
  EXPECT_EQ(dram.channel(0).counters().row_hits, 1u);
  EXPECT_EQ(dram.channel(0).counters().act, 1u);
}

TEST(DramTiming, RowConflictIsTrpPlusTrcdPlusRlPlusBurst) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  dram.access_ps(lp_addr(0, 0, 0), 32, false, 0);
  // Other row, same bank, at cycle 160 (> ACT + 70 and RD 29 + 14): PRE 160,
  // ACT 160 + 27 = 187, RD 187 + tRCD 29 = 216, data end 216 + 37 + 8 = 261:
  // 101 cycles x 625 ps = 63125 ps.
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 1), 32, false, 100000) - 100000, 63125u);
  EXPECT_EQ(dram.channel(0).counters().row_conflicts, 1u);
  EXPECT_EQ(dram.channel(0).counters().pre, 1u);
  EXPECT_EQ(dram.channel(0).counters().act, 2u);
}

TEST(DramTiming, ConflictRightAfterActivateWaitsForTras) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  dram.access_ps(lp_addr(0, 0, 0), 32, false, 0);  // ACT 0, RD 29
  // Arrives at 0 too: PRE waits for ACT + tRAS 68 + 2 = 70 (> RD 29 + 14 = 43), ACT at
  // max(70 + 27, ACT 0 + tRC 96) = 97, RD 126, data end 126 + 45 = 171 cycles = 106875 ps.
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 1), 32, false, 0), 106875u);
}

TEST(DramTiming, ReadsToDifferentBanksOverlap) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0), 32, false, 0), 46250u);  // 74 cycles, as above
  // Bank 1 at the same time: ACT at tRRD 16, RD at 16 + 29 = 45 (bus free at 74 <= 45 + 37),
  // data end 45 + 37 + 8 = 90 cycles x 625 = 56250 ps, not 2 x 74 = 148 cycles serialised.
  EXPECT_EQ(dram.access_ps(lp_addr(0, 1, 0), 32, false, 0), 56250u);
}

TEST(DramTiming, ChannelsAreIndependent) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0), 32, false, 0), 46250u);
  // Same bank and row number on channel 1: its own banks and bus, the same 74 cycles.
  EXPECT_EQ(dram.access_ps(lp_addr(1, 0, 0), 32, false, 0), 46250u);
}

TEST(DramTiming, FourActivateWindowDelaysTheFifthActivate) {
  EnergyLedger ledger;
  DramController dram("dram", ddr4(), ledger);
  // Five reads at t = 0 to banks in bank groups 0, 1, 2, 3, 0 (bank 1): ACTs at 0, 4, 8, 12
  // (tRRD_S 4); the fifth may not issue before the first + tFAW 26 (tRRD alone allows 16).
  for (std::uint32_t bg = 0; bg < 4; ++bg) dram.access_ps(d4_addr(bg, 0, 0), 64, false, 0);
  // Fifth: ACT 26, RD 26 + tRCD 16 = 42 (bus free at 48 <= 42 + CL 16 = 58), data end
  // 58 + 4 = 62 cycles; edge 62 x 5000/6 = 51666.7 -> 51666 ps. Without tFAW: ACT 16,
  // RD 32, data end 52 (43333 ps).
  EXPECT_EQ(dram.access_ps(d4_addr(0, 1, 0), 64, false, 0), 51666u);
  EXPECT_EQ(dram.channel(0).counters().act, 5u);
}

TEST(DramTiming, SameBankGroupUsesLongCasSpacing) {
  EnergyLedger ledger;
  DramController dram("dram", ddr4(), ledger);
  // Two bursts of one row (bank group 0): RD at 16 and 16 + tCCD_L 6 = 22; data end
  // 22 + 16 + 4 = 42 cycles = 35000 ps. Across bank groups they would be 4 apart.
  dram.access_ps(d4_addr(0, 0, 0, 0), 64, false, 0);
  EXPECT_EQ(dram.access_ps(d4_addr(0, 0, 0, 1), 64, false, 0), 35000u);
}

TEST(DramTiming, WriteThenReadWaitsForWriteToReadTurnaround) {
  EnergyLedger ledger;
  DramController dram("dram", ddr4(), ledger);
  // WR: ACT 0, WR 16, data 16 + WL 12 = 28 .. 32. Read, same bank group, same row, at 0:
  // RD >= write data end 32 + tWTR_L 9 = 41, data end 41 + 16 + 4 = 61 cycles = 50833 ps.
  EXPECT_EQ(dram.access_ps(d4_addr(0, 0, 0, 0), 64, true, 0), 26666u);  // 32 x 5000/6
  EXPECT_EQ(dram.access_ps(d4_addr(0, 0, 0, 1), 64, false, 0), 50833u);
}

TEST(DramTiming, RefreshBlocksTheChannelForTrfc) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  // Arrival at the refresh due cycle tREFI 6246 (3903750 ps): REF 6246 .. 6246 + tRFC 448 =
  // 6694, then ACT 6694 - 2 = 6692, RD 6721, data end 6766: 520 cycles = tRFC 448 - 2 +
  // tRCD 29 + 37 + 8 = 325000 ps.
  const std::uint64_t t = 6246ull * 625;
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0), 32, false, t) - t, 325000u);
  EXPECT_EQ(dram.channel(0).counters().ref, 1u);
  EXPECT_EQ(dram.channel(1).counters().ref, 0u);  // channel 1 saw no request yet
}

TEST(DramTiming, RefreshPrechargesOpenRows) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  dram.access_ps(lp_addr(0, 0, 0), 32, false, 0);
  // Same row after the first refresh was due (cycle 6246 + 1000): the refresh closed the row,
  // so it is a miss, not a hit: 74 cycles = 46250 ps; one PRE (by the refresh), one REF.
  const std::uint64_t t = (6246ull + 1000) * 625;
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0), 32, false, t) - t, 46250u);
  EXPECT_EQ(dram.channel(0).counters().pre, 1u);
  EXPECT_EQ(dram.channel(0).counters().ref, 1u);
  EXPECT_EQ(dram.channel(0).counters().row_misses, 2u);
}

TEST(DramTiming, RefreshIsCountedOncePerTrefiAcrossIdleTime) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  dram.access_ps(lp_addr(0, 0, 0), 32, false, 0);
  // Idle until cycle 100 x 6246 + 1000: refreshes were due at k x 6246, k = 1..100 -> 100.
  const std::uint64_t t = (100ull * 6246 + 1000) * 625;
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0), 32, false, t) - t, 46250u);  // a miss again
  EXPECT_EQ(dram.channel(0).counters().ref, 100u);
}

TEST(DramTiming, ClosedPagePolicyPrechargesAfterEachRequest) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(PagePolicy::closed), ledger);
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0, 0), 32, false, 0), 46250u);
  EXPECT_EQ(dram.channel(0).counters().pre, 1u);  // auto-precharge at max(ACT + 70, RD 29 + 14)
  EXPECT_FALSE(dram.channel(0).bank_open(0, 0, 0));
  // Same row at cycle 160 (> PRE 70 + 27 = 97): activates again, 74 cycles = 46250 ps
  // (under the open policy this would be a 28125 ps row hit).
  EXPECT_EQ(dram.access_ps(lp_addr(0, 0, 0, 5), 32, false, 100000) - 100000, 46250u);
  EXPECT_EQ(dram.channel(0).counters().row_hits, 0u);
  EXPECT_EQ(dram.channel(0).counters().pre, 2u);
}

TEST(DramTiming, ClosedPagePolicyKeepsRowOpenWithinOneRequest) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(PagePolicy::closed), ledger);
  // 128 B on channel 0 (bursts 0,1 then 2,3 of the row): 2 row hits after the ACT and one PRE.
  dram.access_ps(0, 64, false, 0);
  EXPECT_EQ(dram.channel(0).counters().act, 1u);
  EXPECT_EQ(dram.channel(0).counters().pre, 1u);
  EXPECT_EQ(dram.channel(0).counters().row_hits, 1u);
}

TEST(DramTiming, StreamThatContinuesARowHitRunIsSpacedByTccdAlone) {
  EnergyLedger ledger;
  DramController dram("dram", ddr4(), ledger);
  // DDR4 x64, mapping bg:2,co:7,...: a 4 KiB read is 64 bursts round robin over 4 bank groups.
  // A (t = 0, rows closed): ACTs at 0, 4, 8, 12 (tRRD_S 4); CAS 16, 20, 24, 28 (tRCD 16), then
  // every tCCD_S 4: CAS_j = 16 + 4j, last 16 + 4 x 63 = 268; data end 268 + RL 16 + 4 = 288
  // cycles = floor(288 x 2500 / 3) = 240000 ps.
  EXPECT_EQ(dram.access_ps(0, 4096, false, 0), 240000u);
  // B (the next 4 KiB, t = 0) continues the run: CAS 272 .. 524, data end 544 cycles
  // = floor(544 x 2500 / 3) = 453333 ps.
  EXPECT_EQ(dram.access_ps(4096, 4096, false, 0), 453333u);
  // C arrives at 1 us = cycle 1200 (bus idle since 544): its arrival binds the first CAS,
  // CAS 1200 .. 1452, data end 1472 cycles = floor(1472 x 2500 / 3) = 1226666 ps.
  EXPECT_EQ(dram.access_ps(8192, 4096, false, 1000000), 1226666u);
  const ChannelCounters& c = dram.channel(0).counters();
  EXPECT_EQ(c.act, 4u);          // one per bank group, all in A
  EXPECT_EQ(c.row_hits, 188u);   // 3 x 64 bursts - 4 misses
  EXPECT_EQ(c.rd, 192u);
}

TEST(DramTiming, QueueDepthLimitsBankLookahead) {
  EnergyLedger l1, l2;
  DramController deep("deep", lpddr4(PagePolicy::open, 32), l1);
  DramController shallow("shallow", lpddr4(PagePolicy::open, 1), l2);
  // Two reads at t = 0 to banks 0 and 1. Depth 1: the second enters the queue only when the
  // first completes (74), so ACT 74, RD 103, data end 103 + 45 = 148 cycles = 92500 ps;
  // depth 32 overlaps them: 90 cycles = 56250 ps.
  deep.access_ps(lp_addr(0, 0, 0), 32, false, 0);
  shallow.access_ps(lp_addr(0, 0, 0), 32, false, 0);
  EXPECT_EQ(deep.access_ps(lp_addr(0, 1, 0), 32, false, 0), 56250u);
  EXPECT_EQ(shallow.access_ps(lp_addr(0, 1, 0), 32, false, 0), 92500u);
}

}  // namespace
}  // namespace sushi::dram::test
