// cpu.kind: rv32: the serving part's CPU is the RV32IM instruction-set simulator running the
// cross-compiled firmware ELF (docs/rv32.md), with the same boot info the host CPU gets, written
// at SUSHI_RV32_BOOT_INFO_ADDR of its local memory.
#include <fmt/format.h>

#include "soc/serving.h"

namespace sushi {

void Serving::make_rv32_cpu(const config::Config& cfg, const EnergyTable& table, EnergyLedger& ledger,
                            const sushi_boot_info& boot) {
  Rv32CpuParams p;
  p.clock_hz = cfg.frequency_hz("cpu.clock");
  p.firmware_time = firmware_time_mode(cfg.string("cpu.firmware_time"));
  p.local_memory_bytes = static_cast<std::uint32_t>(cfg.size("cpu.rv32.local_memory"));
  for (std::size_t c = 0; c < rv32::kInsnClasses; ++c) {
    p.cpi.cycles[c] = static_cast<std::uint32_t>(cfg.integer(std::string("cpu.rv32.cpi.") + rv32::kInsnClassNames[c]));
  }
  p.cpi.trap = static_cast<std::uint32_t>(cfg.integer("cpu.rv32.cpi.trap"));
  p.elf_path = cfg.path("cpu.rv32.elf");
  if (p.elf_path.empty()) p.elf_path = rv32::default_firmware_elf();
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
    const bool built_in = cfg.path("cpu.rv32.elf").empty();
    cfg.fail("cpu.rv32.elf", built_in ? std::string(e.what()) +
                                             " (the default firmware is built only when riscv64-unknown-elf-gcc "
                                             "is installed: see docs/rv32.md)"
                                       : std::string(e.what()));
  }
  rv32_->irq(cpu_irq_);
}

}  // namespace sushi
