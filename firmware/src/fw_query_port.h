/* Query-port driver: take requests, post completion records (register map:
 * sushi/query_port_regs.h). */
#ifndef SUSHI_FW_QUERY_PORT_H
#define SUSHI_FW_QUERY_PORT_H

#include <stdint.h>

#include "sched/sched.h"

/* Completion status codes posted with each record. */
#define FW_QUERY_OK 0u           /* = SUSHI_QP_CPL_OK */
#define FW_QUERY_ACCEL_ERROR 1u  /* = SUSHI_QP_CPL_ACCEL_ERROR */

void fw_qp_init(uint64_t regs);
/* Non-zero while at least one request waits in the FIFO. */
int fw_qp_pending(uint64_t regs);
/* Non-zero once the workload has delivered its last query and the FIFO is empty. */
int fw_qp_finished(uint64_t regs);
/* Pops the head request into `q` (deadline = arrival + SLO). */
void fw_qp_pop(uint64_t regs, sushi_query_req* q);
/* The two halves of fw_qp_pop: reads the head request into `q` (it stays queued), and pops it
 * (the port timestamps its start). */
void fw_qp_peek(uint64_t regs, sushi_query_req* q);
void fw_qp_take(uint64_t regs);
/* Posts the completion record of query `id`. */
void fw_qp_complete(uint64_t regs, uint64_t id, uint32_t subnet, uint32_t status, uint32_t reason);
/* Names the accelerator (boot info index) of the records posted next (CPL_PROCESSOR). */
void fw_qp_set_processor(uint64_t regs, uint32_t processor);
/* Task queues (several tasks): selects the queue the head-request functions and POP refer to;
 * the bit mask of queues holding a request; the queues whose requests raise the interrupt. */
void fw_qp_select(uint64_t regs, uint32_t queue);
uint32_t fw_qp_pending_queues(uint64_t regs);
void fw_qp_set_irq_queues(uint64_t regs, uint32_t mask);
/* Current time in ns. */
uint64_t fw_now_ns(uint64_t timer_regs);

#endif /* SUSHI_FW_QUERY_PORT_H */
