/* RV32I register-register and register-immediate instructions, LUI, AUIPC, writes to x0,
 * FENCE and FENCE.I (no-ops: one hart, no caches). */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  SIG_INIT
  TEST_RR(add, 5, 7)
  TEST_RR(add, 0x7fffffff, 1)
  TEST_RR(sub, 5, 7)
  TEST_RR(sll, 1, 31)
  TEST_RR(sll, 3, 33)
  TEST_RR(slt, -1, 1)
  TEST_RR(slt, 1, -1)
  TEST_RR(sltu, -1, 1)
  TEST_RR(sltu, 1, -1)
  TEST_RR(xor, 0xff00ff00, 0x0ff00ff0)
  TEST_RR(srl, 0x80000000, 4)
  TEST_RR(sra, 0x80000000, 4)
  TEST_RR(or, 0xf0, 0x0f)
  TEST_RR(and, 0xf0f0, 0xff00)
  TEST_RI(addi, 5, -6)
  TEST_RI(slti, -5, -4)
  TEST_RI(sltiu, 5, -1)
  TEST_RI(xori, 0x0f, -1)
  TEST_RI(ori, 0x100, 0x0ff)
  TEST_RI(andi, 0xabcd, 0x0f0)
  TEST_RI(slli, 1, 5)
  TEST_RI(srli, 0xf0000000, 28)
  TEST_RI(srai, 0xf0000000, 28)
  lui a3, 0x12345
  SIG(a3)
here:
  auipc a3, 1
  la a4, here
  sub a3, a3, a4
  SIG(a3)
  addi x0, x0, 5
  SIG(x0)
  fence rw, rw
  fence.i
  li a3, 0x5a
  SIG(a3)
  EXIT_OK
SIGNATURE_REGION(32)
