// results.csv, points.csv and metric lookup in summary.json.
#include <gtest/gtest.h>

#include "config/platform_schema.h"
#include "sweep/results.h"
#include "sweep_test_util.h"

namespace sushi::sweep {
namespace {

TEST(SweepResults, MetricPathsMayCrossKeysWithDots) {
  const std::string j = R"J({"energy": {"total_pJ": 1.25, "by": {"dram_pJ": 3}},
    "modules": {"soc.noc": {"links": {"r(0,0)->r(1,0)": {"bytes_B": 4096}}}}, "run": {"end": "done"}})J";
  EXPECT_EQ(metric_cell(j, "energy.total_pJ"), "1.25");
  EXPECT_EQ(metric_cell(j, "energy.by.dram_pJ"), "3");
  EXPECT_EQ(metric_cell(j, "modules.soc.noc.links.r(0,0)->r(1,0).bytes_B"), "4096");  // key "soc.noc"
  EXPECT_EQ(metric_cell(j, "run.end"), "done");
  EXPECT_EQ(metric_cell(j, "energy.missing_pJ"), "");
  EXPECT_EQ(metric_cell(j, "energy"), R"({"by":{"dram_pJ":3},"total_pJ":1.25})");
}

TEST(SweepResults, CsvQuoting) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(SweepResults, TablesHaveOneRowPerPointAndUnitColumns) {
  const auto f = test::write_file("s.yaml", "base: " + test::base_config() + R"(
parameters:
  sram.scratch.size: [64 KiB, 1 MiB]
  traffic.cpu.pattern: [random]
metrics: [energy.total_pJ]
)");
  const Sweep sw = load_sweep(f.string(), config::build_platform_schema());
  EXPECT_EQ(points_csv(sw),
            "point,sram.scratch.size,sram.scratch.size_B,traffic.cpu.pattern\n"
            "p0000,64 KiB,65536,random\n"       // 64 x 1024 B
            "p0001,1 MiB,1048576,random\n");    // 1024 x 1024 B
  std::vector<ResultRow> rows(2);
  rows[0].record.status = "ok";
  rows[0].metrics = {"12.5"};
  rows[1].record.status = "failed";
  rows[1].record.detail = "exit 1: internal error: x, y";
  rows[1].metrics = {""};
  EXPECT_EQ(results_csv(sw, rows),
            "point,sram.scratch.size,sram.scratch.size_B,traffic.cpu.pattern,status,detail,energy.total_pJ\n"
            "p0000,64 KiB,65536,random,ok,,12.5\n"
            "p0001,1 MiB,1048576,random,failed,\"exit 1: internal error: x, y\",\n");
}

TEST(SweepResults, RowOfAnUntouchedPointIsPending) {
  const auto f = test::write_file("s.yaml", "base: " + test::base_config() + "\nseeds: 1\n");
  const Sweep sw = load_sweep(f.string(), config::build_platform_schema());
  const ResultRow row = read_row(sw, sw.points[0], test::dir() / "out", true);
  EXPECT_EQ(row.record.status, "pending");
  EXPECT_EQ(row.metrics.size(), sw.metrics.size());
}

}  // namespace
}  // namespace sushi::sweep
