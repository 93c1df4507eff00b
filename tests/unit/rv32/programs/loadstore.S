/* Loads and stores in the local memory (sign and zero extension, byte/half/word, negative
 * offsets) and over the bus: the testbench memory at 0x8000_0000, and through the bus window
 * at bus address 0x1_0000_0000. */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  SIG_INIT
  la a4, buf
  lb a3, 3(a4)
  SIG(a3)
  lbu a3, 3(a4)
  SIG(a3)
  lh a3, 2(a4)
  SIG(a3)
  lhu a3, 2(a4)
  SIG(a3)
  lw a3, 0(a4)
  SIG(a3)
  lb a3, 0(a4)
  SIG(a3)
  la a4, buf2
  li a1, 0xab
  sb a1, 1(a4)
  li a1, 0xcdef
  sh a1, 2(a4)
  lw a3, 0(a4)
  SIG(a3)
  addi a2, a4, 8
  li a1, 0x5555aaaa
  sw a1, -4(a2)
  lw a3, 4(a4)
  SIG(a3)
  /* the bus: testbench memory */
  li a4, 0x80000010
  li a1, 0x12345678
  sw a1, 0(a4)
  lw a3, 0(a4)
  SIG(a3)
  lb a3, 3(a4)
  SIG(a3)
  lhu a3, 2(a4)
  SIG(a3)
  /* the bus window: 0x4000_0000 + x is bus address 0x1_0000_0000 + x */
  li t0, LOCAL_REGS
  li a1, 1
  sw a1, REG_WINDOW_HI(t0)
  sw zero, REG_WINDOW_LO(t0)
  li a4, 0x40000020
  li a1, 0x00c0ffee
  sw a1, 0(a4)
  lw a3, 0(a4)
  SIG(a3)
  lw a3, REG_WINDOW_HI(t0)
  SIG(a3)
  EXIT_OK
  .data
  .balign 4
buf: .word 0x80402010
buf2: .word 0, 0
SIGNATURE_REGION(16)
