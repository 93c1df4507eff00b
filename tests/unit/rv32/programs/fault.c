/* Firmware-style faults through the RV32 HAL, built three times: FAULT_MODE 1 calls hal_fault (a
 * fault record with the caller's pc), FAULT_MODE 2 reads a bus address nothing answers (a load
 * access fault, turned into SUSHI_FAULT_BUS by the trap handler, with the load's pc), FAULT_MODE
 * 3 block-reads there (the block transfer's START store is a store access fault). */
#include <stdint.h>

#include "sushi/hal.h"

volatile uint32_t sink;

__attribute__((noinline)) void fault_site(void);
__attribute__((noinline)) void fault_site(void) {
#if FAULT_MODE == 1
  hal_fault(0x42u, "demo fault from the firmware");
#elif FAULT_MODE == 2
  sink = hal_read32(0x90000000ull);
#else
  uint32_t block[4];
  hal_read(0x90000000ull, block, sizeof block);
  sink = block[0];
#endif
}

int main(void) {
  fault_site();
  return 0;
}
