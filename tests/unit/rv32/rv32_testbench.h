// A testbench for Rv32Cpu: the core with a test program, a bus memory (64 KiB at 0x8000_0000
// and 64 KiB at bus address 0x1_0000_0000, 10 ns per access, an address error elsewhere) and an
// external interrupt line raised at 20 us and lowered by a write to 0x8001_0000.
#pragma once

#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/energy_ledger.h"
#include "cpu/rv32/rv32_cpu.h"

namespace sushi::test {

inline std::string rv32_program(const std::string& name) { return std::string(SUSHI_RV32_PROGRAMS_DIR) + "/" + name + ".elf"; }

struct Rv32BusMemory : sc_core::sc_module {
  static constexpr std::uint64_t kLow = 0x80000000ull, kHigh = 0x100000000ull, kBytes = 0x10000, kAck = 0x80010000ull;
  static constexpr std::uint64_t kLatencyPs = 10000;  // 10 ns per access
  tlm_utils::simple_target_socket<Rv32BusMemory> socket;
  std::vector<std::uint8_t> low = std::vector<std::uint8_t>(kBytes), high = std::vector<std::uint8_t>(kBytes);
  sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> irq{"irq"};
  std::uint64_t accesses = 0;

  SC_HAS_PROCESS(Rv32BusMemory);
  explicit Rv32BusMemory(sc_core::sc_module_name n) : sc_module(n), socket("socket") {
    socket.register_b_transport(this, &Rv32BusMemory::b_transport);
    SC_THREAD(raise_irq);
  }
  void raise_irq() {
    wait(sc_core::sc_time(20, sc_core::SC_US));
    irq.write(true);
  }
  void b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
    ++accesses;
    delay += sc_core::sc_time::from_value(kLatencyPs);
    const std::uint64_t a = p.get_address();
    const unsigned n = p.get_data_length();
    if (a == kAck && p.is_write()) {
      irq.write(false);
      p.set_response_status(tlm::TLM_OK_RESPONSE);
      return;
    }
    std::uint8_t* mem = nullptr;
    if (a >= kLow && a + n <= kLow + kBytes) mem = low.data() + (a - kLow);
    if (a >= kHigh && a + n <= kHigh + kBytes) mem = high.data() + (a - kHigh);
    if (mem == nullptr) {
      p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
      return;
    }
    if (p.is_read()) std::memcpy(p.get_data_ptr(), mem, n);
    else std::memcpy(mem, p.get_data_ptr(), n);
    p.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

struct Rv32Bench {
  EnergyLedger ledger;
  std::unique_ptr<Rv32BusMemory> bus;
  std::unique_ptr<Rv32Cpu> cpu;

  static Rv32CpuParams params(const std::string& elf) {
    Rv32CpuParams p;
    p.clock_hz = 1e9;  // 1 ns per cycle
    p.elf_path = elf;
    p.write_boot_info = false;
    p.max_instructions = 10'000'000;
    return p;
  }
  static std::array<EnergyEntry, rv32::kInsnClasses> energy() {
    std::array<EnergyEntry, rv32::kInsnClasses> e;
    for (std::size_t i = 0; i < e.size(); ++i) e[i].pj_per_unit = 10.0 * static_cast<double>(i + 1);
    return e;
  }
  // programs/hal.c: boot info written, with the values the program checks (accelerator
  // registers, the image address's upper half, the window).
  static Rv32CpuParams hal_params() {
    Rv32CpuParams p = params(rv32_program("hal"));
    p.write_boot_info = true;
    p.boot.accel_regs = 0xA0000000u;
    p.boot.image_addr = 0x8'4000'0000ull;
    p.boot.window = 7;
    return p;
  }
  explicit Rv32Bench(const Rv32CpuParams& p) {
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(1, sc_core::SC_US));
    bus = std::make_unique<Rv32BusMemory>("bus");
    cpu = std::make_unique<Rv32Cpu>("cpu", p, ledger, energy());
    cpu->socket.bind(bus->socket);
    cpu->irq(bus->irq);
  }
  explicit Rv32Bench(const std::string& elf) : Rv32Bench(params(elf)) {}

  void run() { sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC), sc_core::SC_EXIT_ON_STARVATION); }

  // Words of the program's signature region [signature, end_signature) (or `count` words).
  std::vector<std::uint32_t> signature(std::size_t count = 0) const {
    const std::uint32_t b = cpu->elf().symbol("signature");
    const std::uint32_t e = count ? b + 4 * static_cast<std::uint32_t>(count) : cpu->elf().symbol("end_signature");
    std::vector<std::uint32_t> out((e - b) / 4);
    std::memcpy(out.data(), cpu->local_memory() + b, out.size() * 4);
    return out;
  }
  std::uint32_t sym(const std::string& name) const { return cpu->elf().symbol(name); }
  // The faulting pc lies within the first 256 bytes of `function` (where the faulting access is)
  // and holds an instruction of major opcode `opcode` (0x03 LOAD, 0x23 STORE).
  bool fault_pc_is_in(const std::string& function, std::uint32_t opcode) const {
    const std::uint32_t f = sym(function), pc = cpu->fault_pc();
    std::uint32_t insn = 0;
    if (pc < f || pc >= f + 256) return false;
    std::memcpy(&insn, cpu->local_memory() + pc, 4);
    return (insn & 0x7fu) == opcode;
  }
};

}  // namespace sushi::test
