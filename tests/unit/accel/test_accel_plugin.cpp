// The accelerator plug-in point (models/accel/accelerator.h, platform/soc/accel_factory.h): the
// registry builds the kind accel.kind names, and the counter snapshot per-query figures read
// carries the job's traffic.
#include <gtest/gtest.h>

#include <string>

#include <systemc>

#include "accel/sushi/sushi_accel.h"
#include "config/accel_config.h"
#include "config/config_error.h"
#include "config/energy_table_loader.h"
#include "soc/accel_testbed.h"
#include "soc/layer_job.h"
#include "test_paths.h"

namespace sushi {
namespace {

std::string fixture() { return (test::source_dir() / "tests/unit/accel/fixtures/accel-layer.yaml").string(); }

config::Config load(const std::vector<std::string>& overrides = {}) {
  return config::Config::load(fixture(), overrides, config::platform_schema_with_accel());
}

TEST(AccelPlugin, UnknownKindNamesTheKeyAndTheKinds) {
  try {
    load({"accel.kind=tpu"});
    FAIL() << "no error";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("accel.kind"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sushi"), std::string::npos) << e.what();
  }
}

// One 3x3 conv, K = C = 64, 56x56, PB empty, on the ZCU104 preset (the layer of
// AccelCli.ConvLayerEmptyPb): weights 4 K-tiles x 8 C-tiles x 9 taps x 144 B = 41,472 B from
// DRAM; the 64 x 56 x 56 = 200,704 B input fits the 512 KiB input buffer and is read once; the
// 200,704 B output is written once (a K-tile's partial sums, 16 x 3,136 x 4 B = 200,704 B, fit
// the output buffer: no spill). The descriptor and PB map fetches are control traffic, outside
// the snapshot's activation bytes.
TEST(AccelPlugin, DefaultKindIsSushiAndItsSnapshotIsTheJobsTraffic) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const config::Config cfg = load();
  const EnergyTable table = config::load_energy_tables(cfg.paths("energy.tables"), cfg.loc("energy.tables"), "energy.tables");
  EnergyLedger ledger;
  AccelTestbed tb("tb", cfg, table, ledger);
  accel::Accelerator& a = tb.accelerator();
  ASSERT_NE(dynamic_cast<accel::SushiAccel*>(&a), nullptr);  // accel.kind defaults to sushi
  EXPECT_EQ(a.register_block_bytes(), SUSHI_REG_BLOCK_SIZE);
  EXPECT_EQ(a.dma_socket_count(), 1u);

  const accel::AccelParams& p = tb.accel().params();
  std::optional<sushi_layer_desc> d = layer_descriptor(LayerShape{"conv", 64, 64, 56, 3, 1}, p);
  ASSERT_TRUE(d);
  const std::optional<LayerJobLayout> at = place_layer(*d, p, tb.memories().front());
  ASSERT_TRUE(at);
  const accel::AccelSnapshot before = a.snapshot();
  tb.script = [&](AccelTestbed& t) {
    t.write_reg(SUSHI_REG_IRQ_ENABLE, SUSHI_IRQ_JOB_DONE | SUSHI_IRQ_ERROR);
    run_layer_job(t, *d, *at);
  };
  sc_core::sc_start();

  EXPECT_EQ(before.jobs, 0u);
  const accel::AccelSnapshot s = a.snapshot();
  const accel::AccelCounters& c = tb.accel().counters();
  EXPECT_EQ(s.jobs, 1u);
  EXPECT_EQ(s.errors, 0u);
  EXPECT_EQ(s.dram_weight_rd_B, 41472u);
  EXPECT_EQ(s.dram_act_rd_B, 200704u);
  EXPECT_EQ(s.dram_wr_B, 200704u);
  EXPECT_EQ(s.pb_rd_B, 0u);
  EXPECT_EQ(s.pb_loads, 0u);
  EXPECT_EQ(s.pb_load_B, 0u);
  // Busy time is the job's: from the START's effect to its end.
  EXPECT_EQ(s.busy_ps, tb.accel().last_end_ps() - tb.accel().last_start_ps());
  EXPECT_EQ(s.busy_ps, c.busy_ps);
  EXPECT_EQ(s.dma_bursts, tb.accel().dma_bursts());
  EXPECT_GT(s.dma_bursts, 0u);
}

}  // namespace
}  // namespace sushi
