#include "cpu/firmware_cpu_base.h"

#include <utility>

#include <fmt/format.h>

namespace sushi {

FirmwareCpuBase::FirmwareCpuBase(const sc_core::sc_module_name& name, double clock_hz,
                                 FirmwareTimeMode firmware_time, EnergyLedger& ledger)
    : sc_module(name), socket("socket"), irq("irq"), ledger_(ledger), clock_(clock_hz, firmware_time) {}

bool FirmwareCpuBase::record_fault(std::uint32_t code, std::string message, std::uint64_t time_ps) {
  if (fault_.raised) return false;
  fault_.raised = true;
  fault_.code = code;
  fault_.message = std::move(message);
  fault_.time_ps = time_ps;
  return true;
}

void FirmwareCpuBase::finish() {
  finished_ = true;
  finished_event_.notify();
}

bool FirmwareCpuBase::bus_transport(tlm::tlm_generic_payload& p, tlm::tlm_command cmd, std::uint64_t addr,
                                    unsigned char* data, std::uint32_t bytes, sc_core::sc_time& delay,
                                    std::uint64_t issued_ps, TraceTag* tag) {
  p.set_command(cmd);
  p.set_address(addr);
  p.set_data_ptr(data);
  p.set_data_length(bytes);
  p.set_streaming_width(bytes);
  p.set_byte_enable_ptr(nullptr);
  p.set_dmi_allowed(false);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  if (tag) {
    tag->initiator = name();
    p.set_extension(tag);
  }
  socket->b_transport(p, delay);
  if (tag) p.clear_extension(tag);
  if (bus_observer_) bus_observer_->on_bus_access(bus_access_record(name(), issued_ps, addr, p));
  if (cmd == tlm::TLM_READ_COMMAND) ++bus_reads_;
  else ++bus_writes_;
  bus_bytes_ += bytes;
  if (!p.is_response_error()) return true;
  ++bus_errors_;
  return false;
}

std::string FirmwareCpuBase::bus_error_text(const tlm::tlm_generic_payload& p) {
  return fmt::format("bus error: {} at address {:#x}", p.get_response_string(), p.get_address());
}

void FirmwareCpuBase::count_sleep(bool slept, std::uint64_t ps) {
  if (slept) ++wfi_count_;
  sleep_ps_ += ps;
}

void FirmwareCpuBase::firmware_log(const std::string& message) const { SC_REPORT_INFO(name(), message.c_str()); }

void FirmwareCpuBase::report_bus_stats(Json& out, const char* reads_key, const char* writes_key) const {
  out[reads_key] = bus_reads_;
  out[writes_key] = bus_writes_;
  out["bus_B"] = bus_bytes_;
  out["bus_errors_count"] = bus_errors_;
}

void FirmwareCpuBase::report_sleep_stats(Json& out) const {
  out["wfi_count"] = wfi_count_;
  out["sleep_ps"] = sleep_ps_;
}

bool FirmwareCpuBase::report_fault_stats(Json& out) const {
  out["fault"] = fault_.raised;
  if (fault_.raised) {
    out["fault_code"] = fault_.code;
    out["fault_message"] = fault_.message;
    out["fault_time_ps"] = fault_.time_ps;
  }
  return fault_.raised;
}

}  // namespace sushi
