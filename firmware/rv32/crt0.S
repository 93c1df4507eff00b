/* Reset entry of the RV32 firmware: stack, global pointer, trap vector, zeroed .bss, then C
 * (rv32_c_start in start.c). The VP starts the core here (the ELF entry point). */
  .section .text.init, "ax"
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  la t0, rv32_trap_vector
  csrw mtvec, t0
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  call rv32_c_start
3:
  j 3b
