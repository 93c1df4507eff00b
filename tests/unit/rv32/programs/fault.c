/* Firmware-style faults through the RV32 HAL, built twice: FAULT_MODE 1 calls hal_fault (a fault
 * record with the caller's pc), FAULT_MODE 2 reads a bus address nothing answers (a load access
 * fault, turned into SUSHI_FAULT_BUS by the trap handler, with the load's pc). */
#include <stdint.h>

#include "sushi/hal.h"

volatile uint32_t sink;

__attribute__((noinline)) void fault_site(void);
__attribute__((noinline)) void fault_site(void) {
#if FAULT_MODE == 1
  hal_fault(0x42u, "demo fault from the firmware");
#else
  sink = hal_read32(0x90000000ull);
#endif
}

int main(void) {
  fault_site();
  return 0;
}
