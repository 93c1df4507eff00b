/* A fatal trap loop: mtvec points outside the local memory, so the illegal instruction's trap
 * faults on its first fetch. The core must stop and report it, not spin. */
#include "test_macros.h"
  .section .text.init, "ax"
  .globl _start
_start:
  li t0, 0x03000000
  csrw mtvec, t0
  .globl t_bad
t_bad:
  .word 0
  EXIT_OK
