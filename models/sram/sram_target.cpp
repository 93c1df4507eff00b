#include "sram_target.h"

#include <cstring>

namespace sushi::sram {

SramTarget::SramTarget(sc_core::sc_module_name name, const SramParams& params,
                       const SramEnergy& energy, EnergyLedger* ledger)
    : sc_core::sc_module(name),
      socket("socket"),
      array_(this->name(), params, energy, ledger),
      data_(params.capacity_bytes, 0) {
  socket.register_b_transport(this, &SramTarget::b_transport);
  socket.register_transport_dbg(this, &SramTarget::transport_dbg);
}

SramTarget::SramTarget(sc_core::sc_module_name name, const SramParams& params,
                       const SramEnergyTable& table, EnergyLedger* ledger)
    : sc_core::sc_module(name),
      socket("socket"),
      array_(this->name(), params, table, ledger),
      data_(params.capacity_bytes, 0) {
  socket.register_b_transport(this, &SramTarget::b_transport);
  socket.register_transport_dbg(this, &SramTarget::transport_dbg);
}

bool SramTarget::copy(tlm::tlm_generic_payload& gp) {
  const std::uint64_t addr = gp.get_address();
  const std::uint64_t len = gp.get_data_length();
  if (len == 0 || addr >= data_.size() || len > data_.size() - addr) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return false;
  }
  const unsigned sw = gp.get_streaming_width();
  if (sw != 0 && sw < len) {  // streaming (FIFO-like) accesses are not an SRAM operation
    gp.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return false;
  }
  std::uint8_t* mem = data_.data() + addr;
  std::uint8_t* ptr = gp.get_data_ptr();
  const std::uint8_t* be = gp.get_byte_enable_ptr();
  const unsigned be_len = gp.get_byte_enable_length();
  if (gp.is_read()) {
    if (!be) {
      std::memcpy(ptr, mem, len);
    } else {
      for (std::uint64_t i = 0; i < len; ++i) {
        if (be[i % be_len] == TLM_BYTE_ENABLED) ptr[i] = mem[i];
      }
    }
  } else if (gp.is_write()) {
    if (!be) {
      std::memcpy(mem, ptr, len);
    } else {
      for (std::uint64_t i = 0; i < len; ++i) {
        if (be[i % be_len] == TLM_BYTE_ENABLED) mem[i] = ptr[i];
      }
    }
  }
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return true;
}

void SramTarget::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  if (!copy(gp)) return;
  if (gp.is_read() || gp.is_write()) {
    const std::uint64_t now = sc_core::sc_time_stamp().value();  // ps (resolution 1 ps)
    const std::uint64_t at = now + delay.value();
    SramAccessResult r = array_.access(gp.is_read() ? AccessKind::read : AccessKind::write,
                                       gp.get_address(), gp.get_data_length(), at);
    delay = sc_core::sc_time::from_value(r.done_ps - now);
  }
  gp.set_dmi_allowed(false);
}

unsigned int SramTarget::transport_dbg(tlm::tlm_generic_payload& gp) {
  if (!gp.is_read() && !gp.is_write()) return 0;
  const std::uint64_t addr = gp.get_address();
  if (addr >= data_.size()) return 0;
  const std::uint64_t len = std::min<std::uint64_t>(gp.get_data_length(), data_.size() - addr);
  if (gp.is_read()) {
    std::memcpy(gp.get_data_ptr(), data_.data() + addr, len);
  } else {
    std::memcpy(data_.data() + addr, gp.get_data_ptr(), len);
  }
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return static_cast<unsigned int>(len);
}


void SramTarget::report_stats(Json& out) const { array_.report_stats(out); }

}  // namespace sushi::sram
