#include "host_cpu.h"

#include <cstring>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "sushi/fw_faults.h"

namespace sushi {
namespace {

// The CPU whose firmware is executing. SystemC threads are coroutines on one OS thread, so
// "current" is whoever resumed last: every HostCpu sets it again after each wait().
HostCpu* g_current = nullptr;

// Thrown by hal_fault to unwind the firmware (compiled with -fexceptions) back to HostCpu::run.
struct FirmwareStop {};

}  // namespace

HostCpu& current();
HostCpu& current() {
  if (g_current == nullptr) {
    // A HAL call outside any CPU thread is a bug in the caller, not in the firmware.
    throw std::logic_error("HAL called outside a HostCpu firmware thread");
  }
  return *g_current;
}

HostCpu::HostCpu(const sc_core::sc_module_name& name, const HostCpuParams& params,
                 Firmware firmware, EnergyLedger& ledger, const EnergyEntry& cycle_energy)
    : FirmwareCpuBase(name, params.clock_hz, params.firmware_time, ledger),
      params_(params),
      firmware_(std::move(firmware)) {
  tag_.operand = TraceOperand::control;
  cycle_action_ = ledger_.declare(this->name(), "busy_cycles", EnergyCategory::cpu, cycle_energy);
  SC_HAS_PROCESS(HostCpu);
  SC_THREAD(run);
}

void HostCpu::run() {
  g_current = this;
  qk_.reset();
  try {
    firmware_();
  } catch (const FirmwareStop&) {
    // fault_ already holds the record.
  }
  qk_.sync();
  g_current = nullptr;
  finish();
}

void HostCpu::transfer(tlm::tlm_command cmd, std::uint64_t addr, void* data, std::uint32_t bytes) {
  sc_core::sc_time delay = qk_.get_local_time();
  const std::uint64_t issued = static_cast<std::uint64_t>((sc_core::sc_time_stamp() + delay).value());
  tlm::tlm_generic_payload p;
  const bool ok = bus_transport(p, cmd, addr, static_cast<unsigned char*>(data), bytes, delay, issued,
                                observer_ ? &tag_ : nullptr);
  g_current = this;  // a target may have called wait()
  // The core goes on when the answer is due (zero firmware time: at once, FirmwareClock).
  const std::uint64_t now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  const std::uint64_t resume =
      clock_.resume_ps(issued, static_cast<std::uint64_t>((sc_core::sc_time_stamp() + delay).value()));
  bus_wait_ps_ += resume - issued;
  busy_ps_ += resume - issued;
  qk_.set(sc_core::sc_time::from_value(resume > now ? resume - now : 0));
  if (qk_.need_sync()) {
    qk_.sync();
    g_current = this;
  }
  if (!ok) raise_fault(SUSHI_FAULT_BUS, bus_error_text(p).c_str());
}

std::uint32_t HostCpu::read32(std::uint64_t addr) {
  std::uint32_t v = 0;
  transfer(tlm::TLM_READ_COMMAND, addr, &v, 4);
  return v;
}

void HostCpu::write32(std::uint64_t addr, std::uint32_t value) {
  transfer(tlm::TLM_WRITE_COMMAND, addr, &value, 4);
}

void HostCpu::read(std::uint64_t addr, void* dst, std::uint32_t bytes) {
  if (bytes == 0) return;
  transfer(tlm::TLM_READ_COMMAND, addr, dst, bytes);
}

void HostCpu::write(std::uint64_t addr, const void* src, std::uint32_t bytes) {
  if (bytes == 0) return;
  std::vector<unsigned char> copy(static_cast<const unsigned char*>(src),
                                  static_cast<const unsigned char*>(src) + bytes);
  transfer(tlm::TLM_WRITE_COMMAND, addr, copy.data(), bytes);
}

void HostCpu::wait_for_interrupt() {
  qk_.sync();  // the interrupt line is kernel state: look at it at the right time (a delta at least)
  const auto start = sc_core::sc_time_stamp();
  const bool slept = !irq.read();  // sleeps, as the RV32 core counts its WFIs
  while (!irq.read()) wait(irq.posedge_event());
  g_current = this;
  count_sleep(slept, static_cast<std::uint64_t>((sc_core::sc_time_stamp() - start).value()));
  if (observer_) {
    observer_->on_cpu_state(CpuState::wfi, static_cast<std::uint64_t>(start.value()),
                            static_cast<std::uint64_t>(sc_core::sc_time_stamp().value()));
  }
  qk_.reset();
}

void HostCpu::charge(sushi_cost kind, std::uint32_t count) {
  const auto k = static_cast<std::size_t>(kind);
  if (k >= SUSHI_COST_KINDS) return;
  const std::uint64_t cycles = params_.cost_cycles[k] * count;
  charged_[k] += cycles;
  busy_cycles_ += cycles;
  ledger_.add(cycle_action_, cycles);  // energy counts the work whatever its duration
  const std::uint64_t ps = clock_.work_ps(cycles);
  busy_ps_ += ps;
  if (observer_ && ps > 0) {
    static constexpr CpuState kState[SUSHI_COST_KINDS] = {CpuState::query, CpuState::select, CpuState::prepare,
                                                          CpuState::boot};
    const auto t = static_cast<std::uint64_t>((sc_core::sc_time_stamp() + qk_.get_local_time()).value());
    observer_->on_cpu_state(kState[k], t, t + ps);
  }
  qk_.inc(sc_core::sc_time::from_value(ps));
  if (qk_.need_sync()) {
    qk_.sync();
    g_current = this;
  }
}

void HostCpu::raise_fault(std::uint32_t code, const char* message) {
  record_fault(code, message ? message : "",
               static_cast<std::uint64_t>((sc_core::sc_time_stamp() + qk_.get_local_time()).value()));
  throw FirmwareStop{};
}

void HostCpu::log(const char* message) { firmware_log(message); }

void HostCpu::report_stats(Json& out) const {
  report_bus_stats(out, "mmio_reads_count", "mmio_writes_count");
  report_sleep_stats(out);
  out["busy_cycles_count"] = busy_cycles_;
  out["busy_ps"] = busy_ps_;
  out["bus_wait_ps"] = bus_wait_ps_;
  static const char* kinds[SUSHI_COST_KINDS] = {"query", "candidate", "layer", "boot"};
  Json c = Json::object();
  for (std::size_t i = 0; i < SUSHI_COST_KINDS; ++i) c[std::string(kinds[i]) + "_cycles_count"] = charged_[i];
  out["charged"] = std::move(c);
  report_fault_stats(out);
  out["energy_pJ"] = ledger_.energy_pj(cycle_action_);
}

}  // namespace sushi

// The C HAL for host-compiled firmware.
extern "C" {
void hal_boot_info(sushi_boot_info* out) { *out = sushi::current().boot_info(); }
uint32_t hal_read32(uint64_t addr) { return sushi::current().read32(addr); }
void hal_write32(uint64_t addr, uint32_t value) { sushi::current().write32(addr, value); }
void hal_read(uint64_t addr, void* dst, uint32_t bytes) { sushi::current().read(addr, dst, bytes); }
void hal_write(uint64_t addr, const void* src, uint32_t bytes) { sushi::current().write(addr, src, bytes); }
void hal_wait_for_interrupt(void) { sushi::current().wait_for_interrupt(); }
void hal_charge(enum sushi_cost kind, uint32_t count) { sushi::current().charge(kind, count); }
void hal_fault(uint32_t code, const char* message) { sushi::current().raise_fault(code, message); }
void hal_log(const char* message) { sushi::current().log(message); }
}
