/* CSR instructions (all six forms, the rd = x0 / rs1 = x0 rules), machine CSRs' WARL fields,
 * counters (mcycle against the CPI model, minstret, a write to minstret). */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  SIG_INIT
  csrr a3, misa
  SIG(a3)
  li a1, 0x1234
  csrw mscratch, a1
  li a1, 0xf0
  csrrs a3, mscratch, a1
  SIG(a3)
  csrr a3, mscratch
  SIG(a3)
  li a1, 0x34
  csrrc a3, mscratch, a1
  SIG(a3)
  csrr a3, mscratch
  SIG(a3)
  csrrwi a3, mscratch, 21
  SIG(a3)
  csrr a3, mscratch
  SIG(a3)
  csrrsi a3, mscratch, 8
  SIG(a3)
  csrrci a3, mscratch, 1
  SIG(a3)
  csrr a3, mscratch
  SIG(a3)
  csrr a3, mstatus
  SIG(a3)
  csrsi mstatus, 8
  csrr a3, mstatus
  SIG(a3)
  csrci mstatus, 8
  li a1, 0x103
  csrw mtvec, a1
  csrr a3, mtvec
  SIG(a3)
  li a1, 0x1002
  csrw mepc, a1
  csrr a3, mepc
  SIG(a3)
  csrr a3, mhartid
  SIG(a3)
  csrr a4, minstret
  csrr a5, minstret
  sub a3, a5, a4
  SIG(a3)
  csrr a4, mcycle
  nop
  csrr a5, mcycle
  sub a3, a5, a4
  SIG(a3)
  li a1, 100
  csrw minstret, a1
  csrr a3, minstret
  SIG(a3)
  csrr a4, instret
  csrr a3, minstret
  sub a3, a3, a4
  SIG(a3)
  EXIT_OK
SIGNATURE_REGION(24)
