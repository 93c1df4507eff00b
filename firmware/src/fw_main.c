/* The firmware main loop (docs/architecture.md section 4): boot, then serve queries.
 *
 *   boot: read the boot info, validate the model images (one, or every task's on every
 *         accelerator it may use, from the task table), check the accelerators and the query
 *         port, set up each task's PB share and caching policy on each accelerator (static and
 *         oracle load their first SubGraph here);
 *   loop: while a request waits and an accelerator is idle: choose the accelerator and the
 *         SubNet (SushiSched) from the latency predicted with each accelerator's PB contents (the
 *         task's share), a busy one's running job queued in front; if the choice is an idle one,
 *         pop the request, let that accelerator's policy for the task update its share (lru,
 *         before the job) and start the job; else leave it queued until a job ends. When a job
 *         ends: post the completion record with the choice's reason and the accelerator; let the
 *         policy re-plan (sgs, oracle, after the query). Otherwise sleep until the query port
 *         (while an accelerator is idle, for the queues whose head does not wait for a busy one)
 *         or a busy accelerator raises its line; stop when the workload is finished and no job
 *         runs.
 *
 * The firmware keeps no queue of its own: a query is popped only when it starts, on an idle
 * accelerator, so the port's request FIFOs (one per task) are the queues (each in order: a request
 * waiting for a busy accelerator holds its task's requests behind it, not other tasks') and POP is
 * the start of service. With one task on one accelerator this is the loop of one query at a time.
 * PB changes are PB load jobs (sched/pb_layout.h) on the accelerator concerned; the firmware
 * sleeps through each, so a job ending elsewhere meanwhile is taken after it. Scratch memory is
 * split evenly between the slots (task on accelerator): each slice holds the slot's PB map
 * (layer_count x 16 B), then its PB load list. docs/sched.md, "Several accelerators". */
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

/* A task on one accelerator it is served on: its image there, its share of the PB with its own
 * caching policy, its slice of the scratch memory. */
typedef struct fw_slot {
  int used;               /* the task is served on this accelerator */
  fw_image img;
  sushi_sched_model model;
  sushi_cache cache;
  sushi_pb_layout pb;
  uint64_t service_ns[FW_MAX_SUBNETS]; /* predicted, with its PB share's current contents */
  uint32_t map_count;     /* PB map entries its jobs pass (0: nothing cached) */
  uint64_t map_addr;      /* its PB map in scratch */
  uint64_t list_addr;     /* its PB load list in scratch */
  uint32_t list_capacity; /* entries */
} fw_slot;

/* One accelerator queries are served on. */
typedef struct fw_proc {
  sushi_boot_accel hw;
  fw_slot slot[SUSHI_BOOT_MAX_TASKS]; /* by task */
  int busy;               /* a job runs */
  sushi_query_req q;      /* ... for this query */
  uint32_t task;          /* ... of this task */
  sushi_choice choice;
} fw_proc;

static fw_image_pool g_pool FW_NOINIT;
static sushi_boot_info g_boot;
static fw_proc g_proc[SUSHI_BOOT_MAX_ACCELS];
static uint32_t g_proc_count;
static uint32_t g_task_count; /* 1 without a task table */
static uint32_t g_future[SUSHI_CACHE_MAX_WINDOW];
static sushi_pb_load_entry g_chunk[FW_LIST_CHUNK];
static sushi_pb_map_entry g_map[FW_MAX_LAYERS];
static uint64_t g_popped; /* requests popped so far (the oracle's cursor) */
static uint32_t g_irq_blocked; /* task queues kept from raising the interrupt (their head waits) */

/* ns per accelerator cycle from the clock in kHz, as a rounded-up service-time prediction. */
static uint64_t cycles_to_ns(uint64_t cycles, uint32_t accel_khz) {
  return (cycles * 1000000u + accel_khz - 1u) / accel_khz;
}

/* Predicted service time of every SubNet of slot `s` on `p` with its PB share's current contents. */
static void predict_all(const fw_proc* p, fw_slot* s) {
  const sushi_img_region* cached = s->map_count ? s->pb.cached : 0;
  uint32_t i;
  for (i = 0; i < s->model.subnet_count; ++i) {
    s->service_ns[i] = cycles_to_ns(sushi_predict_subnet_cycles(&s->model, i, cached), p->hw.clock_khz);
  }
  hal_charge(SUSHI_COST_LAYER, s->model.subnet_count * s->model.layer_count);
}

/* Issues s's pending PB rows as PB load jobs on p (as many lists as its scratch slice holds). */
static void load_pending(const fw_proc* p, fw_slot* s) {
  uint64_t cursor = 0;
  uint32_t in_list = 0, n;
  for (;;) {
    uint32_t room = s->list_capacity - in_list;
    n = sushi_pb_layout_emit(&s->pb, &s->model, s->img.header.weights_base, &cursor, g_chunk,
                             room < FW_LIST_CHUNK ? room : FW_LIST_CHUNK);
    if (n > 0) {
      hal_write(s->list_addr + (uint64_t)in_list * sizeof(sushi_pb_load_entry), g_chunk, n * (uint32_t)sizeof(sushi_pb_load_entry));
      hal_charge(SUSHI_COST_LAYER, n);
      in_list += n;
    }
    if ((n == 0 || in_list == s->list_capacity) && in_list > 0) {
      const fw_accel_result r = fw_accel_pb_load_on(p->hw.regs, p->hw.irq_line, s->list_addr, in_list);
      if (r.err_code) {
        /* The PB's contents are unknown now: run without it until the next change. */
        hal_log("PB load failed: running with nothing cached");
        sushi_pb_layout_init_at(&s->pb, s->pb.base, s->pb.capacity);
        s->map_count = 0;
        return;
      }
      in_list = 0;
    }
    if (n == 0) break;
  }
  sushi_pb_layout_loaded(&s->pb, &s->model);
}

/* Makes the policy's target s's PB contents: PB loads of the changed rows, the new PB map. */
static void apply_target(const fw_proc* p, fw_slot* s) {
  const uint32_t layers = s->model.layer_count;
  const uint64_t bytes = sushi_pb_layout_change(&s->pb, &s->model, s->cache.target);
  uint32_t i, any = 0;
  if (bytes == UINT64_MAX) return; /* larger than the PB: keep what is there (policies never ask) */
  s->map_count = layers;
  if (bytes > 0) load_pending(p, s);
  sushi_pb_layout_map(&s->pb, &s->model, g_map);
  for (i = 0; i < layers; ++i) any |= g_map[i].flags & SUSHI_PB_VALID;
  if (s->map_count != 0) {
    hal_write(s->map_addr, g_map, layers * (uint32_t)sizeof(sushi_pb_map_entry));
    hal_charge(SUSHI_COST_LAYER, layers);
  }
  if (!any) s->map_count = 0;
  predict_all(p, s);
}

/* The SubNet candidates of slot `s`. */
static sushi_candidates candidates(const fw_slot* s) {
  sushi_candidates c;
  c.count = s->model.subnet_count;
  c.accuracy_milli = s->img.accuracy_milli;
  c.service_ns = s->service_ns;
  return c;
}

/* Oracle (one task): the SubNets the next `window` requests would get in slot `s` as it is now. */
static uint32_t predict_future(const fw_slot* s) {
  const sushi_candidates cand = candidates(s);
  uint32_t n = 0;
  while (n < s->cache.window && g_popped + n < g_boot.oracle_count) {
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

/* The model images: without a task table the one image serves every accelerator; with one, each
 * task's image on each accelerator it is served on (one built like another's shares its tables). */
static void load_images(void) {
  uint32_t t, i;
  fw_image_pool_reset(&g_pool);
  if (g_boot.task_count == 0) {
    fw_image_load(&g_proc[0].slot[0].img, &g_pool, g_boot.image_addr, g_boot.image_size);
    for (i = 0; i < g_proc_count; ++i) {
      g_proc[i].slot[0].img = g_proc[0].slot[0].img;
      g_proc[i].slot[0].used = 1;
    }
    g_task_count = 1;
    return;
  }
  if (g_boot.task_count > SUSHI_BOOT_MAX_TASKS) hal_fault(SUSHI_FAULT_TASKS, "boot info: more tasks than the firmware serves");
  g_task_count = g_boot.task_count;
  for (t = 0; t < g_task_count; ++t) {
    sushi_boot_task task;
    uint32_t on = 0;
    hal_read(g_boot.task_table + (uint64_t)t * sizeof task, &task, sizeof task);
    for (i = 0; i < g_proc_count; ++i) {
      fw_slot* s = &g_proc[i].slot[t];
      if (task.image_addr[i] == 0) continue;
      if (task.alike[i] == i) {
        fw_image_load(&s->img, &g_pool, task.image_addr[i], task.image_size[i]);
      } else if (task.alike[i] < i && g_proc[task.alike[i]].slot[t].used) {
        fw_image_load_alike(&s->img, &g_pool, task.image_addr[i], task.image_size[i], &g_proc[task.alike[i]].slot[t].img);
      } else {
        hal_fault(SUSHI_FAULT_TASKS, "task table: an image is alike one that is not loaded before it");
      }
      s->used = 1;
      ++on;
    }
    if (on == 0) hal_fault(SUSHI_FAULT_TASKS, "task table: a task is served on no accelerator");
  }
}

/* The accelerators from the boot info (none listed: accel_regs alone); their tasks' images; per
 * task on each accelerator an equal share of its PB (64 B aligned), a slice of the scratch memory
 * and a caching policy; static and oracle load their first SubGraph. */
static void boot_accelerators(void) {
  uint64_t slice;
  uint32_t i, t, slots = 0, k = 0;
  g_proc_count = g_boot.accel_count ? g_boot.accel_count : 1u;
  if (g_proc_count > SUSHI_BOOT_MAX_ACCELS) g_proc_count = SUSHI_BOOT_MAX_ACCELS;
  load_images();
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
    for (t = 0; t < g_task_count; ++t) slots += p->slot[t].used ? 1u : 0u;
  }
  fw_qp_init(g_boot.query_port);
  /* The query port's and the accelerators' lines reach the CPU only while the firmware sleeps
   * for them (fw_irq.h). */
  fw_irq_init(g_boot.timer);
  /* Scratch slice per slot, accelerator-major: the PB map, then the PB load list (16-byte
   * aligned entries). */
  slice = slots > 1u ? (g_boot.scratch_size / slots) & ~(uint64_t)15u : g_boot.scratch_size;
  for (i = 0; i < g_proc_count; ++i) {
    fw_proc* p = &g_proc[i];
    uint32_t tasks_here = 0, share_index = 0;
    uint64_t pb_bytes, share;
    for (t = 0; t < g_task_count; ++t) tasks_here += p->slot[t].used ? 1u : 0u;
    pb_bytes = g_boot.policy == SUSHI_POLICY_NONE ? 0u : fw_accel_pb_bytes(p->hw.regs);
    share = tasks_here > 1u ? (pb_bytes / tasks_here) & ~(uint64_t)63u : pb_bytes;
    p->busy = 0;
    for (t = 0; t < g_task_count; ++t) {
      fw_slot* s = &p->slot[t];
      uint64_t map_bytes;
      if (!s->used) continue;
      fw_image_sched_model(&s->img, &s->model);
      map_bytes = ((uint64_t)s->model.layer_count * sizeof(sushi_pb_map_entry) + 15u) & ~(uint64_t)15u;
      s->map_addr = g_boot.scratch_addr + (uint64_t)k++ * slice;
      s->list_addr = s->map_addr + map_bytes;
      s->list_capacity = slice > map_bytes + sizeof(sushi_pb_load_entry)
                             ? (uint32_t)((slice - map_bytes) / sizeof(sushi_pb_load_entry))
                             : 0u;
      if (s->list_capacity > 65536u) s->list_capacity = 65536u; /* the accelerator's list limit */
      if (g_boot.policy != SUSHI_POLICY_NONE && s->list_capacity == 0) {
        hal_fault(SUSHI_FAULT_SCRATCH, "scratch memory too small for the PB maps and PB load lists");
      }
      sushi_pb_layout_init_at(&s->pb, (uint64_t)share_index++ * share, share);
      sushi_cache_init(&s->cache, &s->model, g_boot.policy, g_boot.window, g_boot.period_ns, share);
      sushi_cache_set_guard(&s->cache, g_boot.reload_guard, s->pb.cached);
      s->map_count = 0;
      predict_all(p, s);
      if (sushi_cache_boot(&s->cache, &s->model)) {
        hal_charge(SUSHI_COST_LAYER, s->cache.last_steps);
        apply_target(p, s);
      }
      if (g_boot.policy == SUSHI_POLICY_ORACLE) {
        const uint32_t n = predict_future(s);
        if (sushi_cache_plan(&s->cache, &s->model, g_future, n, 0)) apply_target(p, s);
      }
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

/* The accelerator and the SubNet for query `q` of task `task` at `now`, over the idle
 * accelerators serving the task and, with with_busy, the busy ones too, each with its running
 * job's predicted remaining time queued in front of the query. The idle ones are looked at first,
 * so they win ties (a busy one whose job overran its prediction looks free now, but is not). */
static fw_proc* choose(const sushi_query_req* q, uint32_t task, uint64_t now, int with_busy, sushi_choice* out) {
  fw_proc* best = 0;
  const uint32_t* best_acc = 0;
  uint32_t k, examined = 0;
  for (k = 0; k < 2u * g_proc_count; ++k) {
    fw_proc* p = &g_proc[k % g_proc_count];
    const fw_slot* s = &p->slot[task];
    const int busy_pass = k >= g_proc_count;
    sushi_candidates cand;
    sushi_choice c;
    uint64_t queued = 0;
    if (!s->used || p->busy != busy_pass || (busy_pass && !with_busy)) continue;
    cand = candidates(s);
    if (p->busy) queued = p->choice.predicted_end_ns > now ? p->choice.predicted_end_ns - now : 0u;
    sushi_select_subnet(&cand, q, now, queued, &c);
    examined += c.examined;
    if (best == 0 || better(&c, s->img.accuracy_milli[c.subnet], out, best_acc[out->subnet])) {
      best = p;
      best_acc = s->img.accuracy_milli;
      *out = c;
    }
  }
  if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY && out->reason == SUSHI_CHOICE_MISS_DEADLINE) {
    out->reason = SUSHI_CHOICE_MEETS_ALL; /* no deadline in this objective */
  }
  hal_charge(SUSHI_COST_CANDIDATE, examined);
  return best;
}

/* Starts query `q` of `task` (popped) on idle accelerator `p` with `choice`: the task's policy
 * there first (lru). */
static void start_on(fw_proc* p, uint32_t task, const sushi_query_req* q, const sushi_choice* choice) {
  fw_slot* s = &p->slot[task];
  if (sushi_cache_before_job(&s->cache, &s->model, choice->subnet, s->pb.cached)) {
    hal_charge(SUSHI_COST_LAYER, s->cache.last_steps);
    apply_target(p, s);
  }
  p->q = *q;
  p->task = task;
  p->choice = *choice;
  p->busy = 1;
  fw_accel_start_job(p->hw.regs, s->img.desc_addr[choice->subnet], s->img.desc_count[choice->subnet],
                     s->map_count ? s->map_addr : 0, s->map_count);
}

/* Without a task table (one task on one accelerator): start_next and start_head read no queue
 * registers, so that loop makes the bus accesses it made before task queues existed. */

/* Every accelerator idle: pops the head request and starts it on the best one. */
static void start_next(void) {
  sushi_query_req q;
  sushi_choice choice;
  fw_proc* best;
  fw_qp_pop(g_boot.query_port, &q);
  ++g_popped;
  hal_charge(SUSHI_COST_QUERY, 1);
  if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY) q.deadline_ns = 0; /* fastest meeting the floor */
  best = choose(&q, 0, fw_now_ns(g_boot.timer), 0, &choice);
  start_on(best, 0, &q, &choice);
}

/* Some accelerators busy, some idle: the head request starts on an idle one unless a busy one,
 * after its running job, is predicted to serve it better (or only busy ones serve its task); then
 * it stays queued (returns 0) and is looked at again when a job ends. */
static int start_head(void) {
  sushi_query_req q;
  sushi_choice choice;
  fw_proc* best;
  fw_qp_peek(g_boot.query_port, &q);
  if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY) q.deadline_ns = 0;
  best = choose(&q, 0, fw_now_ns(g_boot.timer), 1, &choice);
  if (best->busy) return 0;
  fw_qp_take(g_boot.query_port);
  ++g_popped;
  hal_charge(SUSHI_COST_QUERY, 1);
  start_on(best, 0, &q, &choice);
  return 1;
}

/* Several tasks (or one on several accelerators: any task table), an accelerator idle: the head
 * requests of the task queues, oldest first (ties: lower task), each started on the best accelerator serving its task unless a busy one is
 * predicted to serve it better. Returns 1 when one started; else *blocked holds the tasks whose
 * head waits for a busy accelerator. */
static int start_task_heads(int any_busy, uint32_t* blocked) {
  sushi_query_req q[SUSHI_BOOT_MAX_TASKS];
  uint32_t order[SUSHI_BOOT_MAX_TASKS], n = 0, t, k;
  const uint32_t pending = fw_qp_pending_queues(g_boot.query_port);
  uint64_t now;
  *blocked = 0;
  for (t = 0; t < g_task_count; ++t) {
    if (!(pending & (1u << t))) continue;
    fw_qp_select(g_boot.query_port, t);
    fw_qp_peek(g_boot.query_port, &q[t]);
    if (g_boot.objective == SUSHI_OBJECTIVE_MIN_LATENCY) q[t].deadline_ns = 0;
    for (k = n++; k > 0 && q[order[k - 1]].arrival_ns > q[t].arrival_ns; --k) order[k] = order[k - 1];
    order[k] = t;
  }
  now = fw_now_ns(g_boot.timer);
  for (k = 0; k < n; ++k) {
    sushi_choice choice;
    fw_proc* best;
    t = order[k];
    best = choose(&q[t], t, now, any_busy, &choice);
    if (best->busy) {
      *blocked |= 1u << t;
      continue;
    }
    fw_qp_select(g_boot.query_port, t);
    fw_qp_take(g_boot.query_port);
    ++g_popped;
    hal_charge(SUSHI_COST_QUERY, 1);
    start_on(best, t, &q[t], &choice);
    return 1;
  }
  return 0;
}

/* Posts the completion of every job that has ended; returns how many. */
static uint32_t finish_ended(void) {
  uint32_t i, ended = 0;
  for (i = 0; i < g_proc_count; ++i) {
    fw_proc* p = &g_proc[i];
    fw_slot* s = &p->slot[p->task];
    fw_accel_result r;
    uint32_t n_future = 0;
    if (!p->busy || !fw_accel_job_done(p->hw.regs, &r)) continue;
    p->busy = 0;
    ++ended;
    if (g_proc_count > 1) fw_qp_set_processor(g_boot.query_port, i);
    fw_qp_complete(g_boot.query_port, p->q.id, p->choice.subnet, r.err_code ? FW_QUERY_ACCEL_ERROR : FW_QUERY_OK,
                   p->choice.reason);
    if (sushi_cache_oracle_due(&s->cache)) n_future = predict_future(s);
    if (sushi_cache_after_query(&s->cache, &s->model, p->choice.subnet, fw_now_ns(g_boot.timer), g_future, n_future)) {
      hal_charge(SUSHI_COST_LAYER, s->cache.last_steps);
      apply_target(p, s);
    }
  }
  return ended;
}

void sushi_firmware_main(void) {
  hal_boot_info(&g_boot);
  boot_accelerators();

  for (;;) {
    uint32_t i, busy = 0, idle = 0, lines = 0;
    for (i = 0; i < g_proc_count; ++i) {
      busy += g_proc[i].busy ? 1u : 0u;
      if (g_proc[i].busy) lines |= 1u << g_proc[i].hw.irq_line;
    }
    idle = g_proc_count - busy;
    if (idle && g_boot.task_count) {
      uint32_t blocked;
      if (start_task_heads(busy != 0, &blocked)) continue;
      /* Sleep for an arrival to a queue that could start now, or a job's end. */
      if (blocked != g_irq_blocked) fw_qp_set_irq_queues(g_boot.query_port, ~blocked);
      g_irq_blocked = blocked;
      if (busy == 0 && fw_qp_finished(g_boot.query_port)) return;
      lines |= 1u << SUSHI_IRQ_QUERY_PORT;
    } else if (idle) {
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
