// FR-FCFS through TLM: a traffic generator replays a trace with two requests in flight, the
// controller buffers them and serves the row hit first (the exact case of
// DramScheduler.RowHitOvertakesAnOlderMissToTheSameBank, now through b_transport and the kernel).
#include <gtest/gtest.h>

#include "dram_test_util.h"
#include "periph/traffic_generator.h"

namespace sushi::dram::test {
namespace {

Json stats(const StatsProvider& p) {
  Json j;
  p.report_stats(j);
  return j;
}

// The LPDDR4 test channel under fr_fcfs and a generator's parameters for it: 32 B requests (one
// burst) anywhere in the device.
struct Lpddr4Replay {
  EnergyLedger ledger;
  DramController dram;
  TrafficGeneratorParams g;
  Lpddr4Replay() : dram("dram", with_fr_fcfs(lpddr4()), ledger) {
    g.region_size = dram.capacity();
    g.transaction_bytes = 32;
  }
};

TEST(DramReplay, RowHitOvertakesAnOlderMissThroughTlm) {
  Lpddr4Replay r;
  DramController& dram = r.dram;
  TrafficGeneratorParams& g = r.g;
  g.outstanding = 2;
  // Cycle 0: bank 0 row 1; cycle 100 (62.5 ns): bank 0 row 2, then bank 0 row 1 (one burst each).
  g.trace = std::make_shared<const std::vector<TraceRequest>>(std::vector<TraceRequest>{
      {0, lp_addr(0, 0, 1), 32, false}, {62500, lp_addr(0, 0, 2), 32, false}, {62500, lp_addr(0, 0, 1), 32, false}});
  TrafficGenerator gen("gen", g);
  gen.socket.bind(dram.socket);
  sc_core::sc_start();
  // Request 0: ACT 0, RD 29, data end 29 + 37 + 8 = 74 = 46.25 ns. At cycle 100 the hit goes
  // first: RD 100, end 145 (latency 45 cycles = 28.125 ns); the older miss: PRE max(ACT 0 + 70,
  // RD 100 + 14) = 114, ACT 114 + 27 = 141, RD 170, end 215 (latency 115 cycles = 71.875 ns),
  // the last event of the run: 215 x 625 ps = 134.375 ns.
  EXPECT_TRUE(gen.done());
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_core::sc_time(134375, sc_core::SC_PS));
  const Json s = stats(gen);
  EXPECT_DOUBLE_EQ(s["latency_max_ns"].get<double>(), 71.875);
  EXPECT_DOUBLE_EQ(s["latency_min_ns"].get<double>(), 28.125);
  const Json d = stats(dram);
  EXPECT_EQ(d["row_hits_count"], 1);
  EXPECT_EQ(d["row_misses_count"], 1);
  EXPECT_EQ(d["row_conflicts_count"], 1);
  EXPECT_EQ(d["scheduler"], "fr_fcfs");
  EXPECT_EQ(d["bytes_read_B"], 96);
}

TEST(DramReplay, OneAtATimeLatencyCountsTheControllersWait) {
  // One request in flight: the generator runs with a quantum keeper and annotates each request's
  // issue as a local time. The fr_fcfs controller holds the call until the data end, so the kernel's
  // time moves during b_transport; the latency is (kernel time + delay at the return) - issue.
  // (It was delay - local time before the call: 0 here, and wrapped below zero with an interval.)
  Lpddr4Replay r;
  DramController& dram = r.dram;
  TrafficGeneratorParams& g = r.g;
  g.transactions = 2;
  g.outstanding = 1;
  g.pattern = TrafficGeneratorParams::Pattern::sequential;
  g.read_fraction = 1.0;
  g.interval_ps = 10000;
  TrafficGenerator gen("gen", g);
  gen.socket.bind(dram.socket);
  sc_core::sc_start();
  // Request 0 (lp_addr(0, 0, 0, 0)) at cycle 0 to a closed bank: ACT 0, RD 29, data end
  // 29 + 37 + 8 = 74 cycles = 46.25 ns. Request 1 (lp_addr(0, 0, 0, 1), the next burst of the
  // row) is issued 10 ns after that answer: 56.25 ns = cycle 90, a row hit: RD 90, data end
  // 90 + 45 = 135 cycles, latency 45 cycles = 28.125 ns.
  EXPECT_TRUE(gen.done());
  const Json s = stats(gen);
  EXPECT_DOUBLE_EQ(s["latency_max_ns"].get<double>(), 46.25);
  EXPECT_DOUBLE_EQ(s["latency_min_ns"].get<double>(), 28.125);
  const Json d = stats(dram);
  EXPECT_EQ(d["row_hits_count"], 1);
  EXPECT_EQ(d["row_misses_count"], 1);
}

TEST(DramReplay, OutstandingRequestsOverlapInTheController) {
  // 8 random 64 B reads: one at a time vs eight in flight (fr_fcfs, DDR4): in flight, the
  // controller overlaps their row commands, so the run ends sooner; each read is served once.
  auto run_with = [](std::uint32_t outstanding) {
    EnergyLedger ledger;
    DramParams p = ddr4();
    p.scheduler = SchedulerKind::fr_fcfs;
    DramController dram("dram", p, ledger);
    TrafficGeneratorParams g;
    g.region_size = 1u << 30;
    g.transaction_bytes = 64;
    g.transactions = 8;
    g.pattern = TrafficGeneratorParams::Pattern::random;
    g.outstanding = outstanding;
    TrafficGenerator gen("gen", g);
    gen.socket.bind(dram.socket);
    sc_core::sc_start();
    EXPECT_EQ(dram.channel(0).counters().rd, 8u);
    return sc_core::sc_time_stamp();
  };
  const sc_core::sc_time t8 = run_with(8);
  // One at a time each read costs at least ACT -> data end = tRCD 16 + CL 16 + 4 = 36 cycles
  // (30 ns): 8 of them take at least 240 ns. Eight in flight finish well before.
  EXPECT_LT(t8, sc_core::sc_time(240, sc_core::SC_NS));
}

}  // namespace
}  // namespace sushi::dram::test
