/* SubGraph caching policies (see sushi/cache_policy.h). */
#include "sched/cache_policy.h"

static void clear_regions(sushi_img_region* g, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; ++i) {
    g[i].k = 0;
    g[i].c = 0;
    g[i].kernel = 0;
    g[i].included = 0;
    g[i].reserved0 = 0;
  }
}

void sushi_cache_init(sushi_cache* c, const sushi_sched_model* m, uint32_t policy, uint32_t window,
                      uint64_t period_ns, uint64_t capacity) {
  uint32_t i;
  c->policy = policy;
  if (window > SUSHI_CACHE_MAX_WINDOW) window = SUSHI_CACHE_MAX_WINDOW;
  if (window == 0 && period_ns == 0) window = 1;
  c->window = window;
  c->period_ns = policy == SUSHI_POLICY_SGS ? period_ns : 0u;
  c->capacity = capacity;
  c->last_plan_ns = 0;
  c->since_plan = 0;
  c->history_len = 0;
  c->history_pos = 0;
  c->plans = 0;
  c->last_steps = 0;
  c->tick = 0;
  c->guard = 0;
  c->guard_skips = 0;
  c->pb = 0;
  for (i = 0; i < SUSHI_SCHED_MAX_LAYERS; ++i) c->last_use[i] = 0;
  clear_regions(c->target, m->layer_count);
}

int sushi_cache_boot(sushi_cache* c, const sushi_sched_model* m) {
  /* The catalog as the window: SubNet ids 0..count-1, in chunks the plan reads through `window`.
   * A plan reads its window as an id list; build it in the history buffer's stead. */
  static uint32_t all[512];
  uint32_t n = m->subnet_count < 512u ? m->subnet_count : 512u;
  uint32_t i;
  sushi_plan_result r;
  if (c->policy != SUSHI_POLICY_STATIC) return 0;
  for (i = 0; i < n; ++i) all[i] = i;
  r = sushi_plan_subgraph(m, all, n, c->capacity, &c->ws, c->target);
  c->last_steps = r.steps;
  ++c->plans;
  return 1;
}

/* LRU: make every layer of `s` resident, evicting the least recently used other layers. */
static int lru_before_job(sushi_cache* c, const sushi_sched_model* m, uint32_t s, const sushi_img_region* cached) {
  const sushi_img_region* r = &m->regions[(uint64_t)s * m->layer_count];
  uint8_t used[SUSHI_SCHED_MAX_LAYERS];
  uint64_t total = 0;
  int changed = 0;
  uint32_t i, j;
  c->last_steps = 0;
  for (i = 0; i < m->layer_count; ++i) {
    c->target[i] = cached[i];
    used[i] = 0;
    total += sushi_region_bytes(&m->layers[i], &cached[i]);
  }
  for (i = 0; i < m->layer_count; ++i) {
    const sushi_sched_layer* l = &m->layers[i];
    uint64_t need;
    if (!r[i].included) continue;
    ++c->tick;
    used[i] = 1;
    if (sushi_region_covers(l, &c->target[i], &r[i])) {
      c->last_use[i] = c->tick; /* hit */
      continue;
    }
    need = sushi_region_bytes(l, &r[i]);
    if (need > c->capacity) continue; /* never fits */
    total -= sushi_region_bytes(l, &c->target[i]);
    c->target[i].included = 0;
    while (total + need > c->capacity) {
      uint32_t victim = UINT32_MAX;
      for (j = 0; j < m->layer_count; ++j) {
        ++c->last_steps;
        if (used[j] || !c->target[j].included) continue;
        if (victim == UINT32_MAX || c->last_use[j] < c->last_use[victim]) victim = j;
      }
      if (victim == UINT32_MAX) {
        /* Only this query's own layers are resident: evict its oldest one (a query larger than
         * the PB keeps its most recent layers). */
        for (j = 0; j < m->layer_count; ++j) {
          if (j == i || !c->target[j].included) continue;
          if (victim == UINT32_MAX || c->last_use[j] < c->last_use[victim]) victim = j;
        }
      }
      if (victim == UINT32_MAX) break;
      total -= sushi_region_bytes(&m->layers[victim], &c->target[victim]);
      c->target[victim].included = 0;
    }
    if (total + need > c->capacity) continue;
    c->target[i] = r[i];
    total += need;
    c->last_use[i] = c->tick;
    changed = 1;
  }
  for (i = 0; i < m->layer_count; ++i) {
    if (!c->target[i].included) {
      c->target[i].k = 0;
      c->target[i].c = 0;
      c->target[i].kernel = 0;
    }
    if (c->target[i].included != cached[i].included) changed = 1;
  }
  return changed;
}

int sushi_cache_before_job(sushi_cache* c, const sushi_sched_model* m, uint32_t s, const sushi_img_region* cached) {
  if (c->policy != SUSHI_POLICY_LRU) return 0;
  return lru_before_job(c, m, s, cached);
}

void sushi_cache_set_guard(sushi_cache* c, uint32_t enable, const sushi_img_region* pb_contents) {
  c->guard = (enable && pb_contents != 0 && (c->policy == SUSHI_POLICY_SGS || c->policy == SUSHI_POLICY_ORACLE)) ? 1u : 0u;
  c->pb = pb_contents;
}

sushi_reload_verdict sushi_reload_worth(const sushi_sched_model* m, const uint32_t* window, uint32_t n,
                                        const sushi_img_region* held, const sushi_img_region* target) {
  sushi_reload_verdict v;
  uint64_t scaled = 0; /* reload bytes x Q24.8 cycles per KiB, divided once */
  uint32_t i, k;
  v.saved_bytes = 0;
  v.saved_cycles = 0;
  v.reload_bytes = 0;
  for (k = 0; k < n; ++k) {
    const uint32_t s = window[k];
    v.saved_bytes += (int64_t)sushi_subnet_cached_bytes(m, s, target) - (int64_t)sushi_subnet_cached_bytes(m, s, held);
    v.saved_cycles += (int64_t)sushi_predict_subnet_cycles(m, s, held) - (int64_t)sushi_predict_subnet_cycles(m, s, target);
  }
  for (i = 0; i < m->layer_count; ++i) {
    const uint64_t b = sushi_region_bytes(&m->layers[i], &target[i]) - sushi_region_overlap(&m->layers[i], &target[i], &held[i]);
    uint32_t slope = 0, s;
    if (b == 0) continue;
    /* A PB load streams at the weight path's full rate: the layer's largest slope (the SubNet
     * whose streaming of this layer hides least behind compute). */
    for (s = 0; s < m->subnet_count; ++s) {
      const sushi_layer_latency* lat = &m->latency[(uint64_t)s * m->layer_count + i];
      if (m->regions[(uint64_t)s * m->layer_count + i].included && lat->cycles_per_kib_q8 > slope) slope = lat->cycles_per_kib_q8;
    }
    v.reload_bytes += b;
    scaled += b * slope;
  }
  v.reload_cycles = (scaled + (256u * 1024u - 1u)) / (256u * 1024u);
  v.worth = v.saved_bytes > (int64_t)v.reload_bytes && v.saved_cycles > (int64_t)v.reload_cycles;
  return v;
}

int sushi_cache_plan(sushi_cache* c, const sushi_sched_model* m, const uint32_t* window, uint32_t n, uint64_t now_ns) {
  const sushi_plan_result r = sushi_plan_subgraph(m, window, n, c->capacity, &c->ws, c->target);
  c->since_plan = 0;
  c->last_plan_ns = now_ns;
  c->last_steps = r.steps;
  ++c->plans;
  if (c->guard) {
    const sushi_reload_verdict v = sushi_reload_worth(m, window, n, c->pb, c->target);
    c->last_steps += (2u * n + 1u) * m->layer_count; /* two predictions per window entry, one pass over the layers */
    if (!v.worth) {
      uint32_t i;
      for (i = 0; i < m->layer_count; ++i) c->target[i] = c->pb[i];
      ++c->guard_skips;
      return 0;
    }
  }
  return 1;
}

int sushi_cache_oracle_due(const sushi_cache* c) {
  return c->policy == SUSHI_POLICY_ORACLE && c->since_plan + 1u >= c->window;
}

int sushi_cache_after_query(sushi_cache* c, const sushi_sched_model* m, uint32_t s, uint64_t now_ns,
                            const uint32_t* future, uint32_t n_future) {
  uint32_t ordered[SUSHI_CACHE_MAX_WINDOW];
  uint32_t i, n;
  c->history[c->history_pos] = s;
  c->history_pos = (c->history_pos + 1u) % SUSHI_CACHE_MAX_WINDOW;
  if (c->history_len < SUSHI_CACHE_MAX_WINDOW) ++c->history_len;
  ++c->since_plan;
  c->last_steps = 0;
  if (c->policy == SUSHI_POLICY_SGS) {
    const int by_count = c->window > 0 && c->since_plan >= c->window;
    const int by_time = c->period_ns > 0 && now_ns >= c->last_plan_ns + c->period_ns;
    if (!by_count && !by_time) return 0;
    /* The recent window: the last `window` SubNets (or all remembered ones when planning by time). */
    n = c->window > 0 ? c->window : c->since_plan;
    if (n > c->history_len) n = c->history_len;
    for (i = 0; i < n; ++i) {
      ordered[i] = c->history[(c->history_pos + SUSHI_CACHE_MAX_WINDOW - n + i) % SUSHI_CACHE_MAX_WINDOW];
    }
    return sushi_cache_plan(c, m, ordered, n, now_ns);
  }
  if (c->policy == SUSHI_POLICY_ORACLE && c->since_plan >= c->window && future != 0 && n_future > 0) {
    return sushi_cache_plan(c, m, future, n_future, now_ns);
  }
  return 0;
}
