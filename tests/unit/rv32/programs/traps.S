/* Exceptions: every cause the core raises, with mcause, mepc, mtval and mstatus as the handler
 * sees them. The handler records the four and resumes after the trapping instruction (for an
 * instruction access fault, at ra). */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  SIG_INIT
  la t0, handler
  csrw mtvec, t0
  la a4, buf
t_illegal0:
  .word 0x00000000
t_illegal1:
  .word 0xffffffff
t_rocsr:
  csrw cycle, a1
t_nocsr:
  csrr a3, 0x7c0
t_lw_mis:
  lw a3, 1(a4)
t_sh_mis:
  sh a3, 1(a4)
  la a5, t_target + 2
t_jalr_mis:
  jalr ra, 0(a5)
  csrsi mstatus, 8
t_ecall:
  ecall
  csrr a3, mstatus
  SIG(a3)
  csrci mstatus, 8
t_ebreak:
  ebreak
  li a5, 0x90000000
t_lw_bus:
  lw a3, 0(a5)
t_sw_bus:
  sw a3, 0(a5)
  li a5, 0x02000080
t_lw_local:
  lw a3, 0(a5)
  li a5, 0x03000000
  jalr ra, 0(a5)
  EXIT_OK
t_target:
  nop
  nop

handler:
  csrr t0, mcause
  SIG(t0)
  csrr t1, mepc
  SIG(t1)
  csrr t2, mtval
  SIG(t2)
  csrr t3, mstatus
  SIG(t3)
  li t4, 1
  beq t0, t4, 1f
  addi t1, t1, 4
  csrw mepc, t1
  mret
1:
  csrw mepc, ra
  mret
  .data
  .balign 4
  .globl buf
buf: .word 0, 0
SIGNATURE_REGION(64)
