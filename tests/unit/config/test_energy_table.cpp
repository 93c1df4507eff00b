#include <gtest/gtest.h>

#include <fstream>

#include "config/config_error.h"
#include "config/energy_table_loader.h"
#include "test_paths.h"

using namespace sushi;

namespace {
std::string write_table(const std::string& body) {
  const auto p = test::scratch_dir() / "table.yaml";
  std::ofstream(p) << body;
  return p.string();
}
}  // namespace

TEST(EnergyTable, UnitsBecomePicojoulesPerCountedUnit) {
  const EnergyEntry a = config::parse_energy_text("0.315 pJ");
  EXPECT_DOUBLE_EQ(a.pj_per_unit, 0.315);
  EXPECT_EQ(a.unit, CountUnit::event);
  const EnergyEntry b = config::parse_energy_text("8 pJ/bit");
  EXPECT_DOUBLE_EQ(b.pj_per_unit, 64.0);  // 8 pJ/bit x 8 bit/B
  EXPECT_EQ(b.unit, CountUnit::byte);
  const EnergyEntry c = config::parse_energy_text("1.3 nJ/access");
  EXPECT_DOUBLE_EQ(c.pj_per_unit, 1300.0);
  EXPECT_EQ(c.unit, CountUnit::event);
}

TEST(EnergyTable, PowerIsCountedPerPicosecond) {
  const auto path = write_table("entries:\n  leak: {power: 9.9 mW, source: CACTI}\n");
  EnergyTable t;
  config::load_energy_table(path, t);
  // 9.9 mW = 9.9e-3 J/s = 9.9e-3 pJ/ps
  EXPECT_DOUBLE_EQ(t.at("leak").pj_per_unit, 9.9e-3);
  EXPECT_EQ(t.at("leak").unit, CountUnit::ps);
}

TEST(EnergyTable, EveryEntryNeedsASource) {
  const auto path = write_table("name: t\nentries:\n  mac: {energy: 0.2 pJ}\n");
  EnergyTable t;
  try {
    config::load_energy_table(path, t);
    FAIL();
  } catch (const config::ConfigError& e) {
    EXPECT_EQ(e.key(), "entries.mac.source");
    EXPECT_EQ(e.loc().line, 3);
  }
}

TEST(EnergyTable, BadUnitNamesTheEntry) {
  const auto path = write_table("entries:\n  mac:\n    energy: 0.2 pW\n    source: x\n");
  EnergyTable t;
  try {
    config::load_energy_table(path, t);
    FAIL();
  } catch (const config::ConfigError& e) {
    EXPECT_EQ(e.key(), "entries.mac.energy");
    EXPECT_EQ(e.loc().line, 3);
  }
}

TEST(EnergyTable, ShippedDefaultLoadsAndCitesSources) {
  const EnergyTable t = config::load_energy_tables(
      {(test::source_dir() / "vp_configs/energy/default-45nm.yaml").string()});
  EXPECT_DOUBLE_EQ(t.at("compute.mac_int8").pj_per_unit, 0.315);
  for (const auto& [k, e] : t.entries()) EXPECT_FALSE(e.source.empty()) << k;
  EXPECT_THROW(t.at("no.such.entry"), EnergyTableError);
}
