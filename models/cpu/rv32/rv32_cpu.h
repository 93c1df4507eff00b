// Rv32Cpu: the RV32IM instruction-set simulator as a SystemC module, running the cross-compiled
// firmware ELF (docs/rv32.md).
//
// The core fetches from its local memory (code, data, stack, boot info: a direct pointer, the
// DMI path) and reaches everything else through `socket` with temporal decoupling: the core
// runs ahead of the kernel by up to one global quantum, counted in its own cycles (CPI per
// instruction class, plus the bus's answered latency as stall cycles), and synchronises at the
// quantum, at WFI and at the end. How cycles and bus answers become simulated time is the
// FirmwareClock's rule (cpu.firmware_time: under zero, neither advances it). `irq` is the
// machine external interrupt (mip.MEIP); the machine timer (mip.MTIP) is core-local
// (sushi/rv32_local.h), as are the fault record, the bus window (how the 32-bit core reaches
// 64-bit bus addresses) and the block transfer (one bus transaction per hal_read / hal_write, as
// in host mode). A fault (the firmware's record, or a trap loop detected by the core) stops the
// core; the run then ends like a host-mode firmware fault.
//
// A GDB stub (attach_gdb, rv32_gdb.h) can halt the core between instructions: while halted the
// SystemC thread waits for the debugger without calling wait(), so simulated time stands still
// and the run gives the same results as without the debugger.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "common/energy_ledger.h"
#include "common/stats.h"
#include "common/trace_hooks.h"
#include "cpu/cpu_params.h"
#include "cpu/firmware_cpu_base.h"
#include "cpu/firmware_time.h"
#include "cpu/rv32/rv32_core.h"
#include "cpu/rv32/rv32_elf.h"
#include "cpu/rv32/rv32_params.h"
#include "sushi/hal.h"

namespace sushi {

class Rv32Gdb;
struct Rv32GdbParams;

// Defaults: the declared cpu.* and cpu.rv32.* ones (cpu/cpu_params.h, cpu/rv32/rv32_params.h).
struct Rv32CpuParams {
  double clock_hz = CpuParams().clock_hz;
  std::uint32_t local_memory_bytes = Rv32Params().local_memory_bytes;
  rv32::Cpi cpi;
  std::string elf_path;            // the firmware (or test program) ELF
  bool write_boot_info = true;     // write `boot` at SUSHI_RV32_BOOT_INFO_ADDR before reset
  sushi_boot_info boot{};
  std::uint64_t max_instructions = 0;  // stop with a fault after this many (0: no limit; tests)
  FirmwareTimeMode firmware_time = CpuParams().firmware_time;
};

class Rv32Cpu : public FirmwareCpuBase, private rv32::ExternalPort {
 public:
  // Loads the ELF: throws rv32::Rv32ElfError naming the file. `energy[c]` is charged per
  // retired instruction of class c.
  Rv32Cpu(const sc_core::sc_module_name& name, const Rv32CpuParams& params, EnergyLedger& ledger,
          const std::array<EnergyEntry, rv32::kInsnClasses>& energy);
  ~Rv32Cpu() override;

  std::uint32_t fault_pc() const { return fault_pc_; }
  std::uint64_t firmware_ps() const override { return busy_ps(); }
  void report_stats(Json& out) const override;

  const rv32::Core& core() const { return core_; }
  const rv32::ElfImage& elf() const { return elf_; }
  // The local memory (tests read their signature region).
  const std::uint8_t* local_memory() const { return lmem_.data(); }
  std::uint8_t* local_memory() { return lmem_.data(); }  // benchmarks patch data before sc_start
  std::uint32_t local_memory_bytes() const { return static_cast<std::uint32_t>(lmem_.size()); }
  // Simulated time the core was awake (its clock is gated asleep): cycles x period, bus stalls
  // included; 0 under cpu.firmware_time: zero.
  std::uint64_t busy_ps() const { return clock_.work_ps(core_.cycles()); }
  std::uint32_t exit_code() const { return exit_code_; }

  // The GDB stub (docs/rv32.md, "Debugging"): listens on the loopback interface; throws
  // std::runtime_error naming the address if it cannot. Call during elaboration.
  Rv32Gdb& attach_gdb(const Rv32GdbParams& params);
  Rv32Gdb* gdb() { return gdb_.get(); }
  // The core's address space as a debugger sees it, untimed and without side effects: local
  // memory, core-local registers (read only, whole words), and through the bus window or
  // directly the SoC (TLM debug transport). Returns the bytes transferred from the start.
  std::size_t debug_access(bool write, std::uint32_t addr, std::uint8_t* data, std::size_t len);
  // The same at a 64-bit bus address (e.g. DRAM above 4 GiB), whatever the window.
  std::size_t debug_bus_access(bool write, std::uint64_t addr, std::uint8_t* data, std::size_t len);

 private:
  friend class Rv32Gdb;
  void run();
  void irq_changed();
  std::uint64_t core_time_ps() const;  // the core's local time (ahead of the kernel)
  void sync(bool yield = false);  // catch the kernel up to the core's time (yield: a delta at least)
  void sleep_until_interrupt();
  std::uint64_t cycle_limit() const;  // the end of this quantum, or the timer's match
  void update_timer_irq();
  std::uint64_t timer_deadline_ps() const;  // MTIMECMP in ps, or ~0 (never)
  void flush_energy();
  void stop_with_fault(std::uint32_t code, const std::string& message, std::uint32_t pc);
  std::string local_string(std::uint32_t addr) const;

  // rv32::ExternalPort: core-local registers and the bus.
  bool load(std::uint32_t addr, unsigned bytes, std::uint32_t& value, std::uint64_t& stall_cycles) override;
  bool store(std::uint32_t addr, unsigned bytes, std::uint32_t value, std::uint64_t& stall_cycles) override;
  bool bus(tlm::tlm_command cmd, std::uint32_t addr, unsigned bytes, std::uint32_t& value, std::uint64_t& stall_cycles);
  // One TLM transaction at bus address `full`; on an error remembers it for the fault record of
  // the access at core address `tval`.
  bool transport(tlm::tlm_command cmd, std::uint64_t full, unsigned char* data, std::uint32_t bytes, std::uint32_t tval,
                 std::uint64_t& stall_cycles);
  bool block_transfer(std::uint32_t start, std::uint64_t& stall_cycles);  // a BLK_START store
  bool local_load(std::uint32_t off, std::uint32_t& value, bool debug = false);  // debug: no MTIME latch
  bool local_store(std::uint32_t off, std::uint32_t value);

  Rv32CpuParams params_;
  std::array<ActionId, rv32::kInsnClasses> actions_{};
  std::array<std::uint64_t, rv32::kInsnClasses> flushed_{};
  std::vector<std::uint8_t> lmem_;
  rv32::ElfImage elf_;
  rv32::Core core_;
  std::uint64_t quantum_cycles_ = 1;
  std::uint64_t base_cycles_ = 0, base_time_ps_ = 0;  // the last synchronisation point
  tlm::tlm_generic_payload payload_;

  // Core-local registers.
  std::uint64_t mtimecmp_ns_ = ~0ull;
  std::uint32_t mtime_hi_latch_ = 0;
  std::uint64_t window_ = 0;  // bus address of the window (SUSHI_RV32_WINDOW_BASE)
  std::uint64_t blk_bus_ = 0;  // block transfer registers
  std::uint32_t blk_local_ = 0, blk_bytes_ = 0;
  std::uint32_t fault_code_ = 0, fault_msg_ = 0, fault_pc_reg_ = 0, fault_cause_ = 0, fault_tval_ = 0;
  std::uint32_t exit_code_ = 0;

  std::uint32_t fault_pc_ = 0;
  std::uint32_t last_error_tval_ = 0;  // core address of the last failed bus / block access
  std::string last_error_;             // what failed, for the fault record's message
  std::uint64_t bus_stall_cycles_ = 0;
  std::unique_ptr<Rv32Gdb> gdb_;
};

}  // namespace sushi
