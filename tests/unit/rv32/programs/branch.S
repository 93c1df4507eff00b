/* Conditional branches taken and not taken, JAL and JALR (link value, bit 0 of the target
 * cleared), a backward loop. */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  SIG_INIT
  TEST_BR(beq, 3, 3)
  TEST_BR(beq, 3, 4)
  TEST_BR(bne, 3, 4)
  TEST_BR(bne, 3, 3)
  TEST_BR(blt, -1, 1)
  TEST_BR(blt, 1, -1)
  TEST_BR(bge, 1, -1)
  TEST_BR(bge, -1, 1)
  TEST_BR(bge, 5, 5)
  TEST_BR(bltu, 1, -1)
  TEST_BR(bltu, -1, 1)
  TEST_BR(bgeu, -1, 1)
  TEST_BR(bgeu, 1, -1)
  jal ra, 1f
after_jal:
  j 2f
1:
  la a4, after_jal
  sub a3, ra, a4
  SIG(a3)
  jr ra
2:
  la a4, jalr_target + 1
  jalr ra, 0(a4)
after_jalr:
  j 4f
jalr_target:
  la a4, after_jalr
  sub a3, ra, a4
  SIG(a3)
  jr ra
4:
  li a1, 10
  li a3, 0
5:
  add a3, a3, a1
  addi a1, a1, -1
  bnez a1, 5b
  SIG(a3)
  EXIT_OK
SIGNATURE_REGION(20)
