#include "fw_irq.h"

#include "sushi/hal.h"
#include "sushi/timer_regs.h"

static uint64_t g_timer;  /* 0: not routing */
static uint32_t g_routed; /* mirror of the controller's ENABLE register */

void fw_irq_init(uint64_t timer_regs) {
  g_timer = timer_regs;
  g_routed = 0u;
  if (g_timer != 0u) hal_write32(g_timer + SUSHI_INTC_REG_ENABLE, 0u);
}

void fw_irq_wait(uint32_t line) { fw_irq_wait_any(1u << line); }

void fw_irq_wait_any(uint32_t mask) {
  if (g_timer != 0u && g_routed != mask) {
    hal_write32(g_timer + SUSHI_INTC_REG_ENABLE, mask);
    g_routed = mask;
  }
  hal_wait_for_interrupt();
}
