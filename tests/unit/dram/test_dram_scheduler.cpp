// Controller policies: FR-FCFS reordering, request buffer admission, per-bank and all-bank
// refresh. Kernel-free: a BufferedChannel drives a DramChannel cycle by cycle as the controller
// does. LPDDR4-3200 nCK: tRCD 29, tRP(pb) 29, tRPab 34, tRAS 68, tRC 96, RL 28, BL16 -> 8 cycles
// per burst, tCCD 8, tRRD 16, tRTP 12, tRFCab 448, tREFI 6246, tRFCpb 224, tREFIpb 780. LPDDR4
// rules (standard/lpddr4_rules.cpp): read data RD + 37 (RL + tDQSCK 6 + 3), ending RD + 45;
// ACT -> PRE tRAS + 2 = 70, PRE -> ACT tRP - 2 = 27, RD -> PRE 14, REF -> ACT tRFC - 2.
#include <gtest/gtest.h>

#include <map>

#include "dram/scheduler/buffered_channel.h"
#include "dram_test_util.h"

namespace sushi::dram::test {
namespace {

struct Harness {
  explicit Harness(const DramSpec& spec, BufferKind buffer = BufferKind::bankwise, std::uint32_t size = 8,
                   RefreshKind refresh = RefreshKind::all_bank)
      : ch(spec, PagePolicy::open, 4096, refresh), bc(ch, spec, SchedulerKind::fr_fcfs, buffer, size, PagePolicy::open) {}
  void admit(std::uint64_t tag, std::uint32_t bank, std::uint32_t row, Cycle at, bool write = false) {
    BufferedBurst b;
    b.tag = tag;
    b.bank = bank;
    b.row = row;
    b.write = write;
    b.arrival = at;
    bc.admit(b);
  }
  // Advances from `now` until the buffer is empty, as the controller's scheduler process does.
  void drain(Cycle now) {
    while (!bc.empty()) {
      const Cycle next = bc.advance(now, [&](std::uint64_t tag, Cycle end, std::uint64_t) { done[tag] = end; });
      if (next == kNever) break;
      now = next;
    }
  }
  DramChannel ch;
  BufferedChannel bc;
  std::map<std::uint64_t, Cycle> done;
};

TEST(DramScheduler, RowHitOvertakesAnOlderMissToTheSameBank) {
  Harness h(lpddr4_3200_x16_2ch());
  // Burst 0 opens bank 0 row 1: ACT 0, RD 29, data end 29 + 45 = 74.
  h.admit(0, 0, 1, 0);
  h.drain(0);
  EXPECT_EQ(h.done[0], 74);
  // At cycle 100: burst 1 (row 2, older), then burst 2 (row 1, a hit).
  h.admit(1, 0, 2, 100);
  h.admit(2, 0, 1, 100);
  h.drain(100);
  // FR-FCFS: the hit goes first: RD at 100 (bus free at 74 - 37 = 37), data end 100 + 45 = 145.
  EXPECT_EQ(h.done[2], 145);
  // The miss then: PRE at its earliest, max(ACT 0 + 70, RD 100 + 14) = 114; ACT at
  // 114 + 27 = 141; RD at 141 + tRCD 29 = 170; data end 170 + 45 = 215.
  EXPECT_EQ(h.done[1], 215);
  // In arrival order (fcfs) the hit would have waited for the miss and then conflicted again:
  // PRE 100, ACT 127, RD 156, end 201; then PRE max(156 + 14, 127 + 70) = 197, ACT 224,
  // RD 253, end 298.
  DramChannel fcfs(lpddr4_3200_x16_2ch(), PagePolicy::open, 32);
  fcfs.access(0, 0, 0, 1, false, 0);
  EXPECT_EQ(fcfs.access(0, 0, 0, 2, false, 100).data_end, 201);
  EXPECT_EQ(fcfs.access(0, 0, 0, 1, false, 100).data_end, 298);
  const ChannelCounters& c = h.ch.counters();
  EXPECT_EQ(c.row_hits, 1u);       // burst 2
  EXPECT_EQ(c.row_misses, 1u);     // burst 0
  EXPECT_EQ(c.row_conflicts, 1u);  // burst 1
  EXPECT_EQ(c.act, 2u);
  EXPECT_EQ(c.pre, 1u);
}

TEST(DramScheduler, MissToAnotherBankIsActivatedWhileTheCurrentBankStreams) {
  Harness h(lpddr4_3200_x16_2ch());
  h.admit(0, 0, 1, 0);  // opens bank 0 row 1, data end 74 (as above)
  h.drain(0);
  // At 100: a miss to bank 1 (oldest), then four hits to bank 0 row 1.
  h.admit(10, 1, 5, 100);
  for (std::uint64_t k = 0; k < 4; ++k) h.admit(11 + k, 0, 1, 100);
  h.drain(100);
  // Cycle 100: bank 0's RD and bank 1's ACT could both issue; RD first on a tie, then the ACT
  // (tRRD from ACT 0 is long met). The hits stream every tCCD 8: RD 100, 108, 116, 124, data
  // ends 145, 153, 161, 169. The miss's RD waits for tRCD (100 + 29 = 129) and then for the bus
  // behind the last hit: max(129, 124 + 8, 169 - 37) = 132, data end 132 + 45 = 177.
  EXPECT_EQ(h.done[11], 145);
  EXPECT_EQ(h.done[12], 153);
  EXPECT_EQ(h.done[13], 161);
  EXPECT_EQ(h.done[14], 169);
  EXPECT_EQ(h.done[10], 177);
  // The bus carries data from 137 to 177 without a gap: 5 bursts x 8 cycles = 40.
  EXPECT_EQ(h.ch.counters().act, 2u);
  EXPECT_EQ(h.ch.counters().row_hits, 4u);
  // In arrival order the miss goes first (ACT 100, RD 129, end 174) and the hits follow on the
  // bus, RD 137, 145, 153, 161, ends 182 .. 206: 29 cycles later for the last one.
  DramChannel fcfs(lpddr4_3200_x16_2ch(), PagePolicy::open, 32);
  fcfs.access(0, 0, 0, 1, false, 0);
  EXPECT_EQ(fcfs.access(0, 0, 1, 5, false, 100).data_end, 174);
  Cycle last = 0;
  for (int k = 0; k < 4; ++k) last = fcfs.access(0, 0, 0, 1, false, 100).data_end;
  EXPECT_EQ(last, 206);
}

TEST(DramScheduler, BankwiseBufferAdmitsPerBank) {
  Harness h(lpddr4_3200_x16_2ch(), BufferKind::bankwise, 2);
  h.admit(0, 0, 1, 0);
  h.admit(1, 0, 1, 0);
  EXPECT_FALSE(h.bc.can_admit(0, 0, 0));  // bank 0 holds its 2
  EXPECT_TRUE(h.bc.can_admit(0, 0, 3));   // bank 3 holds none
  h.admit(2, 3, 1, 0);
  h.admit(3, 3, 1, 0);
  EXPECT_FALSE(h.bc.can_admit(0, 0, 3));
  EXPECT_EQ(h.bc.held(), 4u);
  // Cycle 0: both ACTs issue (bank 0 at 0, bank 3 at tRRD 16); nothing has left the buffer.
  EXPECT_EQ(h.bc.advance(0, [](std::uint64_t, Cycle, std::uint64_t) {}), 16);
  EXPECT_EQ(h.bc.advance(16, [](std::uint64_t, Cycle, std::uint64_t) {}), 29);  // bank 0's RD at tRCD 29
  std::size_t left = 0;
  h.bc.advance(29, [&](std::uint64_t, Cycle, std::uint64_t n) { left += n; });
  EXPECT_EQ(left, 1u);                   // a burst leaves the buffer when its RD issues
  EXPECT_TRUE(h.bc.can_admit(0, 0, 0));  // so bank 0 has room again
}

TEST(DramScheduler, SharedBufferAdmitsPerChannel) {
  Harness h(lpddr4_3200_x16_2ch(), BufferKind::shared, 2);
  h.admit(0, 0, 1, 0);
  EXPECT_TRUE(h.bc.can_admit(0, 0, 5));
  h.admit(1, 0, 1, 0);
  EXPECT_FALSE(h.bc.can_admit(0, 0, 5));  // 2 bursts held in all
  h.drain(0);
  EXPECT_TRUE(h.bc.can_admit(0, 0, 5));
}

TEST(DramRefresh, PerBankRefreshBlocksOnlyItsBank) {
  // Refresh 0 (REFpb) is due at tREFIpb = 780 and covers bank 0 for tRFCpb 224: 780 .. 1004.
  DramChannel ch(lpddr4_3200_x16_2ch(), PagePolicy::open, 32, RefreshKind::per_bank);
  // Bank 1 at 780: its ACT would issue at the due cycle, so the refresh goes first; bank 1 is
  // not covered, but the REFpb counts as an ACT 2 cycles before it (REFpb -> ACT tRRD - 2):
  // ACT 780 + 14 = 794, RD 823, data end 823 + 45 = 868.
  EXPECT_EQ(ch.access(0, 0, 1, 0, false, 780).data_end, 868);
  EXPECT_EQ(ch.counters().ref, 1u);
  // Bank 0 waits for the end of its refresh (REF -> ACT tRFCpb - 2): ACT 1002, RD 1031, data
  // end 1076.
  EXPECT_EQ(ch.access(0, 0, 0, 0, false, 780).data_end, 1076);
  // The next REFpb (due 1560) covers bank 1, which is open: PRE at 1560 (ACT 794 + 70 and RD
  // 823 + 14 are met), REF at 1560 + tRP 29 = 1589 .. 1589 + 224 = 1813 (ACT 1002 + tRRD 16 + 2
  // is met). A read of bank 1 at 1560: ACT 1813 - 2 = 1811, RD 1840, data end 1885.
  EXPECT_EQ(ch.access(0, 0, 1, 0, false, 1560).data_end, 1885);
  EXPECT_EQ(ch.counters().ref, 2u);
  // Idle time is counted arithmetically: up to cycle 100 x 780 + 1, 100 refreshes were due.
  ch.catch_up_refresh(100 * 780);
  EXPECT_EQ(ch.counters().ref, 100u);
}

TEST(DramRefresh, AllBankRefreshWaitsTrpabAfterThePrecharge) {
  const DramSpec spec = lpddr4_3200_x16_2ch();  // tRPab 34: 21 ns (JESD209-4B) / 0.625 ns = 33.6
  DramChannel ch(spec, PagePolicy::open, 32);
  ch.access(0, 0, 0, 1, false, 0);  // bank 0 row 1 open: ACT 0, RD 29
  // Refresh due at tREFI 6246: bank 0 may close then (ACT + 70, RD + 14 met): PRE 6246, REF at
  // 6246 + tRPab 34 = 6280 .. 6280 + tRFCab 448 = 6728. Bank 1 at 6246: ACT 6728 - 2 = 6726,
  // RD 6755, data end 6755 + 45 = 6800.
  EXPECT_EQ(ch.access(0, 0, 1, 0, false, 6246).data_end, 6800);
  // With tRP (29) before REF, as a memspec without tRPab: 5 cycles earlier.
  DramSpec no_rpab = spec;
  no_rpab.t.tRPab = 0;
  DramChannel pb(no_rpab, PagePolicy::open, 32);
  pb.access(0, 0, 0, 1, false, 0);
  EXPECT_EQ(pb.access(0, 0, 1, 0, false, 6246).data_end, 6795);
  EXPECT_EQ(ch.counters().ref, 1u);
  EXPECT_EQ(ch.counters().pre, 1u);
}

TEST(DramRefresh, RefreshDueGoesBeforeTheArbitersChoice) {
  // A refresh due by the arbiter's cycle is performed before it chooses (refresh has priority),
  // so it chooses on the banks as the refresh leaves them, and each burst's row result is
  // counted once. Burst 0 opens bank 0 row 1: ACT 0, RD 29. Burst 1 (bank 1 row 0) arrives at
  // 6230: ACT 6230 (a miss, counted then), RD due at 6230 + tRCD 29 = 6259, after the refresh
  // due at tREFI 6246. At 6259 the refresh goes first: bank 0 closes at the due cycle (ACT 0 +
  // 70 and RD 29 + 14 met), bank 1 at its earliest PRE, ACT 6230 + 70 = 6300; REF when every bank
  // may be activated (6300 + 27 + 2 = 6329) and tRPab after the last PRE (6300 + 34 = 6334):
  // 6334 .. 6334 + tRFCab 448 = 6782. Burst 1's row is closed now: ACT again at 6782 - 2 = 6780
  // (not counted again), RD 6780 + 29 = 6809, data end 6809 + 45 = 6854.
  Harness h(lpddr4_3200_x16_2ch());
  h.admit(0, 0, 1, 0);
  h.drain(0);
  h.admit(1, 1, 0, 6230);
  h.drain(6230);
  EXPECT_EQ(h.done[1], 6854);
  const ChannelCounters& c = h.ch.counters();
  EXPECT_EQ(c.ref, 1u);
  EXPECT_EQ(c.act, 3u);  // burst 0; burst 1 before and after the refresh
  EXPECT_EQ(c.pre, 2u);  // both banks closed for the refresh
  EXPECT_EQ(c.rd, 2u);
  // One row result per burst: two misses (chosen on the stale banks, burst 1's RD would have
  // counted a third when the refresh closed its row under it).
  EXPECT_EQ(c.row_misses, 2u);
  EXPECT_EQ(c.row_hits + c.row_misses + c.row_conflicts, c.rd + c.wr);
}

TEST(DramRefresh, PerBankRefreshEnergyUsesIdd5pb) {
  // (IDD5PB - IDD3N) x V x tRFCpb: VDD1 (2.5 - 2.25) mA x 1.8 V x 140 ns = 63 pJ; VDD2
  // (30 - 30) mA x 1.1 V x 140 ns = 0.
  const DramCommandEnergy e = compute_command_energy(lpddr4_3200_x16_2ch(), RefreshKind::per_bank);
  EXPECT_NEAR(e.ref_pj, 63.0, 1e-9);
}

TEST(DramRefresh, PerBankNeedsTheMemspecTimings) {
  DramParams p = ddr4();  // DDR4 memspec: no tRFCpb / tREFIpb
  p.refresh = RefreshKind::per_bank;
  try {
    validate(p);
    FAIL() << "no error";
  } catch (const DramParamError& e) {
    EXPECT_EQ(e.key(), "dram.*.refresh");
  }
  p = lpddr4();
  p.buffer_size = 0;
  try {
    validate(p);
    FAIL() << "no error";
  } catch (const DramParamError& e) {
    EXPECT_EQ(e.key(), "dram.*.request_buffer_size");
  }
  EXPECT_THROW(parse_name(kSchedulerNames, "frfcfs", "dram.main.scheduler"), DramParamError);
}

}  // namespace
}  // namespace sushi::dram::test
