/* The firmware main loop (docs/architecture.md section 4): boot, then serve queries one at a time.
 *
 *   boot: read the boot info, validate the model image, check the accelerator and query port,
 *         set up the caching policy (static and oracle load their first SubGraph here);
 *   loop: sleep until a request waits; pop it; choose a SubNet (SushiSched) from the latency
 *         predicted with the PB's current contents; let the policy update the PB (lru, before the
 *         job); run the job with the PB map and sleep until the interrupt; post the completion
 *         record with the choice's reason; let the policy re-plan (sgs, oracle, after the query);
 *         stop when the workload is finished.
 *
 * The accelerator serves one job at a time and the firmware waits for it, so when a request is
 * popped the accelerator is idle: the queued work in front of it is zero. PB changes are PB load
 * jobs (sushi/pb_layout.h): their time delays the queries behind them. Scratch memory holds the
 * PB map (layer_count x 16 B) and then the PB load list. */
#include "fw_accel.h"
#include "fw_image.h"
#include "fw_irq.h"
#include "fw_main.h"
#include "fw_query_port.h"
#include "sched/cache_policy.h"
#include "sushi/fw_faults.h"
#include "sushi/hal.h"
#include "sched/pb_layout.h"
#include "sched/sched.h"
#include "sushi/timer_regs.h"

#define FW_LIST_CHUNK 128u /* PB load entries staged locally per bus write */

static fw_image g_image;
static sushi_sched_model g_model;
static sushi_cache g_cache;
static sushi_pb_layout g_pb;
static sushi_boot_info g_boot;
static uint64_t g_service_ns[FW_MAX_SUBNETS];
static uint32_t g_future[SUSHI_CACHE_MAX_WINDOW];
static sushi_pb_load_entry g_chunk[FW_LIST_CHUNK];
static sushi_pb_map_entry g_map[FW_MAX_LAYERS];
static uint32_t g_map_count;      /* PB map entries the jobs pass (0: nothing cached) */
static uint64_t g_list_addr;      /* PB load list in scratch */
static uint32_t g_list_capacity;  /* entries */
static uint64_t g_popped;         /* requests popped so far (the oracle's cursor) */

/* ns per accelerator cycle from the clock in kHz, as a rounded-up service-time prediction. */
static uint64_t cycles_to_ns(uint64_t cycles, uint32_t accel_khz) {
  return (cycles * 1000000u + accel_khz - 1u) / accel_khz;
}

/* Predicted service time of every SubNet with the PB's current contents. */
static void predict_all(void) {
  const sushi_img_region* cached = g_map_count ? g_pb.cached : 0;
  uint32_t i;
  for (i = 0; i < g_model.subnet_count; ++i) {
    g_service_ns[i] = cycles_to_ns(sushi_predict_subnet_cycles(&g_model, i, cached), g_boot.accel_clock_khz);
  }
  hal_charge(SUSHI_COST_LAYER, g_model.subnet_count * g_model.layer_count);
}

/* Issues the pending PB rows as PB load jobs (as many lists as the scratch holds). */
static void load_pending(void) {
  uint64_t cursor = 0;
  uint32_t in_list = 0, n;
  for (;;) {
    uint32_t room = g_list_capacity - in_list;
    n = sushi_pb_layout_emit(&g_pb, &g_model, g_image.header.weights_base, &cursor, g_chunk,
                             room < FW_LIST_CHUNK ? room : FW_LIST_CHUNK);
    if (n > 0) {
      hal_write(g_list_addr + (uint64_t)in_list * sizeof(sushi_pb_load_entry), g_chunk, n * (uint32_t)sizeof(sushi_pb_load_entry));
      hal_charge(SUSHI_COST_LAYER, n);
      in_list += n;
    }
    if ((n == 0 || in_list == g_list_capacity) && in_list > 0) {
      const fw_accel_result r = fw_accel_pb_load(g_boot.accel_regs, g_list_addr, in_list);
      if (r.err_code) {
        /* The PB's contents are unknown now: run without it until the next change. */
        hal_log("PB load failed: running with nothing cached");
        sushi_pb_layout_init(&g_pb, g_pb.capacity);
        g_map_count = 0;
        return;
      }
      in_list = 0;
    }
    if (n == 0) break;
  }
  sushi_pb_layout_loaded(&g_pb, &g_model);
}

/* Makes the policy's target the PB contents: PB loads of the changed rows, the new PB map. */
static void apply_target(void) {
  const uint64_t bytes = sushi_pb_layout_change(&g_pb, &g_model, g_cache.target);
  uint32_t i, any = 0;
  if (bytes == UINT64_MAX) return; /* larger than the PB: keep what is there (policies never ask) */
  g_map_count = g_model.layer_count;
  if (bytes > 0) load_pending();
  sushi_pb_layout_map(&g_pb, &g_model, g_map);
  for (i = 0; i < g_model.layer_count; ++i) any |= g_map[i].flags & SUSHI_PB_VALID;
  if (g_map_count != 0) {
    hal_write(g_boot.scratch_addr, g_map, g_model.layer_count * (uint32_t)sizeof(sushi_pb_map_entry));
    hal_charge(SUSHI_COST_LAYER, g_model.layer_count);
  }
  if (!any) g_map_count = 0;
  predict_all();
}

/* Oracle: the SubNets the next `window` requests would get with the PB as it is now. */
static uint32_t predict_future(void) {
  uint32_t n = 0;
  while (n < g_cache.window && g_popped + n < g_boot.oracle_count) {
    sushi_oracle_entry e;
    sushi_query_req q;
    sushi_choice choice;
    sushi_candidates cand;
    hal_read(g_boot.oracle_addr + (g_popped + n) * sizeof e, &e, sizeof e);
    q.id = e.id;
    q.arrival_ns = e.arrival_ns;
    q.deadline_ns = e.arrival_ns + e.slo_ns;
    q.min_accuracy_milli = e.min_accuracy_milli;
    cand.count = g_model.subnet_count;
    cand.accuracy_milli = g_image.accuracy_milli;
    cand.service_ns = g_service_ns;
    sushi_select_subnet(&cand, &q, e.arrival_ns, 0, &choice);
    hal_charge(SUSHI_COST_CANDIDATE, choice.examined);
    g_future[n++] = choice.subnet;
  }
  return n;
}

void sushi_firmware_main(void) {
  sushi_candidates cand;
  uint64_t pb_bytes, map_bytes;

  hal_boot_info(&g_boot);
  fw_image_load(&g_image, g_boot.image_addr, g_boot.image_size);
  fw_image_sched_model(&g_image, &g_model);
  fw_accel_init(g_boot.accel_regs);
  fw_qp_init(g_boot.query_port);
  /* The query port's and the accelerator's lines reach the CPU one at a time: the one the
   * firmware sleeps for (fw_irq.h). */
  fw_irq_init(g_boot.timer);

  /* Scratch: the PB map, then the PB load list (16-byte aligned entries). */
  map_bytes = ((uint64_t)g_model.layer_count * sizeof(sushi_pb_map_entry) + 15u) & ~(uint64_t)15u;
  g_list_addr = g_boot.scratch_addr + map_bytes;
  g_list_capacity = g_boot.scratch_size > map_bytes + sizeof(sushi_pb_load_entry)
                        ? (uint32_t)((g_boot.scratch_size - map_bytes) / sizeof(sushi_pb_load_entry))
                        : 0u;
  if (g_list_capacity > 65536u) g_list_capacity = 65536u; /* the accelerator's list limit */
  pb_bytes = g_boot.policy == SUSHI_POLICY_NONE ? 0u : fw_accel_pb_bytes(g_boot.accel_regs);
  if (g_boot.policy != SUSHI_POLICY_NONE && g_list_capacity == 0) {
    hal_fault(SUSHI_FAULT_SCRATCH, "scratch memory too small for the PB map and a PB load list");
  }
  sushi_pb_layout_init(&g_pb, pb_bytes);
  sushi_cache_init(&g_cache, &g_model, g_boot.policy, g_boot.window, g_boot.period_ns, pb_bytes);
  sushi_cache_set_guard(&g_cache, g_boot.reload_guard, g_pb.cached);
  g_map_count = 0;
  predict_all();
  if (sushi_cache_boot(&g_cache, &g_model)) {
    hal_charge(SUSHI_COST_LAYER, g_cache.last_steps);
    apply_target();
  }
  if (g_boot.policy == SUSHI_POLICY_ORACLE) {
    const uint32_t n = predict_future();
    if (sushi_cache_plan(&g_cache, &g_model, g_future, n, 0)) apply_target();
  }
  cand.count = g_model.subnet_count;
  cand.accuracy_milli = g_image.accuracy_milli;
  cand.service_ns = g_service_ns;

  for (;;) {
    sushi_query_req q;
    sushi_choice choice;
    fw_accel_result r;
    uint32_t n_future = 0;
    while (!fw_qp_pending(g_boot.query_port)) {
      if (fw_qp_finished(g_boot.query_port)) return;
      fw_irq_wait(SUSHI_IRQ_QUERY_PORT);
    }
    fw_qp_pop(g_boot.query_port, &q);
    ++g_popped;
    hal_charge(SUSHI_COST_QUERY, 1);
    if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY) q.deadline_ns = 0; /* fastest meeting the floor */
    sushi_select_subnet(&cand, &q, fw_now_ns(g_boot.timer), 0, &choice);
    if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY && choice.reason == SUSHI_CHOICE_MISS_DEADLINE) {
      choice.reason = SUSHI_CHOICE_MEETS_ALL; /* no deadline in this objective */
    }
    hal_charge(SUSHI_COST_CANDIDATE, choice.examined);
    if (sushi_cache_before_job(&g_cache, &g_model, choice.subnet, g_pb.cached)) {
      hal_charge(SUSHI_COST_LAYER, g_cache.last_steps);
      apply_target();
    }
    r = fw_accel_run_job(g_boot.accel_regs, g_image.desc_addr[choice.subnet], g_image.desc_count[choice.subnet],
                         g_map_count ? g_boot.scratch_addr : 0, g_map_count);
    fw_qp_complete(g_boot.query_port, q.id, choice.subnet, r.err_code ? FW_QUERY_ACCEL_ERROR : FW_QUERY_OK,
                   choice.reason);
    if (sushi_cache_oracle_due(&g_cache)) n_future = predict_future();
    if (sushi_cache_after_query(&g_cache, &g_model, choice.subnet, fw_now_ns(g_boot.timer), g_future, n_future)) {
      hal_charge(SUSHI_COST_LAYER, g_cache.last_steps);
      apply_target();
    }
  }
}
