/* Timer and interrupt controller hardware interface.
 *
 * Timer: a free-running 64-bit MTIME counting ns since simulation start, and a 64-bit compare
 * register MTIMECMP; the timer interrupt (line SUSHI_IRQ_TIMER) is high while
 * MTIME >= MTIMECMP and TIMER_CTRL.ENABLE is set, so firmware sleeps until a time by writing
 * MTIMECMP, enabling, and waiting for the interrupt.
 * Interrupt controller: aggregates level-triggered lines into the CPU's one interrupt line:
 *   cpu_irq = (PENDING & ENABLE) != 0
 * PENDING shows the live level of each line (bit i = line i); the sources clear their own
 * levels (pop the query FIFO, acknowledge the accelerator, move MTIMECMP), so there is nothing
 * to acknowledge here. CLAIM names the lowest-numbered active line. docs/query-port.md.
 *
 * 32-bit registers, byte offsets from the block base, little-endian.
 * Freestanding C11 / C++17: <stdint.h> only. */
#ifndef SUSHI_TIMER_REGS_H
#define SUSHI_TIMER_REGS_H

#include <stdint.h>

/* ---- Timer ---- */
#define SUSHI_TIMER_REG_ID          0x000u /* RO: SUSHI_TIMER_ID_VALUE */
#define SUSHI_TIMER_REG_VERSION     0x004u /* RO: SUSHI_TIMER_IF_VERSION */
#define SUSHI_TIMER_REG_MTIME_LO    0x008u /* RO: ns; reading LO latches HI (no torn reads) */
#define SUSHI_TIMER_REG_MTIME_HI    0x00Cu /* RO: high half latched by the last MTIME_LO read */
#define SUSHI_TIMER_REG_MTIMECMP_LO 0x010u /* RW: ns (reset: all ones = never) */
#define SUSHI_TIMER_REG_MTIMECMP_HI 0x014u /* RW */
#define SUSHI_TIMER_REG_CTRL        0x018u /* RW: SUSHI_TIMER_CTRL_* (reset 0) */
#define SUSHI_TIMER_REG_STATUS      0x01Cu /* RO: SUSHI_TIMER_STATUS_* */

/* ---- Interrupt controller ---- */
#define SUSHI_INTC_REG_PENDING      0x040u /* RO: live level of every line, bit i = line i */
#define SUSHI_INTC_REG_ENABLE       0x044u /* RW: bit i enables line i (reset 0) */
#define SUSHI_INTC_REG_ACTIVE       0x048u /* RO: PENDING & ENABLE */
#define SUSHI_INTC_REG_CLAIM        0x04Cu /* RO: lowest active line + 1, or 0 if none */
#define SUSHI_INTC_REG_LINES        0x050u /* RO: number of lines (timer included) */

#define SUSHI_TIMER_REG_BLOCK_SIZE  0x100u /* bytes of register space */

#define SUSHI_TIMER_ID_VALUE   0x54494D52u /* "TIMR" */
#define SUSHI_TIMER_IF_VERSION 0x00010000u /* major 1, minor 0 */

/* CTRL bits */
#define SUSHI_TIMER_CTRL_ENABLE (1u << 0) /* compare interrupt enabled */
/* STATUS bits */
#define SUSHI_TIMER_STATUS_MATCH (1u << 0) /* MTIME >= MTIMECMP (whatever CTRL says) */

/* Interrupt lines of the platform (line 0 is the timer, inside the block; the SoC wires the
 * others to inputs 1..). */
#define SUSHI_IRQ_TIMER      0u
#define SUSHI_IRQ_QUERY_PORT 1u
#define SUSHI_IRQ_ACCEL      2u
#define SUSHI_IRQ_MAX_LINES  32u

#endif /* SUSHI_TIMER_REGS_H */
