/* Sleeping until one interrupt source wants the firmware.
 *
 * The platform's interrupt lines are level-triggered and the interrupt controller ORs the enabled
 * ones into the CPU's single line (sushi/timer_regs.h). With several lines enabled, sleeping for
 * one source returns at once while another source's line is high (a request waiting in the query
 * port while the firmware waits for the accelerator): the sleep turns into a polling loop, which
 * costs MMIO traffic and energy, makes the firmware's timing depend on its own polling speed, and
 * never lets simulated time pass under cpu.firmware_time: zero. So the firmware routes to the CPU
 * only the line of the source it waits for. */
#ifndef SUSHI_FW_IRQ_H
#define SUSHI_FW_IRQ_H

#include <stdint.h>

/* The interrupt controller at `timer_regs` (the timer block); routes no line. Without this call
 * (timer_regs 0) fw_irq_wait only sleeps: the caller routes the lines itself. */
void fw_irq_init(uint64_t timer_regs);
/* Routes only line `line` (SUSHI_IRQ_*) to the CPU, writing the controller's ENABLE register
 * when the routing changes, and sleeps until the CPU's line is high (at once if it is). */
void fw_irq_wait(uint32_t line);

/* The same for the lines of `mask` (bit i = line i): the sources whose event the caller can act
 * on now (several accelerators' jobs, the query port while an accelerator is idle). */
void fw_irq_wait_any(uint32_t mask);

#endif /* SUSHI_FW_IRQ_H */
