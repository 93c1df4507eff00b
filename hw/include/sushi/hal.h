/* The firmware's hardware abstraction layer: the only way firmware touches hardware.
 * Host-compiled mode (models/cpu/host_cpu): every call is a TLM transaction from the CPU model's
 * initiator socket, or a wait on its interrupt line. Cross-compiled mode (RISC-V): volatile
 * loads/stores and `wfi`. Freestanding C11: <stdint.h> only. */
#ifndef SUSHI_HAL_H
#define SUSHI_HAL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An accelerator the firmware serves queries on (sched.processors). */
#define SUSHI_BOOT_MAX_ACCELS 4u
typedef struct sushi_boot_accel {
  uint64_t regs;           /* SushiAccel register block */
  uint32_t irq_line;       /* its interrupt controller line (SUSHI_IRQ_ACCEL, then 3, 4, ...) */
  uint32_t clock_khz;      /* its clock, for latency predictions from cycle counts */
} sushi_boot_accel;

/* A task: one query stream on one SuperNet (docs/serving.md "Several tasks"). Its model image
 * for each accelerator of the boot info's accels[], in the task table in DRAM. */
#define SUSHI_BOOT_MAX_TASKS 4u
typedef struct sushi_boot_task {
  uint64_t image_addr[SUSHI_BOOT_MAX_ACCELS]; /* its image for accels[i]; 0: not served there (pinned elsewhere) */
  uint64_t image_size[SUSHI_BOOT_MAX_ACCELS]; /* bytes */
  /* accels[i]'s image is built like accels[alike[i]]'s (same weights and tables, its own
   * activation arena); alike[i] == i: its own tables. */
  uint32_t alike[SUSHI_BOOT_MAX_ACCELS];
} sushi_boot_task;

/* Where the platform put things, handed to the firmware at boot (the host CPU model fills it
 * from the SoC's address map; a RISC-V build reads it from its boot ROM). */
typedef struct sushi_boot_info {
  uint64_t accel_regs;     /* SushiAccel register block */
  uint64_t query_port;     /* query port register block */
  uint64_t timer;          /* timer / interrupt controller register block */
  uint64_t image_addr;     /* model image in DRAM */
  uint64_t image_size;     /* bytes */
  uint64_t scratch_addr;   /* firmware working memory (PB map, PB load lists), bytes below */
  uint64_t scratch_size;
  uint32_t policy;         /* sched policy id (enum sushi_policy in sushi/sched.h) */
  uint32_t accel_clock_khz;/* accelerator clock, for latency predictions from cycle counts */
  uint32_t window;         /* sgs/oracle: re-plan the PB every `window` queries (0 = never by count) */
  uint32_t objective;      /* enum sushi_objective in sushi/sched.h */
  uint64_t period_ns;      /* sgs: also re-plan when this much time passed since the last plan (0 = off) */
  uint64_t oracle_addr;    /* oracle only: the workload's future requests (sushi_oracle_entry[]), else 0 */
  uint64_t oracle_count;   /* entries at oracle_addr */
  uint32_t reload_guard;   /* sgs/oracle: load a new plan only when it pays for its reload (sched.cache.reload_guard) */
  uint32_t reserved0;
  /* The accelerators queries are served on, in sched.processors order (a query's processor
   * index). 0 entries: accel_regs alone, on line SUSHI_IRQ_ACCEL at accel_clock_khz. They share
   * the model image (one weight layout); each has its own slice of the scratch memory. */
  uint32_t accel_count;
  uint32_t reserved1;
  sushi_boot_accel accels[SUSHI_BOOT_MAX_ACCELS];
  /* Several tasks, or one on several accelerators: task_count sushi_boot_task entries at
   * task_table (a query's REQ_TASK indexes them), each with its images; image_addr is unused then.
   * 0 entries: one task, image_addr on every accelerator. */
  uint64_t task_table;
  uint32_t task_count;
  uint32_t reserved2;
} sushi_boot_info;

void hal_boot_info(sushi_boot_info* out);

uint32_t hal_read32(uint64_t addr);
void hal_write32(uint64_t addr, uint32_t value);
/* Block transfers (e.g. reading the model image, writing a PB map): one bus transaction per
 * call (host mode: the CPU model's; RV32: the core's block-transfer registers), so large reads
 * cost what the memory system says and both builds put the same transactions on the bus. */
void hal_read(uint64_t addr, void* dst, uint32_t bytes);
void hal_write(uint64_t addr, const void* src, uint32_t bytes);

/* Sleeps until the CPU's interrupt line is high (returns at once if it already is). */
void hal_wait_for_interrupt(void);

/* Firmware compute time in host mode: the cost model charges cycles per kind of work
 * (docs/cpu.md). No-op when the firmware runs on the instruction-set simulator. */
enum sushi_cost {
  SUSHI_COST_QUERY = 0,      /* per query handled: read request, bookkeeping, completion */
  SUSHI_COST_CANDIDATE = 1,  /* per catalog entry examined by the scheduler */
  SUSHI_COST_LAYER = 2,      /* per PB-map or descriptor entry prepared */
  SUSHI_COST_BOOT = 3,       /* once, image validation */
  SUSHI_COST_KINDS = 4
};
void hal_charge(enum sushi_cost kind, uint32_t count);

/* A fault the firmware cannot recover from (bad model image...): recorded with its code and a
 * message, then the firmware stops; the run ends with a clear error. */
void hal_fault(uint32_t code, const char* message);

/* Diagnostic text (host: collected in the run log). */
void hal_log(const char* message);

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_HAL_H */
