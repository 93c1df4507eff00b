#include "port_memory.h"

#include <cmath>
#include <cstring>

namespace sushi {

PortMemory::PortMemory(const sc_core::sc_module_name& name, const PortMemoryParams& params,
                       EnergyLedger& ledger)
    : sc_module(name),
      socket("socket"),
      params_(params),
      storage_(params.size_bytes, 0),
      ledger_(ledger) {
  socket.register_b_transport(this, &PortMemory::b_transport);
  socket.register_transport_dbg(this, &PortMemory::transport_dbg);
  read_action_ = ledger_.declare(this->name(), params.read_energy.unit == CountUnit::byte ? "read_bytes" : "reads",
                                 params.category, params.read_energy);
  write_action_ = ledger_.declare(this->name(), params.write_energy.unit == CountUnit::byte ? "write_bytes" : "writes",
                                  params.category, params.write_energy);
}

bool PortMemory::check(tlm::tlm_generic_payload& trans) const {
  const std::uint64_t addr = trans.get_address();
  const std::uint64_t len = trans.get_data_length();
  if (addr >= params_.size_bytes || len > params_.size_bytes - addr) {
    trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return false;
  }
  if (trans.get_byte_enable_ptr() != nullptr) {
    trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return false;
  }
  if (trans.get_streaming_width() < len) {
    trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return false;
  }
  return true;
}

std::uint64_t PortMemory::count_for(const EnergyEntry& e, std::uint64_t bytes) const {
  return e.unit == CountUnit::byte ? bytes : 1;
}

void PortMemory::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  if (!check(trans)) {
    ++errors_;
    return;
  }
  const std::uint64_t len = trans.get_data_length();
  const auto arrival = static_cast<std::uint64_t>((sc_core::sc_time_stamp() + delay).value());
  const auto transfer_ps = static_cast<std::uint64_t>(
      std::ceil(static_cast<double>(len) * 1e12 / params_.bandwidth_bytes_per_s));
  const auto grant = port_.reserve(arrival, transfer_ps);
  const std::uint64_t done = grant.end_ps + params_.access_latency_ps;
  latency_.add(done - arrival);
  delay += sc_core::sc_time::from_value(done - arrival);

  std::uint8_t* mem = storage_.data() + trans.get_address();
  if (trans.is_read()) {
    std::memcpy(trans.get_data_ptr(), mem, len);
    ++reads_;
    read_bytes_ += len;
    ledger_.add(read_action_, count_for(params_.read_energy, len));
  } else if (trans.is_write()) {
    std::memcpy(mem, trans.get_data_ptr(), len);
    ++writes_;
    write_bytes_ += len;
    ledger_.add(write_action_, count_for(params_.write_energy, len));
  }
  trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned int PortMemory::transport_dbg(tlm::tlm_generic_payload& trans) {
  const std::uint64_t addr = trans.get_address();
  if (addr >= params_.size_bytes) return 0;
  const std::uint64_t len = std::min<std::uint64_t>(trans.get_data_length(), params_.size_bytes - addr);
  if (trans.is_read()) std::memcpy(trans.get_data_ptr(), storage_.data() + addr, len);
  if (trans.is_write()) std::memcpy(storage_.data() + addr, trans.get_data_ptr(), len);
  return static_cast<unsigned int>(len);
}

void PortMemory::report_stats(Json& out) const {
  out["size_B"] = params_.size_bytes;
  out["reads_count"] = reads_;
  out["writes_count"] = writes_;
  out["read_B"] = read_bytes_;
  out["written_B"] = write_bytes_;
  out["errors_count"] = errors_;
  out["port_busy_ps"] = port_.busy_ps();
  out["port_wait_total_ps"] = port_.total_wait_ps();
  out["port_wait_max_ps"] = port_.max_wait_ps();
  latency_.to_json(out, "latency_", "ns", 1000.0);
  out["energy_pJ"] = ledger_.energy_pj(read_action_) + ledger_.energy_pj(write_action_);
}

}  // namespace sushi
