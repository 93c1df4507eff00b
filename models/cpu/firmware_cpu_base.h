// What the two firmware cores (HostCpu: host-compiled; Rv32Cpu: the cross-compiled ELF on the
// ISS) share, written once: the bus socket and the interrupt line, the FirmwareClock, the fault
// record and the end of the firmware, bus transactions with their trace hooks and counters, the
// WFI sleep accounting, and the statistics these keep. Each core keeps its own notion of time
// (the host CPU's quantum keeper, the ISS's cycle count): the base is handed times, it does not
// compute them.
#pragma once

#include <cstdint>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "common/energy_ledger.h"
#include "common/stats.h"
#include "common/trace_hooks.h"
#include "cpu/firmware_cpu.h"
#include "cpu/firmware_time.h"

namespace sushi {

class FirmwareCpuBase : public sc_core::sc_module, public StatsProvider, public FirmwareCpu {
 public:
  tlm_utils::simple_initiator_socket<FirmwareCpuBase> socket;
  sc_core::sc_in<bool> irq;

  const FirmwareFault& fault() const override { return fault_; }
  bool finished() const override { return finished_; }
  const sc_core::sc_event& finished_event() const override { return finished_event_; }
  // Optional observer of the firmware's bus accesses (traces/); null = off.
  void set_bus_observer(BusAccessObserver* o) { bus_observer_ = o; }

 protected:
  FirmwareCpuBase(const sc_core::sc_module_name& name, double clock_hz, FirmwareTimeMode firmware_time,
                  EnergyLedger& ledger);

  // Records a fault at `time_ps` unless one is recorded already (the first is the cause, later
  // ones its consequences); returns whether this one was recorded.
  bool record_fault(std::uint32_t code, std::string message, std::uint64_t time_ps);
  // The firmware has ended (returned, exited or faulted): finished() and finished_event().
  void finish();

  // One bus transaction: `p` is set up for (cmd, addr, data, bytes) and sent through `socket`
  // with `delay` (updated by the target); `issued_ps` is when the core issued it, for the bus
  // observer. `tag` (optional) rides on the payload while the target sees it (trace_hooks.h).
  // Counts the access, its bytes and an error answer; returns false on an error answer.
  bool bus_transport(tlm::tlm_generic_payload& p, tlm::tlm_command cmd, std::uint64_t addr, unsigned char* data,
                     std::uint32_t bytes, sc_core::sc_time& delay, std::uint64_t issued_ps,
                     TraceTag* tag = nullptr);
  // "bus error: <response> at address <addr>" for an answered transaction.
  static std::string bus_error_text(const tlm::tlm_generic_payload& p);

  // A wait for an interrupt has ended after `ps` of simulated time; `slept`: the core did sleep
  // (the interrupt was not already there), which counts one WFI.
  void count_sleep(bool slept, std::uint64_t ps);

  // A message from the firmware (hal_log, the RV32 LOG register).
  void firmware_log(const std::string& message) const;

  // Statistics, each group in the order the cores have always written it (the JSON is ordered):
  // `reads_key`, `writes_key`, bus_B, bus_errors_count.
  void report_bus_stats(Json& out, const char* reads_key, const char* writes_key) const;
  // wfi_count, sleep_ps.
  void report_sleep_stats(Json& out) const;
  // fault, and when one was raised fault_code, fault_message, fault_time_ps; returns fault().raised.
  bool report_fault_stats(Json& out) const;

  EnergyLedger& ledger_;
  FirmwareClock clock_;

 private:
  FirmwareFault fault_;
  bool finished_ = false;
  sc_core::sc_event finished_event_;
  BusAccessObserver* bus_observer_ = nullptr;
  std::uint64_t bus_reads_ = 0, bus_writes_ = 0, bus_bytes_ = 0, bus_errors_ = 0;
  std::uint64_t wfi_count_ = 0, sleep_ps_ = 0;
};

}  // namespace sushi
