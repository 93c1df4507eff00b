// Sweep files: parsing and expansion into points (exact values, counts and order).
#include <gtest/gtest.h>

#include "config/platform_schema.h"
#include "sweep/sweep_file.h"
#include "sweep/value_format.h"
#include "sweep_test_util.h"

namespace sushi::sweep {
namespace {

using test::base_config;
using test::write_file;

Sweep load(const std::string& body) {
  const auto f = write_file("s.yaml", "base: " + base_config() + "\n" + body);
  return load_sweep(f.string(), config::build_platform_schema());
}

std::vector<std::string> values_of(const Sweep& sw, std::size_t param) {
  return sw.parameters.at(param).values;
}

TEST(SweepFile, DoublingSizeRangeHasFiveExactValues) {
  const Sweep sw = load(R"(parameters:
  sram.scratch.size: {range: {from: 256 KiB, to: 4 MiB, step: x2}}
)");
  // 256 KiB x 2^i for i = 0..4: 256 KiB, 512 KiB, 1 MiB, 2 MiB, 4 MiB (to is inclusive).
  EXPECT_EQ(values_of(sw, 0), (std::vector<std::string>{"256 KiB", "512 KiB", "1 MiB", "2 MiB", "4 MiB"}));
  EXPECT_EQ(sw.parameters[0].base_values,
            (std::vector<double>{262144, 524288, 1048576, 2097152, 4194304}));  // x 1024 B
  EXPECT_EQ(sw.parameters[0].base_unit, "B");
  ASSERT_EQ(sw.points.size(), 5u);
  EXPECT_EQ(sw.points[2].overrides, (std::vector<std::string>{"sram.scratch.size=1 MiB"}));
}

TEST(SweepFile, AdditiveRangeStopsAtOrBeforeTo) {
  const Sweep a = load("parameters:\n  sram.scratch.size: {range: {from: 64 KiB, to: 256 KiB, step: +64 KiB}}\n");
  // 64 + 64 i KiB <= 256 KiB: i = 0..3.
  EXPECT_EQ(values_of(a, 0), (std::vector<std::string>{"64 KiB", "128 KiB", "192 KiB", "256 KiB"}));
  const Sweep b = load("parameters:\n  sram.scratch.size: {range: {from: 64 KiB, to: 250 KiB, step: 64 KiB}}\n");
  // 256 KiB > 250 KiB, so the last value is 192 KiB.
  EXPECT_EQ(values_of(b, 0), (std::vector<std::string>{"64 KiB", "128 KiB", "192 KiB"}));
}

TEST(SweepFile, IntegerAndTimeRanges) {
  const Sweep sw = load(R"(parameters:
  sram.scratch.banks: {range: {from: 1, to: 8, step: x2}}
  traffic.cpu.interval: {range: {from: 500 ps, to: 2 ns, step: +500 ps}}
)");
  EXPECT_EQ(values_of(sw, 0), (std::vector<std::string>{"1", "2", "4", "8"}));
  EXPECT_TRUE(sw.parameters[0].base_unit.empty());  // integers get no unit column
  // 500, 1000, 1500, 2000 ps, each in the largest unit with at most 3 decimals.
  EXPECT_EQ(values_of(sw, 1), (std::vector<std::string>{"500 ps", "1 ns", "1.5 ns", "2 ns"}));
  EXPECT_EQ(sw.points.size(), 16u);  // 4 x 4
}

TEST(SweepFile, CartesianVariesTheFirstParameterSlowest) {
  const Sweep sw = load(R"(parameters:
  sram.scratch.size: {range: {from: 64 KiB, to: 1 MiB, step: x2}}
  sram.scratch.banks: [1, 2, 4, 8]
  traffic.cpu.pattern: [sequential, random]
combine: cartesian
)");
  ASSERT_EQ(sw.points.size(), 40u);  // 5 sizes x 4 bank counts x 2 patterns
  EXPECT_EQ(sw.points[0].overrides,
            (std::vector<std::string>{"sram.scratch.size=64 KiB", "sram.scratch.banks=1",
                                      "traffic.cpu.pattern=sequential"}));
  EXPECT_EQ(sw.points[1].overrides[2], "traffic.cpu.pattern=random");
  EXPECT_EQ(sw.points[2].overrides[1], "sram.scratch.banks=2");
  // Point 8 = size index 8 / (4 x 2) = 1 (128 KiB), banks 0, pattern 0.
  EXPECT_EQ(sw.points[8].overrides[0], "sram.scratch.size=128 KiB");
  EXPECT_EQ(sw.points[39].id, "p0039");
  EXPECT_EQ(sw.points[39].overrides,
            (std::vector<std::string>{"sram.scratch.size=1 MiB", "sram.scratch.banks=8",
                                      "traffic.cpu.pattern=random"}));
}

TEST(SweepFile, ZipPairsValuesByPosition) {
  const Sweep sw = load(R"(parameters:
  noc.flit: [8 B, 16 B, 32 B]
  sram.scratch.word: [8 B, 16 B, 32 B]
combine: zip
)");
  ASSERT_EQ(sw.points.size(), 3u);  // zip: 3 pairs, not 3 x 3 = 9
  EXPECT_EQ(sw.points[1].overrides, (std::vector<std::string>{"noc.flit=16 B", "sram.scratch.word=16 B"}));
}

TEST(SweepFile, ZipGroupCombinesCartesianWithTheOthers) {
  const Sweep sw = load(R"(parameters:
  noc.flit: [8 B, 16 B, 32 B]
  zip:
    noc.topology: [crossbar, mesh]
    noc.nodes.cpu.port: [1, 0]
)");
  ASSERT_EQ(sw.points.size(), 6u);  // 3 flits x 2 zipped (topology, port) pairs
  EXPECT_EQ(sw.parameters[1].group, 0);
  EXPECT_EQ(sw.parameters[2].group, 0);
  EXPECT_EQ(sw.points[0].overrides,
            (std::vector<std::string>{"noc.flit=8 B", "noc.topology=crossbar", "noc.nodes.cpu.port=1"}));
  EXPECT_EQ(sw.points[1].overrides,
            (std::vector<std::string>{"noc.flit=8 B", "noc.topology=mesh", "noc.nodes.cpu.port=0"}));
  EXPECT_EQ(sw.points[5].overrides[0], "noc.flit=32 B");

  const Sweep two = load(R"(parameters:
  zip:
    - {noc.flit: [8 B, 16 B], sram.scratch.word: [8 B, 16 B]}
    - {sram.scratch.banks: [1, 2, 4], noc.clock: [1 GHz, 2 GHz, 3 GHz]}
)");
  EXPECT_EQ(two.points.size(), 6u);  // 2 pairs x 3 pairs
}

TEST(SweepFile, SeedsRepeatEveryCombination) {
  const Sweep sw = load(R"(parameters:
  traffic.cpu.pattern: [sequential, random]
seeds: 3
)");
  ASSERT_EQ(sw.points.size(), 6u);  // 2 patterns x 3 seeds
  EXPECT_EQ(sw.parameters.back().key, "sim.seed");
  EXPECT_EQ(values_of(sw, 1), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(sw.points[0].overrides[1], "sim.seed=1");
  EXPECT_EQ(sw.points[2].overrides, (std::vector<std::string>{"traffic.cpu.pattern=sequential", "sim.seed=3"}));
  EXPECT_EQ(sw.points[3].overrides, (std::vector<std::string>{"traffic.cpu.pattern=random", "sim.seed=1"}));

  const Sweep listed = load("seeds: [7, 9]\n");
  ASSERT_EQ(listed.points.size(), 2u);
  EXPECT_EQ(listed.points[1].overrides, (std::vector<std::string>{"sim.seed=9"}));

  const Sweep zipped = load(R"(parameters:
  noc.flit: [8 B, 16 B]
  sram.scratch.word: [8 B, 16 B]
combine: zip
seeds: 2
)");
  EXPECT_EQ(zipped.points.size(), 4u);  // 2 zipped pairs x 2 seeds
}

TEST(SweepFile, FixedOverridesComeFirstAndNestedMapsFlatten) {
  const Sweep sw = load(R"(set:
  traffic: {dma: {transactions: 16}}
  energy.noc_table: ../energy/noc-noxim.yaml
parameters:
  sram:
    scratch:
      banks: [2, 4]
)");
  ASSERT_EQ(sw.points.size(), 2u);
  ASSERT_EQ(sw.points[0].overrides.size(), 3u);
  EXPECT_EQ(sw.points[0].overrides[0], "traffic.dma.transactions=16");
  // A path is relative to the sweep file (here the scratch dir), made absolute for the run.
  const std::string expect = (test::dir().parent_path() / "energy/noc-noxim.yaml").lexically_normal().string();
  EXPECT_EQ(sw.points[0].overrides[1], "energy.noc_table=" + expect);
  EXPECT_EQ(sw.fixed[1].value, expect);
  EXPECT_EQ(sw.points[1].overrides[2], "sram.scratch.banks=4");
  EXPECT_EQ(sw.parameters[0].key, "sram.scratch.banks");
}

TEST(SweepFile, PathValuesRunAbsoluteButReadAsWritten) {
  const Sweep sw = load("parameters:\n  dram.main.memspec: [../m/a.yaml]\n");
  EXPECT_EQ(sw.parameters[0].labels[0], "../m/a.yaml");  // results.csv and messages
  EXPECT_EQ(sw.parameters[0].values[0], (test::dir().parent_path() / "m/a.yaml").lexically_normal().string());
}

TEST(SweepFile, NoParametersIsOnePoint) {
  const Sweep sw = load("");
  ASSERT_EQ(sw.points.size(), 1u);
  EXPECT_TRUE(sw.points[0].overrides.empty());
  EXPECT_EQ(sw.metrics, default_metrics());
  EXPECT_FALSE(sw.timeout_s.has_value());
}

TEST(SweepFile, TimeoutAndMetrics) {
  const Sweep sw = load("timeout: 10 min\nmetrics: [energy.total_pJ, run.seed]\n");
  ASSERT_TRUE(sw.timeout_s.has_value());
  EXPECT_DOUBLE_EQ(*sw.timeout_s, 600.0);  // 10 x 60 s
  EXPECT_EQ(sw.metrics, (std::vector<std::string>{"energy.total_pJ", "run.seed"}));
  EXPECT_DOUBLE_EQ(*parse_duration_s("2 h"), 7200.0);
  EXPECT_DOUBLE_EQ(*parse_duration_s("1500 ms"), 1.5);
  EXPECT_FALSE(parse_duration_s("none").has_value());
}

TEST(SweepFile, PointIdsAreStableAndWideEnough) {
  EXPECT_EQ(point_id(7, 64), "p0007");
  EXPECT_EQ(point_id(9999, 10000), "p9999");   // last index 9999 fits 4 digits
  EXPECT_EQ(point_id(7, 10001), "p00007");     // last index 10000 needs 5
}

TEST(SweepFile, FingerprintNamesBaseAndOverrides) {
  const Sweep sw = load("parameters:\n  sram.scratch.banks: [2]\n");
  EXPECT_EQ(sw.fingerprint(sw.points[0]), "base=" + base_config() + "\n--set sram.scratch.banks=2\n");
}

TEST(ValueFormat, LargestExactUnit) {
  EXPECT_EQ(format_exact(1536, Quantity::size), "1.5 KiB");     // 1536 / 1024
  EXPECT_EQ(format_exact(3000, Quantity::size), "3 kB");        // 3000 / 1000 (KiB is inexact)
  EXPECT_EQ(format_exact(1e9, Quantity::frequency), "1 GHz");
  EXPECT_EQ(format_exact(1234567, Quantity::size), "1234567 B");  // no unit gives <= 3 decimals
  EXPECT_EQ(format_exact(2.5e6, Quantity::time), "2.5 us");      // 2.5e6 ps
}

}  // namespace
}  // namespace sushi::sweep
