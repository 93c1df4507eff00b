/* The firmware main loop (docs/architecture.md section 4): boot, then serve queries.
 *
 *   boot: read the boot info, validate the model image, check the accelerators and the query
 *         port, set up each accelerator's caching policy (static and oracle load their first
 *         SubGraph here);
 *   loop: while a request waits and an accelerator is idle: choose the accelerator and the
 *         SubNet (SushiSched) from the latency predicted with each accelerator's PB contents,
 *         a busy one's running job queued in front; if the choice is an idle one, pop the
 *         request, let that accelerator's policy update its PB (lru, before the job) and start
 *         the job; else leave it queued until a job ends. When a job ends: post the completion
 *         record with the choice's reason; let the accelerator's policy re-plan (sgs, oracle,
 *         after the query). Otherwise sleep until the query port (while an accelerator is idle
 *         and no request waits for a busy one) or a busy accelerator raises its line; stop when
 *         the workload is finished and no job runs.
 *
 * The firmware keeps no queue of its own: a query is popped only when it starts, on an idle
 * accelerator, so the port's request FIFO is the one queue (in order: a request waiting for a
 * busy accelerator holds the ones behind it) and POP is the start of service. With one
 * accelerator this is the loop of one query at a time. PB changes are PB load jobs
 * (sched/pb_layout.h) on the accelerator concerned; the firmware sleeps through each, so a job
 * ending elsewhere meanwhile is taken after it. Scratch memory is split evenly between the
 * accelerators: each slice holds that accelerator's PB map (layer_count x 16 B), then its PB load
 * list. */
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

/* One accelerator queries are served on, with its own PB state and caching policy. */
typedef struct fw_proc {
  sushi_boot_accel hw;
  sushi_cache cache;
  sushi_pb_layout pb;
  uint64_t service_ns[FW_MAX_SUBNETS]; /* predicted, with its PB's current contents */
  sushi_pb_map_entry map[FW_MAX_LAYERS];
  uint32_t map_count;     /* PB map entries its jobs pass (0: nothing cached) */
  uint64_t map_addr;      /* its PB map in scratch */
  uint64_t list_addr;     /* its PB load list in scratch */
  uint32_t list_capacity; /* entries */
  int busy;               /* a job runs */
  sushi_query_req q;      /* ... for this query */
  sushi_choice choice;
} fw_proc;

static fw_image g_image;
static sushi_sched_model g_model;
static sushi_boot_info g_boot;
static fw_proc g_proc[SUSHI_BOOT_MAX_ACCELS];
static uint32_t g_proc_count;
static uint32_t g_future[SUSHI_CACHE_MAX_WINDOW];
static sushi_pb_load_entry g_chunk[FW_LIST_CHUNK];
static uint64_t g_popped; /* requests popped so far (the oracle's cursor) */

/* ns per accelerator cycle from the clock in kHz, as a rounded-up service-time prediction. */
static uint64_t cycles_to_ns(uint64_t cycles, uint32_t accel_khz) {
  return (cycles * 1000000u + accel_khz - 1u) / accel_khz;
}

/* Predicted service time of every SubNet on `p` with its PB's current contents. */
static void predict_all(fw_proc* p) {
  const sushi_img_region* cached = p->map_count ? p->pb.cached : 0;
  uint32_t i;
  for (i = 0; i < g_model.subnet_count; ++i) {
    p->service_ns[i] = cycles_to_ns(sushi_predict_subnet_cycles(&g_model, i, cached), p->hw.clock_khz);
  }
  hal_charge(SUSHI_COST_LAYER, g_model.subnet_count * g_model.layer_count);
}

/* Issues p's pending PB rows as PB load jobs (as many lists as its scratch slice holds). */
static void load_pending(fw_proc* p) {
  uint64_t cursor = 0;
  uint32_t in_list = 0, n;
  for (;;) {
    uint32_t room = p->list_capacity - in_list;
    n = sushi_pb_layout_emit(&p->pb, &g_model, g_image.header.weights_base, &cursor, g_chunk,
                             room < FW_LIST_CHUNK ? room : FW_LIST_CHUNK);
    if (n > 0) {
      hal_write(p->list_addr + (uint64_t)in_list * sizeof(sushi_pb_load_entry), g_chunk, n * (uint32_t)sizeof(sushi_pb_load_entry));
      hal_charge(SUSHI_COST_LAYER, n);
      in_list += n;
    }
    if ((n == 0 || in_list == p->list_capacity) && in_list > 0) {
      const fw_accel_result r = fw_accel_pb_load_on(p->hw.regs, p->hw.irq_line, p->list_addr, in_list);
      if (r.err_code) {
        /* The PB's contents are unknown now: run without it until the next change. */
        hal_log("PB load failed: running with nothing cached");
        sushi_pb_layout_init(&p->pb, p->pb.capacity);
        p->map_count = 0;
        return;
      }
      in_list = 0;
    }
    if (n == 0) break;
  }
  sushi_pb_layout_loaded(&p->pb, &g_model);
}

/* Makes the policy's target p's PB contents: PB loads of the changed rows, the new PB map. */
static void apply_target(fw_proc* p) {
  const uint64_t bytes = sushi_pb_layout_change(&p->pb, &g_model, p->cache.target);
  uint32_t i, any = 0;
  if (bytes == UINT64_MAX) return; /* larger than the PB: keep what is there (policies never ask) */
  p->map_count = g_model.layer_count;
  if (bytes > 0) load_pending(p);
  sushi_pb_layout_map(&p->pb, &g_model, p->map);
  for (i = 0; i < g_model.layer_count; ++i) any |= p->map[i].flags & SUSHI_PB_VALID;
  if (p->map_count != 0) {
    hal_write(p->map_addr, p->map, g_model.layer_count * (uint32_t)sizeof(sushi_pb_map_entry));
    hal_charge(SUSHI_COST_LAYER, g_model.layer_count);
  }
  if (!any) p->map_count = 0;
  predict_all(p);
}

/* The SubNet candidates on `p`. */
static sushi_candidates candidates(const fw_proc* p) {
  sushi_candidates c;
  c.count = g_model.subnet_count;
  c.accuracy_milli = g_image.accuracy_milli;
  c.service_ns = p->service_ns;
  return c;
}

/* Oracle: the SubNets the next `window` requests would get on `p` with its PB as it is now. */
static uint32_t predict_future(const fw_proc* p) {
  const sushi_candidates cand = candidates(p);
  uint32_t n = 0;
  while (n < p->cache.window && g_popped + n < g_boot.oracle_count) {
    sushi_oracle_entry e;
    sushi_query_req q;
    sushi_choice choice;
    hal_read(g_boot.oracle_addr + (g_popped + n) * sizeof e, &e, sizeof e);
    q.id = e.id;
    q.arrival_ns = e.arrival_ns;
    q.deadline_ns = e.arrival_ns + e.slo_ns;
    q.min_accuracy_milli = e.min_accuracy_milli;
    sushi_select_subnet(&cand, &q, e.arrival_ns, 0, &choice);
    hal_charge(SUSHI_COST_CANDIDATE, choice.examined);
    g_future[n++] = choice.subnet;
  }
  return n;
}

/* The accelerators from the boot info (none listed: accel_regs alone), each with its slice of the
 * scratch memory, its PB and its caching policy; static and oracle load their first SubGraph. */
static void boot_accelerators(void) {
  const uint64_t slice = g_boot.accel_count > 1u ? (g_boot.scratch_size / g_boot.accel_count) & ~(uint64_t)15u
                                                 : g_boot.scratch_size;
  /* Scratch slice: the PB map, then the PB load list (16-byte aligned entries). */
  const uint64_t map_bytes = ((uint64_t)g_model.layer_count * sizeof(sushi_pb_map_entry) + 15u) & ~(uint64_t)15u;
  uint32_t i;
  g_proc_count = g_boot.accel_count ? g_boot.accel_count : 1u;
  if (g_proc_count > SUSHI_BOOT_MAX_ACCELS) g_proc_count = SUSHI_BOOT_MAX_ACCELS;
  for (i = 0; i < g_proc_count; ++i) {
    fw_proc* p = &g_proc[i];
    if (g_boot.accel_count) {
      p->hw = g_boot.accels[i];
    } else {
      p->hw.regs = g_boot.accel_regs;
      p->hw.irq_line = SUSHI_IRQ_ACCEL;
      p->hw.clock_khz = g_boot.accel_clock_khz;
    }
    fw_accel_init(p->hw.regs);
  }
  fw_qp_init(g_boot.query_port);
  /* The query port's and the accelerators' lines reach the CPU only while the firmware sleeps
   * for them (fw_irq.h). */
  fw_irq_init(g_boot.timer);
  for (i = 0; i < g_proc_count; ++i) {
    fw_proc* p = &g_proc[i];
    uint64_t pb_bytes;
    p->map_addr = g_boot.scratch_addr + (uint64_t)i * slice;
    p->list_addr = p->map_addr + map_bytes;
    p->list_capacity = slice > map_bytes + sizeof(sushi_pb_load_entry)
                           ? (uint32_t)((slice - map_bytes) / sizeof(sushi_pb_load_entry))
                           : 0u;
    if (p->list_capacity > 65536u) p->list_capacity = 65536u; /* the accelerator's list limit */
    pb_bytes = g_boot.policy == SUSHI_POLICY_NONE ? 0u : fw_accel_pb_bytes(p->hw.regs);
    if (g_boot.policy != SUSHI_POLICY_NONE && p->list_capacity == 0) {
      hal_fault(SUSHI_FAULT_SCRATCH, "scratch memory too small for the PB maps and PB load lists");
    }
    sushi_pb_layout_init(&p->pb, pb_bytes);
    sushi_cache_init(&p->cache, &g_model, g_boot.policy, g_boot.window, g_boot.period_ns, pb_bytes);
    sushi_cache_set_guard(&p->cache, g_boot.reload_guard, p->pb.cached);
    p->map_count = 0;
    p->busy = 0;
    predict_all(p);
    if (sushi_cache_boot(&p->cache, &g_model)) {
      hal_charge(SUSHI_COST_LAYER, p->cache.last_steps);
      apply_target(p);
    }
    if (g_boot.policy == SUSHI_POLICY_ORACLE) {
      const uint32_t n = predict_future(p);
      if (sushi_cache_plan(&p->cache, &g_model, g_future, n, 0)) apply_target(p);
    }
  }
}

/* Whether choice `a` (its SubNet's accuracy acc_a) beats `b`: meeting more of the query's
 * constraints first; then, both meeting all, the more accurate SubNet; then the earlier predicted
 * end. Ties keep `b` (the lower accelerator index). */
static int better(const sushi_choice* a, uint32_t acc_a, const sushi_choice* b, uint32_t acc_b) {
  if (a->reason != b->reason) return a->reason < b->reason;
  if (a->reason == SUSHI_CHOICE_MEETS_ALL && acc_a != acc_b) return acc_a > acc_b;
  return a->predicted_end_ns < b->predicted_end_ns;
}

/* The accelerator and the SubNet for query `q` at `now`, over the idle accelerators and, with
 * with_busy, the busy ones too, each with its running job's predicted remaining time queued in
 * front of the query. The idle ones are looked at first, so they win ties (a busy one whose job
 * overran its prediction looks free now, but is not). */
static fw_proc* choose(const sushi_query_req* q, uint64_t now, int with_busy, sushi_choice* out) {
  fw_proc* best = 0;
  uint32_t k, examined = 0;
  for (k = 0; k < 2u * g_proc_count; ++k) {
    fw_proc* p = &g_proc[k % g_proc_count];
    const int busy_pass = k >= g_proc_count;
    sushi_candidates cand;
    sushi_choice c;
    uint64_t queued = 0;
    if (p->busy != busy_pass || (busy_pass && !with_busy)) continue;
    cand = candidates(p);
    if (p->busy) queued = p->choice.predicted_end_ns > now ? p->choice.predicted_end_ns - now : 0u;
    sushi_select_subnet(&cand, q, now, queued, &c);
    examined += c.examined;
    if (best == 0 || better(&c, g_image.accuracy_milli[c.subnet], out, g_image.accuracy_milli[out->subnet])) {
      best = p;
      *out = c;
    }
  }
  if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY && out->reason == SUSHI_CHOICE_MISS_DEADLINE) {
    out->reason = SUSHI_CHOICE_MEETS_ALL; /* no deadline in this objective */
  }
  hal_charge(SUSHI_COST_CANDIDATE, examined);
  return best;
}

/* Starts query `q` (popped) on idle accelerator `p` with `choice`: its policy first (lru). */
static void start_on(fw_proc* p, const sushi_query_req* q, const sushi_choice* choice) {
  if (sushi_cache_before_job(&p->cache, &g_model, choice->subnet, p->pb.cached)) {
    hal_charge(SUSHI_COST_LAYER, p->cache.last_steps);
    apply_target(p);
  }
  p->q = *q;
  p->choice = *choice;
  p->busy = 1;
  fw_accel_start_job(p->hw.regs, g_image.desc_addr[choice->subnet], g_image.desc_count[choice->subnet],
                     p->map_count ? p->map_addr : 0, p->map_count);
}

/* Every accelerator idle: pops the head request and starts it on the best one. */
static void start_next(void) {
  sushi_query_req q;
  sushi_choice choice;
  fw_proc* best;
  fw_qp_pop(g_boot.query_port, &q);
  ++g_popped;
  hal_charge(SUSHI_COST_QUERY, 1);
  if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY) q.deadline_ns = 0; /* fastest meeting the floor */
  best = choose(&q, fw_now_ns(g_boot.timer), 0, &choice);
  start_on(best, &q, &choice);
}

/* Some accelerators busy, some idle: the head request starts on an idle one unless a busy one,
 * after its running job, is predicted to serve it better; then it stays queued (returns 0) and is
 * looked at again when a job ends. */
static int start_head(void) {
  sushi_query_req q;
  sushi_choice choice;
  fw_proc* best;
  fw_qp_peek(g_boot.query_port, &q);
  if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY) q.deadline_ns = 0;
  best = choose(&q, fw_now_ns(g_boot.timer), 1, &choice);
  if (best->busy) return 0;
  fw_qp_take(g_boot.query_port);
  ++g_popped;
  hal_charge(SUSHI_COST_QUERY, 1);
  start_on(best, &q, &choice);
  return 1;
}

/* Posts the completion of every job that has ended; returns how many. */
static uint32_t finish_ended(void) {
  uint32_t i, ended = 0;
  for (i = 0; i < g_proc_count; ++i) {
    fw_proc* p = &g_proc[i];
    fw_accel_result r;
    uint32_t n_future = 0;
    if (!p->busy || !fw_accel_job_done(p->hw.regs, &r)) continue;
    p->busy = 0;
    ++ended;
    if (g_proc_count > 1) fw_qp_set_processor(g_boot.query_port, i);
    fw_qp_complete(g_boot.query_port, p->q.id, p->choice.subnet, r.err_code ? FW_QUERY_ACCEL_ERROR : FW_QUERY_OK,
                   p->choice.reason);
    if (sushi_cache_oracle_due(&p->cache)) n_future = predict_future(p);
    if (sushi_cache_after_query(&p->cache, &g_model, p->choice.subnet, fw_now_ns(g_boot.timer), g_future, n_future)) {
      hal_charge(SUSHI_COST_LAYER, p->cache.last_steps);
      apply_target(p);
    }
  }
  return ended;
}

void sushi_firmware_main(void) {
  hal_boot_info(&g_boot);
  fw_image_load(&g_image, g_boot.image_addr, g_boot.image_size);
  fw_image_sched_model(&g_image, &g_model);
  boot_accelerators();

  for (;;) {
    uint32_t i, busy = 0, idle = 0, lines = 0;
    for (i = 0; i < g_proc_count; ++i) {
      busy += g_proc[i].busy ? 1u : 0u;
      if (g_proc[i].busy) lines |= 1u << g_proc[i].hw.irq_line;
    }
    idle = g_proc_count - busy;
    if (idle) {
      if (fw_qp_pending(g_boot.query_port)) {
        if (busy == 0) {
          start_next();
          continue;
        }
        if (start_head()) continue;
        /* The head waits for a busy accelerator: sleep for the jobs' ends only. */
      } else {
        if (busy == 0 && fw_qp_finished(g_boot.query_port)) return;
        lines |= 1u << SUSHI_IRQ_QUERY_PORT;
      }
    }
    if (busy && finish_ended()) continue;
    fw_irq_wait_any(lines);
  }
}
