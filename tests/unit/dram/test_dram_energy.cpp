// DRAMPower-style energy: per-command energies from the memspec currents, counted into the
// EnergyLedger; background from active / precharged standby time; I/O apart.
#include <gtest/gtest.h>

#include <cstdio>

#include "dram_test_util.h"

namespace sushi::dram::test {
namespace {

TEST(DramEnergy, CommandEnergiesFollowTheDrampowerEquations) {
  const DramCommandEnergy e = compute_command_energy(ddr4_2400_x64());
  const double tck = 1e12 / 1.2e9;  // 833.33 ps
  // Per device, x 8 devices. VDD 1.2 V: IDD0 60.75, IDD2N 38.25, IDD3N 44, IDD4R 184.5,
  // IDD4W 168.75, IDD5B 118 mA; VPP 2.5 V: IPP0 4.05 mA, others 0.
  // E_RD = (184.5 - 44) mA x 1.2 V x 4 x 0.8333 ns x 8 = 4496 pJ (8.78 pJ/bit over 512 bits).
  EXPECT_NEAR(e.rd_pj, 0.1405 * 1.2 * 4 * tck * 8, 1e-6);
  EXPECT_NEAR(e.rd_pj / 512, 8.78, 0.01);
  // E_ACT = [(60.75 - 44) mA x 1.2 V + 4.05 mA x 2.5 V] x tRAS 39 x 0.8333 ns x 8 = 7858 pJ.
  EXPECT_NEAR(e.act_pj, (0.01675 * 1.2 + 0.00405 * 2.5) * 39 * tck * 8, 1e-6);
  // E_PRE = [(60.75 - 38.25) mA x 1.2 V + 4.05 mA x 2.5 V] x tRP 16 x 0.8333 ns x 8 = 3960 pJ.
  EXPECT_NEAR(e.pre_pj, (0.0225 * 1.2 + 0.00405 * 2.5) * 16 * tck * 8, 1e-6);
  // ACT + PRE per device: VDD 1.013 nJ + VPP 0.464 nJ (docs/energy-numbers: "1.0 nJ + 0.46 nJ").
  EXPECT_NEAR((e.act_pj + e.pre_pj) / 8, 1013.25 * tck / 1000 * 1.2 + 4.05 * 55 * tck / 1000 * 2.5, 1e-6);
  // E_REF = (118 - 44) mA x 1.2 V x tRFC 312 x 0.8333 ns x 8 = 184704 pJ.
  EXPECT_NEAR(e.ref_pj, 0.074 * 1.2 * 312 * tck * 8, 1e-6);
  // Background: IDD3N x VDD x 8 = 0.4224 W; IDD2N x VDD x 8 = 0.3672 W.
  EXPECT_NEAR(e.active_standby_w, 0.044 * 1.2 * 8, 1e-12);
  EXPECT_NEAR(e.precharged_standby_w, 0.03825 * 1.2 * 8, 1e-12);
  EXPECT_NEAR(e.io_rd_pj_per_byte, 3.66 * 8, 1e-12);
}

TEST(DramEnergy, LedgerCountsCommandsAndIsNeverNegative) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  const double e0 = dram.energy().total_pj();
  EXPECT_EQ(e0, 0.0);
  dram.access_ps(lp_addr(0, 0, 0), 32, false, 0);
  dram.settle();  // standby time up to the last data transfer (no kernel time here)
  const DramEnergyBreakdown e1 = dram.energy();
  // One ACT, one RD, 74 cycles of background (ACT 0, RD 29, data end 29 + 37 + 8), no PRE yet.
  const DramCommandEnergy c = compute_command_energy(dram.params().spec);
  EXPECT_NEAR(e1.act_pj, c.act_pj, 1e-9);
  EXPECT_NEAR(e1.rd_pj, c.rd_pj, 1e-9);
  EXPECT_EQ(e1.pre_pj, 0.0);
  EXPECT_NEAR(e1.io_pj, 32 * 8 * 3.21, 1e-9);
  for (double v : {e1.act_pj, e1.pre_pj, e1.rd_pj, e1.wr_pj, e1.ref_pj, e1.bg_active_pj, e1.bg_precharged_pj, e1.io_pj}) {
    EXPECT_GE(v, 0.0);
  }
  // The bank is open from ACT (cycle 0) to the end (74): 74 x 625 ps active on channel 0.
  EXPECT_EQ(dram.channel(0).active_ps(), 74u * 625);
  EXPECT_NEAR(e1.bg_active_pj, 74 * 625 * c.active_standby_w, 1e-6);
  dram.access_ps(lp_addr(0, 0, 1), 32, true, 100000);
  dram.settle();
  const DramEnergyBreakdown e2 = dram.energy();
  EXPECT_GT(e2.total_pj(), e1.total_pj());  // more activity, more energy
  EXPECT_GT(e2.pre_pj, 0.0);
  EXPECT_GT(e2.wr_pj, 0.0);
  // Every pJ is in the ledger, category dram (sums in another order: equal to 1e-12 relative).
  EXPECT_NEAR(ledger.total_pj(), e2.total_pj(), 1e-12 * e2.total_pj());
  EXPECT_NEAR(ledger.energy_by_category_pj()[int(EnergyCategory::dram)], e2.total_pj(), 1e-12 * e2.total_pj());
}

TEST(DramEnergy, SequentialReadEnergyPerBitMatchesTheSpec) {
  EnergyLedger ledger;
  DramController dram("dram", ddr4(), ledger);
  const std::uint64_t bytes = 64ull << 20;
  for (std::uint64_t a = 0; a < bytes; a += 4096) dram.access_ps(a, 4096, false, 0);
  dram.settle();
  const DramEnergyBreakdown e = dram.energy();
  const double bits = 8.0 * double(bytes);
  std::printf("DDR4 sequential read: core %.3f pJ/bit (rd %.3f, bg %.3f, act+pre %.3f, ref %.3f), io %.3f, total %.3f\n",
              e.core_pj() / bits, e.rd_pj / bits, (e.bg_active_pj + e.bg_precharged_pj) / bits,
              (e.act_pj + e.pre_pj) / bits, e.ref_pj / bits, e.io_pj / bits, e.total_pj() / bits);
  // Expected per bit, DDR4-2400 x64 (8 devices), 64 B bursts:
  //  RD: (184.5 - 44) mA x 1.2 V x 3.333 ns x 8 / 512 bit             = 8.78 pJ/bit
  //  active standby while streaming at efficiency u (0.85 .. 1):
  //      44 mA x 1.2 V x 8 = 0.4224 W x 3.333 ns per 512 bit / u       = 2.75 .. 3.24 pJ/bit
  //  ACT + PRE once per 8 KiB row: 11.82 nJ / 65536 bit                 = 0.18 pJ/bit
  //  REF: 184.7 nJ per 7.8 us; at 19.2 GB/s x u that is 1.20 Mbit x u  = 0.154 .. 0.181 pJ/bit
  //  (plus the rows re-opened after each refresh: 4 x 11.82 nJ / 1.2 Mbit = 0.04 pJ/bit)
  //  core total: 11.71 .. 12.43 pJ/bit; I/O 3.66 pJ/bit -> total 15.37 .. 16.09 pJ/bit.
  EXPECT_GE(e.core_pj() / bits, 11.71);
  EXPECT_LE(e.core_pj() / bits, 12.43);
  EXPECT_NEAR(e.io_pj / bits, 3.66, 1e-9);
  EXPECT_GE(e.total_pj() / bits, 15.37);
  EXPECT_LE(e.total_pj() / bits, 16.09);
}

TEST(DramEnergy, IdleTimeIsPrechargedStandbyPlusRefresh) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(PagePolicy::closed), ledger);
  dram.access_ps(lp_addr(0, 0, 0), 32, false, 0);
  // Then idle until 1000 x tREFI: the row was closed at cycle 70 (LPDDR4 ACT -> PRE tRAS 68 + 2);
  // 1000 refreshes of 448 cycles count as active time (IDD3N base, DRAMPower), the rest is precharged standby.
  const std::uint64_t t = 1000ull * 6246 * 625 + 100 * 625;
  dram.access_ps(lp_addr(0, 0, 0), 32, false, t);
  EXPECT_EQ(dram.channel(0).counters().ref, 1000u);
  // Settled up to the second arrival (cycle 1000 x 6246 + 100), which falls 100 cycles into
  // the 1000th refresh: active = [0, 70) + 999 x 448 + 100 cycles.
  EXPECT_EQ(dram.channel(0).active_ps(), (70u + 999u * 448 + 100) * 625);
  EXPECT_EQ(dram.channel(0).active_ps() + dram.channel(0).precharged_ps(), t);
}

TEST(DramEnergy, ARefreshCaughtUpAtAReadingIsTheOneARequestWouldPerform) {
  // Two channels see the same requests; one is also read (refresh caught up, standby settled)
  // at cycle t, as a power window or a query boundary does, before the second request arrives
  // at t. Refreshes are due every tREFI (6246 cycles) whatever the traffic, so the reading
  // performs the 1000 refreshes due by t; the request then finds the same bank state and ends at
  // the same cycle, and every count and background time is the same as on the lazy channel.
  const DramParams p = lpddr4(PagePolicy::closed);
  DramChannel lazy(p.spec, p.page_policy, p.queue_depth), eager(p.spec, p.page_policy, p.queue_depth);
  EXPECT_EQ(lazy.access(0, 0, 0, 0, false, 0).data_end, eager.access(0, 0, 0, 0, false, 0).data_end);
  const Cycle t = 1000 * 6246 + 100;
  eager.catch_up_refresh(t);
  eager.settle_to(t, 1000ull * 6246 * 625 + 100 * 625 + 300);  // mid-cycle: 300 ps into cycle t
  EXPECT_EQ(eager.counters().ref, 1000u);
  EXPECT_EQ(lazy.counters().ref, 0u);
  EXPECT_EQ(eager.active_ps() + eager.precharged_ps(), (1000ull * 6246 + 100) * 625 + 300);
  const Cycle end_lazy = lazy.access(0, 0, 0, 1, false, t).data_end;
  const Cycle end_eager = eager.access(0, 0, 0, 1, false, t).data_end;
  EXPECT_EQ(end_lazy, end_eager);
  for (DramChannel* c : {&lazy, &eager}) c->settle(t + 2000);
  EXPECT_EQ(lazy.counters().ref, eager.counters().ref);
  EXPECT_EQ(lazy.counters().act, eager.counters().act);
  EXPECT_EQ(lazy.counters().pre, eager.counters().pre);
  EXPECT_EQ(lazy.active_ps(), eager.active_ps());
  EXPECT_EQ(lazy.precharged_ps(), eager.precharged_ps());
}

}  // namespace
}  // namespace sushi::dram::test
