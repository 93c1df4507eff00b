/* sushi/hal.h for the cross-compiled firmware on the RV32 core (docs/rv32.md).
 *
 * Hardware accesses are volatile loads and stores: addresses in [0x8000_0000, 4 GiB) directly,
 * every other 64-bit bus address through the core's 1 GiB bus window (sushi/rv32_local.h),
 * whose base this file moves when needed. Sleeping is `wfi` with the external interrupt enabled;
 * the interrupt is then taken (trap.c) and acknowledged. hal_charge is a no-op: the instructions
 * themselves take simulated time. hal_fault fills the core-local fault record with the caller's
 * pc. */
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

void hal_read(uint64_t addr, void* dst, uint32_t bytes) {
  uint8_t* d = (uint8_t*)dst;
  while (bytes != 0) {
    if (bytes >= 4u && ((addr | (uintptr_t)d) & 3u) == 0) {
      const uint32_t v = *(volatile const uint32_t*)bus_address(addr);
      memcpy(d, &v, 4);
      d += 4;
      addr += 4;
      bytes -= 4;
    } else {
      *d++ = *(volatile const uint8_t*)bus_address(addr);
      ++addr;
      --bytes;
    }
  }
}

void hal_write(uint64_t addr, const void* src, uint32_t bytes) {
  const uint8_t* s = (const uint8_t*)src;
  while (bytes != 0) {
    if (bytes >= 4u && ((addr | (uintptr_t)s) & 3u) == 0) {
      uint32_t v;
      memcpy(&v, s, 4);
      *(volatile uint32_t*)bus_address(addr) = v;
      s += 4;
      addr += 4;
      bytes -= 4;
    } else {
      *(volatile uint8_t*)bus_address(addr) = *s++;
      ++addr;
      --bytes;
    }
  }
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
