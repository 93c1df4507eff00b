// The RV32IM machine-mode instruction-set simulator core (no SystemC): registers, CSRs, the
// fetch/decode/execute loop, traps and interrupts, cycle and instruction counts.
//
// Instructions are fetched from the local memory only (a direct pointer: the DMI path); data
// accesses inside the local memory go to it directly, every other address goes to the
// ExternalPort (the core-local registers and the SoC bus), which reports access faults and
// the stall cycles of the access. Misaligned data accesses and jumps to misaligned targets
// trap; an exception raised before the handler of the previous trap returned (mret) is a
// fatal trap loop and stops the core (docs/rv32.md, "Traps").
//
// Debugging (models/gdb through models/cpu/rv32/rv32_gdb.*) costs nothing while unused:
// breakpoints are EBREAKs written over instructions (the EBREAK path asks whether the debugger put
// it there), watchpoints send local data accesses down the checked path only while any is set,
// and caught exceptions are one test in the (rare) exception path.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

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
  yield,      // request_yield() was called: recompute the limit
  wfi,        // WFI retired: the caller synchronises and sleeps until an interrupt is pending and enabled
  halt,       // halt() was called (exit, fault record)
  trap_loop,  // an exception inside a trap handler (trap_loop_info())
  debug,      // a debugger's breakpoint, watchpoint or caught exception (debug_stop())
};

// Why the core stopped for the debugger. Nothing of the instruction at pc() has happened yet.
struct DebugStop {
  enum class Kind : std::uint8_t { none, breakpoint, watchpoint, exception };
  Kind kind = Kind::none;
  std::uint32_t addr = 0;    // watchpoint: the first watched byte the access touches
  bool write = false;        // watchpoint: a store (else a load)
  std::uint32_t cause = 0;   // exception: mcause and mtval it would take
  std::uint32_t tval = 0;
};

// A watched range of the local memory: loads (read) and / or stores (write) touching it stop the
// core before the access.
struct Watchpoint {
  std::uint32_t addr = 0, len = 0;
  bool read = false, write = false;
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
  // Makes run() return (Stop::yield) after the current instruction, e.g. to recompute the limit.
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

  // Debugging (all off by default). Breakpoints: `addr` in the local memory, 4-byte aligned (else
  // false); the instruction under a breakpoint is kept (breakpoint_original) and put back on removal.
  bool insert_breakpoint(std::uint32_t addr);
  bool remove_breakpoint(std::uint32_t addr);
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& breakpoints() const { return breakpoints_; }
  void set_watchpoints(std::vector<Watchpoint> w);
  // Stop (Stop::debug) before entering the handler of an exception (ECALL excepted).
  void set_catch_exceptions(bool on) { catch_exceptions_ = on; }
  const DebugStop& debug_stop() const { return debug_stop_; }
  // Goes on after a debug stop: a caught exception enters its handler now; the access that hit a
  // watchpoint is let through once.
  void resume_from_debug();
  void set_pc(std::uint32_t pc) { pc_ = pc; }
  // CSRs as the debugger sees them: every readable one; writes only to the trap-handling CSRs
  // (mstatus, mie, mtvec, mscratch, mepc, mcause, mtval), with their usual WARL rules.
  bool debug_csr_read(std::uint32_t n, std::uint32_t& v) const { return csr_read(n, v); }
  bool debug_csr_write(std::uint32_t n, std::uint32_t v);

 private:
  void execute_until_limit();
  void raise(std::uint32_t cause, std::uint32_t tval);  // an exception at pc_ (a debugger may catch it)
  void take_exception(std::uint32_t cause, std::uint32_t tval);
  // The rare paths of debugging, kept out of the execute loop.
  [[gnu::cold, gnu::noinline]] bool watch_hit(std::uint32_t addr, unsigned bytes, bool write);  // stops the core if watched
  [[gnu::cold, gnu::noinline]] bool stop_at_breakpoint();  // an EBREAK the debugger wrote at pc_: stops the core
  void take_interrupt_if_any();
  bool csr_read(std::uint32_t n, std::uint32_t& v) const;
  bool csr_write(std::uint32_t n, std::uint32_t v);
  bool load(std::uint32_t addr, unsigned bytes, std::uint32_t& v);
  bool store(std::uint32_t addr, unsigned bytes, std::uint32_t v);

  std::uint8_t* lmem_;
  std::uint32_t lmem_bytes_;
  std::uint32_t data_fast_bytes_;  // loads / stores below this go straight to lmem_ (0 while watching)
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

  // Debugging state (models/cpu/rv32/rv32_gdb.*).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> breakpoints_;  // address, the instruction there
  std::vector<Watchpoint> watchpoints_;
  bool catch_exceptions_ = false;
  DebugStop debug_stop_;
  bool watch_pass_ = false;  // let the access of the instruction at (pc, instret) through once
  std::uint32_t watch_pass_pc_ = 0;
  std::uint64_t watch_pass_instret_ = 0;
};

}  // namespace sushi::rv32
