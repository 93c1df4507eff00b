// The RV32IM machine-mode instruction-set simulator core (no SystemC): registers, CSRs, the
// fetch/decode/execute loop, traps and interrupts, cycle and instruction counts.
//
// Instructions are fetched from the local memory only (a direct pointer: the DMI path); data
// accesses inside the local memory go to it directly, every other address goes to the
// ExternalPort (the core-local registers and the SoC bus), which reports access faults and
// the stall cycles of the access. Misaligned data accesses and jumps to misaligned targets
// trap; an exception raised before the handler of the previous trap returned (mret) is a
// fatal trap loop and stops the core (docs/rv32.md, "Traps").
#pragma once

#include <array>
#include <cstdint>

#include "cpu/rv32/rv32_isa.h"

namespace sushi::rv32 {

class ExternalPort {
 public:
  virtual ~ExternalPort() = default;
  // `bytes` is 1, 2 or 4 and `addr` is aligned to it. Return false for an access fault; add
  // the access's latency in cycles to `stall_cycles`.
  virtual bool load(std::uint32_t addr, unsigned bytes, std::uint32_t& value, std::uint64_t& stall_cycles) = 0;
  virtual bool store(std::uint32_t addr, unsigned bytes, std::uint32_t value, std::uint64_t& stall_cycles) = 0;
};

enum class Stop {
  limit,      // the cycle limit was reached
  wfi,        // WFI retired: the caller synchronises and sleeps until an interrupt is pending and enabled
  halt,       // halt() was called (exit, fault record)
  trap_loop,  // an exception inside a trap handler (trap_loop_info())
};

struct TrapInfo {
  std::uint32_t cause = 0, pc = 0, tval = 0;
};

class Core {
 public:
  Core(std::uint8_t* lmem, std::uint32_t lmem_bytes, const Cpi& cpi, ExternalPort& ext);

  void reset(std::uint32_t pc);
  // Runs until cycles() >= cycle_limit or an event (see Stop). Pending interrupts are taken
  // at the start and after every instruction that may enable them.
  Stop run(std::uint64_t cycle_limit);

  // From outside (the SystemC module): interrupt levels, an early stop, halting.
  void set_irq(std::uint32_t mip_bit, bool level);
  // Makes run() return (Stop::limit) after the current instruction, e.g. to recompute the limit.
  void request_yield() { yield_ = true; limit_ = 0; }
  void halt() { halted_ = true; limit_ = 0; }
  bool halted() const { return halted_; }
  // True when an interrupt is pending and enabled in mie (what wakes WFI, whatever mstatus.MIE).
  bool wake_pending() const { return (mip_ & mie_) != 0; }
  std::uint32_t mie() const { return mie_; }
  std::uint32_t mcause() const { return mcause_; }
  std::uint32_t mepc() const { return mepc_; }

  std::uint32_t pc() const { return pc_; }
  std::uint32_t reg(unsigned i) const { return x_[i & 31]; }
  void set_reg(unsigned i, std::uint32_t v) { if ((i & 31) != 0) x_[i & 31] = v; }
  std::uint64_t cycles() const { return cycles_; }
  std::uint64_t instret() const { return instret_; }
  std::uint64_t traps() const { return traps_; }
  const std::array<std::uint64_t, kInsnClasses>& class_counts() const { return class_count_; }
  const TrapInfo& trap_loop_info() const { return trap_loop_; }
  // Adds cycles not spent executing (e.g. none in WFI: the clock is gated; see docs).
  void add_cycles(std::uint64_t n) { cycles_ += n; }

 private:
  void execute_until_limit();
  void raise(std::uint32_t cause, std::uint32_t tval);  // an exception at pc_
  void take_interrupt_if_any();
  bool csr_read(std::uint32_t n, std::uint32_t& v) const;
  bool csr_write(std::uint32_t n, std::uint32_t v);
  bool load(std::uint32_t addr, unsigned bytes, std::uint32_t& v);
  bool store(std::uint32_t addr, unsigned bytes, std::uint32_t v);

  std::uint8_t* lmem_;
  std::uint32_t lmem_bytes_;
  Cpi cpi_;
  ExternalPort& ext_;

  std::array<std::uint32_t, 32> x_{};
  std::uint32_t pc_ = 0;
  std::uint32_t mstatus_ = 0, mie_ = 0, mip_ = 0, mtvec_ = 0, mscratch_ = 0, mepc_ = 0, mcause_ = 0, mtval_ = 0;
  std::uint64_t cycles_ = 0, instret_ = 0, traps_ = 0;
  std::int64_t mcycle_offset_ = 0, minstret_offset_ = 0;  // what CSR writes changed
  std::array<std::uint64_t, kInsnClasses> class_count_{};
  std::uint64_t limit_ = 0;
  bool halted_ = false, wfi_ = false, yield_ = false, in_trap_ = false, trap_loop_hit_ = false;
  TrapInfo trap_loop_;
};

}  // namespace sushi::rv32
