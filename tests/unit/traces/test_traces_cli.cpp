// The trace.* keys end to end: sushi-vp run as users run it, on the quickstart shortened to a
// few queries, then every trace file checked against the run's own outputs.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <nlohmann/json.hpp>

#include "run_cli.h"
#include "test_paths.h"
#include "trace_event_check.h"

namespace fs = std::filesystem;

namespace {

using Result = sushi::test::CliResult;
Result run(const std::string& args) { return sushi::test::run_sushi_vp(args); }
using sushi::test::slurp;

std::vector<std::vector<std::string>> csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::istringstream ls(line);
    for (std::string c; std::getline(ls, c, ',');) cells.push_back(c);
    rows.push_back(cells);
  }
  return rows;
}

std::size_t col(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

std::string gunzip(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  boost::iostreams::filtering_istream z;
  z.push(boost::iostreams::gzip_decompressor());
  z.push(in);
  std::stringstream ss;
  boost::iostreams::copy(z, ss);
  return ss.str();
}

// The quickstart (ZCU104 SoC, OFA-ResNet50) cut to 4 queries: a fraction of a second of wall time.
const std::string kRun = "run vp_configs/examples/quickstart.yaml --set workload.queries=4 ";
const std::string kAll =
    "--set trace.timeline=true --set trace.vcd=true --set trace.power=true --set trace.transactions=true ";

}  // namespace

TEST(TracesCli, TimelineIsValidTraceEventJsonWithEveryKindOfEvent) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  const Result r = run(kRun + "--set trace.timeline=true --out '" + out.string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto doc = nlohmann::json::parse(slurp(out / "timeline.json"));
  EXPECT_EQ(sushi::test::check_trace_events(doc), std::vector<std::string>{});
  std::map<std::string, int> by_cat;
  int jobs = 0, begins = 0, power = 0;
  for (const auto& e : doc["traceEvents"]) {
    if (e.contains("cat")) ++by_cat[e["cat"].get<std::string>()];
    if (e["name"] == "job") ++jobs;
    if (e["ph"] == "b") ++begins;
    if (e["name"] == "power_mW") ++power;
  }
  EXPECT_EQ(jobs, 4);    // one accelerator job per served query
  EXPECT_EQ(begins, 4);  // one async lifetime (arrival -> end) per query
  EXPECT_GT(by_cat["layer"], 4 * 10);  // every SubNet of OFA-ResNet50 has dozens of layers
  EXPECT_GT(by_cat["firmware"], 4);
  EXPECT_EQ(by_cat["query"], 3 * 4);   // per query: service X, b, e
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  // One power counter per non-empty window of 1 ms (the default) over the simulated time.
  const double sim_ps = summary["run"]["simulated_time_ps"];
  EXPECT_EQ(power, static_cast<int>(std::ceil(sim_ps / 1e9)));
  EXPECT_FALSE(fs::exists(out / "transactions.csv.gz"));
  EXPECT_FALSE(fs::exists(out / "signals.vcd"));
  EXPECT_FALSE(fs::exists(out / "power.csv"));
}

TEST(TracesCli, TracingChangesNoResultAndTraceFilesAreReproducible) {
  const fs::path plain = sushi::test::scratch_dir() / "plain";
  const fs::path a = sushi::test::scratch_dir() / "a";
  const fs::path b = sushi::test::scratch_dir() / "b";
  ASSERT_EQ(run(kRun + "--out '" + plain.string() + "'").status, 0);
  ASSERT_EQ(run(kRun + kAll + "--out '" + a.string() + "'").status, 0);
  ASSERT_EQ(run(kRun + kAll + "--out '" + b.string() + "'").status, 0);
  for (const char* f : {"summary.json", "queries.csv", "actions.yaml"}) {
    EXPECT_EQ(slurp(plain / f), slurp(a / f)) << f;
  }
  for (const char* f : {"transactions.csv.gz", "timeline.json", "signals.vcd", "power.csv"}) {
    ASSERT_TRUE(fs::exists(a / f)) << f;
    EXPECT_EQ(slurp(a / f), slurp(b / f)) << f;
  }
  EXPECT_EQ(slurp(a / "signals.vcd").find("$date\n     (omitted"), 0u);
}

TEST(TracesCli, PowerCsvAddsUpToTheRunTotals) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  ASSERT_EQ(run(kRun + "--set trace.power=true --set trace.power_window=250us --out '" + out.string() + "'").status, 0);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  const auto rows = csv(slurp(out / "power.csv"));
  ASSERT_GT(rows.size(), 2u);
  const auto& h = rows[0];
  const double sim_ps = summary["run"]["simulated_time_ps"];
  // Windows of 250 us = 2.5e8 ps tile [0, end of run]; the last one is partial.
  EXPECT_EQ(rows.size() - 1, static_cast<std::size_t>(std::ceil(sim_ps / 2.5e8)));
  EXPECT_EQ(rows.back()[col(h, "window_end_ps")], std::to_string(static_cast<std::uint64_t>(sim_ps)));
  double energy = 0, check = 0;
  std::uint64_t rd = 0, wr = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    energy += std::stod(rows[i][col(h, "energy_total_pJ")]);
    check += std::stod(rows[i][col(h, "energy_main_pJ")]) + std::stod(rows[i][col(h, "energy_accel_pJ")]) +
             std::stod(rows[i][col(h, "energy_cpu_pJ")]) + std::stod(rows[i][col(h, "energy_noc_pJ")]);
    rd += std::stoull(rows[i][col(h, "dram_read_B")]);
    wr += std::stoull(rows[i][col(h, "dram_write_B")]);
  }
  const double total = summary["energy"]["total_pJ"];
  // Each cell is rounded to 0.001 pJ: the sums agree to rows x 0.0005 pJ (plus double rounding).
  EXPECT_NEAR(energy, total, 1e-3 * double(rows.size()) + 1e-9 * total);
  EXPECT_NEAR(check, total, 4e-3 * double(rows.size()) + 1e-9 * total);
  EXPECT_EQ(rd, summary["modules"]["soc"]["main"]["bytes_read_B"].get<std::uint64_t>());
  EXPECT_EQ(wr, summary["modules"]["soc"]["main"]["bytes_written_B"].get<std::uint64_t>());
}

TEST(TracesCli, TransactionsMatchTheDramCountersAndSampleOneInN) {
  const fs::path all = sushi::test::scratch_dir() / "all";
  const fs::path some = sushi::test::scratch_dir() / "some";
  ASSERT_EQ(run(kRun + "--set trace.transactions=true --out '" + all.string() + "'").status, 0);
  ASSERT_EQ(run(kRun + "--set trace.transactions=true --set trace.transactions_every=7 --out '" + some.string() + "'").status, 0);
  const auto summary = nlohmann::json::parse(slurp(all / "summary.json"));
  const auto rows = csv(gunzip(all / "transactions.csv.gz"));
  ASSERT_GT(rows.size(), 1000u);
  const auto& h = rows[0];
  std::uint64_t rd = 0, wr = 0;
  double energy = 0;
  std::map<std::string, std::uint64_t> by_operand;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::uint64_t n = std::stoull(rows[i][col(h, "bytes_B")]);
    (rows[i][col(h, "command")] == "read" ? rd : wr) += n;
    by_operand[rows[i][col(h, "operand")]] += n;
    energy += std::stod(rows[i][col(h, "energy_pJ")]);
    EXPECT_GT(std::stoull(rows[i][col(h, "latency_ps")]), 0u);
  }
  // Every byte the DRAM moved is in exactly one row.
  EXPECT_EQ(rd, summary["modules"]["soc"]["main"]["bytes_read_B"].get<std::uint64_t>());
  EXPECT_EQ(wr, summary["modules"]["soc"]["main"]["bytes_written_B"].get<std::uint64_t>());
  // Every transaction is tagged: accelerator operands or firmware (control) traffic.
  EXPECT_EQ(by_operand.count("unknown"), 0u);
  EXPECT_GT(by_operand["weights"], 0u);
  EXPECT_GT(by_operand["input"], 0u);
  EXPECT_GT(by_operand["output"], 0u);
  EXPECT_GT(by_operand["control"], 0u);
  // Row energy is the command (ACT, PRE, RD, WR) and I/O energy each request caused; refresh and
  // background are not in any row. Cells are rounded to 0.001 pJ.
  const auto& dram = summary["modules"]["soc"]["main"];
  const double dynamic = dram["energy_act_pJ"].get<double>() + dram["energy_pre_pJ"].get<double>() +
                         dram["energy_rd_pJ"].get<double>() + dram["energy_wr_pJ"].get<double>() +
                         dram["energy_io_pJ"].get<double>();
  EXPECT_NEAR(energy, dynamic, 5e-4 * double(rows.size()) + 1e-9 * dynamic);
  EXPECT_LT(energy, dram["energy_total_pJ"].get<double>());
  const auto sampled = csv(gunzip(some / "transactions.csv.gz"));
  const std::size_t n = rows.size() - 1;
  EXPECT_EQ(sampled.size() - 1, (n + 6) / 7);  // rows 0, 7, 14, ... of n: ceil(n / 7)
  EXPECT_EQ(sampled[1], rows[1]);
  EXPECT_EQ(sampled[2], rows[8]);
}

TEST(TracesCli, VcdHasTheAcceleratorInterruptAndPowerSignals) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  ASSERT_EQ(run(kRun + "--set trace.vcd=true --out '" + out.string() + "'").status, 0);
  const std::string vcd = slurp(out / "signals.vcd");
  for (const char* s : {"accel_busy", "accel_pb_loading", "accel_irq", "port_irq", "cpu_irq", "power_total_mW",
                        "power_main_mW", "power_accel_mW", "dram_bandwidth_GBps", "$timescale\n     1 ps"}) {
    EXPECT_NE(vcd.find(s), std::string::npos) << s;
  }
  EXPECT_NE(vcd.find("$enddefinitions"), std::string::npos);
}

TEST(TracesCli, BadTraceOptionsAreConfigErrors) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  Result r = run(kRun + "--set trace.power=true --set trace.power_window=0s --out '" + out.string() + "'");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("trace.power_window"), std::string::npos) << r.output;
  r = run(kRun + "--set trace.transactions_every=0 --out '" + out.string() + "'");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("trace.transactions_every"), std::string::npos) << r.output;
  r = run(kRun + "--set trace.transactions=true --set trace.transactions_from=2ms --set trace.transactions_until=1ms --out '" +
          out.string() + "'");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("trace.transactions_until"), std::string::npos) << r.output;
  r = run(kRun + "--set trace.timeline=yes_please --out '" + out.string() + "'");
  EXPECT_EQ(r.status, 2) << r.output;
}

TEST(TracesCli, EnergyConservesAcrossQueriesIdleAndPowerWindowsPerCategory) {
  // The run's energy by category, three ways: summary.json's totals; the per-query energies
  // (queries.csv) plus the idle energy outside every service interval (summary.json serving);
  // the power windows (power.csv). Static energy accrues in time, so both decompositions tile
  // the run exactly: they agree to 1e-9 relative (the CSV cells are rounded to 1 pJ and 0.001 pJ).
  const fs::path out = sushi::test::scratch_dir() / "run";
  ASSERT_EQ(run(kRun + "--set trace.power=true --set trace.power_window=500us --out '" + out.string() + "'").status, 0);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  const auto queries = csv(slurp(out / "queries.csv"));
  const auto windows = csv(slurp(out / "power.csv"));
  ASSERT_EQ(queries.size(), 5u);  // header + 4 queries
  double total_check = 0;
  for (const char* cat : {"dram", "sram", "noc", "compute", "cpu", "other"}) {
    const double total = summary["energy"]["by_category"][std::string(cat) + "_pJ"];
    total_check += total;
    double served_uj = 0;
    for (std::size_t i = 1; i < queries.size(); ++i) {
      served_uj += std::stod(queries[i][col(queries[0], std::string("energy_") + cat + "_uJ")]);
    }
    const double idle_uj = summary["serving"]["idle_energy_by_category"][std::string(cat) + "_uJ"];
    const double windows_pj = [&] {
      double s = 0;
      for (std::size_t i = 1; i < windows.size(); ++i) s += std::stod(windows[i][col(windows[0], std::string("energy_category_") + cat + "_pJ")]);
      return s;
    }();
    EXPECT_NEAR((served_uj + idle_uj) * 1e6, total, 1e-9 * summary["energy"]["total_pJ"].get<double>() + 4.0) << cat;
    EXPECT_NEAR(windows_pj, total, 1e-9 * summary["energy"]["total_pJ"].get<double>()) << cat;
  }
  EXPECT_NEAR(total_check, summary["energy"]["total_pJ"].get<double>(), 1e-9 * total_check);
  // Static energy is in the queries too: every served query has DRAM background and SRAM
  // leakage, and the DRAM split adds up to the DRAM column.
  for (std::size_t i = 1; i < queries.size(); ++i) {
    const auto& q = queries[i];
    EXPECT_GT(std::stod(q[col(queries[0], "energy_dram_background_uJ")]), 0.0);
    EXPECT_NEAR(std::stod(q[col(queries[0], "energy_dram_access_uJ")]) + std::stod(q[col(queries[0], "energy_dram_background_uJ")]),
                std::stod(q[col(queries[0], "energy_dram_uJ")]), 2e-6);
  }
  EXPECT_NEAR(summary["energy"]["dram_access_pJ"].get<double>() + summary["energy"]["dram_background_pJ"].get<double>(),
              summary["energy"]["by_category"]["dram_pJ"].get<double>(), 1e-9 * summary["energy"]["total_pJ"].get<double>());
}
