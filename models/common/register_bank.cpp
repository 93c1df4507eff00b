#include "register_bank.h"

#include <cstring>
#include <stdexcept>

namespace sushi {

void Register::bus_write(std::uint32_t v) {
  const std::uint32_t old = value_;
  if (access_ == RegAccess::rw1c) {
    value_ = old & ~v;
  } else {
    value_ = v;
  }
  if (write_hook_) write_hook_(v, old);
}

Register& RegisterBank::add(const std::string& name, std::uint32_t offset, RegAccess access,
                            std::uint32_t reset) {
  if (offset % 4 != 0) {
    throw std::logic_error(owner_ + ": register " + name + " offset not 4-byte aligned");
  }
  auto [it, inserted] = regs_.try_emplace(offset, name, offset, access, reset);
  if (!inserted) {
    throw std::logic_error(owner_ + ": register " + name + " overlaps " + it->second.name());
  }
  return it->second;
}

Register& RegisterBank::at(std::uint32_t offset) {
  auto it = regs_.find(offset);
  if (it == regs_.end()) throw std::out_of_range(owner_ + ": no register at offset");
  return it->second;
}

Register& RegisterBank::by_name(const std::string& name) {
  for (auto& [off, reg] : regs_) {
    if (reg.name() == name) return reg;
  }
  throw std::out_of_range(owner_ + ": no register named " + name);
}

void RegisterBank::reset() {
  for (auto& [off, reg] : regs_) reg.reset();
}

void RegisterBank::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  const auto addr = trans.get_address();
  if (trans.get_byte_enable_ptr() != nullptr) {
    trans.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return;
  }
  if (trans.get_data_length() != 4 || addr % 4 != 0 ||
      trans.get_streaming_width() < trans.get_data_length()) {
    trans.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  auto it = regs_.find(static_cast<std::uint32_t>(addr));
  if (addr > 0xFFFFFFFFu || it == regs_.end()) {
    trans.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  Register& reg = it->second;
  std::uint32_t v = 0;
  switch (trans.get_command()) {
    case tlm::TLM_READ_COMMAND:
      if (reg.access() == RegAccess::wo) {
        trans.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return;
      }
      v = reg.bus_read();
      std::memcpy(trans.get_data_ptr(), &v, 4);
      break;
    case tlm::TLM_WRITE_COMMAND:
      if (reg.access() == RegAccess::ro) {
        trans.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return;
      }
      std::memcpy(&v, trans.get_data_ptr(), 4);
      reg.bus_write(v);
      break;
    default:  // TLM_IGNORE_COMMAND: nothing to do, but the address was valid
      break;
  }
  delay += access_latency_;
  trans.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned int RegisterBank::transport_dbg(tlm::tlm_generic_payload& trans) {
  const auto addr = trans.get_address();
  if (trans.get_data_length() != 4 || addr % 4 != 0) return 0;
  auto it = regs_.find(static_cast<std::uint32_t>(addr));
  if (it == regs_.end()) return 0;
  std::uint32_t v = 0;
  if (trans.is_read()) {
    v = it->second.get();
    std::memcpy(trans.get_data_ptr(), &v, 4);
  } else if (trans.is_write()) {
    std::memcpy(&v, trans.get_data_ptr(), 4);
    it->second.set(v);
  }
  return 4;
}

}  // namespace sushi
