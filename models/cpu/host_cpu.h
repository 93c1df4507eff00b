// The host-compiled CPU: runs the firmware's C code natively in a SystemC thread.
//
// The firmware reaches hardware only through sushi/hal.h; this model implements the HAL:
// hal_read32/hal_write32/hal_read/hal_write become TLM b_transport calls from `socket` with
// temporal decoupling (tlm_quantumkeeper), hal_wait_for_interrupt syncs and waits for `irq`
// to be high, and hal_charge adds firmware compute time from a cost model (cycles per kind of
// work, docs/cpu.md). How charged cycles and bus answers become simulated time is the
// FirmwareClock's rule (cpu.firmware_time). A fault (hal_fault) is recorded and ends the
// firmware thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "common/energy_ledger.h"
#include "common/stats.h"
#include "common/trace_hooks.h"
#include "cpu/cpu_params.h"
#include "cpu/firmware_cpu_base.h"
#include "cpu/firmware_time.h"
#include "sushi/hal.h"

namespace sushi {

// Defaults: the declared cpu.* ones (cpu/cpu_params.h).
struct HostCpuParams {
  double clock_hz = CpuParams().clock_hz;
  // Cycles charged per unit of each sushi_cost kind.
  std::array<std::uint64_t, SUSHI_COST_KINDS> cost_cycles = CpuParams().cost_cycles;
  sushi_boot_info boot{};
  FirmwareTimeMode firmware_time = CpuParams().firmware_time;
};

class HostCpu : public FirmwareCpuBase {
 public:
  using Firmware = std::function<void()>;

  HostCpu(const sc_core::sc_module_name& name, const HostCpuParams& params, Firmware firmware,
          EnergyLedger& ledger, const EnergyEntry& cycle_energy);

  std::uint64_t firmware_ps() const override { return busy_ps_; }
  void report_stats(Json& out) const override;

  // HAL entry points (called through the C functions while this CPU's firmware runs).
  std::uint32_t read32(std::uint64_t addr);
  void write32(std::uint64_t addr, std::uint32_t value);
  void read(std::uint64_t addr, void* dst, std::uint32_t bytes);
  void write(std::uint64_t addr, const void* src, std::uint32_t bytes);
  void wait_for_interrupt();
  void charge(sushi_cost kind, std::uint32_t count);
  [[noreturn]] void raise_fault(std::uint32_t code, const char* message);
  void log(const char* message);
  const sushi_boot_info& boot_info() const { return params_.boot; }
  // Optional observer of firmware states (traces/); null = off.
  void set_trace_observer(CpuObserver* o) { observer_ = o; }

 private:
  void run();
  void transfer(tlm::tlm_command cmd, std::uint64_t addr, void* data, std::uint32_t bytes);

  HostCpuParams params_;
  Firmware firmware_;
  ActionId cycle_action_;
  tlm_utils::tlm_quantumkeeper qk_;
  std::uint64_t busy_cycles_ = 0;
  std::uint64_t busy_ps_ = 0;      // simulated time of the firmware's work and of its bus waits
  std::uint64_t bus_wait_ps_ = 0;  // the bus waits alone
  std::array<std::uint64_t, SUSHI_COST_KINDS> charged_{};
  CpuObserver* observer_ = nullptr;
  TraceTag tag_;  // firmware accesses are control traffic (trace_hooks.h)
};

}  // namespace sushi
