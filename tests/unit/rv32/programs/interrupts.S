/* Interrupts: the machine timer (core-local MTIMECMP) taken in direct mode, WFI woken by the
 * timer with mstatus.MIE clear (no trap), the external line (the testbench raises it at 20 us
 * and lowers it when 0x8001_0000 is written) waking WFI and taken, and vectored mode. */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  SIG_INIT
  la t0, handler
  csrw mtvec, t0
  li s0, LOCAL_REGS
  /* 1. timer interrupt, 1000 ns from now, taken while spinning */
  li s1, 0
  lw a1, REG_MTIME_LO(s0)
  addi a1, a1, 1000
  sw zero, REG_MTIMECMP_HI(s0)
  sw a1, REG_MTIMECMP_LO(s0)
  li a2, 0x80
  csrs mie, a2
  csrsi mstatus, 8
1:
  beqz s1, 1b
  csrci mstatus, 8
  lw a3, REG_MTIME_LO(s0)
  sltu a3, a3, a1
  SIG(a3)                     /* 0: the interrupt came at MTIME >= MTIMECMP */
  /* 2. WFI woken by the timer with MIE clear: no trap */
  lw a1, REG_MTIME_LO(s0)
  addi a1, a1, 2000
  sw a1, REG_MTIMECMP_LO(s0)
  li a2, 0x80
  csrs mie, a2
  wfi
  lw a3, REG_MTIME_LO(s0)
  sltu a3, a3, a1
  SIG(a3)                     /* 0 */
  csrr a3, mip
  andi a3, a3, 0x80
  SIG(a3)                     /* 0x80: MTIP pending */
  csrc mie, a2
  li a1, -1
  sw a1, REG_MTIMECMP_HI(s0)
  sw a1, REG_MTIMECMP_LO(s0)
  csrr a3, mip
  SIG(a3)                     /* 0: MTIMECMP moved, line low */
  /* 3. external interrupt: WFI, then taken */
  li s1, 0
  li a2, 0x800
  csrs mie, a2
  wfi
  csrsi mstatus, 8
  nop
  csrci mstatus, 8
  SIG(s1)                     /* 1: the handler ran */
  lw a3, REG_MTIME_LO(s0)
  li a1, 20000
  sltu a3, a3, a1
  SIG(a3)                     /* 0: not before 20 us */
  /* 4. vectored mode: timer interrupt to base + 4 x 7 */
  la t0, vectors
  ori t0, t0, 1
  csrw mtvec, t0
  li s1, 0
  lw a1, REG_MTIME_LO(s0)
  addi a1, a1, 500
  sw zero, REG_MTIMECMP_HI(s0)
  sw a1, REG_MTIMECMP_LO(s0)
  li a2, 0x80
  csrs mie, a2
  csrsi mstatus, 8
2:
  beqz s1, 2b
  csrci mstatus, 8
  csrr a3, mtvec
  andi a3, a3, 3
  SIG(a3)                     /* 1: vectored */
  EXIT_OK

handler:
  csrr t0, mcause
  SIG(t0)
  li t1, 0x80000007
  bne t0, t1, 1f
  li t2, 0x80                 /* timer: disable MTIE */
  csrc mie, t2
  li s1, 1
  mret
1:
  li t2, 0x800                /* external: acknowledge the device, disable MEIE */
  csrc mie, t2
  li t3, 0x80010000
  sw zero, 0(t3)
  li s1, 1
  mret

  .balign 64
vectors:
  j handler
  j handler
  j handler
  j handler
  j handler
  j handler
  j handler
  j vtimer
  j handler
  j handler
  j handler
  j handler
vtimer:
  li t0, 0x7777
  SIG(t0)
  li t2, 0x80
  csrc mie, t2
  li s1, 1
  mret
SIGNATURE_REGION(24)
