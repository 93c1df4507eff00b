/* The cycles-per-instruction model, one instruction of each class (defaults, 1 GHz core, the
 * testbench bus answering in 10 ns): mcycle read at the end must equal the sum (the gtest has
 * the derivation). */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  li a1, 3            /* alu 1 */
  li a2, 5            /* alu 1 */
  mul a3, a1, a2      /* mul 3 */
  div a4, a2, a1      /* div 34 */
  la a5, word         /* auipc + addi: alu 1 + 1 */
  lw a0, 0(a5)        /* load (local) 2 */
  sw a0, 4(a5)        /* store (local) 1 */
  beq a1, a2, 1f      /* branch not taken 1 */
  bne a1, a2, 1f      /* branch taken 3 */
  nop
1:
  jal ra, 2f          /* jump 2 */
2:
  li t0, 0x80000000   /* lui: alu 1 */
  lw a0, 0(t0)        /* load over the bus: 2 + 10 stall */
  csrr a3, mcycle     /* reads the cycles before itself */
  SIG_INIT
  SIG(a3)
  EXIT_OK
  .data
  .balign 4
word: .word 7, 0
SIGNATURE_REGION(2)
