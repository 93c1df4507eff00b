#include "fw_accel.h"

#include "fw_irq.h"
#include "sushi/accel_regs.h"
#include "sushi/fw_faults.h"
#include "sushi/hal.h"
#include "sushi/timer_regs.h"

void fw_accel_init(uint64_t regs) {
  if (hal_read32(regs + SUSHI_REG_ID) != SUSHI_ID_VALUE) {
    hal_fault(SUSHI_FAULT_ACCEL_ID, "accelerator: ID register is not 'SUSH'");
  }
  hal_write32(regs + SUSHI_REG_IRQ_ENABLE, SUSHI_IRQ_JOB_DONE | SUSHI_IRQ_PB_LOAD_DONE | SUSHI_IRQ_ERROR);
}

/* The end of a job or PB load whose IRQ_STATUS read `irq`: its status and error, acknowledged. */
static fw_accel_result take_done(uint64_t regs, uint32_t irq, uint32_t done_irq) {
  fw_accel_result r;
  r.status = hal_read32(regs + SUSHI_REG_STATUS);
  r.err_code = (irq & SUSHI_IRQ_ERROR) ? hal_read32(regs + SUSHI_REG_ERR_CODE) : 0u;
  r.err_info = (irq & SUSHI_IRQ_ERROR) ? hal_read32(regs + SUSHI_REG_ERR_INFO) : 0u;
  hal_write32(regs + SUSHI_REG_IRQ_STATUS, irq & (done_irq | SUSHI_IRQ_ERROR));  /* RW1C */
  return r;
}

static fw_accel_result wait_done(uint64_t regs, uint32_t line, uint32_t done_irq) {
  uint32_t irq;
  for (;;) {
    irq = hal_read32(regs + SUSHI_REG_IRQ_STATUS);
    if (irq & (done_irq | SUSHI_IRQ_ERROR)) break;
    fw_irq_wait(line);
  }
  return take_done(regs, irq, done_irq);
}

void fw_accel_start_job(uint64_t regs, uint64_t desc_addr, uint32_t desc_count, uint64_t pb_map_addr,
                        uint32_t pb_map_count) {
  hal_write32(regs + SUSHI_REG_JOB_DESC_ADDR_LO, (uint32_t)desc_addr);
  hal_write32(regs + SUSHI_REG_JOB_DESC_ADDR_HI, (uint32_t)(desc_addr >> 32));
  hal_write32(regs + SUSHI_REG_JOB_DESC_COUNT, desc_count);
  hal_write32(regs + SUSHI_REG_PB_MAP_ADDR_LO, (uint32_t)pb_map_addr);
  hal_write32(regs + SUSHI_REG_PB_MAP_ADDR_HI, (uint32_t)(pb_map_addr >> 32));
  hal_write32(regs + SUSHI_REG_PB_MAP_COUNT, pb_map_count);
  hal_write32(regs + SUSHI_REG_CTRL, SUSHI_CTRL_START_JOB);
}

int fw_accel_job_done(uint64_t regs, fw_accel_result* out) {
  const uint32_t irq = hal_read32(regs + SUSHI_REG_IRQ_STATUS);
  if (!(irq & (SUSHI_IRQ_JOB_DONE | SUSHI_IRQ_ERROR))) return 0;
  *out = take_done(regs, irq, SUSHI_IRQ_JOB_DONE);
  return 1;
}

fw_accel_result fw_accel_run_job(uint64_t regs, uint64_t desc_addr, uint32_t desc_count,
                                 uint64_t pb_map_addr, uint32_t pb_map_count) {
  return fw_accel_run_job_on(regs, SUSHI_IRQ_ACCEL, desc_addr, desc_count, pb_map_addr, pb_map_count);
}

fw_accel_result fw_accel_run_job_on(uint64_t regs, uint32_t line, uint64_t desc_addr, uint32_t desc_count,
                                    uint64_t pb_map_addr, uint32_t pb_map_count) {
  fw_accel_start_job(regs, desc_addr, desc_count, pb_map_addr, pb_map_count);
  return wait_done(regs, line, SUSHI_IRQ_JOB_DONE);
}

fw_accel_result fw_accel_pb_load_on(uint64_t regs, uint32_t line, uint64_t list_addr, uint32_t count) {
  hal_write32(regs + SUSHI_REG_PB_LOAD_ADDR_LO, (uint32_t)list_addr);
  hal_write32(regs + SUSHI_REG_PB_LOAD_ADDR_HI, (uint32_t)(list_addr >> 32));
  hal_write32(regs + SUSHI_REG_PB_LOAD_COUNT, count);
  hal_write32(regs + SUSHI_REG_CTRL, SUSHI_CTRL_START_PB_LOAD);
  return wait_done(regs, line, SUSHI_IRQ_PB_LOAD_DONE);
}

fw_accel_result fw_accel_pb_load(uint64_t regs, uint64_t list_addr, uint32_t count) {
  return fw_accel_pb_load_on(regs, SUSHI_IRQ_ACCEL, list_addr, count);
}

uint64_t fw_accel_pb_bytes(uint64_t regs) {
  return (uint64_t)hal_read32(regs + SUSHI_REG_CAPS0) * 1024u;
}
