/* Query port hardware interface: the mailbox between the workload and the firmware.
 *
 * The workload pushes each query into a bounded request FIFO at its arrival time; a query that
 * finds the FIFO full is dropped and counted (DROPPED), never lost silently. The port raises its
 * interrupt line while the FIFO is non-empty and IRQ_ENABLE.REQUEST is set. The firmware reads
 * the head request (REQ_*), pops it (POP: the port timestamps the query's start), and later
 * posts a completion record (CPL_*, then CPL_COMMIT: the port timestamps its end).
 * Full description: docs/query-port.md.
 *
 * 32-bit registers, byte offsets from the port base, little-endian; 64-bit values are LO/HI
 * pairs. Times are in ns since simulation start (the port keeps exact ps internally).
 * Freestanding C11 / C++17: <stdint.h> only. */
#ifndef SUSHI_QUERY_PORT_REGS_H
#define SUSHI_QUERY_PORT_REGS_H

#include <stdint.h>

/* ---- Identification and control ---- */
#define SUSHI_QP_REG_ID            0x000u /* RO: SUSHI_QP_ID_VALUE */
#define SUSHI_QP_REG_VERSION       0x004u /* RO: SUSHI_QP_IF_VERSION */
#define SUSHI_QP_REG_STATUS        0x008u /* RO: SUSHI_QP_STATUS_* bits */
#define SUSHI_QP_REG_IRQ_ENABLE    0x00Cu /* RW: SUSHI_QP_IRQ_REQUEST (reset 0: disabled) */
#define SUSHI_QP_REG_COUNT         0x010u /* RO: requests waiting in the FIFO */
#define SUSHI_QP_REG_DEPTH         0x014u /* RO: FIFO capacity */
#define SUSHI_QP_REG_DROPPED       0x018u /* RO: queries dropped on a full FIFO (saturates) */
#define SUSHI_QP_REG_ARRIVED       0x01Cu /* RO: queries arrived so far, dropped included */
#define SUSHI_QP_REG_TOTAL         0x020u /* RO: queries in the whole workload */
#define SUSHI_QP_REG_COMPLETED     0x024u /* RO: completion records committed */
#define SUSHI_QP_REG_ERR_CODE      0x028u /* RO: enum sushi_qp_err of the last refused command */

/* ---- Head request (valid while STATUS.NOT_EMPTY; read as 0 when the FIFO is empty) ---- */
#define SUSHI_QP_REG_REQ_ID_LO      0x040u /* RO */
#define SUSHI_QP_REG_REQ_ID_HI      0x044u /* RO */
#define SUSHI_QP_REG_REQ_ARRIVAL_LO 0x048u /* RO: arrival time, ns (floor of the exact ps) */
#define SUSHI_QP_REG_REQ_ARRIVAL_HI 0x04Cu /* RO */
#define SUSHI_QP_REG_REQ_SLO_LO     0x050u /* RO: latency SLO, ns (deadline = arrival + SLO) */
#define SUSHI_QP_REG_REQ_SLO_HI     0x054u /* RO */
#define SUSHI_QP_REG_REQ_MIN_ACC    0x058u /* RO: top-1 accuracy floor, milli-percent; 0 = none */
#define SUSHI_QP_REG_POP            0x05Cu /* WO: write 1 to pop the head (timestamps start);
                                              refused (TLM command error) when empty */

/* ---- Task queues (1.2): one request FIFO per task (a task: an index in the boot info's task
 * table). The head-request registers, POP, COUNT and STATUS.FULL refer to the selected queue;
 * STATUS.NOT_EMPTY and the interrupt to all of them. One task: queue 0, nothing to select. ---- */
#define SUSHI_QP_REG_QUEUE_SELECT   0x060u /* RW: the queue REQ_*, POP, COUNT and FULL refer to
                                              (reset 0); refused (TLM command error) >= QUEUES */
#define SUSHI_QP_REG_QUEUES_PENDING 0x064u /* RO: bit t set while queue t holds a request */
#define SUSHI_QP_REG_QUEUE_IRQ_MASK 0x068u /* RW: bit t lets a non-empty queue t raise the line
                                              (reset 0xFFFFFFFF: all) */
#define SUSHI_QP_REG_QUEUES         0x06Cu /* RO: number of queues (tasks), 1 .. 32 */

/* ---- Completion record (write the fields, then CPL_COMMIT) ---- */
#define SUSHI_QP_REG_CPL_ID_LO      0x080u /* RW */
#define SUSHI_QP_REG_CPL_ID_HI      0x084u /* RW */
#define SUSHI_QP_REG_CPL_SUBNET     0x088u /* RW: SubNet index that served the query */
#define SUSHI_QP_REG_CPL_STATUS     0x08Cu /* RW: SUSHI_QP_CPL_* */
#define SUSHI_QP_REG_CPL_REASON     0x094u /* RW: why this SubNet (enum sushi_choice_reason in sushi/sched.h) */
#define SUSHI_QP_REG_CPL_PROCESSOR  0x098u /* RW: index of the accelerator that served it, in the
                                              boot info's accels[] (0 with one; reset 0) */
#define SUSHI_QP_REG_CPL_COMMIT     0x090u /* WO: write 1 to commit (timestamps end); refused
                                              (TLM command error) for an id that is not popped
                                              or already completed */

#define SUSHI_QP_REG_BLOCK_SIZE     0x100u /* bytes of register space */

#define SUSHI_QP_ID_VALUE   0x51505254u /* "QPRT" */
#define SUSHI_QP_IF_VERSION 0x00010002u /* major 1, minor 2 (CPL_PROCESSOR 1.1, task queues 1.2) */

/* STATUS bits */
#define SUSHI_QP_STATUS_NOT_EMPTY (1u << 0) /* at least one request waits */
#define SUSHI_QP_STATUS_FULL      (1u << 1) /* the next arrival would be dropped */
#define SUSHI_QP_STATUS_DRAINED   (1u << 2) /* every query of the workload has arrived */
#define SUSHI_QP_STATUS_FINISHED  (1u << 3) /* DRAINED and the FIFO is empty: nothing more to do */

/* IRQ_ENABLE bits */
#define SUSHI_QP_IRQ_REQUEST (1u << 0) /* interrupt line high while a queue in QUEUE_IRQ_MASK is non-empty */

/* Completion status values (CPL_STATUS); any other value is recorded as given. */
#define SUSHI_QP_CPL_OK          0u /* served */
#define SUSHI_QP_CPL_ACCEL_ERROR 1u /* the accelerator reported an error */
#define SUSHI_QP_CPL_REJECTED    2u /* the firmware chose not to serve it (e.g. infeasible) */

/* ERR_CODE values */
enum sushi_qp_err {
  SUSHI_QP_ERR_NONE = 0,
  SUSHI_QP_ERR_POP_EMPTY = 1,        /* POP with an empty FIFO */
  SUSHI_QP_ERR_UNKNOWN_ID = 2,       /* CPL_COMMIT for an id not in the workload */
  SUSHI_QP_ERR_NOT_STARTED = 3,      /* CPL_COMMIT for a query still queued, dropped or future */
  SUSHI_QP_ERR_DOUBLE_COMMIT = 4,    /* CPL_COMMIT for a query already completed */
  SUSHI_QP_ERR_BAD_COMMAND = 5,      /* POP or CPL_COMMIT written with a value other than 1 */
  SUSHI_QP_ERR_BAD_QUEUE = 6         /* QUEUE_SELECT written with a queue that does not exist */
};

#endif /* SUSHI_QUERY_PORT_REGS_H */
