// The standards' timing rules (models/dram/standard/), each worked by hand on one channel.
// LPDDR4-3200 (lpddr4_3200_x16_2ch, JESD209-4B; the distances DRAMSys's CheckerLPDDR4 enforces):
// tRCD 29, tRP 29, tRPab 34, tRAS 68, tRC 96, tRRD 16, tFAW 64, tWR 29, tWTR 16, tRTP 12,
// RL 28, WL 14, tDQSCK 6, tDQSS 1, tDQS2DQ 2, tWPRE 2, tRPST 0, BL16 = 8 cycles, tRFCab 448,
// tREFI 6246, tRFCpb 224, tREFIpb 780. ACT, RD and WR take 4 cycles and count their timings from
// their second part (2 cycles after the first), PRE and REF take 2: so PRE -> ACT is tRP - 2 = 27,
// ACT -> PRE tRAS + 2 = 70, REF -> ACT tRFC - 2. Read data RD + 37 .. + 45, write data WR + 20 ..
// + 28. Cycles are the commands' first cycles.
#include <gtest/gtest.h>

#include "dram_test_util.h"

namespace sushi::dram::test {
namespace {

TEST(DramStandardRules, Lpddr4DerivedDistances) {
  const TimingRules r = timing_rules(lpddr4_3200_x16_2ch());
  EXPECT_EQ(r.act_to_pre, 70);  // tRAS 68 + 2
  EXPECT_EQ(r.pre_to_act, 27);  // tRP 29 - 2
  EXPECT_EQ(r.act_to_act, 96);  // tRC (the pair above gives 97, as DRAMSys's RCpb)
  EXPECT_EQ(r.rd_to_pre, 14);   // BL/2 8 + max(8, tRTP 12) - 8 + 2 (DRAMSys tRDPRE)
  // WR -> PRE = WL 14 + 1 + BL/2 8 + tWR 29 + 2 = 54 (DRAMSys tWRPRE), after the data end
  // (WR + 20 + 8): 54 - 28 = 26.
  EXPECT_EQ(r.wr_data_to_pre, 26);
  // WR -> RD = WL 14 + 1 + BL/2 8 + tWTR 16 = 39 (DRAMSys tWRRD), after the data end: 11.
  EXPECT_EQ(r.wr_data_to_rd_s, 11);
  // RD -> WR = RL 28 + tDQSCK 6 + BL/2 8 - WL 14 + tWPRE 2 + tRPST 0 = 30 (DRAMSys tRDWR): the
  // write data start 30 + 20 = 50 after the RD, the read data end 45: a gap of 5.
  EXPECT_EQ(r.bus_gap[TimingRules::bus_gap_index(false, false, true)], 5);
  EXPECT_EQ(r.bus_gap[TimingRules::bus_gap_index(false, true, false)], 0);  // WR -> RD: tWTR rule
  // The standard is the memspec's memory_type; an unknown one is an error naming the key.
  DramSpec s = lpddr4_3200_x16_2ch();
  s.memory_type = "LPDDR5";
  EXPECT_THROW(validate(s), DramParamError);
}

TEST(DramStandardRules, Lpddr4ActTakesTwoCyclesMoreBeforePreAndTwoLessAfterPre) {
  DramChannel ch(lpddr4_3200_x16_2ch(), PagePolicy::open, 32);
  // ACT 0, RD 29 (tRCD), data 66 .. 74.
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 0).data_end, 74);
  // Row conflict arriving at 1: PRE >= ACT 0 + tRAS 68 + 2 = 70 (RD 29 + 14 = 43 is met);
  // ACT >= PRE 70 + tRP 29 - 2 = 97 (and ACT 0 + tRC 96); RD 97 + 29 = 126; data end
  // 126 + 45 = 171. (One-cycle commands would give PRE 68, ACT 97 by tRAS + tRP as well.)
  EXPECT_EQ(ch.access(0, 0, 0, 2, false, 1).data_end, 171);
}

TEST(DramStandardRules, Lpddr4ReadToPrechargeCountsFromTheSecondPart) {
  DramChannel ch(lpddr4_3200_x16_2ch(), PagePolicy::open, 32);
  ch.access(0, 0, 0, 1, false, 0);                            // ACT 0, RD 29
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 100).data_end, 145);  // hit: RD 100, end 100 + 45
  // Conflict at 101: PRE >= RD 100 + 14 = 114 (later than ACT 0 + 70); ACT 114 + 27 = 141;
  // RD 170; end 170 + 45 = 215. (With RD + tRTP 12 the PRE would be at 112.)
  EXPECT_EQ(ch.access(0, 0, 0, 2, false, 101).data_end, 215);
}

TEST(DramStandardRules, Lpddr4WriteRecoveryBeforePrecharge) {
  DramChannel ch(lpddr4_3200_x16_2ch(), PagePolicy::open, 32);
  // Write to a closed bank: ACT 0, WR 29, data 49 .. 57.
  EXPECT_EQ(ch.access(0, 0, 0, 1, true, 0).data_end, 57);
  // Read conflict at 1: PRE >= WR 29 + WL 14 + 1 + BL/2 8 + tWR 29 + 2 = 83 (= data end 57 + 26;
  // later than ACT 0 + 70); ACT 83 + 27 = 110; RD 139 (write-to-read 57 + 11 = 68 is met);
  // end 139 + 45 = 184.
  EXPECT_EQ(ch.access(0, 0, 0, 2, false, 1).data_end, 184);
}

TEST(DramStandardRules, Lpddr4WriteToReadOtherBank) {
  DramChannel ch(lpddr4_3200_x16_2ch(), PagePolicy::open, 32);
  EXPECT_EQ(ch.access(0, 0, 0, 1, true, 0).data_end, 57);  // ACT 0, WR 29, data 49 .. 57
  // Read bank 1 at 0: ACT 16 (tRRD), RD >= 16 + 29 = 45 and >= WR 29 + WL 14 + 1 + BL/2 8 +
  // tWTR 16 = 68 (data end 57 + 11); end 68 + 45 = 113.
  EXPECT_EQ(ch.access(0, 0, 1, 1, false, 0).data_end, 113);
}

TEST(DramStandardRules, Lpddr4ReadToWriteHasPreambleAndPostamble) {
  DramChannel ch(lpddr4_3200_x16_2ch(), PagePolicy::open, 32);
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 0).data_end, 74);  // ACT 0, RD 29, data 66 .. 74
  // Write bank 1 at 0: ACT 16, WR >= 45 and >= RD 29 + RL 28 + tDQSCK 6 + BL/2 8 - WL 14 +
  // tWPRE 2 + tRPST 0 = 59 (its data then start at 79 = read data end 74 + gap 5); end 59 + 28 = 87.
  EXPECT_EQ(ch.access(0, 0, 1, 1, true, 0).data_end, 87);
}

TEST(DramStandardRules, Ddr4ReadToWriteGapIsClockPlusWritePreamble) {
  // DDR4-2400 (ddr4_2400_x64): RL 16, WL 12, tRCD 16, tRRD_S 4, BL8 = 4 cycles, tWPRE 1.
  DramSpec s = ddr4_2400_x64();
  DramChannel ch(s, PagePolicy::open, 32);
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 0).data_end, 36);  // ACT 0, RD 16, data 32 .. 36
  // Write to bank group 1 at 0: ACT 4, WR >= 20 and >= RD 16 + RL 16 + BL/2 4 - WL 12 + tCK +
  // tWPRE 1 = 26 (JESD79-4 RL + BL/2 - WL + 2; data 38 .. 42).
  EXPECT_EQ(ch.access(0, 1, 0, 1, true, 0).data_end, 42);
  // With the 2 nCK write preamble one cycle later: WR 27, end 43.
  s.t.tWPRE = 2;
  DramChannel ch2(s, PagePolicy::open, 32);
  ch2.access(0, 0, 0, 1, false, 0);
  EXPECT_EQ(ch2.access(0, 1, 0, 1, true, 0).data_end, 43);
}

TEST(DramStandardRules, Ddr4RankSwitchAddsThePreambleOfTheNextDirection) {
  // Two ranks: read rank 0 (ACT 0, RD 16, data 32 .. 36), then a write to rank 1 at 0:
  // ACT 0 in its own rank, WR >= 16 and data >= 36 + tRTRS 1 + tWPRE 1 = 38: WR 26, end 42.
  DramSpec s = ddr4_2400_x64();
  s.org.ranks = 2;
  DramChannel ch(s, PagePolicy::open, 32);
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 0).data_end, 36);
  EXPECT_EQ(ch.access(1, 0, 0, 1, true, 0).data_end, 42);
  // Then a read from rank 0 at 0 (bank group 1: ACT 4, RD >= 20): data >= 42 + tRTRS 1 +
  // tRPRE 1 = 44, RD 28, end 48.
  EXPECT_EQ(ch.access(0, 1, 0, 1, false, 0).data_end, 48);
}

TEST(DramStandardRules, Lpddr4AllBankRefreshBlocksActUntilTrfcMinusTwo) {
  DramChannel ch(lpddr4_3200_x16_2ch(), PagePolicy::open, 32);
  // ACT bank 0 at 6000, RD 6029 (data end 6074).
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 6000).data_end, 6074);
  // A conflict to bank 0 at 6246 = tREFI: the refresh due goes first. Bank 0 may close at
  // 6246 (ACT 6000 + 70 and RD 6029 + 14 are past): PRE 6246; REF >= PRE + tRPab 34 = 6280
  // (and the bank's PRE -> ACT 6246 + 27, + 2 from ACT- to REF-counting = 6275); REF 6280 ..
  // 6280 + tRFCab 448 = 6728; the bank may be activated at 6728 - 2 = 6726. The burst is now a
  // miss: ACT 6726, RD 6755, end 6755 + 45 = 6800.
  EXPECT_EQ(ch.access(0, 0, 0, 2, false, 6246).data_end, 6800);
  EXPECT_EQ(ch.counters().ref, 1u);
  EXPECT_EQ(ch.counters().pre, 1u);
}

TEST(DramStandardRules, Lpddr4PerBankRefreshIsSpacedFromActivatesLikeAnActivate) {
  DramChannel ch(lpddr4_3200_x16_2ch(), PagePolicy::open, 32, RefreshKind::per_bank);
  // ACT bank 1 at 770, RD 799, data 836 .. 844.
  EXPECT_EQ(ch.access(0, 0, 1, 1, false, 770).data_end, 844);
  // Bank 2 at 780: its ACT (>= 770 + tRRD 16 = 786) falls after the REFpb of bank 0 due at
  // tREFIpb 780, which goes first: REFpb >= ACT 770 + tRRD 16 + 2 = 788 (DRAMSys ACT -> REFPB).
  // It counts as an ACT at 786, so bank 2's ACT >= REFpb 788 + tRRD 16 - 2 = 802; RD 831;
  // data 868 .. 876.
  EXPECT_EQ(ch.access(0, 0, 2, 1, false, 780).data_end, 876);
  EXPECT_EQ(ch.counters().ref, 1u);
  // Bank 0 is blocked until REFpb 788 + tRFCpb 224 - 2 = 1010: ACT 1010, RD 1039, end 1084.
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 790).data_end, 1084);
}

TEST(DramStandardRules, IdleRefreshesSkippedArithmeticallyLeaveTheSameState) {
  // The same per-bank refreshes performed one by one (a request every tREFIpb) or skipped over
  // a long idle stretch must leave the channel in the same state: the next request ends alike.
  for (RefreshKind kind : {RefreshKind::per_bank, RefreshKind::all_bank}) {
    DramChannel a(lpddr4_3200_x16_2ch(), PagePolicy::open, 32, kind);
    DramChannel b(lpddr4_3200_x16_2ch(), PagePolicy::open, 32, kind);
    // Bank 3 is left open (row 2): the refresh covering it must precharge it first, then the
    // rest are idle (b skips those arithmetically).
    for (DramChannel* ch : {&a, &b}) {
      ch->access(0, 0, 3, 1, false, 0);
      ch->access(0, 0, 3, 2, false, 100);
    }
    for (Cycle c = 1000; c < 40000; c += 700) a.catch_up_refresh(c);
    const Cycle at = 40000 + 3;
    EXPECT_EQ(a.access(0, 0, 0, 5, false, at).data_end, b.access(0, 0, 0, 5, false, at).data_end);
    EXPECT_EQ(a.counters().ref, b.counters().ref);
  }
}

}  // namespace
}  // namespace sushi::dram::test
