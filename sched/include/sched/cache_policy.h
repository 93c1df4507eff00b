/* SubGraph caching policies (sched.cache.policy), one interface for all of them. The policy says
 * what the PB should hold; the firmware turns a change into PB load jobs (sushi/pb_layout.h).
 *
 *   none    nothing is ever cached.
 *   static  one SubGraph, planned once at boot from the catalog's expected mix (every SubNet of
 *           the catalog once: the catalog is the mix the SuperNet was searched for).
 *   sgs     SUSHI's SubGraph Stationary: every `window` queries (and/or every `period_ns`), plan
 *           the SubGraph of the last `window` served SubNets (sushi/plan.h); only changed blocks
 *           are loaded.
 *   lru     a conventional cache of whole layer regions managed on each query: before the job,
 *           every layer of the chosen SubNet that the PB does not cover is brought in (its region
 *           replaces the layer's old one), evicting least recently used layers until it fits;
 *           layers larger than the PB are never cached.
 *   oracle  sgs planned on the SubNets the next `window` queries will get (the firmware predicts
 *           them from the workload's future requests): an upper bound for a window planner.
 * Reload guard (sgs, oracle; sched.cache.reload_guard): a new plan is loaded only when, over the
 * window it was planned for (taken as the next window's demand), it saves more DRAM weight bytes
 * than its reload moves and more predicted accelerator cycles than the reload takes; otherwise
 * the PB keeps what it holds (docs/sched.md, "Reload guard").
 * No heap; bounded work per call (O(layers x window) for a plan, O(layers^2) for lru). */
#ifndef SUSHI_CACHE_POLICY_H
#define SUSHI_CACHE_POLICY_H

#include <stdint.h>

#include "sched/plan.h"
#include "sched/sched.h"
#include "sched/sched_model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SUSHI_CACHE_MAX_WINDOW 256u

typedef struct sushi_cache {
  uint32_t policy;                     /* enum sushi_policy */
  uint32_t window;                     /* queries per plan (sgs, oracle); 0 = by time only */
  uint64_t period_ns;                  /* sgs: plan also when this much time passed; 0 = off */
  uint64_t capacity;                   /* PB bytes */
  uint64_t last_plan_ns;
  uint32_t since_plan;                 /* queries since the last plan */
  uint32_t history[SUSHI_CACHE_MAX_WINDOW]; /* last served SubNets, ring */
  uint32_t history_len, history_pos;
  uint32_t plans;                      /* plans made */
  uint32_t last_steps;                 /* work of the last decision (firmware cost model) */
  uint64_t tick;                       /* lru clock */
  uint64_t last_use[SUSHI_SCHED_MAX_LAYERS];
  sushi_img_region target[SUSHI_SCHED_MAX_LAYERS]; /* what the PB should hold */
  uint32_t guard;                      /* reload guard on (sgs, oracle) */
  uint32_t guard_skips;                /* plans the guard did not load */
  const sushi_img_region* pb;          /* the PB's current contents (the guard compares with them) */
  sushi_plan_ws ws;
} sushi_cache;

/* What loading `target` instead of `held` is predicted to give over a window of SubNets. */
typedef struct sushi_reload_verdict {
  int64_t saved_bytes;    /* DRAM weight bytes the window's jobs save (may be negative) */
  int64_t saved_cycles;   /* predicted accelerator cycles the window's jobs save */
  uint64_t reload_bytes;  /* bytes of `target` that `held` does not hold (what a PB load moves) */
  uint64_t reload_cycles; /* their streaming time: bytes x the layer's largest cycles_per_kib */
  int worth;              /* saved_bytes > reload_bytes and saved_cycles > reload_cycles */
} sushi_reload_verdict;
sushi_reload_verdict sushi_reload_worth(const sushi_sched_model* m, const uint32_t* window, uint32_t n,
                                        const sushi_img_region* held, const sushi_img_region* target);

/* Turns the reload guard on or off; `pb_contents` (layer_count regions) must stay valid and always
 * hold what the PB holds (the firmware passes its PB layout's `cached`). */
void sushi_cache_set_guard(sushi_cache* c, uint32_t enable, const sushi_img_region* pb_contents);

/* window is clamped to [1, SUSHI_CACHE_MAX_WINDOW] for sgs/oracle when period_ns is 0. */
void sushi_cache_init(sushi_cache* c, const sushi_sched_model* m, uint32_t policy, uint32_t window,
                      uint64_t period_ns, uint64_t capacity);

/* Boot: 1 when `c->target` is a new SubGraph to load (static). */
int sushi_cache_boot(sushi_cache* c, const sushi_sched_model* m);

/* Before the job of SubNet `s` (given the PB's current contents `cached`): 1 when `c->target`
 * changed and must be loaded first (lru). */
int sushi_cache_before_job(sushi_cache* c, const sushi_sched_model* m, uint32_t s, const sushi_img_region* cached);

/* After a query served by SubNet `s` at time `now_ns`: 1 when a plan is due (sgs: count or time;
 * oracle: count) and `c->target` holds it. For oracle, `future` lists the SubNets predicted for
 * the next queries (`n_future` of them); others ignore it. */
int sushi_cache_after_query(sushi_cache* c, const sushi_sched_model* m, uint32_t s, uint64_t now_ns,
                            const uint32_t* future, uint32_t n_future);

/* Plans `c->target` for an explicit window (the oracle's first window at boot); returns 1, or 0
 * when the reload guard keeps the PB as it is (then `c->target` equals the PB's contents). */
int sushi_cache_plan(sushi_cache* c, const sushi_sched_model* m, const uint32_t* window, uint32_t n, uint64_t now_ns);

/* 1 when an oracle plan is due after the next served query (the firmware then predicts the
 * future SubNets before calling sushi_cache_after_query). */
int sushi_cache_oracle_due(const sushi_cache* c);

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_CACHE_POLICY_H */
