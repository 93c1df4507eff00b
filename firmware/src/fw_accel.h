/* SushiAccel driver: program a job or a PB load through the registers, wait for its interrupt
 * (or start a job and check for its end, to drive several accelerators). */
#ifndef SUSHI_FW_ACCEL_H
#define SUSHI_FW_ACCEL_H

#include <stdint.h>

typedef struct fw_accel_result {
  uint32_t status;     /* STATUS register after completion */
  uint32_t err_code;   /* ERR_CODE (0 = none) */
  uint32_t err_info;   /* ERR_INFO */
} fw_accel_result;

/* Checks ID/VERSION; faults if the block is not a SushiAccel. Enables its interrupts. */
void fw_accel_init(uint64_t regs);
/* Starts a job (descriptor list + PB map) and returns at once. */
void fw_accel_start_job(uint64_t regs, uint64_t desc_addr, uint32_t desc_count, uint64_t pb_map_addr,
                        uint32_t pb_map_count);
/* Non-zero if the started job has ended (done or error): fills `out` and acknowledges it. One
 * read of IRQ_STATUS when it has not. */
int fw_accel_job_done(uint64_t regs, fw_accel_result* out);
/* Runs a job and sleeps until it finishes (interrupt line SUSHI_IRQ_ACCEL). */
fw_accel_result fw_accel_run_job(uint64_t regs, uint64_t desc_addr, uint32_t desc_count,
                                 uint64_t pb_map_addr, uint32_t pb_map_count);
/* The same for an accelerator on controller line `line`. */
fw_accel_result fw_accel_run_job_on(uint64_t regs, uint32_t line, uint64_t desc_addr, uint32_t desc_count,
                                    uint64_t pb_map_addr, uint32_t pb_map_count);
/* Copies a PB load list into the Persistent Buffer and sleeps until it finishes (its interrupt on
 * controller line `line`; fw_accel_pb_load: SUSHI_IRQ_ACCEL). */
fw_accel_result fw_accel_pb_load_on(uint64_t regs, uint32_t line, uint64_t list_addr, uint32_t count);
fw_accel_result fw_accel_pb_load(uint64_t regs, uint64_t list_addr, uint32_t count);
/* The accelerator's PB capacity in bytes (CAPS0). */
uint64_t fw_accel_pb_bytes(uint64_t regs);

#endif /* SUSHI_FW_ACCEL_H */
