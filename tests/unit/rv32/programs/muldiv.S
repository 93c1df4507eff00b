/* RV32M: multiplications (low and high halves, signed/unsigned mixes) and divisions with the
 * specification's division-by-zero and overflow results. */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  SIG_INIT
  TEST_RR(mul, 7, -3)
  TEST_RR(mul, 0x10000, 0x10000)
  TEST_RR(mulh, 0x10000, 0x10000)
  TEST_RR(mulh, -1, -1)
  TEST_RR(mulh, 0x80000000, 0x80000000)
  TEST_RR(mulhsu, -1, 0xffffffff)
  TEST_RR(mulhu, 0xffffffff, 0xffffffff)
  TEST_RR(div, -7, 2)
  TEST_RR(div, 7, 0)
  TEST_RR(div, 0x80000000, -1)
  TEST_RR(divu, 0xffffffff, 2)
  TEST_RR(divu, 5, 0)
  TEST_RR(rem, -7, 2)
  TEST_RR(rem, 7, 0)
  TEST_RR(rem, 0x80000000, -1)
  TEST_RR(remu, 0xffffffff, 10)
  TEST_RR(remu, 9, 0)
  EXIT_OK
SIGNATURE_REGION(20)
