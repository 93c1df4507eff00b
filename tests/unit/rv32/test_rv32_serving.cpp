// cpu.kind: rv32 end to end: the cross-compiled firmware ELF serving queries on the SoC.
//  - equivalence: the quickstart (first 50 queries) makes the same SubNet choices and PB loads
//    as the host-compiled firmware; service times differ only by the firmware's own time;
//  - firmware-fault demos: a corrupted model image is a fault record with the program counter;
//    a descriptor pointing outside DRAM is the accelerator's error, and serving goes on;
//  - a firmware bus fault ends a sushi-vp run with exit status 1 and the pc;
//  - a missing ELF is a config error naming the file (exit status 2).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "accel/sushi_accel.h"
#include "common/stats.h"
#include "config/config.h"
#include "config/energy_table_loader.h"
#include "config/platform_schema.h"
#include "dram/dram_controller.h"
#include "soc/soc.h"
#include "sushi/accel_regs.h"
#include "sushi/fw_faults.h"
#include "sushi/model_image.h"
#include "rv32_testbench.h"
#include "run_cli.h"
#include "test_paths.h"

using namespace sushi;
namespace fs = std::filesystem;

namespace {

// Runs sushi-vp; returns its exit status (its output to `err_file`).
int run_vp(const std::string& args, const fs::path& err_file) {
  const test::CliResult r = test::run_sushi_vp(args);
  std::ofstream(err_file) << r.output;
  return r.status;
}

// One column of queries.csv.
std::vector<std::string> csv_column(const fs::path& file, const std::string& name) {
  std::ifstream in(file);
  std::string line, cell;
  std::getline(in, line);
  std::stringstream hs(line);
  int col = -1, i = 0;
  while (std::getline(hs, cell, ',')) {
    if (cell == name) col = i;
    ++i;
  }
  std::vector<std::string> out;
  while (std::getline(in, line)) {
    std::stringstream ls(line);
    for (int c = 0; std::getline(ls, cell, ','); ++c) {
      if (c == col) out.push_back(cell);
    }
  }
  return out;
}

Json read_json(const fs::path& f) {
  std::ifstream in(f);
  return Json::parse(in);
}

// Every "pb_load*" statistic of the accelerator (none with caching policy none).
std::map<std::string, Json> pb_load_stats(const Json& summary) {
  std::map<std::string, Json> out;
  const Json& a = summary["modules"]["soc"]["accel"];
  for (auto it = a.begin(); it != a.end(); ++it) {
    // Counts and bytes: what was loaded. (Load times depend on the DRAM state at that moment.)
    if (it.key().find("pb_load") != std::string::npos && it.key().find("_ps") == std::string::npos) out[it.key()] = it.value();
  }
  return out;
}

struct Rv32ServingRun {
  config::Config cfg;
  EnergyTable table;
  EnergyLedger ledger;
  std::unique_ptr<Soc> soc;
  explicit Rv32ServingRun(std::vector<std::string> overrides)
      : cfg(config::Config::load((test::source_dir() / "tests/unit/serving/fixtures/serve.yaml").string(),
                                 with_rv32(std::move(overrides)), config::build_platform_schema())),
        table(config::load_energy_tables(cfg.paths("energy.tables"))) {
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(10, sc_core::SC_US));
    soc = std::make_unique<Soc>("soc", cfg, table, ledger);
  }
  static std::vector<std::string> with_rv32(std::vector<std::string> o) {
    o.push_back("cpu.kind=rv32");
    return o;
  }
  void simulate() {
    sc_core::sc_start(sc_core::sc_time(10, sc_core::SC_SEC), sc_core::SC_EXIT_ON_STARVATION);
    soc->finish();
  }
  dram::DramController& dram() { return *dynamic_cast<dram::DramController*>(sc_core::sc_find_object("soc.main")); }
  std::uint64_t image_offset() const { return cfg.size("model.image_offset"); }
  Rv32Cpu& cpu() { return *soc->serving()->rv32(); }
};

}  // namespace

TEST(Rv32Serving, QuickstartDecisionsMatchTheHostCompiledFirmware) {
  const fs::path dir = test::scratch_dir();
  // The quickstart (300 queries, sgs caching) with accuracy floors and the min_latency objective:
  // every decision (SubNet, SGS plan, PB load list) then depends on the inputs only, not on when
  // the firmware gets to it. (With the deadline objective a choice depends on `now`, which on the
  // ISS includes the firmware's real execution time: choices within microseconds of a deadline can
  // differ, docs/rv32.md.)
  const std::string common = "run " + (test::source_dir() / "vp_configs/examples/quickstart.yaml").string() +
                             " --set sched.objective=min_latency --set workload.min_accuracy.dist=uniform"
                             " --set workload.min_accuracy.min=76 --set workload.min_accuracy.max=80";
  ASSERT_EQ(run_vp(common + " --set cpu.kind=host --out " + (dir / "host").string(), dir / "host.err"), 0);
  ASSERT_EQ(run_vp(common + " --set cpu.kind=rv32 --out " + (dir / "rv32").string(), dir / "rv32.err"), 0);

  const auto host_subnet = csv_column(dir / "host/queries.csv", "subnet");
  const auto rv32_subnet = csv_column(dir / "rv32/queries.csv", "subnet");
  ASSERT_EQ(host_subnet.size(), 300u);
  EXPECT_EQ(rv32_subnet, host_subnet);
  EXPECT_EQ(csv_column(dir / "rv32/queries.csv", "status"), csv_column(dir / "host/queries.csv", "status"));

  const Json hs = read_json(dir / "host/summary.json"), rs = read_json(dir / "rv32/summary.json");
  EXPECT_EQ(pb_load_stats(rs), pb_load_stats(hs));
  EXPECT_EQ(rs["modules"]["soc"]["accel"]["jobs_count"], hs["modules"]["soc"]["accel"]["jobs_count"]);

  // Service time (start to end) is the accelerator's job plus the firmware's path around it: on
  // the same SubNet it differs only by the firmware's own execution time (well under 50 us per
  // query: a few hundred instructions at 1.2 GHz and the same MMIO accesses).
  const auto hs_start = csv_column(dir / "host/queries.csv", "start_us"), hs_end = csv_column(dir / "host/queries.csv", "end_us");
  const auto rs_start = csv_column(dir / "rv32/queries.csv", "start_us"), rs_end = csv_column(dir / "rv32/queries.csv", "end_us");
  double max_diff_us = 0;
  for (std::size_t i = 0; i < host_subnet.size(); ++i) {
    const double h = std::stod(hs_end[i]) - std::stod(hs_start[i]), r = std::stod(rs_end[i]) - std::stod(rs_start[i]);
    max_diff_us = std::max(max_diff_us, std::abs(r - h));
  }
  EXPECT_LT(max_diff_us, 50.0);
  const Json& cpu = rs["modules"]["soc"]["cpu"];
  EXPECT_GT(cpu["instructions_count"].get<std::uint64_t>(), 0u);
  std::cout << "rv32 firmware: " << cpu["instructions_count"] << " instructions, busy " << cpu["busy_ps"]
            << " ps; max service-time difference " << max_diff_us << " us\n";
}

TEST(Rv32Serving, CorruptedModelImageIsAFaultRecordWithThePc) {
  Rv32ServingRun r({});
  std::uint8_t b = 0;
  r.dram().memory().read(r.image_offset() + 200, &b, 1);
  b ^= 0x5A;
  r.dram().memory().write(r.image_offset() + 200, &b, 1);
  r.simulate();
  const FirmwareFault* f = r.soc->serving()->fault();
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->raised);
  EXPECT_EQ(f->code, SUSHI_FAULT_IMAGE_CRC);
  EXPECT_EQ(f->message.rfind("model image: CRC-32 mismatch (pc 0x", 0), 0u) << f->message;
  // The pc is the call to hal_fault in fw_image_load (a JAL / JALR).
  const std::uint32_t pc = r.cpu().fault_pc(), fn = r.cpu().elf().symbol("fw_image_load");
  EXPECT_GE(pc, fn);
  EXPECT_LT(pc, fn + 4096);
  std::uint32_t insn = 0;
  std::memcpy(&insn, r.cpu().local_memory() + pc, 4);
  EXPECT_TRUE((insn & 0x7f) == 0x6f || (insn & 0x7f) == 0x67) << std::hex << insn;
  for (const auto& row : r.soc->serving()->query_log().rows()) EXPECT_EQ(row.status, QueryStatus::not_served);
}

namespace {
// Points SubNet 0's first descriptor's weights outside every DRAM after boot (the firmware
// validated the image then), and puts it back once the first job has failed.
struct WeightPointerSaboteur : sc_core::sc_module {
  Rv32ServingRun& run;
  SC_HAS_PROCESS(WeightPointerSaboteur);
  WeightPointerSaboteur(sc_core::sc_module_name n, Rv32ServingRun& r) : sc_module(n), run(r) { SC_THREAD(act); }
  void act() {
    sushi_img_header h{};
    run.dram().memory().read(run.image_offset(), reinterpret_cast<std::uint8_t*>(&h), sizeof h);
    std::vector<sushi_img_section> sec(h.section_count);
    run.dram().memory().read(run.image_offset() + h.section_table_offset, reinterpret_cast<std::uint8_t*>(sec.data()),
                             sec.size() * sizeof(sushi_img_section));
    std::uint64_t desc = 0;
    for (const auto& s : sec) {
      if (s.type == SUSHI_IMG_SEC_DESCRIPTORS) desc = run.image_offset() + s.offset;
    }
    const std::uint64_t at = desc + offsetof(sushi_layer_desc, weight_addr);
    std::uint64_t good = 0;
    run.dram().memory().read(at, reinterpret_cast<std::uint8_t*>(&good), 8);
    wait(sc_core::sc_time(950, sc_core::SC_US));  // after boot (CRC and tables), before the first arrival (1 ms)
    const std::uint64_t bad = 0x7'0000'0000ull;     // below the DRAM at 0x8_0000_0000: nothing there
    run.dram().memory().write(at, reinterpret_cast<const std::uint8_t*>(&bad), 8);
    wait(sc_core::sc_time(100, sc_core::SC_MS));
    run.dram().memory().write(at, reinterpret_cast<const std::uint8_t*>(&good), 8);
  }
};
}  // namespace

TEST(Rv32Serving, DescriptorOutsideDramIsAnAcceleratorErrorAndServingGoesOn) {
  Rv32ServingRun r({"workload.trace.file=tests/unit/serving/fixtures/two-apart.csv"});
  WeightPointerSaboteur s("saboteur", r);
  r.simulate();
  const auto& q = r.soc->serving()->query_log().rows();
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].status, QueryStatus::accel_error);
  EXPECT_EQ(q[1].status, QueryStatus::ok);
  EXPECT_FALSE(r.soc->serving()->fault()->raised);
  EXPECT_EQ(r.soc->serving()->accel()->counters().errors, 1u);
}

TEST(Rv32Serving, MissingElfIsAConfigErrorNamingTheFile) {
  const fs::path dir = test::scratch_dir();
  const int rc = run_vp("run " + (test::source_dir() / "vp_configs/examples/quickstart.yaml").string() +
                            " --set cpu.kind=rv32 --set cpu.rv32.elf=/nonexistent/fw.elf --out " + (dir / "o").string(),
                        dir / "err");
  EXPECT_EQ(rc, 2);
  std::ifstream in(dir / "err");
  const std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(err.find("cpu.rv32.elf"), std::string::npos) << err;
  EXPECT_NE(err.find("/nonexistent/fw.elf: cannot open the RV32 firmware ELF"), std::string::npos) << err;
}

TEST(Rv32Serving, FirmwareBusFaultEndsTheRunWithThePc) {
  // A firmware that reads an address nothing answers (programs/fault.c, FAULT_MODE 2) on the
  // quickstart SoC: the NoC answers an address error, the core traps (load access fault), the
  // trap handler writes the fault record, the run ends with exit status 1 naming it.
  const fs::path dir = test::scratch_dir();
  const int rc = run_vp("run " + (test::source_dir() / "vp_configs/examples/quickstart.yaml").string() +
                            " --set workload.queries=2 --set cpu.kind=rv32 --set cpu.rv32.elf=" +
                            sushi::test::rv32_program("fault2") + " --out " + (dir / "o").string(),
                        dir / "err");
  EXPECT_EQ(rc, 1);
  const Json s = read_json(dir / "o/summary.json");
  EXPECT_EQ(s["run"]["end_reason"], "firmware fault");
  EXPECT_EQ(s["run"]["firmware_fault"]["code"], SUSHI_FAULT_BUS);
  const std::string msg = s["run"]["firmware_fault"]["message"];
  EXPECT_NE(msg.find("load access fault: bus error"), std::string::npos) << msg;
  EXPECT_NE(msg.find("at address 0x90000000"), std::string::npos) << msg;
  EXPECT_NE(msg.find("(pc 0x"), std::string::npos) << msg;
  EXPECT_EQ(s["modules"]["soc"]["cpu"]["fault_pc"].get<std::uint32_t>(),
            std::stoul(msg.substr(msg.find("(pc 0x") + 4), nullptr, 16));
}
