#include "fw_query_port.h"

#include "sushi/fw_faults.h"
#include "sushi/hal.h"
#include "sushi/query_port_regs.h"
#include "sushi/timer_regs.h"

static uint64_t read64(uint64_t lo_addr) {
  const uint64_t lo = hal_read32(lo_addr);
  const uint64_t hi = hal_read32(lo_addr + 4u);
  return lo | (hi << 32);
}

void fw_qp_init(uint64_t regs) {
  if (hal_read32(regs + SUSHI_QP_REG_ID) != SUSHI_QP_ID_VALUE) {
    hal_fault(SUSHI_FAULT_QUERY_PORT, "query port: ID register is not 'QPRT'");
  }
  hal_write32(regs + SUSHI_QP_REG_IRQ_ENABLE, SUSHI_QP_IRQ_REQUEST);
}

int fw_qp_pending(uint64_t regs) {
  return (hal_read32(regs + SUSHI_QP_REG_STATUS) & SUSHI_QP_STATUS_NOT_EMPTY) != 0;
}

int fw_qp_finished(uint64_t regs) {
  return (hal_read32(regs + SUSHI_QP_REG_STATUS) & SUSHI_QP_STATUS_FINISHED) != 0;
}

void fw_qp_peek(uint64_t regs, sushi_query_req* q) {
  q->id = read64(regs + SUSHI_QP_REG_REQ_ID_LO);
  q->arrival_ns = read64(regs + SUSHI_QP_REG_REQ_ARRIVAL_LO);
  q->deadline_ns = q->arrival_ns + read64(regs + SUSHI_QP_REG_REQ_SLO_LO);
  q->min_accuracy_milli = hal_read32(regs + SUSHI_QP_REG_REQ_MIN_ACC);
}

void fw_qp_take(uint64_t regs) { hal_write32(regs + SUSHI_QP_REG_POP, 1u); }

void fw_qp_pop(uint64_t regs, sushi_query_req* q) {
  fw_qp_peek(regs, q);
  fw_qp_take(regs);
}

void fw_qp_complete(uint64_t regs, uint64_t id, uint32_t subnet, uint32_t status, uint32_t reason) {
  hal_write32(regs + SUSHI_QP_REG_CPL_ID_LO, (uint32_t)id);
  hal_write32(regs + SUSHI_QP_REG_CPL_ID_HI, (uint32_t)(id >> 32));
  hal_write32(regs + SUSHI_QP_REG_CPL_SUBNET, subnet);
  hal_write32(regs + SUSHI_QP_REG_CPL_STATUS, status);
  hal_write32(regs + SUSHI_QP_REG_CPL_REASON, reason);
  hal_write32(regs + SUSHI_QP_REG_CPL_COMMIT, 1u);
}

void fw_qp_set_processor(uint64_t regs, uint32_t processor) {
  hal_write32(regs + SUSHI_QP_REG_CPL_PROCESSOR, processor);
}

void fw_qp_select(uint64_t regs, uint32_t queue) { hal_write32(regs + SUSHI_QP_REG_QUEUE_SELECT, queue); }

uint32_t fw_qp_pending_queues(uint64_t regs) { return hal_read32(regs + SUSHI_QP_REG_QUEUES_PENDING); }

void fw_qp_set_irq_queues(uint64_t regs, uint32_t mask) { hal_write32(regs + SUSHI_QP_REG_QUEUE_IRQ_MASK, mask); }

uint64_t fw_now_ns(uint64_t timer_regs) {
  /* Reading LO latches HI: no torn reads. */
  return read64(timer_regs + SUSHI_TIMER_REG_MTIME_LO);
}
