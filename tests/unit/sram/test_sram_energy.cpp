// SRAM energy table: shipped file, lookup and interpolation rules, loader errors.
#include <cmath>
#include <fstream>

#include <gtest/gtest.h>

#include "sram/sram_array.h"
#include "sram/sram_energy_table.h"
#include "test_paths.h"

using namespace sushi;
using namespace sushi::sram;

namespace {
SramEnergyTable shipped() {
  return load_sram_energy_table((test::source_dir() / "vp_configs/energy/sram-45nm-cacti.yaml").string());
}
std::string write_file(const std::string& name, const std::string& text) {
  auto path = test::scratch_dir() / name;
  std::ofstream(path) << text;
  return path.string();
}
}  // namespace

TEST(SramEnergyTable, ShippedTableLoadsWithSources) {
  SramEnergyTable t = shipped();
  EXPECT_EQ(t.name, "sram-45nm-cacti");
  EXPECT_EQ(t.access.size(), 16u);  // 8 sizes x 2 widths
  EXPECT_EQ(t.leakage.size(), 2u);
  for (const auto& r : t.access) EXPECT_NE(r.source.find("CACTI"), std::string::npos);
}

TEST(SramEnergyTable, ExactRows) {
  SramEnergy e = shipped().lookup(32 * 1024, 64, 1);
  EXPECT_DOUBLE_EQ(e.read.pj_per_unit, 14.9);   // row 32 KiB, 64 bit
  EXPECT_DOUBLE_EQ(e.write.pj_per_unit, 12.7);
  EXPECT_NE(e.read.source.find("CACTI"), std::string::npos);
  SramEnergy w = shipped().lookup(1024 * 1024, 256, 1);
  EXPECT_DOUBLE_EQ(w.read.pj_per_unit, 180.0);  // row 1 MiB, 256 bit
  EXPECT_DOUBLE_EQ(w.write.pj_per_unit, 171.0);
}

TEST(SramEnergyTable, SizesBetweenRowsFollowThePowerLaw) {
  // 16 KiB lies halfway (in log2) between the 8 KiB and 32 KiB rows:
  // read = exp(ln 5.3 + 0.5 (ln 14.9 - ln 5.3)) = sqrt(5.3 x 14.9) = 8.8865 pJ.
  SramEnergy e = shipped().lookup(16 * 1024, 64, 1);
  EXPECT_NEAR(e.read.pj_per_unit, std::sqrt(5.3 * 14.9), 1e-12);
  EXPECT_NEAR(e.write.pj_per_unit, std::sqrt(6.5 * 12.7), 1e-12);
  EXPECT_NE(e.read.given.find("log-log"), std::string::npos) << e.read.given;
}

TEST(SramEnergyTable, OtherWordWidths) {
  // 128 bit at 8 KiB: linear in bits between 64 (5.3) and 256 (9.1): t = 64/192 = 1/3,
  // 5.3 + (9.1 - 5.3) / 3 = 6.5667 pJ.
  EXPECT_NEAR(shipped().lookup(8 * 1024, 128, 1).read.pj_per_unit, 5.3 + (9.1 - 5.3) / 3.0, 1e-12);
  // 32 bit: per-bit scaling from the 64-bit row: 5.3 x 32/64 = 2.65 pJ.
  EXPECT_NEAR(shipped().lookup(8 * 1024, 32, 1).read.pj_per_unit, 2.65, 1e-12);
  // 512 bit: per-bit scaling from the 256-bit row: 9.1 x 2 = 18.2 pJ.
  EXPECT_NEAR(shipped().lookup(8 * 1024, 512, 1).read.pj_per_unit, 18.2, 1e-12);
}

TEST(SramEnergyTable, BelowAndAboveTheRows) {
  SramEnergy small = shipped().lookup(4 * 1024, 64, 1);
  EXPECT_DOUBLE_EQ(small.read.pj_per_unit, 5.3);  // clamped to the 8 KiB row
  // Leakage scales with size below the table: 9.9 mW x 4/8 = 4.95 mW = 0.00495 pJ/ps.
  EXPECT_NEAR(small.leakage.pj_per_unit, 0.00495, 1e-15);
  try {
    shipped().lookup(4 * 1024 * 1024, 64, 1);
    FAIL() << "expected SramError";
  } catch (const SramError& e) {
    EXPECT_NE(std::string(e.what()).find("use more banks"), std::string::npos) << e.what();
  }
}

TEST(SramEnergyTable, LeakageInterpolatesAndCountsBanks) {
  // 512 KiB: log2 = 19, between 8 KiB (13) and 2 MiB (21): t = 6/8 = 0.75,
  // P = 9.9 mW x (2150 / 9.9)^0.75.
  const double p512 = 9.9e-3 * std::pow(2.15 / 9.9e-3, 0.75);
  EXPECT_NEAR(shipped().lookup(512 * 1024, 64, 1).leakage.pj_per_unit, p512, 1e-12);
  // A 1 MiB array of 2 banks leaks 2 x one 512 KiB bank; its accesses cost a 512 KiB access.
  SramParams p;
  p.capacity_bytes = 1024 * 1024;
  p.word_bytes = 8;
  p.banks = 2;
  SramArray a("pb", p, shipped());
  EXPECT_NEAR(a.energy().leakage.pj_per_unit, 2 * p512, 1e-12);
  EXPECT_DOUBLE_EQ(a.energy().read.pj_per_unit, 52.0);  // 512 KiB, 64-bit row
  a.accrue(1'000'000'000);  // 1 ms
  EXPECT_NEAR(a.leakage_energy_pj(), 2 * p512 * 1e9, 1e-3);  // W x ps = pJ
}

TEST(SramEnergyTable, LoaderErrorsNameFileLineAndKey) {
  const std::string bad_unit = write_file("bad_unit.yaml",
      "name: t\n"
      "access:\n"
      "  - {size: 8 KiB, word: 64 bit, read: 5.3, write: 6.5 pJ, source: x}\n"
      "leakage:\n"
      "  - {size: 8 KiB, power: 9.9 mW, source: x}\n");
  try {
    load_sram_energy_table(bad_unit);
    FAIL() << "expected SramError";
  } catch (const SramError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("bad_unit.yaml:3:"), std::string::npos) << m;
    EXPECT_NE(m.find("access[0].read"), std::string::npos) << m;
    EXPECT_NE(m.find("pJ"), std::string::npos) << m;  // names the allowed units
  }
  const std::string no_source = write_file("no_source.yaml",
      "name: t\n"
      "access:\n"
      "  - {size: 8 KiB, word: 64 bit, read: 5.3 pJ, write: 6.5 pJ}\n"
      "leakage:\n"
      "  - {size: 8 KiB, power: 9.9 mW, source: x}\n");
  try {
    load_sram_energy_table(no_source);
    FAIL() << "expected SramError";
  } catch (const SramError& e) {
    EXPECT_NE(std::string(e.what()).find("access[0].source"), std::string::npos) << e.what();
  }
  const std::string unknown = write_file("unknown.yaml", "name: t\nacess: []\n");
  try {
    load_sram_energy_table(unknown);
    FAIL() << "expected SramError";
  } catch (const SramError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown.yaml:"), std::string::npos) << e.what();
  }
}

// The table's shape errors, whole (common/yaml_table.h: the same texts in every table loader).
TEST(SramEnergyTable, ShapeErrorsAreLocatedWholeMessages) {
  auto error_of = [](const std::string& file) {
    try {
      load_sram_energy_table(file);
    } catch (const SramError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string list = write_file("list.yaml", "- a\n- b\n");
  EXPECT_EQ(error_of(list), list + ": an SRAM energy table must be a YAML map");
  // The table is read like a config (io/yaml_document.h): a key written twice is an error.
  const std::string dup = write_file("dup.yaml", "name: t\nname: u\n");
  EXPECT_EQ(error_of(dup), dup + ":2:1: key 'name': duplicate key (first defined at " + dup + ":1:7)");
  const std::string syntax = write_file("syntax.yaml", "name: [t\n");
  EXPECT_EQ(error_of(syntax).rfind(syntax + ":2:1: ", 0), 0u) << error_of(syntax);
  // No access list: located at the document (line 1, column 1).
  const std::string no_access = write_file("no_access.yaml", "name: t\nacess: []\n");
  EXPECT_EQ(error_of(no_access), no_access + ":1:1: key 'access' must be a non-empty list");
  const std::string rows = "access:\n  - {size: 8 KiB, word: 64 bit, read: 5.3 pJ, write: 6.5 pJ, source: x}\n";
  const std::string empty_leak = write_file("empty_leak.yaml", "name: t\n" + rows + "leakage: []\n");
  EXPECT_EQ(error_of(empty_leak), empty_leak + ":4:10: key 'leakage' must be a non-empty list");
  const std::string extra = write_file("extra.yaml", "name: t\n" + rows +
                                       "leakage:\n  - {size: 8 KiB, power: 9.9 mW, source: x}\nbanks: 2\n");
  EXPECT_EQ(error_of(extra), extra + ":6:1: unknown key 'banks' (allowed: name, description, access, leakage)");
  const std::string blocks = write_file("blocks.yaml", "name: t\nblocks: 3\n");
  EXPECT_EQ(error_of(blocks), blocks + ":2:9: key 'blocks' must be a non-empty list");
  const std::string block_extra = write_file("block_extra.yaml",
      "name: t\n"
      "blocks:\n  - {name: b, width: 72 bit, depth: 512, read: 1 pJ, write: 1 pJ, static: 1 mW, source: x}\n"
      "arrays:\n  - {array: pb, block: b}\n"
      "access: []\n");
  EXPECT_EQ(error_of(block_extra),
            block_extra + ":6:1: unknown key 'access' (a block table allows: name, description, blocks, arrays)");
}

TEST(SramEnergyTable, FpgaBlocksCountPrimitivesPerAccessAndInUse) {
  // The ZCU104 Persistent Buffer: 4 banks of 589,824 B, 1152-bit words = 4096 words per bank.
  // URAM288 is 4096 x 72: 1152 / 72 = 16 columns, 4 x 4096 / 4096 = 4 rows, 64 primitives.
  // A read enables one row: 16 x 4.26 pJ = 68.16 pJ; static 64 x 0.0089 mW = 0.5696 mW.
  const SramEnergyTable t = load_sram_energy_table((test::source_dir() / "vp_configs/energy/sram-zcu104-blocks.yaml").string());
  const SramEnergy pb = t.lookup(589824, 1152, 4, "soc.accel.pb");
  EXPECT_NEAR(pb.read.pj_per_unit, 16 * 4.26, 1e-9);
  EXPECT_NEAR(pb.write.pj_per_unit, 16 * 3.49, 1e-9);
  EXPECT_NEAR(pb.leakage.pj_per_unit, 64 * 0.0089e-3, 1e-15);  // W = pJ/ps
  // The weight buffer: 2 banks of 2048 words share each UltraRAM's 4096-word depth: 16 URAMs.
  EXPECT_NEAR(t.lookup(294912, 1152, 2, "soc.accel.weight_buffer").leakage.pj_per_unit, 16 * 0.0089e-3, 1e-15);
  // Anything else is block RAM (RAMB36 512 x 72): the 512 KiB, 128-bit input buffer is
  // ceil(128 / 72) = 2 columns x 32768 / 512 = 64 rows = 128 primitives; a read 2 x 1.32 pJ.
  const SramEnergy in = t.lookup(524288, 128, 1, "soc.accel.act_in");
  EXPECT_NEAR(in.read.pj_per_unit, 2 * 1.32, 1e-9);
  EXPECT_NEAR(in.leakage.pj_per_unit, 128 * 0.0012e-3, 1e-15);
}
