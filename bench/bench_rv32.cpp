// RV32 instruction-set simulator speed: simulated instructions per wall second (MIPS) on the
// compute-bound kernel of tests/unit/rv32/programs/compute.c (CRC-32, multiply-accumulate,
// division; no bus access):
//  - BM_Rv32Core: the interpreter alone (rv32::Core, no SystemC);
//  - BM_Rv32CpuModule: the SystemC module Rv32Cpu with temporal decoupling (10 us quantum), as
//    it runs in the SoC.
// Counter "MIPS" = retired instructions / wall time / 1e6. Main is sc_main (one elaboration per
// process: the module benchmark elaborates once, the first time it runs).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm_utils/simple_target_socket.h>

#include "common/energy_ledger.h"
#include "cpu/rv32/rv32_core.h"
#include "cpu/rv32/rv32_cpu.h"
#include "cpu/rv32/rv32_elf.h"

namespace {

const std::string kElf = std::string(SUSHI_RV32_PROGRAMS_DIR) + "/compute.elf";
constexpr std::uint32_t kIterations = 200000;  // kernel iterations: ~60 M instructions

struct NoBus : sushi::rv32::ExternalPort {
  bool load(std::uint32_t addr, unsigned, std::uint32_t& v, std::uint64_t&) override {
    // MTIME reads and the like: answer 0; everything else is unmapped.
    v = 0;
    return addr >= 0x02000000u && addr < 0x02000100u;
  }
  bool store(std::uint32_t addr, unsigned, std::uint32_t, std::uint64_t&) override {
    if (addr == 0x0200003Cu) core->halt();  // EXIT
    return addr >= 0x02000000u && addr < 0x02000100u;
  }
  sushi::rv32::Core* core = nullptr;
};

void patch_iterations(std::uint8_t* mem, const sushi::rv32::ElfImage& elf) {
  std::memcpy(mem + elf.symbol("iterations"), &kIterations, 4);
}

void BM_Rv32Core(benchmark::State& state) {
  const sushi::rv32::ElfImage elf = sushi::rv32::read_elf(kElf);
  std::vector<std::uint8_t> mem(256 * 1024);
  std::uint64_t instructions = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::fill(mem.begin(), mem.end(), 0);
    sushi::rv32::load_elf(elf, kElf, mem.data(), static_cast<std::uint32_t>(mem.size()), 0x100);
    patch_iterations(mem.data(), elf);
    NoBus bus;
    sushi::rv32::Core core(mem.data(), static_cast<std::uint32_t>(mem.size()), sushi::rv32::Cpi{}, bus);
    bus.core = &core;
    core.reset(elf.entry);
    state.ResumeTiming();
    while (core.run(~0ull) != sushi::rv32::Stop::halt) {
    }
    instructions += core.instret();
  }
  state.counters["MIPS"] = benchmark::Counter(static_cast<double>(instructions) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Rv32Core)->Unit(benchmark::kMillisecond);

struct NullTarget : sc_core::sc_module {
  tlm_utils::simple_target_socket<NullTarget> socket{"socket"};
  explicit NullTarget(sc_core::sc_module_name n) : sc_module(n) {
    socket.register_b_transport(this, &NullTarget::b_transport);
  }
  void b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time&) { p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE); }
};

void BM_Rv32CpuModule(benchmark::State& state) {
  static bool elaborated = false;
  if (elaborated) {
    state.SkipWithError("one SystemC elaboration per process: run this benchmark once");
    return;
  }
  elaborated = true;
  tlm::tlm_global_quantum::instance().set(sc_core::sc_time(10, sc_core::SC_US));
  // Left alive until exit: SystemC objects are not torn down between benchmarks.
  auto* ledger = new sushi::EnergyLedger;
  sushi::Rv32CpuParams p;
  p.clock_hz = 1e9;
  p.elf_path = kElf;
  p.write_boot_info = false;
  auto* target = new NullTarget("target");
  auto& cpu = *new sushi::Rv32Cpu("cpu", p, *ledger, {});
  auto* irq = new sc_core::sc_signal<bool>("irq");
  cpu.socket.bind(target->socket);
  cpu.irq(*irq);
  patch_iterations(cpu.local_memory(), cpu.elf());
  for (auto _ : state) {
    sc_core::sc_start(sc_core::sc_time(100, sc_core::SC_SEC), sc_core::SC_EXIT_ON_STARVATION);
  }
  state.counters["MIPS"] = benchmark::Counter(static_cast<double>(cpu.core().instret()) / 1e6, benchmark::Counter::kIsRate);
  state.counters["instructions"] = static_cast<double>(cpu.core().instret());
  state.counters["simulated_ms"] = sc_core::sc_time_stamp().to_seconds() * 1e3;
}
BENCHMARK(BM_Rv32CpuModule)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

int sc_main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
