/* Region arithmetic and latency prediction (see sushi/sched_model.h). */
#include "sched/sched_model.h"

static uint32_t ceil_div32(uint32_t a, uint32_t b) { return (a + b - 1u) / b; }
static uint32_t min32(uint32_t a, uint32_t b) { return a < b ? a : b; }

static uint64_t blocks_bytes(const sushi_sched_layer* l, uint32_t k, uint32_t c, uint32_t kernel) {
  const uint64_t kt = ceil_div32(k, l->k_par);
  const uint64_t ct = l->c_par == 0u ? 1u : ceil_div32(c, l->c_par);
  return kt * ct * (uint64_t)kernel * kernel * l->tap_bytes;
}

uint64_t sushi_region_bytes(const sushi_sched_layer* l, const sushi_img_region* r) {
  if (!r->included || r->k == 0u || r->kernel == 0u) return 0u;
  return blocks_bytes(l, r->k, r->c, r->kernel);
}

uint64_t sushi_region_overlap(const sushi_sched_layer* l, const sushi_img_region* a, const sushi_img_region* b) {
  if (!a->included || !b->included) return 0u;
  /* Whole blocks: ceil is monotone, so the common K-tiles are ceil(min(k)/k_par), and the centre
   * taps are nested (centre-first order), so the common taps are min(kernel)^2. */
  return blocks_bytes(l, min32(a->k, b->k), min32(a->c, b->c), min32(a->kernel, b->kernel));
}

int sushi_region_covers(const sushi_sched_layer* l, const sushi_img_region* cached, const sushi_img_region* used) {
  if (!used->included) return 1;
  return sushi_region_overlap(l, cached, used) == sushi_region_bytes(l, used);
}

uint64_t sushi_subgraph_bytes(const sushi_sched_model* m, const sushi_img_region* g) {
  uint64_t total = 0;
  uint32_t i;
  for (i = 0; i < m->layer_count; ++i) total += sushi_region_bytes(&m->layers[i], &g[i]);
  return total;
}

uint64_t sushi_subnet_cached_bytes(const sushi_sched_model* m, uint32_t s, const sushi_img_region* cached) {
  const sushi_img_region* r = &m->regions[(uint64_t)s * m->layer_count];
  uint64_t total = 0;
  uint32_t i;
  if (cached == 0) return 0u;
  for (i = 0; i < m->layer_count; ++i) total += sushi_region_overlap(&m->layers[i], &r[i], &cached[i]);
  return total;
}

uint64_t sushi_predict_subnet_cycles(const sushi_sched_model* m, uint32_t s, const sushi_img_region* cached) {
  const uint64_t base = (uint64_t)s * m->layer_count;
  uint64_t cycles = m->fixed_cycles[s];
  uint64_t scaled = 0; /* sum of uncached bytes x Q24.8 cycles per KiB; divided once at the end */
  uint32_t i;
  for (i = 0; i < m->layer_count; ++i) {
    const sushi_img_region* r = &m->regions[base + i];
    const sushi_layer_latency* lat = &m->latency[base + i];
    uint64_t uncached;
    if (!r->included) continue;
    uncached = sushi_region_bytes(&m->layers[i], r);
    if (cached != 0) uncached -= sushi_region_overlap(&m->layers[i], r, &cached[i]);
    cycles += lat->cached_cycles;
    scaled += uncached * lat->cycles_per_kib_q8;
  }
  return cycles + (scaled + (256u * 1024u - 1u)) / (256u * 1024u);
}
