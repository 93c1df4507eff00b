// Query serving end to end: the firmware on the host CPU, the query port, the accelerator,
// the NoC and DDR4, built from a config as `sushi-vp run` builds them.
#include <gtest/gtest.h>

#include <cstring>

#include "accel/sushi/sushi_accel.h"
#include "config/config.h"
#include "config/energy_table_loader.h"
#include "config/platform_schema.h"
#include "dram/dram_controller.h"
#include "soc/soc.h"
#include "sushi/accel_regs.h"
#include "sushi/fw_faults.h"
#include "sushi/model_image.h"
#include "serving_run.h"
#include "test_paths.h"

using namespace sushi;

namespace {

using test::ServingRun;

constexpr std::uint64_t kMs = 1'000'000'000ull;  // ps

}  // namespace

TEST(Serving, QueriesArrivingWhileBusyWaitForTheAccelerator) {
  ServingRun r({});  // three queries at t = 1 ms, one SubNet
  r.simulate();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 3u);
  for (const auto& row : q) {
    EXPECT_EQ(row.status, QueryStatus::ok);
    EXPECT_EQ(row.subnet, 0);
    EXPECT_EQ(row.arrival_ps, 1 * kMs);
  }
  // The firmware serves one query at a time: a query popped while the accelerator is busy
  // starts only after the previous completion, plus the firmware's fixed path between a
  // completion and the next pop (CPL_COMMIT write, STATUS read, 7 request-register reads, POP
  // write, all MMIO over the crossbar). That gap G is the same for every back-to-back pair.
  const std::uint64_t g1 = q[1].start_ps - q[0].end_ps;
  const std::uint64_t g2 = q[2].start_ps - q[1].end_ps;
  EXPECT_EQ(g1, g2);
  EXPECT_GT(g1, 0u);
  EXPECT_LT(g1, 10'000'000u);  // a handful of register accesses: well under 10 us
  // latency = wait + service, with wait = (end of the previous query - arrival) + G
  for (int i = 1; i < 3; ++i) {
    const std::uint64_t wait = (q[i - 1].end_ps - q[i].arrival_ps) + g1;
    const std::uint64_t service = q[i].end_ps - q[i].start_ps;
    EXPECT_EQ(q[i].latency_ps(), wait + service) << i;
    EXPECT_GT(q[i].latency_ps(), q[i - 1].latency_ps()) << i;
  }
  // Each query moved the SubNet's whole weight region from DRAM (nothing cached: policy none):
  // the min SubNet's region is 6,794,064 B in whole 16 x 9 blocks (docs/supernet.md).
  EXPECT_EQ(q[0].dram_weight_bytes, q[1].dram_weight_bytes);
  EXPECT_GT(q[0].dram_weight_bytes, 6'515'464u);  // at least the exact int8 weights
  EXPECT_GT(q[0].energy.of(EnergyCategory::dram), 0.0);
  EXPECT_GT(q[0].energy.of(EnergyCategory::compute), 0.0);
}

TEST(Serving, FifoOverflowCountsDroppedQueries) {
  ServingRun r({"workload.trace.file=tests/unit/serving/fixtures/ten-at-once.csv", "query_port.fifo_depth=2"});
  r.simulate();
  std::uint64_t dropped = 0, ok = 0;
  for (const auto& row : r.rows()) {
    if (row.status == QueryStatus::dropped) ++dropped;
    if (row.status == QueryStatus::ok) ++ok;
  }
  // Ten queries arrive at once into a FIFO of 2: the 8 that find it full are dropped (the CPU
  // wakes only after all ten arrivals of that instant), the 2 queued ones are served.
  EXPECT_EQ(dropped, 8u);
  EXPECT_EQ(ok, 2u);
  const Json s = r.soc->serving()->query_log().summary(0);
  EXPECT_EQ(s["dropped_count"].get<std::uint64_t>(), 8u);
  EXPECT_DOUBLE_EQ(s["slo_attainment_pct"].get<double>(), 20.0);  // 2 met of 10 arrived
}

TEST(Serving, CorruptedModelImageIsAFirmwareFault) {
  ServingRun r({});
  // Flip one byte of the catalog section: the image's CRC-32 no longer matches.
  std::uint8_t b = 0;
  r.dram().memory().read(r.image_offset() + 200, &b, 1);
  b ^= 0x5A;
  r.dram().memory().write(r.image_offset() + 200, &b, 1);
  r.simulate();
  const FirmwareFault* f = r.soc->serving()->fault();
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->raised);
  EXPECT_EQ(f->code, SUSHI_FAULT_IMAGE_CRC);
  EXPECT_NE(f->message.find("CRC-32"), std::string::npos) << f->message;
  for (const auto& row : r.rows()) EXPECT_EQ(row.status, QueryStatus::not_served);
}

TEST(Serving, WrongMagicIsReportedAsSuch) {
  ServingRun r({});
  const std::uint32_t bad = 0xDEADBEEF;
  r.dram().memory().write(r.image_offset(), reinterpret_cast<const std::uint8_t*>(&bad), 4);
  r.simulate();
  ASSERT_TRUE(r.soc->serving()->fault()->raised);
  EXPECT_EQ(r.soc->serving()->fault()->code, SUSHI_FAULT_IMAGE_MAGIC);
}

namespace {
// Corrupts the op of SubNet 0's first descriptor between `from` and `to` (after the firmware
// validated the image at boot), so exactly the job started in that window fails.
struct DescriptorSaboteur : sc_core::sc_module {
  ServingRun& run;
  std::uint64_t desc_offset = 0;
  SC_HAS_PROCESS(DescriptorSaboteur);
  DescriptorSaboteur(sc_core::sc_module_name n, ServingRun& r) : sc_module(n), run(r) { SC_THREAD(act); }
  void act() {
    sushi_img_header h{};
    run.dram().memory().read(run.image_offset(), reinterpret_cast<std::uint8_t*>(&h), sizeof h);
    std::vector<sushi_img_section> sec(h.section_count);
    run.dram().memory().read(run.image_offset() + h.section_table_offset, reinterpret_cast<std::uint8_t*>(sec.data()),
                             sec.size() * sizeof(sushi_img_section));
    for (const auto& s : sec) {
      if (s.type == SUSHI_IMG_SEC_DESCRIPTORS) desc_offset = run.image_offset() + s.offset;  // SubNet 0 first
    }
    std::uint8_t op = 0;
    run.dram().memory().read(desc_offset, &op, 1);
    wait(sc_core::sc_time(500, sc_core::SC_US));  // after boot, before the first arrival (1 ms)
    const std::uint8_t bad = 0xEE;
    run.dram().memory().write(desc_offset, &bad, 1);
    wait(sc_core::sc_time(100, sc_core::SC_MS));  // the first job has failed by then
    run.dram().memory().write(desc_offset, &op, 1);
  }
};
}  // namespace

TEST(Serving, AcceleratorErrorIsRecordedAndTheNextQueryIsServed) {
  ServingRun r({"workload.trace.file=tests/unit/serving/fixtures/two-apart.csv"});
  DescriptorSaboteur s("saboteur", r);
  r.simulate();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].status, QueryStatus::accel_error);  // bad descriptor: ERR_BAD_DESCRIPTOR
  EXPECT_EQ(q[1].status, QueryStatus::ok);           // arrives at 200 ms, served normally
  EXPECT_FALSE(r.soc->serving()->fault()->raised);
  EXPECT_EQ(r.soc->serving()->accel()->snapshot().errors, 1u);
}
