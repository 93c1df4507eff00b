/* The RV32 HAL (firmware/rv32/hal_rv32.c) against the testbench: boot info, block transfers
 * (unaligned, above 4 GiB: one bus transaction each, through the block-transfer registers),
 * 32-bit MMIO at 0x8000_0000 and through the bus window above 4 GiB, sleeping until the external
 * interrupt (raised at 20 us), logging. Results in `signature`. */
#include <stdint.h>
#include <string.h>

#include "sushi/hal.h"
#include "sushi/rv32_local.h"

volatile uint32_t signature[8];

int main(void) {
  sushi_boot_info b;
  uint8_t src[11], dst[11];
  uint32_t i;
  hal_boot_info(&b);
  signature[0] = (uint32_t)b.accel_regs;
  signature[1] = (uint32_t)(b.image_addr >> 32);
  signature[2] = b.window;
  for (i = 0; i < sizeof src; ++i) src[i] = (uint8_t)(i * 7u + 1u);
  hal_write(0x100000003ull, src, sizeof src); /* bus 0x1_0000_0003: a block transfer */
  memset(dst, 0, sizeof dst);
  hal_read(0x100000003ull, dst, sizeof dst);
  signature[3] = memcmp(src, dst, sizeof src) == 0;
  hal_write32(0x80000100ull, 0xfeedf00du);
  signature[4] = hal_read32(0x80000100ull);
  hal_write32(0x100000020ull, 0x5a5aa5a5u); /* through the window */
  signature[7] = hal_read32(0x100000020ull);
  hal_wait_for_interrupt();
  signature[5] = *(volatile uint32_t*)(uintptr_t)(SUSHI_RV32_LOCAL_REGS + SUSHI_RV32_REG_MTIME_LO) >= 20000u;
  hal_write32(0x80010000ull, 0u); /* acknowledge: the testbench lowers the line */
  hal_log("hal test done");
  signature[6] = 0x600du;
  return 0;
}
