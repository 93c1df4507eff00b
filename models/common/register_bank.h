// Memory-mapped 32-bit registers with reset values, access rights and callbacks.
//
// A peripheral owns one RegisterBank and forwards its target socket's b_transport and
// transport_dbg to it. Bad accesses answer with TLM error responses instead of aborting:
//   unmapped offset                      -> TLM_ADDRESS_ERROR_RESPONSE
//   write to RO / read of WO register    -> TLM_COMMAND_ERROR_RESPONSE
//   length != 4, misaligned, streaming   -> TLM_BURST_ERROR_RESPONSE
//   byte enables                         -> TLM_BYTE_ENABLE_ERROR_RESPONSE
// Registers are little-endian, like the host and the RISC-V core.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <systemc>
#include <tlm>

namespace sushi {

enum class RegAccess {
  ro,    // read-only: writes are errors
  wo,    // write-only: reads are errors (e.g. command registers)
  rw,    // read/write
  rw1c,  // read, write 1 to clear the bits
};

class Register {
 public:
  using ReadHook = std::function<std::uint32_t(std::uint32_t stored)>;
  using WriteHook = std::function<void(std::uint32_t written, std::uint32_t old_value)>;

  Register(std::string name, std::uint32_t offset, RegAccess access, std::uint32_t reset)
      : name_(std::move(name)), offset_(offset), access_(access), reset_(reset), value_(reset) {}

  // Called on bus reads; returns the value seen by the initiator (e.g. a live counter).
  Register& on_read(ReadHook h) { read_hook_ = std::move(h); return *this; }
  // Called after a bus write has updated the stored value (for rw1c: after clearing).
  Register& on_write(WriteHook h) { write_hook_ = std::move(h); return *this; }

  const std::string& name() const { return name_; }
  std::uint32_t offset() const { return offset_; }
  RegAccess access() const { return access_; }
  std::uint32_t reset_value() const { return reset_; }

  // Model-side access (no access checks, no hooks): hardware sets status bits this way.
  std::uint32_t get() const { return value_; }
  void set(std::uint32_t v) { value_ = v; }
  void set_bits(std::uint32_t mask) { value_ |= mask; }
  void clear_bits(std::uint32_t mask) { value_ &= ~mask; }
  void reset() { value_ = reset_; }

  // Bus-side access with the register's semantics.
  std::uint32_t bus_read() const { return read_hook_ ? read_hook_(value_) : value_; }
  void bus_write(std::uint32_t v);

 private:
  std::string name_;
  std::uint32_t offset_;
  RegAccess access_;
  std::uint32_t reset_;
  std::uint32_t value_;
  ReadHook read_hook_;
  WriteHook write_hook_;
};

class RegisterBank {
 public:
  explicit RegisterBank(std::string owner) : owner_(std::move(owner)) {}
  RegisterBank(const RegisterBank&) = delete;
  RegisterBank& operator=(const RegisterBank&) = delete;

  // Adds a register; offsets must be 4-byte aligned and unique (std::logic_error otherwise).
  Register& add(const std::string& name, std::uint32_t offset, RegAccess access,
                std::uint32_t reset = 0);
  Register& at(std::uint32_t offset);
  Register& by_name(const std::string& name);

  // Timed access from a target socket; adds `access_latency` to delay on success.
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  // Debug access: reads return stored values without hooks, writes change the stored value
  // without hooks; returns bytes transferred (0 for unmapped).
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);

  void reset();
  void set_access_latency(const sc_core::sc_time& t) { access_latency_ = t; }
  const std::map<std::uint32_t, Register>& registers() const { return regs_; }

 private:
  std::string owner_;
  std::map<std::uint32_t, Register> regs_;
  sc_core::sc_time access_latency_ = sc_core::SC_ZERO_TIME;
};

}  // namespace sushi
