// Invalid sweeps are errors before anything runs, located in the sweep file: file, line and the
// parameter (or sweep key) at fault. One test per error class.
#include <gtest/gtest.h>

#include "config/platform_schema.h"
#include "sweep/point_check.h"
#include "sweep/sweep_file.h"
#include "sweep_test_util.h"
#include "test_paths.h"

namespace sushi::sweep {
namespace {

using config::ConfigError;

struct Failure {
  std::string file;
  int line = 0;
  std::string key;
  std::string message;
};

// Loads and validates a sweep whose first line is the base; returns the error it raises.
Failure fail(const std::string& body) {
  const auto f = test::write_file("bad.yaml", "base: " + test::base_config() + "\n" + body);
  const auto schema = config::build_platform_schema();
  try {
    const Sweep sw = load_sweep(f.string(), schema);
    validate_sweep(sw, schema);
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.loc().file, f.string());
    return {e.loc().file, e.loc().line, e.key(), e.message()};
  }
  ADD_FAILURE() << "no error for:\n" << body;
  return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(SweepErrors, UnknownParameterKeySuggestsTheNearest) {
  const Failure e = fail("parameters:\n  sram.scratch.sise: [1 KiB]\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "sram.scratch.sise");
  EXPECT_TRUE(contains(e.message, "unknown key")) << e.message;
  EXPECT_TRUE(contains(e.message, "sram.scratch.size")) << e.message;
}

TEST(SweepErrors, UnknownSweepKey) {
  const Failure e = fail("sedes: 3\n");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.key, "sedes");
}

TEST(SweepErrors, EmptyRange) {
  const Failure e = fail("parameters:\n  sram.scratch.size: {range: {from: 4 MiB, to: 256 KiB, step: x2}}\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "sram.scratch.size");
  EXPECT_TRUE(contains(e.message, "empty range")) << e.message;
}

TEST(SweepErrors, IncompatibleUnitsInRange) {
  const Failure e = fail("parameters:\n  sram.scratch.size: {range: {from: 256 KiB, to: 4 GHz, step: x2}}\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "sram.scratch.size");
  EXPECT_TRUE(contains(e.message, "incompatible units")) << e.message;
}

TEST(SweepErrors, IncompatibleUnitsInList) {
  const Failure e = fail("parameters:\n  sram.scratch.size: [256 KiB, 12 ns]\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "sram.scratch.size");
  EXPECT_TRUE(contains(e.message, "12 ns")) << e.message;
}

TEST(SweepErrors, StepThatDoesNotGrow) {
  EXPECT_EQ(fail("parameters:\n  sram.scratch.size: {range: {from: 1 KiB, to: 4 KiB, step: x1}}\n").key,
            "sram.scratch.size");
  const Failure e = fail("parameters:\n  sram.scratch.size: {range: {from: 1 KiB, to: 4 KiB, step: +0 B}}\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_TRUE(contains(e.message, "above zero")) << e.message;
}

TEST(SweepErrors, FractionalIntegerFromRange) {
  const Failure e = fail("parameters:\n  sram.scratch.banks: {range: {from: 1, to: 8, step: x1.5}}\n");
  EXPECT_EQ(e.key, "sram.scratch.banks");
  EXPECT_TRUE(contains(e.message, "not an integer")) << e.message;  // 1 x 1.5 = 1.5
}

TEST(SweepErrors, RangeOverNonNumericKey) {
  const Failure e = fail("parameters:\n  traffic.cpu.pattern: {range: {from: 1, to: 3, step: +1}}\n");
  EXPECT_EQ(e.key, "traffic.cpu.pattern");
  EXPECT_TRUE(contains(e.message, "numeric")) << e.message;
}

TEST(SweepErrors, EmptyList) {
  const Failure e = fail("parameters:\n  sram.scratch.banks: []\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "sram.scratch.banks");
}

TEST(SweepErrors, ZipOfUnequalLengths) {
  const Failure e = fail("parameters:\n  sram.scratch.banks: [1, 2]\n  noc.flit: [8 B]\ncombine: zip\n");
  EXPECT_EQ(e.line, 4);  // the list whose length differs from the first
  EXPECT_EQ(e.key, "noc.flit");
  EXPECT_TRUE(contains(e.message, "equal length")) << e.message;
}

TEST(SweepErrors, ZipGroupOfUnequalLengths) {
  const Failure e = fail("parameters:\n  zip:\n    noc.flit: [8 B, 16 B]\n    noc.topology: [mesh]\n");
  EXPECT_EQ(e.line, 5);
  EXPECT_EQ(e.key, "noc.topology");
}

TEST(SweepErrors, OutOfRangeValueNamesThePoint) {
  // Found by loading the base config with the point's overrides (the schema allows 1 B .. 1 GiB).
  const Failure e = fail("parameters:\n  sram.scratch.size: [256 KiB, 2 GiB]\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "sram.scratch.size");
  EXPECT_TRUE(contains(e.message, "point p0001")) << e.message;
  EXPECT_TRUE(contains(e.message, "out of range")) << e.message;
}

TEST(SweepErrors, BadFixedOverridePointsAtItsSetLine) {
  const Failure e = fail("set:\n  noc.topology: ring\nparameters:\n  sram.scratch.banks: [1]\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "noc.topology");
}

TEST(SweepErrors, KeyGivenTwice) {
  const Failure e = fail("set: {sim.seed: 3}\nseeds: 2\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.key, "sim.seed");
  EXPECT_TRUE(contains(e.message, "twice")) << e.message;
}

TEST(SweepErrors, BadSeedsTimeoutCombine) {
  EXPECT_EQ(fail("seeds: 0\n").key, "seeds");
  EXPECT_EQ(fail("seeds: [1, x]\n").key, "seeds");
  EXPECT_EQ(fail("timeout: 5 furlongs\n").key, "timeout");
  EXPECT_EQ(fail("combine: diagonal\n").key, "combine");
  EXPECT_EQ(fail("metrics: energy.total_pJ\n").key, "metrics");
}

TEST(SweepErrors, ElaborationErrorsFoundByCheckingEveryPoint) {
  // A 4 MiB single-bank scratchpad is a valid config key by key, but the SRAM energy table stops
  // at 2 MiB per bank: only elaborating the platform (`sushi-vp check`) sees it.
  const auto f = test::write_file("elab.yaml", "base: " + test::base_config() + R"(
parameters:
  sram.scratch.size: [256 KiB, 4 MiB, 8 MiB]
  sram.scratch.banks: [1]
)");
  const auto schema = config::build_platform_schema();
  const Sweep sw = load_sweep(f.string(), schema);
  validate_sweep(sw, schema);  // passes: each value is in range
  try {
    check_points(sw, SUSHI_VP_EXE, 2, test::dir() / "check");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.loc().file, f.string());
    EXPECT_EQ(e.loc().line, 3);  // the sram.scratch.size parameter
    EXPECT_EQ(e.key(), "sram.scratch.size");
    EXPECT_TRUE(contains(e.message(), "point p0001 (sram.scratch.size=4 MiB, sram.scratch.banks=1)")) << e.message();
    EXPECT_TRUE(contains(e.message(), "(and 1 more point)")) << e.message();  // p0002, 8 MiB
  }
  EXPECT_FALSE(std::filesystem::exists(test::dir() / "check"));  // logs removed
}

TEST(SweepErrors, MissingBase) {
  const auto f = test::write_file("nobase.yaml", "base: not-there.yaml\n");
  try {
    (void)load_sweep(f.string(), config::build_platform_schema());
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.loc().file, f.string());
    EXPECT_EQ(e.loc().line, 1);
    EXPECT_EQ(e.key(), "base");
  }
}

}  // namespace
}  // namespace sushi::sweep

namespace sushi::sweep {
namespace {

// The shipped sweeps that run on today's platform stay valid (their points are not run here).
TEST(ShippedSweeps, ValidWithoutTheAccelerator) {
  const auto schema = config::build_platform_schema();
  const std::vector<std::pair<std::string, std::size_t>> files = {
      {"scratch_size_banks.yaml", 40},  // 5 sizes x 4 bank counts x 2 patterns
      {"noc_flit_topology.yaml", 8},    // 4 flits x 2 zipped topologies
      {"dma_burst_zip.yaml", 12},       // 4 zipped (size, count) pairs x 3 seeds
      {"dram_type.yaml", 8}};           // 2 memspecs x 2 page policies x 2 patterns
  for (const auto& [name, points] : files) {
    const Sweep sw = load_sweep((test::source_dir() / "vp_configs/sweeps" / name).string(), schema);
    EXPECT_EQ(sw.points.size(), points) << name;
    EXPECT_NO_THROW(validate_sweep(sw, schema)) << name;
  }
}

}  // namespace
}  // namespace sushi::sweep
