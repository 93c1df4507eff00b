// RV32IM instruction tests: each program (programs/*.S) runs on Rv32Cpu in the testbench and
// writes its results to its signature region; the expected words are derived in the comments.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "rv32_testbench.h"
#include "sushi/rv32_local.h"

using namespace sushi;
using sushi::test::Rv32Bench;
using sushi::test::rv32_program;

namespace {

// Runs a program to its EXIT_OK and returns the bench (checked: no fault, exit status 0).
std::unique_ptr<Rv32Bench> run_ok(const std::string& name) {
  auto b = std::make_unique<Rv32Bench>(rv32_program(name));
  b->run();
  EXPECT_TRUE(b->cpu->finished());
  EXPECT_FALSE(b->cpu->fault().raised) << b->cpu->fault().message;
  EXPECT_EQ(b->cpu->exit_code(), 0u);
  return b;
}

void expect_words(const std::vector<std::uint32_t>& got, const std::vector<std::uint32_t>& want) {
  ASSERT_GE(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "signature word " << i;
  if (got.size() > want.size()) {
    EXPECT_EQ(got[want.size()], 0xdeadbeefu) << "a result too many";
  }
}

}  // namespace

TEST(Rv32Isa, AluRegisterAndImmediate) {
  auto b = run_ok("alu");
  expect_words(b->signature(), {
      12, 0x80000000u,               // add 5+7; add 0x7fffffff+1 wraps
      0xfffffffeu,                   // sub 5-7 = -2
      0x80000000u, 6,                // sll 1<<31; sll 3<<(33 & 31 = 1)
      1, 0,                          // slt -1<1; slt 1<-1
      0, 1,                          // sltu 0xffffffff<1; sltu 1<0xffffffff
      0xf0f0f0f0u,                   // xor 0xff00ff00 ^ 0x0ff00ff0
      0x08000000u, 0xf8000000u,      // srl / sra 0x80000000 >> 4
      0xff, 0xf000,                  // or 0xf0|0x0f; and 0xf0f0&0xff00
      0xffffffffu,                   // addi 5 + -6
      1, 1,                          // slti -5<-4; sltiu 5 < sext(-1) = 0xffffffff
      0xfffffff0u, 0x1ff, 0xc0,      // xori 0x0f^-1; ori 0x100|0xff; andi 0xabcd&0xf0
      32, 0xf, 0xffffffffu,          // slli 1<<5; srli / srai 0xf0000000 >> 28
      0x12345000u,                   // lui 0x12345
      0x1000,                        // auipc 1 minus its own pc
      0,                             // x0 stays 0 after addi x0, x0, 5
      0x5a,                          // FENCE, FENCE.I retire without trapping
  });
  EXPECT_EQ(b->cpu->core().traps(), 0u);
  EXPECT_EQ(b->cpu->core().class_counts()[static_cast<std::size_t>(rv32::InsnClass::system)], 2u);  // the fences
}

TEST(Rv32Isa, MultiplyDivide) {
  auto b = run_ok("muldiv");
  expect_words(b->signature(), {
      0xffffffebu,   // mul 7 x -3 = -21
      0,             // mul 0x10000 x 0x10000 = 2^32: low word 0
      1,             // mulh: high word of 2^32
      0,             // mulh -1 x -1 = 1: high word 0
      0x40000000u,   // mulh (-2^31)^2 = 2^62
      0xffffffffu,   // mulhsu -1 x (2^32-1) = -(2^32-1) = 0xffffffff_00000001
      0xfffffffeu,   // mulhu (2^32-1)^2 = 0xfffffffe_00000001
      0xfffffffdu,   // div -7/2 = -3 (towards zero)
      0xffffffffu,   // div by zero: -1
      0x80000000u,   // div overflow -2^31 / -1: -2^31
      0x7fffffffu,   // divu 0xffffffff/2
      0xffffffffu,   // divu by zero: 2^32-1
      0xffffffffu,   // rem -7%2 = -1 (sign of the dividend)
      7,             // rem by zero: the dividend
      0,             // rem overflow: 0
      5,             // remu 4294967295 % 10
      9,             // remu by zero: the dividend
  });
}

TEST(Rv32Isa, BranchesAndJumps) {
  auto b = run_ok("branch");
  expect_words(b->signature(), {
      1, 2,      // beq 3,3 taken; 3,4 not
      1, 2,      // bne
      1, 2,      // blt -1<1; 1<-1
      1, 2, 1,   // bge 1>=-1; -1>=1; 5>=5
      1, 2,      // bltu 1<0xffffffff; 0xffffffff<1
      1, 2,      // bgeu
      0,         // jal: ra = the next instruction
      0,         // jalr to target+1: bit 0 cleared, ra = the next instruction
      55,        // backward loop: 10+9+...+1
  });
}

TEST(Rv32Isa, LoadsAndStoresLocalAndBus) {
  auto b = run_ok("loadstore");
  expect_words(b->signature(), {
      0xffffff80u, 0x80,          // lb / lbu of byte 0x80
      0xffff8040u, 0x8040,        // lh / lhu of half 0x8040
      0x80402010u, 0x10,          // lw; lb of byte 0x10
      0xcdefab00u,                // sb 0xab at +1, sh 0xcdef at +2 over a zero word
      0x5555aaaau,                // sw at -4 from buf2+8
      0x12345678u, 0x12, 0x1234,  // the bus: lw, lb +3, lhu +2
      0x00c0ffeeu,                // through the window
      1,                          // WINDOW_HI reads back
  });
  // The bus writes reached the testbench at the right bus addresses.
  std::uint32_t low = 0, high = 0;
  std::memcpy(&low, b->bus->low.data() + 0x10, 4);
  std::memcpy(&high, b->bus->high.data() + 0x20, 4);
  EXPECT_EQ(low, 0x12345678u);   // bus 0x8000_0010
  EXPECT_EQ(high, 0x00c0ffeeu);  // bus 0x1_0000_0020 = window 0x1_0000_0000 + (0x4000_0020 - 0x4000_0000)
}

TEST(Rv32Isa, CsrInstructionsAndCounters) {
  auto b = run_ok("csr");
  expect_words(b->signature(), {
      0x40001100u,          // misa: MXL=1 (RV32), I (bit 8), M (bit 12)
      0x1234, 0x12f4,       // csrrs returns the old value; 0x1234 | 0xf0
      0x12f4, 0x12c0,       // csrrc; 0x12f4 & ~0x34
      0x12c0, 21,           // csrrwi
      21, 29, 28,           // csrrsi returns 21 (then 29); csrrci returns 29; 29 & ~1
      0x1800, 0x1808,       // mstatus: MPP = 3 (M only); MIE set
      0x100,                // mtvec 0x103: mode 3 is reserved, WARL to direct
      0x1000,               // mepc 0x1002: bit 1 cleared (IALIGN 32)
      0,                    // mhartid
      1,                    // minstret between two consecutive reads
      2,                    // mcycle across csrr (csr: 1 cycle) + nop (alu: 1 cycle)
      100,                  // minstret written 100: the next read sees 100
      1,                    // instret (user shadow) and minstret, one instruction apart
  });
}

TEST(Rv32Isa, ExceptionsSetMcauseMepcMtval) {
  auto b = run_ok("traps");
  auto s = [&](const char* l) { return b->sym(l); };
  const std::uint32_t buf = s("buf");
  expect_words(b->signature(), {
      2, s("t_illegal0"), 0x00000000u, 0x1800,          // illegal: the all-zero word, mtval = the bits
      2, s("t_illegal1"), 0xffffffffu, 0x1800,          // illegal: opcode 0x7f
      2, s("t_rocsr"), 0xc0059073u, 0x1800,             // csrw cycle, a1: write to a read-only CSR
      2, s("t_nocsr"), 0x7c0026f3u, 0x1800,             // csrr a3, 0x7c0: no such CSR
      4, s("t_lw_mis"), buf + 1, 0x1800,                // lw at buf+1: load misaligned
      6, s("t_sh_mis"), buf + 1, 0x1800,                // sh at buf+1: store misaligned
      0, s("t_jalr_mis"), s("t_target") + 2, 0x1800,    // jalr to a 2-aligned target
      11, s("t_ecall"), 0, 0x1880,                      // ecall with MIE set: MPIE=1, MIE=0
      0x1888,                                           // after mret: MIE = MPIE = 1
      3, s("t_ebreak"), s("t_ebreak"), 0x1800,          // ebreak: mtval = pc
      5, s("t_lw_bus"), 0x90000000u, 0x1800,            // the bus answered an address error
      7, s("t_sw_bus"), 0x90000000u, 0x1800,
      5, s("t_lw_local"), 0x02000080u, 0x1800,          // no core-local register there
      1, 0x03000000u, 0x03000000u, 0x1800,              // fetch outside the local memory
  });
  EXPECT_EQ(b->cpu->core().traps(), 13u);
}

TEST(Rv32Isa, TimerAndExternalInterruptsAndWfi) {
  auto b = run_ok("interrupts");
  expect_words(b->signature(), {
      0x80000007u, 0,   // 1. timer interrupt (handler), taken at MTIME >= MTIMECMP
      0, 0x80, 0,       // 2. WFI woke at MTIME >= MTIMECMP, MTIP pending; low once MTIMECMP moved
      0x8000000bu, 1,   // 3. external interrupt taken after WFI; the handler ran
      0,                //    not before the line rose at 20 us
      0x7777, 1,        // 4. vectored: the timer went to base + 4 x 7
  });
  Json st = Json::object();
  b->cpu->report_stats(st);
  EXPECT_EQ(st["wfi_count"], 2);
  EXPECT_GT(st["sleep_ps"].get<std::uint64_t>(), 15'000'000u);  // asleep from ~3 us to 20 us
}

TEST(Rv32Isa, CyclesPerInstructionModel) {
  auto b = run_ok("cpi");
  // alu 1+1, mul 3, div 34, la = auipc+addi 1+1, local lw 2, local sw 1, beq not taken 1,
  // bne taken 3, jal 2, lui 1, bus lw 2 + 10 (the testbench's 10 ns at 1 ns per cycle):
  // 2 + 3 + 34 + 2 + 2 + 1 + 1 + 3 + 2 + 1 + 12 = 63
  expect_words(b->signature(), {63});
}

TEST(Rv32Isa, TrapInsideTheHandlerIsAFatalTrapLoop) {
  Rv32Bench b(rv32_program("trap_loop"));
  b.run();
  ASSERT_TRUE(b.cpu->finished());  // stopped, not spinning
  const FirmwareFault& f = b.cpu->fault();
  ASSERT_TRUE(f.raised);
  EXPECT_EQ(f.code, SUSHI_FAULT_RV32_TRAP_LOOP);
  EXPECT_EQ(b.cpu->fault_pc(), 0x03000000u);  // the handler's address: its fetch faulted
  EXPECT_NE(f.message.find("trap loop: exception mcause 1"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find(fmt::format("mcause 2 from mepc {:#010x}", b.sym("t_bad"))), std::string::npos) << f.message;
  EXPECT_EQ(b.cpu->core().traps(), 1u);
}
