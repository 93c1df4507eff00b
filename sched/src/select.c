/* SubNet selection (see sushi/sched.h): one pass over the candidates, O(count), no allocation. */
#include "sched/sched.h"

int sushi_select_subnet(const sushi_candidates* c, const sushi_query_req* q, uint64_t now_ns,
                        uint64_t queued_ns, sushi_choice* out) {
  uint32_t best_meets = UINT32_MAX;      /* most accurate meeting both */
  uint32_t fastest_accurate = UINT32_MAX;
  uint32_t fastest = UINT32_MAX;
  uint32_t i;
  if (c == 0 || q == 0 || out == 0 || c->count == 0) return -1;
  for (i = 0; i < c->count; ++i) {
    const uint64_t end = now_ns + queued_ns + c->service_ns[i];
    const int accurate = c->accuracy_milli[i] >= q->min_accuracy_milli;
    if (fastest == UINT32_MAX || c->service_ns[i] < c->service_ns[fastest]) fastest = i;
    if (!accurate) continue;
    if (fastest_accurate == UINT32_MAX || c->service_ns[i] < c->service_ns[fastest_accurate]) {
      fastest_accurate = i;
    }
    if (end <= q->deadline_ns &&
        (best_meets == UINT32_MAX || c->accuracy_milli[i] > c->accuracy_milli[best_meets])) {
      best_meets = i;
    }
  }
  if (best_meets != UINT32_MAX) {
    out->subnet = best_meets;
    out->reason = SUSHI_CHOICE_MEETS_ALL;
  } else if (fastest_accurate != UINT32_MAX) {
    out->subnet = fastest_accurate;
    out->reason = SUSHI_CHOICE_MISS_DEADLINE;
  } else {
    out->subnet = fastest;
    out->reason = SUSHI_CHOICE_MISS_ACCURACY;
  }
  out->predicted_end_ns = now_ns + queued_ns + c->service_ns[out->subnet];
  out->examined = c->count;
  return 0;
}

uint64_t sushi_predict_cycles(uint64_t compute_cycles, uint32_t cycles_per_kib_q8,
                              uint64_t uncached_weight_bytes) {
  const uint64_t scaled = uncached_weight_bytes * (uint64_t)cycles_per_kib_q8;
  return compute_cycles + (scaled + (256u * 1024u - 1u)) / (256u * 1024u);
}
