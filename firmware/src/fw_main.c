/* The firmware main loop (ARCHITECTURE.md section 6): boot, then serve queries one at a time.
 *
 *   boot: read the boot info, validate the model image, check the accelerator and query port;
 *   loop: sleep until a request waits; pop it; choose a SubNet (SushiSched); run its job on the
 *         accelerator and sleep until the interrupt; post the completion record (with the
 *         accelerator error, if any, and carry on); stop when the workload is finished.
 *
 * The accelerator serves one job at a time and the firmware waits for it, so when a request is
 * popped the accelerator is idle: the queued work in front of it is zero. */
#include "fw_accel.h"
#include "fw_image.h"
#include "fw_main.h"
#include "fw_query_port.h"
#include "sushi/hal.h"
#include "sushi/sched.h"
#include "sushi/timer_regs.h"

static fw_image g_image;
static uint64_t g_service_ns[FW_MAX_SUBNETS];

/* ns per accelerator cycle from the clock in kHz, as a rounded-up service-time prediction. */
static uint64_t cycles_to_ns(uint64_t cycles, uint32_t accel_khz) {
  return (cycles * 1000000u + accel_khz - 1u) / accel_khz;
}

void sushi_firmware_main(void) {
  sushi_boot_info boot;
  sushi_candidates cand;
  uint32_t i;

  hal_boot_info(&boot);
  fw_image_load(&g_image, boot.image_addr, boot.image_size);
  fw_accel_init(boot.accel_regs);
  fw_qp_init(boot.query_port);
  /* Route the query port's and the accelerator's lines to the CPU (both reset disabled). */
  hal_write32(boot.timer + SUSHI_INTC_REG_ENABLE, (1u << SUSHI_IRQ_QUERY_PORT) | (1u << SUSHI_IRQ_ACCEL));

  /* Predicted service time of every SubNet with nothing cached (policy none). */
  for (i = 0; i < g_image.subnet_count; ++i) {
    const uint64_t cycles = sushi_predict_cycles(g_image.compute_cycles[i], g_image.cycles_per_kib_q8[i],
                                                 g_image.weight_bytes[i]);
    g_service_ns[i] = cycles_to_ns(cycles, boot.accel_clock_khz);
  }
  cand.count = g_image.subnet_count;
  cand.accuracy_milli = g_image.accuracy_milli;
  cand.service_ns = g_service_ns;

  for (;;) {
    sushi_query_req q;
    sushi_choice choice;
    fw_accel_result r;
    while (!fw_qp_pending(boot.query_port)) {
      if (fw_qp_finished(boot.query_port)) return;
      hal_wait_for_interrupt();
    }
    fw_qp_pop(boot.query_port, &q);
    hal_charge(SUSHI_COST_QUERY, 1);
    sushi_select_subnet(&cand, &q, fw_now_ns(boot.timer), 0, &choice);
    hal_charge(SUSHI_COST_CANDIDATE, choice.examined);
    r = fw_accel_run_job(boot.accel_regs, g_image.desc_addr[choice.subnet], g_image.desc_count[choice.subnet],
                         0, 0);
    fw_qp_complete(boot.query_port, q.id, choice.subnet, r.err_code ? FW_QUERY_ACCEL_ERROR : FW_QUERY_OK);
  }
}
