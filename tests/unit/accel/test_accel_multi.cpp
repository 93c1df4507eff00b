// Several accelerators in one SoC (issue 22 point 2), built by the one SoC assembly from the
// accels.<name> keys: each its own shape, interrupt line and registers, on the shared NoC and
// memory. The accelerator testbed drives each on its own registers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

config::Config load(const std::vector<std::string>& overrides) {
  return config::Config::load(fixture(), overrides, config::platform_schema_with_accel());
}

// A second accelerator "small" beside `accel` (the ZCU104 preset: 16 x 9 DPE array, 100 MHz,
// 2.25 MiB PB): an 8 x 4 array at 200 MHz with a 1 MiB PB of 32 B words. Its other keys take
// their declared defaults (an instance inherits nothing from accel).
const std::vector<std::string> kSmall = {"accels.small.array.k_par=8", "accels.small.array.c_par=4",
                                         "accels.small.clock=200 MHz", "accels.small.pb.size=1 MiB",
                                         "accels.small.pb.word=32 B"};

TEST(AccelMulti, AnInstanceKeyErrorNamesTheInstance) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  std::vector<std::string> o = kSmall;
  o.push_back("accels.small.pb.size=1000 B");  // not a whole number of KiB (the CAPS0 register's unit)
  const config::Config cfg = load(o);
  const EnergyTable table = config::load_energy_tables(cfg.paths("energy.tables"), cfg.loc("energy.tables"), "energy.tables");
  EnergyLedger ledger;
  try {
    AccelTestbed tb("tb_err", cfg, table, ledger);
    FAIL() << "no error";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("accels.small.pb.size"), std::string::npos) << e.what();
  }
}

// One 3x3 conv, K = C = 64, 56x56, PB empty, on each accelerator. Its weights as laid out for
// each array (layer_descriptor's weight_bytes, the bytes the model image would hold):
//   accel (16 x 9): 4 K-tiles x 8 C-tiles (64 in 9s, padded to 72) x 9 taps x 16 x 9 B = 41,472 B;
//   small (8 x 4):  8 K-tiles x 16 C-tiles (64 in 4s)              x 9 taps x  8 x 4 B = 36,864 B.
// Input 64 x 56 x 56 = 200,704 B fits either input buffer (512 KiB) and is read once; the
// 200,704 B output is written once (a K-tile's partial sums, at most 16 x 3,136 x 4 B =
// 200,704 B, fit the 1 MiB output buffer). accel runs the job twice, small once, each on its own
// registers: the counts and bytes are per accelerator.
TEST(AccelMulti, TwoShapesEachDrivenOnItsOwnRegisters) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const config::Config cfg = load(kSmall);
  const EnergyTable table = config::load_energy_tables(cfg.paths("energy.tables"), cfg.loc("energy.tables"), "energy.tables");
  EnergyLedger ledger;
  AccelTestbed tb("tb", cfg, table, ledger);
  ASSERT_EQ(tb.accelerator_count(), 2u);
  accel::SushiAccel& big = tb.accel(0);
  accel::SushiAccel& small = tb.accel(1);
  EXPECT_EQ(std::string(small.basename()), "small");
  EXPECT_EQ(big.params().k_par, 16u);
  EXPECT_EQ(big.params().c_par, 9u);
  EXPECT_EQ(small.params().k_par, 8u);
  EXPECT_EQ(small.params().c_par, 4u);
  EXPECT_EQ(small.params().clock_period_ps, 5000u);  // 200 MHz
  EXPECT_EQ(small.params().pb.bytes, 1u << 20);

  const LayerShape shape{"conv", 64, 64, 56, 3, 1};
  std::optional<sushi_layer_desc> db = layer_descriptor(shape, big.params());
  std::optional<sushi_layer_desc> ds = layer_descriptor(shape, small.params());
  ASSERT_TRUE(db && ds);
  EXPECT_EQ(db->weight_bytes, 41472u);
  EXPECT_EQ(ds->weight_bytes, 36864u);
  const std::optional<LayerJobLayout> ab = place_layer(*db, big.params(), tb.memories().front());
  const std::optional<LayerJobLayout> as = place_layer(*ds, small.params(), tb.memories().front());
  ASSERT_TRUE(ab && as);
  std::vector<std::uint32_t> status;
  tb.script = [&](AccelTestbed& t) {
    auto job = [&](std::size_t i, const sushi_layer_desc& d, const LayerJobLayout& at) {
      t.drive(i);
      t.write_reg(SUSHI_REG_IRQ_ENABLE, SUSHI_IRQ_JOB_DONE | SUSHI_IRQ_ERROR);
      run_layer_job(t, d, at);
      status.push_back(t.read_reg(SUSHI_REG_STATUS));
      t.write_reg(SUSHI_REG_IRQ_STATUS, SUSHI_IRQ_JOB_DONE);
    };
    job(0, *db, *ab);
    job(1, *ds, *as);
    job(0, *db, *ab);
  };
  sc_core::sc_start();

  ASSERT_EQ(status.size(), 3u);
  for (std::uint32_t s : status) EXPECT_EQ(s, SUSHI_STATUS_DONE);
  const accel::AccelSnapshot b = big.snapshot();
  const accel::AccelSnapshot s = small.snapshot();
  EXPECT_EQ(b.jobs, 2u);
  EXPECT_EQ(s.jobs, 1u);
  EXPECT_EQ(b.errors + s.errors, 0u);
  EXPECT_EQ(b.dram_weight_rd_B, 2u * 41472u);
  EXPECT_EQ(s.dram_weight_rd_B, 36864u);
  EXPECT_EQ(b.dram_act_rd_B, 2u * 200704u);
  EXPECT_EQ(s.dram_act_rd_B, 200704u);
  EXPECT_EQ(b.dram_wr_B, 2u * 200704u);
  EXPECT_EQ(s.dram_wr_B, 200704u);
}

}  // namespace
}  // namespace sushi
