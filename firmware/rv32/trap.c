/* The C part of the trap vector (trap.S): interrupts are acknowledged by masking their enable
 * (the platform's lines are level-triggered and cleared by their sources, the drivers re-enable
 * them when they sleep again); exceptions are firmware bugs and become fault records with the
 * trapping pc: access faults as SUSHI_FAULT_BUS (as in host mode), others SUSHI_FAULT_RV32_TRAP. */
#include "rv32_csr.h"
#include "sushi/fw_faults.h"

volatile uint32_t rv32_external_irq_seen;

static const char* const k_cause_text[] = {
    "instruction address misaligned", "instruction access fault", "illegal instruction", "breakpoint",
    "load address misaligned", "load access fault", "store address misaligned", "store access fault",
    "ecall from U-mode", "ecall from S-mode", "reserved exception", "ecall from M-mode",
};

void rv32_raise_fault(uint32_t code, const char* message, uint32_t pc, uint32_t cause, uint32_t tval) {
  RV32_LOCAL_REG(SUSHI_RV32_REG_FAULT_CODE) = code;
  RV32_LOCAL_REG(SUSHI_RV32_REG_FAULT_MSG) = (uint32_t)(uintptr_t)message;
  RV32_LOCAL_REG(SUSHI_RV32_REG_FAULT_PC) = pc;
  RV32_LOCAL_REG(SUSHI_RV32_REG_FAULT_CAUSE) = cause;
  RV32_LOCAL_REG(SUSHI_RV32_REG_FAULT_TVAL) = tval;
  RV32_LOCAL_REG(SUSHI_RV32_REG_FAULT_RAISE) = 1u;
  for (;;) {
  }
}

void rv32_trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval);
void rv32_trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
  if (mcause & RV32_MCAUSE_INTERRUPT) {
    const uint32_t code = mcause & ~RV32_MCAUSE_INTERRUPT;
    if (code == 11u) {
      rv32_csr_clear(mie, RV32_MIE_MEIE);
      rv32_external_irq_seen = 1u;
    } else if (code == 7u) {
      rv32_csr_clear(mie, RV32_MIE_MTIE);
    }
    return;
  }
  rv32_raise_fault((mcause == 5u || mcause == 7u) ? SUSHI_FAULT_BUS : SUSHI_FAULT_RV32_TRAP,
                   mcause < sizeof k_cause_text / sizeof k_cause_text[0] ? k_cause_text[mcause] : "exception", mepc,
                   mcause, mtval);
}
