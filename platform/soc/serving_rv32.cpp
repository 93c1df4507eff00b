// cpu.kind: rv32: the serving part's CPU is the RV32IM instruction-set simulator running the
// cross-compiled firmware ELF (docs/rv32.md), with the same boot info the host CPU gets, written
// at SUSHI_RV32_BOOT_INFO_ADDR of its local memory.
#include <cmath>
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

#include "config/params_visitors.h"
#include "cpu/rv32/rv32_gdb.h"
#include "soc/serving.h"

namespace sushi {

void Serving::make_rv32_cpu(const config::Config& cfg, const CpuParams& cpu, const Rv32Params& rv32,
                            const EnergyTable& table, EnergyLedger& ledger, const sushi_boot_info& boot) {
  Rv32CpuParams p;
  p.clock_hz = cpu.clock_hz;
  p.firmware_time = cpu.firmware_time;
  p.local_memory_bytes = rv32.local_memory_bytes;
  p.cpi = rv32.cpi;
  p.elf_path = rv32.elf_path.empty() ? rv32::default_firmware_elf() : rv32.elf_path;
  p.boot = boot;

  // Energy per retired instruction: the classes share the table's entries as below.
  static constexpr const char* kEntry[rv32::kInsnClasses] = {"alu",  "load", "store", "branch", "branch",
                                                             "jump", "mul",  "div",   "system", "system"};
  const std::string& prefix = cfg.string("cpu.rv32.energy_prefix");
  std::array<EnergyEntry, rv32::kInsnClasses> energy;
  for (std::size_t c = 0; c < rv32::kInsnClasses; ++c) {
    const std::string key = prefix + "." + kEntry[c];
    if (!table.has(key)) {
      cfg.fail("cpu.rv32.energy_prefix", "energy table '" + table.name() + "' has no entry '" + key + "'");
    }
    energy[c] = table.at(key);
  }
  try {
    rv32_ = std::make_unique<Rv32Cpu>("cpu", p, ledger, energy);
  } catch (const rv32::Rv32ElfError& e) {
    const bool built_in = rv32.elf_path.empty();
    cfg.fail("cpu.rv32.elf", built_in ? std::string(e.what()) +
                                             " (the default firmware is built only when riscv64-unknown-elf-gcc "
                                             "is installed: see docs/rv32.md)"
                                       : std::string(e.what()));
  }
  rv32_->irq(cpu_irq_);
}

void Serving::start_debugger(const config::Config& cfg) {
  Rv32Params rv32;  // the cpu.rv32.* keys
  config::read_keys(cfg, rv32);
  if (!rv32_ || !rv32.gdb.enabled) return;
  Rv32GdbParams p;
  p.port = rv32.gdb.port;
  p.wait = rv32.gdb.wait;
  Rv32Gdb* gdb = nullptr;
  try {
    gdb = &rv32_->attach_gdb(p);
  } catch (const std::runtime_error& e) {
    cfg.fail("cpu.rv32.gdb.port", e.what());
  }
  // On stderr whatever --quiet says: a debugger (or a script, for port 0) needs the port.
  std::cerr << fmt::format("gdb: listening on 127.0.0.1:{}{}\n", gdb->port(),
                           p.wait ? "; the core waits for the debugger before its first instruction" : "")
            << std::flush;
  if (!p.wait) return;
  const double timeout_ps = rv32.gdb.wait_timeout_ps;
  const int timeout_ms = timeout_ps > 0 ? static_cast<int>(std::ceil(std::min(timeout_ps * 1e-9, 2e9))) : -1;
  if (!gdb->wait_for_debugger(timeout_ms)) {
    cfg.fail("cpu.rv32.gdb.wait_timeout",
             fmt::format("no debugger connected to 127.0.0.1:{} in time (target remote :{})", gdb->port(), gdb->port()));
  }
  std::cerr << "gdb: debugger connected\n" << std::flush;
}

}  // namespace sushi
