// Serving one query stream on several accelerators (sched.processors, issue 22): the firmware pops
// a query only when an accelerator is idle, picks among the idle ones, and runs the jobs side by
// side; each query's figures come from the accelerator that served it. Each TEST is its own
// process (one SystemC simulation each).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "accel/sushi/sushi_accel.h"
#include "config/config_error.h"
#include "serving_run.h"
#include "supernet/layout.h"
#include "supernet/supernet.h"

using namespace sushi;

namespace {

// A second accelerator "twin" built like accel, its registers after the timer's. An instance
// inherits nothing from accel: the keys zcu104-accel.yaml and its timing file set to other values
// than the declared defaults are repeated here.
const std::vector<std::string> kTwin = {"accels.twin.regs_base=0xA003_0000",
                                        "accels.twin.overlap=serial",
                                        "accels.twin.timing.cycles_per_position=1.1561",
                                        "accels.twin.timing.weight_ports=3",
                                        "accels.twin.timing.weight_bandwidth=3.5065 GB/s",
                                        "sched.processors=[accel, twin]"};

std::string config_error(const std::vector<std::string>& overrides) {
  try {
    test::ServingRun r(overrides);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// serve.yaml: three queries arrive together at 1 ms; one SubNet; policy none (no PB use).
//  * query 0: both accelerators idle, the same SubNet meets everything on both and is predicted
//    to end at the same time (same cycles, same clock): the lower index, accel, takes it;
//  * query 1: popped as soon as query 0 started (twin is idle): twin, side by side with query 0;
//  * query 2: both busy, so it waits in the port until the first of the two jobs ends and runs
//    there. The two jobs are identical but share the DRAM: which ends first depends on how the
//    DRAM interleaves their streams (each accelerator issues a chunk's bursts at once), so the
//    test reads it from the run.
// Every query moved the SubNet's whole weight region (6,794,064 B, as in test_serving.cpp): the
// counters of the accelerator that served it, not of the other one.
TEST(ServingProcessors, TwoAcceleratorsServeSideBySide) {
  test::ServingRun r(kTwin);
  r.simulate();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 3u);
  for (const auto& row : q) EXPECT_EQ(row.status, QueryStatus::ok);
  EXPECT_EQ(q[0].processor, "accel");
  EXPECT_EQ(q[1].processor, "twin");
  EXPECT_LT(q[1].start_ps, q[0].end_ps);  // side by side
  const bool twin_first = q[1].end_ps < q[0].end_ps;
  EXPECT_EQ(q[2].processor, twin_first ? "twin" : "accel");
  EXPECT_GE(q[2].start_ps, std::min(q[0].end_ps, q[1].end_ps));  // waited for the first end
  EXPECT_LT(q[2].start_ps, std::max(q[0].end_ps, q[1].end_ps));  // not for the second
  auto* accel = test::ServingRun::sushi_accel("accel");
  auto* twin = test::ServingRun::sushi_accel("twin");
  ASSERT_NE(accel, nullptr);
  ASSERT_NE(twin, nullptr);
  EXPECT_EQ(accel->snapshot().jobs, twin_first ? 1u : 2u);
  EXPECT_EQ(twin->snapshot().jobs, twin_first ? 2u : 1u);
  for (const auto& row : q) EXPECT_EQ(row.dram_weight_bytes, 6794064u);
  EXPECT_EQ(accel->snapshot().dram_weight_rd_B + twin->snapshot().dram_weight_rd_B, 3u * 6794064u);
  // A query's accelerator time is its own job's.
  const accel::SushiAccel* once = twin_first ? accel : twin;
  EXPECT_EQ((twin_first ? q[0] : q[1]).accel_ps, once->snapshot().busy_ps);

  // summary.json serving.processors: each accelerator's queries, jobs and busy time.
  const std::uint64_t end_ps = sc_core::sc_time_stamp().value();
  const Json s = r.soc->serving()->processors_summary(end_ps);
  for (const auto* a : {accel, twin}) {
    const Json& p = s.at(a->basename());
    EXPECT_EQ(p.at("queries_count").get<std::uint64_t>(), a->snapshot().jobs);
    EXPECT_EQ(p.at("jobs_count").get<std::uint64_t>(), a->snapshot().jobs);
    EXPECT_DOUBLE_EQ(p.at("busy_ms").get<double>(), static_cast<double>(a->snapshot().busy_ps) * 1e-9);
    EXPECT_DOUBLE_EQ(p.at("utilisation_pct").get<double>(),
                     100.0 * static_cast<double>(a->snapshot().busy_ps) / static_cast<double>(end_ps));
    EXPECT_EQ(p.at("dram_read_B").get<std::uint64_t>(), a->snapshot().dram_weight_rd_B + a->snapshot().dram_act_rd_B);
    EXPECT_GT(p.at("energy_uJ").get<double>(), 0.0);  // its MACs, buffers, busy power
  }
}

// The same three queries with twin at a quarter of accel's clock (its other keys the declared
// defaults): its predicted service is 4 S (S: accel's; the same cycles). Query 0 goes to accel (S
// against 4 S). For query 1, accel is busy with about S left: S + S = 2 S against twin's 4 S, so
// it waits for accel instead of starting on twin; when query 0 ends both are idle and accel wins
// again. Query 2 likewise (accel's 2 S against twin's 4 S; by then both would miss the 100 ms SLO,
// and the earlier predicted end decides). All three run on accel, one after the other; twin stays
// idle.
TEST(ServingProcessors, AQueryWaitsForABusyAcceleratorPredictedToServeItSooner) {
  test::ServingRun r({"accels.twin.regs_base=0xA003_0000", "accels.twin.clock=25 MHz", "sched.processors=[accel, twin]"});
  r.simulate();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 3u);
  for (const auto& row : q) {
    EXPECT_EQ(row.status, QueryStatus::ok);
    EXPECT_EQ(row.processor, "accel");
  }
  EXPECT_GE(q[1].start_ps, q[0].end_ps);
  EXPECT_GE(q[2].start_ps, q[1].end_ps);
  auto* accel = test::ServingRun::sushi_accel("accel");
  auto* twin = test::ServingRun::sushi_accel("twin");
  ASSERT_NE(accel, nullptr);
  ASSERT_NE(twin, nullptr);
  EXPECT_EQ(accel->snapshot().jobs, 3u);
  EXPECT_EQ(twin->snapshot().jobs, 0u);
}

TEST(ServingProcessors, OneAcceleratorByDefault) {
  test::ServingRun r({"accels.twin.regs_base=0xA003_0000"});
  r.simulate();
  for (const auto& row : r.rows()) EXPECT_EQ(row.processor, "accel");
  auto* twin = test::ServingRun::sushi_accel("twin");
  ASSERT_NE(twin, nullptr);
  EXPECT_EQ(twin->snapshot().jobs, 0u);
}

TEST(ServingProcessors, BadProcessorListsAreConfigErrors) {
  const std::string unknown = config_error({"sched.processors=[accel, other]"});
  EXPECT_NE(unknown.find("sched.processors"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("no accelerator named 'other' (allowed: accel)"), std::string::npos) << unknown;
}

// An accelerator of another DPE array gets its own image and its own copy of the weights, laid out
// in its blocks: small (8 x 9) pads each layer's K to a multiple of 8, accel (16 x 9) to 16, so the
// smallest ResNet50 SubNet's weight region is 6,657,480 B on small against 6,794,064 B on accel
// (WeightLayout::region_bytes of the SubNet's region in either layout, checked below). Query 0 goes
// to accel (the faster), query 1 to small (idle; accel's remaining job plus its own predicted to
// end later), query 2 waits for accel (predicted to end first).
TEST(ServingProcessors, AnAcceleratorOfAnotherLayoutGetsItsOwnImage) {
  test::ServingRun r({"accels.small.regs_base=0xA003_0000", "accels.small.array.k_par=8", "sched.processors=[accel, small]"});
  r.simulate();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 3u);
  const supernet::Catalog& c = r.soc->serving()->catalog();
  const supernet::SuperNet& net = supernet::SuperNet::get(c.arch);
  const auto region = net.region_of(c.entries[0].subnet);
  EXPECT_EQ(supernet::WeightLayout(net, {16, 9, 1}).region_bytes(region), 6794064u);
  EXPECT_EQ(supernet::WeightLayout(net, {8, 9, 1}).region_bytes(region), 6657480u);
  const char* on[] = {"accel", "small", "accel"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(q[i].status, QueryStatus::ok);
    EXPECT_EQ(q[i].processor, on[i]);
    EXPECT_EQ(q[i].dram_weight_bytes, q[i].processor == "accel" ? 6794064u : 6657480u);
  }
  // Two copies of the weights in DRAM: each the SubNet's region in its layout.
  const auto& task = r.soc->serving()->tasks().front();
  EXPECT_EQ(task.weight_copies, 2u);
  EXPECT_EQ(task.weights_dram_B, 6794064u + 6657480u);
}

TEST(ServingProcessors, ANameTwiceIsRefused) {
  const std::string e = config_error({"sched.processors=[accel, accel]"});
  EXPECT_NE(e.find("names 'accel' twice"), std::string::npos) << e;
}
