// The sushi-vp command line, run as a separate process the way users run it.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include <nlohmann/json.hpp>

#include "run_cli.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace {

using Result = sushi::test::CliResult;
Result run(const std::string& args) { return sushi::test::run_sushi_vp(args); }
using sushi::test::slurp;

const char* kTraffic = "vp_configs/examples/traffic.yaml";

// Identical runs: every file byte for byte, summary.json too except its provenance block, whose
// command line names the other --out (the one field that differs: docs/outputs.md).
void expect_identical_runs(const fs::path& a, const fs::path& b, std::initializer_list<const char*> files) {
  for (const char* f : files) {
    if (std::string(f) != "summary.json") {
      EXPECT_EQ(slurp(a / f), slurp(b / f)) << f << " differs between identical runs";
      continue;
    }
    auto ja = nlohmann::json::parse(slurp(a / f)), jb = nlohmann::json::parse(slurp(b / f));
    auto pa = ja["provenance"], pb = jb["provenance"];
    pa.erase("command_line");
    pb.erase("command_line");
    EXPECT_EQ(pa, pb) << "provenance differs beyond the command line";
    ja.erase("provenance");
    jb.erase("provenance");
    EXPECT_EQ(ja.dump(2), jb.dump(2)) << "summary.json differs between identical runs";
  }
}

}  // namespace

TEST(Cli, TrafficExampleWritesTheWholeRunDirectory) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  const Result r = run(std::string("run ") + kTraffic + " --out '" + out.string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  for (const char* f : {"summary.json", "actions.yaml", "energy_table.yaml", "config.resolved.yaml", "perf.json"}) {
    EXPECT_TRUE(fs::exists(out / f)) << f;
  }
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  EXPECT_EQ(summary["run"]["end_reason"], "all initiators finished");
  EXPECT_GT(summary["energy"]["total_pJ"].get<double>(), 0.0);
  // dma: 4096 transactions of 4 KiB = 16 MiB to the off-chip memory
  const auto& dram = summary["modules"]["soc"]["main"];
  EXPECT_EQ(dram["bytes_read_B"].get<std::uint64_t>() + dram["bytes_written_B"].get<std::uint64_t>(),
            16u * 1024 * 1024);
  EXPECT_GT(summary["energy"]["by_category"]["dram_pJ"].get<double>(), 0.0);
  // cpu: 20000 transactions of 64 B to the scratchpad, through the NoC
  EXPECT_EQ(summary["modules"]["soc"]["cpu"]["issued_count"].get<std::uint64_t>(), 20000u);
  EXPECT_GT(summary["energy"]["by_category"]["noc_pJ"].get<double>(), 0.0);
  EXPECT_GT(summary["energy"]["by_category"]["sram_pJ"].get<double>(), 0.0);
}

TEST(Cli, SameConfigAndSeedGiveByteIdenticalOutputs) {
  const fs::path a = sushi::test::scratch_dir() / "a";
  const fs::path b = a.parent_path() / "b";
  ASSERT_EQ(run(std::string("run -q ") + kTraffic + " --out '" + a.string() + "'").status, 0);
  ASSERT_EQ(run(std::string("run -q ") + kTraffic + " --out '" + b.string() + "'").status, 0);
  expect_identical_runs(a, b, {"summary.json", "actions.yaml", "energy_table.yaml", "config.resolved.yaml"});
}

TEST(Cli, DifferentSeedChangesRandomTraffic) {
  const fs::path a = sushi::test::scratch_dir() / "a";
  const fs::path b = a.parent_path() / "b";
  ASSERT_EQ(run(std::string("run -q ") + kTraffic + " --out '" + a.string() + "'").status, 0);
  ASSERT_EQ(run(std::string("run -q ") + kTraffic + " --set sim.seed=43 --out '" + b.string() + "'").status, 0);
  EXPECT_NE(slurp(a / "summary.json"), slurp(b / "summary.json"));
}

TEST(Cli, QuickstartServesQueries) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  const Result r = run("run vp_configs/examples/quickstart.yaml --set workload.queries=30 --out '" + out.string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  EXPECT_EQ(summary["serving"]["queries_count"].get<int>(), 30);
  EXPECT_EQ(summary["serving"]["served_count"].get<int>(), 30);
  EXPECT_EQ(summary["serving"]["accuracy_source"], "proxy");
  const std::string csv = slurp(out / "queries.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 31);  // header + 30 rows
  EXPECT_EQ(csv.rfind("id,arrival_us,start_us,end_us,latency_us,slo_us,met,status,task,processor,subnet", 0), 0u);
}

TEST(Cli, QueriesCsvIsDeterministic) {
  const fs::path a = sushi::test::scratch_dir() / "a";
  const fs::path b = a.parent_path() / "b";
  const std::string args = "run -q vp_configs/examples/quickstart.yaml --set workload.queries=20 --out ";
  const Result ra = run(args + "'" + a.string() + "'");
  ASSERT_EQ(ra.status, 0) << ra.output;
  const Result rb = run(args + "'" + b.string() + "'");
  ASSERT_EQ(rb.status, 0) << rb.output;
  expect_identical_runs(a, b, {"queries.csv", "summary.json", "actions.yaml", "config.resolved.yaml"});
}

TEST(Cli, CheckAcceptsTheTrafficExample) {
  const Result r = run(std::string("check ") + kTraffic);
  EXPECT_EQ(r.status, 0) << r.output;
}

TEST(Cli, TypoedKeyExitsTwoNamingKeyAndLine) {
  const Result r = run("check tests/unit/config/fixtures/typo.yaml");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("typo.yaml:7:13"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("memories.ram.latncy"), std::string::npos) << r.output;
}

TEST(Cli, OverrideErrorsExitTwo) {
  const Result r = run(std::string("check ") + kTraffic + " --set sram.scratch.size=12");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("sram.scratch.size"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("has no unit"), std::string::npos) << r.output;
}

TEST(Cli, BadFirmwareTimeExitsTwoNamingTheModes) {
  const Result r = run("check vp_configs/examples/quickstart.yaml --set cpu.firmware_time=fast");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("cpu.firmware_time"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("one of: modelled, zero"), std::string::npos) << r.output;
}

TEST(Cli, OverlappingRegionsAreAConfigError) {
  const Result r = run(std::string("check ") + kTraffic + " --set dram.main.base=0x1000_1000");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("overlaps region 'scratch'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("dram.main.base"), std::string::npos) << r.output;
}

TEST(Cli, MeshNodeOutsideTheMeshIsAConfigError) {
  const Result r = run(std::string("check ") + kTraffic + " --set noc.nodes.cpu.x=5");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("noc.nodes.cpu.x"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("outside the 2x2 mesh"), std::string::npos) << r.output;
}

TEST(Cli, UnplacedMeshNodeIsAConfigError) {
  const Result r = run(std::string("check ") + kTraffic + " --set traffic.extra.target=scratch");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("component 'extra' has no place on the mesh"), std::string::npos) << r.output;
}

TEST(Cli, BadMemspecIsAConfigError) {
  const Result r = run(std::string("check ") + kTraffic + " --set dram.main.memspec=tests/unit/config/fixtures/typo.yaml");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("typo.yaml"), std::string::npos) << r.output;
}

TEST(Cli, UnknownTrafficTargetIsAConfigError) {
  const Result r = run(std::string("check ") + kTraffic + " --set traffic.dma.target=hbm");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("no memory named 'hbm'"), std::string::npos) << r.output;
}

TEST(Cli, MalformedTraceLineExitsTwoNamingFileLineAndKey) {
  const fs::path trace = sushi::test::scratch_dir() / "bad.stl";
  std::ofstream(trace) << "0:\tread\t0x0\n1:\tjump\t0x40\n";
  const Result r = run(std::string("check ") + kTraffic + " --set traffic.dma.trace=" + trace.string());
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find(trace.string() + ":2: key 'traffic.dma.trace': command 'jump' is not read or write"),
            std::string::npos) << r.output;
}

TEST(Cli, BadSchedulerNameExitsTwoListingTheNames) {
  const Result r = run(std::string("check ") + kTraffic + " --set dram.main.scheduler=frfcfs");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("key 'dram.main.scheduler'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("fcfs, fr_fcfs"), std::string::npos) << r.output;
}

TEST(Cli, MissingConfigFileExitsTwo) {
  const Result r = run("run does/not/exist.yaml");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("does/not/exist.yaml: cannot read the config file: No such file or directory"), std::string::npos) << r.output;
}

TEST(Cli, BadOptionsExitTwoAndHelpExitsZero) {
  EXPECT_EQ(run("run").status, 2);
  EXPECT_EQ(run("frobnicate").status, 2);
  EXPECT_EQ(run("--help").status, 0);
  EXPECT_EQ(run("run --help").status, 0);
  EXPECT_EQ(run("check --help").status, 0);
}
