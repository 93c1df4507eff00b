/* CSR access and core-local registers for the RV32 firmware (sushi/rv32_local.h). */
#ifndef SUSHI_RV32_CSR_H
#define SUSHI_RV32_CSR_H

#include <stdint.h>

#include "sushi/rv32_local.h"

#define RV32_MSTATUS_MIE (1u << 3)
#define RV32_MIE_MTIE (1u << 7)
#define RV32_MIE_MEIE (1u << 11)
#define RV32_MCAUSE_INTERRUPT 0x80000000u

#define rv32_csr_read(csr) ({ uint32_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define rv32_csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" ::"r"(bits) : "memory")
#define rv32_csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" ::"r"(bits) : "memory")

#define RV32_LOCAL_REG(off) (*(volatile uint32_t*)(uintptr_t)(SUSHI_RV32_LOCAL_REGS + (off)))

/* Records a fault (code, message, pc, trap cause and value) in the core-local fault record and
 * stops: the VP ends the run with the fault. */
__attribute__((noreturn)) void rv32_raise_fault(uint32_t code, const char* message, uint32_t pc, uint32_t cause,
                                                uint32_t tval);

/* Set by the external-interrupt handler; hal_wait_for_interrupt waits for it. */
extern volatile uint32_t rv32_external_irq_seen;

#endif /* SUSHI_RV32_CSR_H */
