// The register-access trace (trace.mmio, docs/traces.md) of the quickstart on the RV32 core:
// for the first query, the accelerator register writes that start its job are exactly those
// the driver's code makes. The expected sequence comes from running the driver itself,
// firmware/src/fw_accel.c's fw_accel_run_job, against a HAL that records its writes; its
// arguments come from what the accelerator did (the descriptors it fetched, how many it ran,
// whether it used a PB map), not from the trace under test. The host-compiled firmware's trace
// of the same query must show the same writes.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "csv_files.h"
#include "config/platform_schema.h"
extern "C" {
#include "fw_accel.h"  // the driver (C, no linkage guards of its own)
}
#include "run_cli.h"
#include "sushi/accel_regs.h"
#include "sushi/hal.h"
#include "test_paths.h"
#include "traces/register_names.h"

namespace fs = std::filesystem;

// The recording HAL the driver runs on here (this test links no CPU model): writes are
// recorded; IRQ_STATUS reads say the job is done, so wait_done returns at once.
namespace {
std::vector<std::pair<std::uint64_t, std::uint32_t>> g_writes;
}
extern "C" {
void hal_boot_info(sushi_boot_info* out) { *out = sushi_boot_info{}; }
uint32_t hal_read32(uint64_t addr) { return (addr & 0xffu) == SUSHI_REG_IRQ_STATUS ? SUSHI_IRQ_JOB_DONE : 0u; }
void hal_write32(uint64_t addr, uint32_t value) { g_writes.emplace_back(addr, value); }
void hal_read(uint64_t, void*, uint32_t) {}
void hal_write(uint64_t, const void*, uint32_t) {}
void hal_wait_for_interrupt(void) {}
void hal_charge(enum sushi_cost, uint32_t) {}
void hal_fault(uint32_t, const char*) { ADD_FAILURE() << "the driver faulted"; }
void hal_log(const char*) {}
}

namespace {

using Rows = sushi::test::CsvRows;
using sushi::test::col;
using sushi::test::csv;
using sushi::test::gunzip;

struct Write {
  std::uint64_t time_ps;
  std::string reg;
  std::uint32_t offset, value;
};

// The accelerator writes of the first query that start its job: after the first POP, up to and
// including the CTRL write of START_JOB.
std::vector<Write> first_job_start(const Rows& rows) {
  const auto& h = rows[0];
  std::vector<Write> out;
  bool popped = false;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r[col(h, "device")] == "query_port" && r[col(h, "register")] == "POP") popped = true;
    if (!popped || r[col(h, "device")] != "accel" || r[col(h, "command")] != "write") continue;
    out.push_back({std::stoull(r[col(h, "time_ps")]), r[col(h, "register")],
                   static_cast<std::uint32_t>(std::stoul(r[col(h, "offset")], nullptr, 16)),
                   static_cast<std::uint32_t>(std::stoul(r[col(h, "value")], nullptr, 16))});
    if (out.back().reg == "CTRL" && out.back().value == SUSHI_CTRL_START_JOB) break;
  }
  return out;
}

const std::string kQuickstart = "vp_configs/examples/quickstart.yaml";
const std::vector<std::string> kSets = {"workload.queries=4", "trace.mmio=true", "trace.timeline=true",
                                        "trace.transactions=true"};

std::string run_args(const std::string& kind, const fs::path& out) {
  std::string a = "run " + kQuickstart + " --set cpu.kind=" + kind;
  for (const auto& s : kSets) a += " --set " + s;
  return a + " --out '" + out.string() + "'";
}

}  // namespace

TEST(Rv32MmioTrace, TheFirstJobStartsWithExactlyTheDriversRegisterWrites) {
  const fs::path rv32 = sushi::test::scratch_dir() / "rv32";
  const fs::path host = sushi::test::scratch_dir() / "host";
  const auto r = sushi::test::run_sushi_vp(run_args("rv32", rv32));
  ASSERT_EQ(r.status, 0) << r.output;
  ASSERT_EQ(sushi::test::run_sushi_vp(run_args("host", host)).status, 0);
  const std::vector<Write> trace = first_job_start(csv(sushi::test::slurp(rv32 / "mmio.csv")));
  ASSERT_FALSE(trace.empty());
  ASSERT_EQ(trace.back().reg, "CTRL");

  // What the accelerator did for that job: its first job in the timeline (descriptors run, PB
  // weights read) and, in the DRAM trace, its first control read at or after the CTRL write:
  // the descriptor table's first bytes.
  std::vector<std::string> sets = kSets;
  sets.push_back("cpu.kind=rv32");
  const auto cfg = sushi::config::Config::load(kQuickstart, sets, sushi::config::build_platform_schema());
  const std::uint64_t dram_base = static_cast<std::uint64_t>(cfg.integer("dram.main.base"));
  const std::uint64_t regs = static_cast<std::uint64_t>(cfg.integer("accel.regs_base"));
  const auto timeline = nlohmann::json::parse(sushi::test::slurp(rv32 / "timeline.json"));
  std::uint32_t layers = 0;
  std::uint64_t pb_weight_B = 0;
  for (const auto& e : timeline["traceEvents"]) {
    if (e.value("name", "") == "job") {
      layers = e["args"]["layers_count"].get<std::uint32_t>();
      pb_weight_B = e["args"]["pb_weight_B"].get<std::uint64_t>();
      break;
    }
  }
  ASSERT_GT(layers, 0u);
  const Rows tx = csv(gunzip(rv32 / "transactions.csv.gz"));
  std::uint64_t desc_addr = 0;
  for (std::size_t i = 1; i < tx.size() && desc_addr == 0; ++i) {
    const auto& t = tx[i];
    if (t[col(tx[0], "initiator")] == "soc.accel" && t[col(tx[0], "operand")] == "control" &&
        std::stoull(t[col(tx[0], "time_ps")]) >= trace.back().time_ps) {
      desc_addr = dram_base + std::stoull(t[col(tx[0], "address")], nullptr, 16);
    }
  }
  ASSERT_NE(desc_addr, 0u);
  // No PB weights read: the job ran without a PB map (sgs plans its first SubGraph after a
  // window of queries), which the firmware passes as address 0, count 0.
  ASSERT_EQ(pb_weight_B, 0u);

  // The driver's own sequence for those arguments, up to the START_JOB write.
  g_writes.clear();
  fw_accel_run_job(regs, desc_addr, layers, 0, 0);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> expected;
  for (const auto& w : g_writes) {
    expected.emplace_back(w.first - regs, w.second);
    if (w.first - regs == SUSHI_REG_CTRL) break;
  }
  ASSERT_EQ(expected.size(), 7u);  // descriptor address (2), count, PB map address (2), count, CTRL
  ASSERT_EQ(trace.size(), expected.size());
  const auto* names = sushi::traces::register_block("accel");
  ASSERT_NE(names, nullptr);
  for (std::size_t i = 0; i < trace.size(); ++i) {
    EXPECT_EQ(trace[i].offset, expected[i].first) << i;
    EXPECT_EQ(trace[i].value, expected[i].second) << i;
    EXPECT_STREQ(trace[i].reg.c_str(), sushi::traces::register_name(*names, static_cast<std::uint32_t>(expected[i].first)))
        << i;
    if (i > 0) {
      EXPECT_LT(trace[i - 1].time_ps, trace[i].time_ps) << i;
    }
  }
  // The host-compiled firmware runs the same driver for the same first query.
  const std::vector<Write> host_trace = first_job_start(csv(sushi::test::slurp(host / "mmio.csv")));
  ASSERT_EQ(host_trace.size(), trace.size());
  for (std::size_t i = 0; i < trace.size(); ++i) {
    EXPECT_EQ(host_trace[i].reg, trace[i].reg) << i;
    EXPECT_EQ(host_trace[i].value, trace[i].value) << i;
  }
}
