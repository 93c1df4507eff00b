/* sushi/hal.h for the cross-compiled firmware on the RV32 core (docs/rv32.md).
 *
 * 32-bit hardware accesses are volatile loads and stores: addresses in [0x8000_0000, 4 GiB)
 * directly, every other 64-bit bus address through the core's 1 GiB bus window
 * (sushi/rv32_local.h), whose base this file moves when needed. Block transfers (hal_read,
 * hal_write) use the core's block-transfer registers: one bus transaction each. Sleeping is `wfi`
 * with the external interrupt enabled; the interrupt is then taken (trap.c) and acknowledged.
 * hal_charge is a no-op: the instructions themselves take simulated time. hal_fault fills the
 * core-local fault record with the caller's pc. */
#include <stddef.h>
#include <string.h>

#include "rv32_csr.h"
#include "sushi/hal.h"

extern const sushi_boot_info __boot_info; /* at SUSHI_RV32_BOOT_INFO_ADDR (linker script) */

static uint64_t g_window = 0; /* mirror of the WINDOW registers (reset 0) */

/* The 32-bit address at which the core reaches bus address `addr` (4 bytes from it at most, so
 * an aligned word never crosses the window's end). */
static uintptr_t bus_address(uint64_t addr) {
  if (addr >= 0x80000000ull && addr < 0x100000000ull) return (uintptr_t)addr;
  {
    const uint64_t base = addr & ~(uint64_t)(SUSHI_RV32_WINDOW_BYTES - 1u);
    if (base != g_window) {
      RV32_LOCAL_REG(SUSHI_RV32_REG_WINDOW_HI) = (uint32_t)(base >> 32);
      RV32_LOCAL_REG(SUSHI_RV32_REG_WINDOW_LO) = (uint32_t)base;
      g_window = base;
    }
  }
  return (uintptr_t)(SUSHI_RV32_WINDOW_BASE + (uint32_t)(addr & (SUSHI_RV32_WINDOW_BYTES - 1u)));
}

void hal_boot_info(sushi_boot_info* out) { memcpy(out, &__boot_info, sizeof *out); }

uint32_t hal_read32(uint64_t addr) { return *(volatile const uint32_t*)bus_address(addr); }

void hal_write32(uint64_t addr, uint32_t value) { *(volatile uint32_t*)bus_address(addr) = value; }

/* Block transfers: one bus transaction per call through the core's block-transfer registers,
 * as the host CPU model makes one per call (sushi/hal.h): both builds of the firmware then put
 * the same transactions on the bus. The compiler barriers keep the buffer's accesses on their
 * side of the START store (the core moves the data when the store executes). */
static void block_transfer(uint64_t addr, const void* local, uint32_t bytes, uint32_t start) {
  if (bytes == 0u) return;
  RV32_LOCAL_REG(SUSHI_RV32_REG_BLK_BUS_LO) = (uint32_t)addr;
  RV32_LOCAL_REG(SUSHI_RV32_REG_BLK_BUS_HI) = (uint32_t)(addr >> 32);
  RV32_LOCAL_REG(SUSHI_RV32_REG_BLK_LOCAL) = (uint32_t)(uintptr_t)local;
  RV32_LOCAL_REG(SUSHI_RV32_REG_BLK_BYTES) = bytes;
  __asm__ volatile("" ::: "memory");
  RV32_LOCAL_REG(SUSHI_RV32_REG_BLK_START) = start;
  __asm__ volatile("" ::: "memory");
}

void hal_read(uint64_t addr, void* dst, uint32_t bytes) { block_transfer(addr, dst, bytes, SUSHI_RV32_BLK_READ); }

void hal_write(uint64_t addr, const void* src, uint32_t bytes) {
  block_transfer(addr, src, bytes, SUSHI_RV32_BLK_WRITE);
}

/* wfi wakes when an interrupt is pending and enabled in mie, whatever mstatus.MIE; with MIE set
 * for one instruction the pending interrupt is taken, and its handler sets the flag. MIE stays
 * clear around the check and the wfi, so an interrupt cannot slip in between them. */
void hal_wait_for_interrupt(void) {
  rv32_external_irq_seen = 0u;
  rv32_csr_set(mie, RV32_MIE_MEIE);
  while (!rv32_external_irq_seen) {
    __asm__ volatile("wfi" ::: "memory");
    rv32_csr_set(mstatus, RV32_MSTATUS_MIE);
    rv32_csr_clear(mstatus, RV32_MSTATUS_MIE);
  }
}

void hal_charge(enum sushi_cost kind, uint32_t count) {
  (void)kind;
  (void)count;
}

void hal_fault(uint32_t code, const char* message) {
  /* The call instruction (a 4-byte jal/jalr) is just before the return address. */
  const uint32_t pc = (uint32_t)(uintptr_t)__builtin_return_address(0) - 4u;
  rv32_raise_fault(code, message, pc, 0u, 0u);
}

void hal_log(const char* message) { RV32_LOCAL_REG(SUSHI_RV32_REG_LOG) = (uint32_t)(uintptr_t)message; }
