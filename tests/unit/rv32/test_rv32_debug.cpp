// The core's debugging support (models/cpu/rv32/rv32_core.h) on a hand-encoded program, no
// cross-compiler needed: breakpoints (EBREAK written over the instruction), watchpoints on the
// local memory (the core stops before the access), caught exceptions (the core stops before
// the trap entry). Every debugged run ends in exactly the state, cycles and instruction count of
// the undebugged one.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "cpu/rv32/rv32_core.h"

using namespace sushi::rv32;

namespace {

// 0x100 addi x1, x0, 5       (alu, 1 cycle)
// 0x104 sw   x1, 0x200(x0)   (store, 1)
// 0x108 lw   x2, 0x200(x0)   (load, 2)
// 0x10c addi x3, x2, 1       (alu, 1)
// 0x110 0x00000000           illegal: trap to mtvec = 0 (3 cycles), where the all-zero word is
//                            illegal again: a trap loop, the core stops.
// Undebugged: 4 instructions, 1 + 1 + 2 + 1 + 3 = 8 cycles.
constexpr std::uint32_t kProgram[] = {0x00500093u, 0x20102023u, 0x20002103u, 0x00110193u, 0x00000000u};
constexpr std::uint32_t kEbreak = 0x00100073u;
constexpr std::uint64_t kCycles = 8, kInstret = 4;

struct NoBus : ExternalPort {
  bool load(std::uint32_t, unsigned, std::uint32_t&, std::uint64_t&) override { return false; }
  bool store(std::uint32_t, unsigned, std::uint32_t, std::uint64_t&) override { return false; }
};

struct Machine {
  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(4096);
  NoBus bus;
  Core core{mem.data(), 4096, Cpi{}, bus};
  Machine() {
    std::memcpy(mem.data() + 0x100, kProgram, sizeof kProgram);
    core.reset(0x100);
  }
  std::uint32_t word(std::uint32_t a) const {
    std::uint32_t v;
    std::memcpy(&v, mem.data() + a, 4);
    return v;
  }
  // Runs to the trap loop and checks the undebugged end state.
  void finish() {
    EXPECT_EQ(core.run(1000), Stop::trap_loop);
    EXPECT_EQ(core.cycles(), kCycles);
    EXPECT_EQ(core.instret(), kInstret);
    EXPECT_EQ(core.reg(3), 6u);
    EXPECT_EQ(word(0x200), 5u);
  }
};

}  // namespace

TEST(Rv32Debug, UndebuggedRunForReference) {
  Machine m;
  m.finish();
  EXPECT_EQ(m.core.mcause(), cause::illegal);
  EXPECT_EQ(m.core.mepc(), 0x110u);
}

TEST(Rv32Debug, ABreakpointStopsBeforeItsInstructionAndShowsNowhereAfterRemoval) {
  Machine m;
  ASSERT_TRUE(m.core.insert_breakpoint(0x108));
  EXPECT_TRUE(m.core.insert_breakpoint(0x108));  // twice: still one
  ASSERT_EQ(m.core.breakpoints().size(), 1u);
  EXPECT_EQ(m.core.breakpoints()[0].second, kProgram[2]);  // the instruction under it
  EXPECT_EQ(m.word(0x108), kEbreak);
  EXPECT_FALSE(m.core.insert_breakpoint(0x10a));   // misaligned
  EXPECT_FALSE(m.core.insert_breakpoint(0x2000));  // outside the local memory

  EXPECT_EQ(m.core.run(1000), Stop::debug);
  EXPECT_EQ(m.core.debug_stop().kind, DebugStop::Kind::breakpoint);
  EXPECT_EQ(m.core.pc(), 0x108u);
  EXPECT_EQ(m.core.instret(), 2u);  // addi, sw
  EXPECT_EQ(m.core.cycles(), 2u);
  EXPECT_EQ(m.core.traps(), 0u);    // the debugger's EBREAK is no trap
  // Resumed with the breakpoint still there, the core stops at it again (gdb lifts it to step over).
  m.core.resume_from_debug();
  EXPECT_EQ(m.core.run(1000), Stop::debug);
  EXPECT_EQ(m.core.pc(), 0x108u);
  ASSERT_TRUE(m.core.remove_breakpoint(0x108));
  EXPECT_EQ(m.word(0x108), kProgram[2]);
  m.core.resume_from_debug();
  m.finish();
}

TEST(Rv32Debug, AWriteWatchpointStopsBeforeTheStoreAndLetsItThroughOnResume) {
  Machine m;
  m.core.set_watchpoints({{0x200, 4, false, true}});
  EXPECT_EQ(m.core.run(1000), Stop::debug);
  const DebugStop s = m.core.debug_stop();
  EXPECT_EQ(s.kind, DebugStop::Kind::watchpoint);
  EXPECT_TRUE(s.write);
  EXPECT_EQ(s.addr, 0x200u);
  EXPECT_EQ(m.core.pc(), 0x104u);  // the sw, not yet executed
  EXPECT_EQ(m.word(0x200), 0u);
  EXPECT_EQ(m.core.instret(), 1u);
  m.core.resume_from_debug();
  m.finish();  // the load at 0x108 does not stop a write watchpoint
}

TEST(Rv32Debug, AReadWatchpointStopsALoadThatTouchesItsRange) {
  Machine m;
  m.core.set_watchpoints({{0x202, 1, true, false}});  // one byte inside the word the lw reads
  EXPECT_EQ(m.core.run(1000), Stop::debug);
  EXPECT_FALSE(m.core.debug_stop().write);
  EXPECT_EQ(m.core.debug_stop().addr, 0x202u);  // the first watched byte the access touches
  EXPECT_EQ(m.core.pc(), 0x108u);
  EXPECT_EQ(m.core.reg(2), 0u);  // not loaded yet
  m.core.resume_from_debug();
  m.core.set_watchpoints({});
  m.finish();
}

TEST(Rv32Debug, ACaughtExceptionStopsBeforeTheTrapEntryWhichResumeTakes) {
  Machine m;
  m.core.set_catch_exceptions(true);
  EXPECT_EQ(m.core.run(1000), Stop::debug);
  DebugStop s = m.core.debug_stop();
  EXPECT_EQ(s.kind, DebugStop::Kind::exception);
  EXPECT_EQ(s.cause, cause::illegal);
  EXPECT_EQ(s.tval, 0u);            // the illegal instruction's bits
  EXPECT_EQ(m.core.pc(), 0x110u);   // the faulting instruction
  EXPECT_EQ(m.core.traps(), 0u);    // not entered yet
  EXPECT_EQ(m.core.cycles(), 5u);
  m.core.resume_from_debug();       // now the trap: mtvec = 0, mepc = 0x110, 3 cycles
  EXPECT_EQ(m.core.traps(), 1u);
  EXPECT_EQ(m.core.pc(), 0u);
  EXPECT_EQ(m.core.mcause(), cause::illegal);
  EXPECT_EQ(m.core.mepc(), 0x110u);
  // The handler's own illegal instruction is caught too, before the trap loop is declared.
  EXPECT_EQ(m.core.run(1000), Stop::debug);
  EXPECT_EQ(m.core.pc(), 0u);
  m.core.set_catch_exceptions(false);
  m.core.resume_from_debug();
  m.finish();
}

TEST(Rv32Debug, TheDebuggerWritesOnlyTheTrapHandlingCsrs) {
  Machine m;
  EXPECT_TRUE(m.core.debug_csr_write(csr::mscratch, 7));
  std::uint32_t v = 0;
  EXPECT_TRUE(m.core.debug_csr_read(csr::mscratch, v));
  EXPECT_EQ(v, 7u);
  EXPECT_FALSE(m.core.debug_csr_write(csr::mcycle, 0));    // counters: read only to the debugger
  EXPECT_FALSE(m.core.debug_csr_write(csr::mhartid, 1));
  EXPECT_TRUE(m.core.debug_csr_read(csr::misa, v));
  EXPECT_EQ(v, kMisaRv32im);
}
