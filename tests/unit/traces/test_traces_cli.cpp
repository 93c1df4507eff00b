// The trace.* keys end to end: sushi-vp run as users run it, on the quickstart shortened to a
// few queries, then every trace file checked against the run's own outputs.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <iterator>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "csv_files.h"
#include "run_cli.h"
#include "test_paths.h"
#include "trace_event_check.h"

namespace fs = std::filesystem;

namespace {

using Result = sushi::test::CliResult;
Result run(const std::string& args) { return sushi::test::run_sushi_vp(args); }
using sushi::test::slurp;

using sushi::test::col;
using sushi::test::csv;
using sushi::test::gunzip;

// The quickstart (ZCU104 SoC, OFA-ResNet50) cut to 4 queries: a fraction of a second of wall time.
const std::string kRun = "run vp_configs/examples/quickstart.yaml --set workload.queries=4 ";
const std::string kAll =
    "--set trace.timeline=true --set trace.vcd=true --set trace.power=true --set trace.transactions=true "
    "--set trace.mmio=true ";

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
  // summary.json without its provenance block (the command line differs by --out and --set).
  auto results = [](const fs::path& f) {
    auto j = nlohmann::json::parse(slurp(f));
    j.erase("provenance");
    return j;
  };
  EXPECT_EQ(results(plain / "summary.json"), results(a / "summary.json"));
  for (const char* f : {"queries.csv", "actions.yaml"}) {
    EXPECT_EQ(slurp(plain / f), slurp(a / f)) << f;
  }
  for (const char* f : {"transactions.csv.gz", "timeline.json", "signals.vcd", "power.csv", "mmio.csv"}) {
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

TEST(TracesCli, MmioCsvNamesEveryBusAccessOfTheCpuAndTheTimelineShowsThem) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  ASSERT_EQ(run(kRun + "--set trace.mmio=true --set trace.timeline=true --out '" + out.string() + "'").status, 0);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  const auto rows = csv(slurp(out / "mmio.csv"));
  ASSERT_GT(rows.size(), 1u);
  const auto& h = rows[0];
  EXPECT_EQ(h, (std::vector<std::string>{"time_ps", "core", "device", "offset", "register", "command", "bytes_B", "value",
                                         "status"}));
  // One row per bus access of the host CPU: its MMIO reads and writes (block transfers included).
  const auto& cpu = summary["modules"]["soc"]["cpu"];
  EXPECT_EQ(rows.size() - 1, cpu["mmio_reads_count"].get<std::size_t>() + cpu["mmio_writes_count"].get<std::size_t>());
  std::map<std::string, int> by_device;
  int pops = 0, starts = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), h.size()) << i;  // the empty register / value cells are there
    ++by_device[r[col(h, "device")]];
    EXPECT_EQ(r[col(h, "core")], "soc.cpu");
    EXPECT_EQ(r[col(h, "status")], "ok");
    const bool regs = r[col(h, "device")] != "main";
    // Register blocks: every access names its register and carries its 32-bit value; the
    // firmware's block transfers go to DRAM and carry none.
    EXPECT_EQ(!r[col(h, "register")].empty(), regs) << i;
    EXPECT_EQ(r[col(h, "value")].size(), regs ? 10u : 0u) << i;
    if (r[col(h, "register")] == "POP") ++pops;
    if (r[col(h, "device")] == "accel" && r[col(h, "register")] == "CTRL" && r[col(h, "value")] == "0x00000001") ++starts;
  }
  EXPECT_EQ(pops, 4);    // one per query
  EXPECT_EQ(starts, 4);  // CTRL = START_JOB: one job per query
  EXPECT_GT(by_device["accel"], 0);
  EXPECT_GT(by_device["query_port"], 0);
  EXPECT_GT(by_device["timer"], 0);
  EXPECT_GT(by_device["main"], 0);  // the model image and the PB maps
  // The same accesses as instant events on the CPU's "register accesses" track.
  const auto doc = nlohmann::json::parse(slurp(out / "timeline.json"));
  EXPECT_EQ(sushi::test::check_trace_events(doc), std::vector<std::string>{});
  std::size_t instants = 0;
  for (const auto& e : doc["traceEvents"]) {
    if (e.value("cat", "") != "mmio") continue;
    ++instants;
    EXPECT_EQ(e["ph"], "i");
    EXPECT_EQ(e["pid"], 1);
    EXPECT_EQ(e["tid"], 2);
  }
  EXPECT_EQ(instants, rows.size() - 1);
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

namespace {

// Rising edges of a 1-bit VCD variable, by name (our writer: "$var wire 1 CODE NAME $end").
int rises(const std::string& vcd, const std::string& name) {
  const auto d = vcd.find(" " + name + " $end");
  if (d == std::string::npos) return -1;
  const auto code_end = d;
  const auto code_begin = vcd.rfind(' ', code_end - 1) + 1;
  const std::string code = vcd.substr(code_begin, code_end - code_begin);
  int n = 0;
  std::istringstream in(vcd.substr(vcd.find("$enddefinitions")));
  for (std::string line; std::getline(in, line);) n += line == "1" + code;
  return n;
}

}  // namespace

// Interrupts raised and cleared at one simulated time are in the VCD: one accelerator interrupt
// per job and per PB load, one query-port interrupt per query at least.
TEST(TracesCli, VcdHasEveryInterruptPulse) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  ASSERT_EQ(run(kRun + "--set trace.vcd=true --out '" + out.string() + "'").status, 0);
  const std::string vcd = slurp(out / "signals.vcd");
  const auto s = nlohmann::json::parse(slurp(out / "summary.json"));
  const int jobs = s["modules"]["soc"]["accel"]["jobs_count"].get<int>();
  const int loads = s["cache"]["pb_loads_count"].get<int>();
  ASSERT_GT(jobs, 0);
  EXPECT_EQ(rises(vcd, "accel_irq"), jobs + loads);
  EXPECT_GE(rises(vcd, "port_irq"), 1);
  EXPECT_NE(vcd.find(" accel_irq_count $end"), std::string::npos);
  EXPECT_TRUE(fs::exists(out / "signals.gtkw"));
}

// GTKWave opens the shipped save file under a virtual display and shows every signal, the
// interrupt pulses among them (skipped where gtkwave or Xvfb is not installed).
TEST(TracesCli, GtkwaveOpensTheSaveFileWithTheInterruptPulses) {
  if (std::system("command -v gtkwave > /dev/null && command -v xvfb-run > /dev/null") != 0) {
    GTEST_SKIP() << "gtkwave or xvfb-run is not installed (scripts/setup-debian.sh installs both)";
  }
  const fs::path out = sushi::test::scratch_dir() / "run";
  ASSERT_EQ(run(kRun + "--set trace.vcd=true --out '" + out.string() + "'").status, 0);
  const fs::path result = out.parent_path() / "gtkwave.txt";
  std::ofstream(out.parent_path() / "query.tcl")
      << "set out [open \"" << result.string() << "\" w]\n"
      << "puts $out \"displayed: [gtkwave::getDisplayedSignals]\"\n"
      << "puts $out \"accel_irq: [gtkwave::signalChangeList soc.accel_irq -start_time 0 -max 100000]\"\n"
      << "close $out\ngtkwave::/File/Quit\n";
  const std::string cmd = "cd '" + out.string() + "' && timeout -s KILL 120 xvfb-run -a gtkwave -S '" +
                          (out.parent_path() / "query.tcl").string() + "' signals.gtkw > '" +
                          (out.parent_path() / "gtkwave.log").string() + "' 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(out.parent_path() / "gtkwave.log");
  const std::string text = slurp(result);
  for (const char* s : {"soc.accel_busy", "soc.accel_irq", "soc.accel_irq_count", "soc.port_irq", "soc.cpu_irq",
                        "soc.power_total_mW"}) {
    EXPECT_NE(text.find(std::string(" ") + s + " "), std::string::npos) << s << " not displayed:\n" << text;
  }
  // The change list holds (time value) pairs: every pulse rises to 1 and falls back to 0.
  const std::string changes = text.substr(text.find("accel_irq: "));
  std::istringstream in(changes.substr(11));
  std::vector<std::string> words{std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
  int ones = 0;
  for (std::size_t i = 1; i < words.size(); i += 2) ones += words[i] == "1";
  const auto s = nlohmann::json::parse(slurp(out / "summary.json"));
  EXPECT_EQ(ones, s["modules"]["soc"]["accel"]["jobs_count"].get<int>() + s["cache"]["pb_loads_count"].get<int>())
      << changes;
}

// The shipped quickstart, all traces on: the timeline passes the trace-event check after
// Perfetto's rounding to integer nanoseconds (no slice overlaps its predecessor).
TEST(TracesCli, QuickstartTimelineWithAllTracesPassesAfterPerfettoRounding) {
  const fs::path out = sushi::test::scratch_dir() / "run";
  const Result r = run("run -q vp_configs/examples/quickstart.yaml " + kAll + "--out '" + out.string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto doc = nlohmann::json::parse(slurp(out / "timeline.json"));
  EXPECT_EQ(sushi::test::check_trace_events(doc), std::vector<std::string>{});
  std::size_t layers = 0;
  for (const auto& e : doc["traceEvents"]) layers += e["cat"] == "layer" && e["ph"] == "X";
  EXPECT_GT(layers, 10000u);  // 300 queries x dozens of layers
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
