// Memspec YAML files: the shipped ones load into the same values the model has built in, and
// malformed ones are ConfigErrors naming file, line and key.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "config/memspec_loader.h"
#include "dram_test_util.h"
#include "test_paths.h"

namespace sushi::dram::test {
namespace {

using sushi::config::ConfigError;

void expect_same(const DramSpec& a, const DramSpec& b) {
  EXPECT_EQ(a.clock_hz, b.clock_hz);
  EXPECT_EQ(a.org.channels, b.org.channels);
  EXPECT_EQ(a.org.ranks, b.org.ranks);
  EXPECT_EQ(a.org.bank_groups, b.org.bank_groups);
  EXPECT_EQ(a.org.banks_per_group, b.org.banks_per_group);
  EXPECT_EQ(a.org.rows, b.org.rows);
  EXPECT_EQ(a.org.columns, b.org.columns);
  EXPECT_EQ(a.org.device_width, b.org.device_width);
  EXPECT_EQ(a.org.devices_per_rank, b.org.devices_per_rank);
  EXPECT_EQ(a.org.burst_length, b.org.burst_length);
  const auto& x = a.t;
  const auto& y = b.t;
  for (auto [u, v] : {std::pair{x.RL, y.RL}, {x.WL, y.WL}, {x.tRCD, y.tRCD}, {x.tRP, y.tRP}, {x.tRAS, y.tRAS},
                      {x.tRC, y.tRC}, {x.tCCD_S, y.tCCD_S}, {x.tCCD_L, y.tCCD_L}, {x.tRRD_S, y.tRRD_S},
                      {x.tRRD_L, y.tRRD_L}, {x.tFAW, y.tFAW}, {x.tWR, y.tWR}, {x.tWTR_S, y.tWTR_S},
                      {x.tWTR_L, y.tWTR_L}, {x.tRTP, y.tRTP}, {x.tRFC, y.tRFC}, {x.tREFI, y.tREFI},
                      {x.tRTRS, y.tRTRS}, {x.tWPRE, y.tWPRE}, {x.tRPRE, y.tRPRE},
                      {x.tRPST, y.tRPST}, {x.tRPab, y.tRPab}, {x.tRFCpb, y.tRFCpb}, {x.tREFIpb, y.tREFIpb},
                      {x.tDQSCK, y.tDQSCK}, {x.tDQSS, y.tDQSS}, {x.tDQS2DQ, y.tDQS2DQ}}) {
    EXPECT_EQ(u, v);
  }
  ASSERT_EQ(a.power.rails.size(), b.power.rails.size());
  for (std::size_t i = 0; i < a.power.rails.size(); ++i) {
    const auto& p = a.power.rails[i];
    const auto& q = b.power.rails[i];
    EXPECT_EQ(p.name, q.name);
    EXPECT_NEAR(p.voltage_v, q.voltage_v, 1e-12);
    EXPECT_NEAR(p.idd0_a, q.idd0_a, 1e-12);
    EXPECT_NEAR(p.idd2n_a, q.idd2n_a, 1e-12);
    EXPECT_NEAR(p.idd3n_a, q.idd3n_a, 1e-12);
    EXPECT_NEAR(p.idd4r_a, q.idd4r_a, 1e-12);
    EXPECT_NEAR(p.idd4w_a, q.idd4w_a, 1e-12);
    EXPECT_NEAR(p.idd5_a, q.idd5_a, 1e-12);
  }
  EXPECT_NEAR(a.power.io_read_pj_per_bit, b.power.io_read_pj_per_bit, 1e-12);
  EXPECT_NEAR(a.power.io_write_pj_per_bit, b.power.io_write_pj_per_bit, 1e-12);
  EXPECT_FALSE(a.timing_source.empty());
  EXPECT_FALSE(a.power_source.empty());
  EXPECT_FALSE(a.power.io_source.empty());
  EXPECT_FALSE(a.organisation_source.empty());
}

TEST(MemspecLoader, ShippedFilesMatchTheBuiltInSpecs) {
  const auto dir = sushi::test::source_dir() / "vp_configs" / "memspecs";
  expect_same(sushi::config::load_memspec((dir / "ddr4-2400-x64.yaml").string()), ddr4_2400_x64());
  expect_same(sushi::config::load_memspec((dir / "lpddr4-3200-x16-2ch.yaml").string()), lpddr4_3200_x16_2ch());
}

// Writes the shipped DDR4 file with one line replaced (or removed when `to` is empty).
std::string variant(const std::string& from, const std::string& to) {
  std::ifstream in(sushi::test::source_dir() / "vp_configs" / "memspecs" / "ddr4-2400-x64.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  const auto eol = text.find('\n', pos);
  text.replace(pos, eol - pos, to);
  const auto path = sushi::test::scratch_dir() / "bad.yaml";
  std::ofstream(path) << text;
  return path.string();
}

void expect_error(const std::string& file, const std::string& key, const std::string& what) {
  try {
    sushi::config::load_memspec(file);
    ADD_FAILURE() << "no error; expected one for " << key;
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), key) << e.what();
    EXPECT_EQ(e.loc().file, file);
    EXPECT_GT(e.loc().line, 0) << e.what();
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

TEST(MemspecLoader, MissingTimingNamesTheKey) {
  expect_error(variant("    tRCD: 13.32 ns", ""), "memspec.timing.tRCD", "missing");
}

TEST(MemspecLoader, TrasBelowTrcdNamesTrasAndItsLine) {
  const std::string f = variant("    tRAS: 32 ns", "    tRAS: 10 ns");
  expect_error(f, "memspec.timing.tRAS", "must be >= tRCD");
  try {
    sushi::config::load_memspec(f);
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.loc().line, 29);  // the tRAS line of ddr4-2400-x64.yaml
  }
}

TEST(MemspecLoader, ZeroBanksNamesTheKey) {
  expect_error(variant("    banks: 16", "    banks: 0"), "memspec.organisation.banks", "must be >= 1");
}

TEST(MemspecLoader, BareNumberOrWrongUnitIsAnError) {
  expect_error(variant("    tRP: 13.32 ns", "    tRP: 16"), "memspec.timing.tRP", "nCK");
  expect_error(variant("      VPP: {", "      VPP: {voltage: 2.5 W, IDD0: 4.05 mA, IDD2N: 0 mA, IDD3N: 0 mA, IDD4R: 0 mA, IDD4W: 0 mA, IDD5: 0 mA}"),
               "memspec.power.rails.VPP.voltage", "unit must be one of: V, mV");
}

TEST(MemspecLoader, UnknownKeyAndMissingSourceAreErrors) {
  expect_error(variant("    tRTP: 9 nCK", "    tRTP: 9 nCK\n    tXYZ: 3 nCK"), "memspec.timing.tXYZ", "unknown key");
  expect_error(variant("    source: \"JEDEC JESD79-4B", ""), "memspec.timing.source", "missing");
}

TEST(MemspecLoader, MemoryTypeNamesAStandardWithTimingRules) {
  // memory_type picks the standard's timing rules (models/dram/standard/): an unknown one is an
  // error listing the known ones. tRTW (a fixed read-to-write gap) is now the rules' tWPRE term.
  expect_error(variant("  memory_type: DDR4", "  memory_type: DDR5"), "memspec.memory_type",
               "must be one of: DDR4, LPDDR4");
  expect_error(variant("    tWPRE: 1 nCK", "    tRTW: 2 nCK"), "memspec.timing.tRTW", "unknown key");
}

TEST(MemspecLoader, BankGroupsNeedShortAndLongTimings) {
  expect_error(variant("    tCCD_S: 4 nCK", "    tCCD: 4 nCK"), "memspec.timing.tCCD_S", "missing");
}

TEST(MemspecLoader, CurrentsThatWouldGiveNegativeEnergyAreErrors) {
  expect_error(variant("      VDD: {", "      VDD: {voltage: 1.2 V, IDD0: 60.75 mA, IDD2N: 38.25 mA, IDD3N: 44.0 mA, IDD4R: 4 mA, IDD4W: 168.75 mA, IDD5: 118.0 mA}"),
               "memspec.power.rails.VDD.IDD4R", "must be >= IDD3N");
}

}  // namespace
}  // namespace sushi::dram::test
