/* SubGraph planning (see sushi/plan.h). */
#include "sched/plan.h"

static uint32_t ceil_div32(uint32_t a, uint32_t b) { return (a + b - 1u) / b; }

static uint32_t k_tiles(const sushi_sched_layer* l, uint32_t k) { return ceil_div32(k, l->k_par); }

/* Value per K-tile of the run that starts at K-tile `from` of layer `li`, and where it ends: the
 * window's SubNets with more than `from` K-tiles each save their row's blocks; the run ends at the
 * smallest K-tile count above `from` (where one of them stops contributing). */
static void next_run(const sushi_sched_model* m, const uint32_t* window, uint32_t n, uint32_t li,
                     sushi_plan_ws* ws) {
  const sushi_sched_layer* l = &m->layers[li];
  uint64_t value = 0;
  uint32_t end = 0;
  uint32_t q;
  for (q = 0; q < n; ++q) {
    const sushi_img_region* r = &m->regions[(uint64_t)window[q] * m->layer_count + li];
    uint32_t kt;
    sushi_img_region row;
    if (!r->included) continue;
    kt = k_tiles(l, r->k);
    if (kt <= ws->taken[li]) continue;
    row = *r;
    row.k = l->k_par; /* one K-tile of its region */
    value += sushi_region_bytes(l, &row);
    if (end == 0 || kt < end) end = kt;
  }
  ws->value[li] = value;
  ws->run_end[li] = end;
}

sushi_plan_result sushi_plan_subgraph(const sushi_sched_model* m, const uint32_t* window, uint32_t n,
                                      uint64_t capacity_bytes, sushi_plan_ws* ws, sushi_img_region* out) {
  sushi_plan_result res = {0, 0, 0};
  uint64_t free_bytes = capacity_bytes;
  uint32_t li, q;

  /* Shapes: the widest input channels and kernel the window uses per layer. */
  for (li = 0; li < m->layer_count; ++li) {
    const sushi_sched_layer* l = &m->layers[li];
    sushi_img_region shape = {0, 0, 0, 0, 0};
    ws->shape_c[li] = 0;
    ws->shape_kernel[li] = 0;
    ws->taken[li] = 0;
    for (q = 0; q < n; ++q) {
      const sushi_img_region* r = &m->regions[(uint64_t)window[q] * m->layer_count + li];
      if (!r->included) continue;
      if (r->c > ws->shape_c[li]) ws->shape_c[li] = r->c;
      if (r->kernel > ws->shape_kernel[li]) ws->shape_kernel[li] = r->kernel;
    }
    shape.k = l->k_par;
    shape.c = ws->shape_c[li];
    shape.kernel = ws->shape_kernel[li];
    shape.included = 1;
    ws->row_cost[li] = ws->shape_kernel[li] ? sushi_region_bytes(l, &shape) : 0u;
    next_run(m, window, n, li, ws);
  }

  for (;;) {
    uint32_t best = UINT32_MAX;
    uint64_t rows, fit;
    for (li = 0; li < m->layer_count; ++li) {
      if (ws->value[li] == 0 || ws->row_cost[li] == 0) continue;
      /* value/cost larger than the best's: cross-multiplied (both < 2^32 x window here). */
      if (best == UINT32_MAX || ws->value[li] * ws->row_cost[best] > ws->value[best] * ws->row_cost[li]) best = li;
    }
    if (best == UINT32_MAX) break;
    ++res.steps;
    rows = ws->run_end[best] - ws->taken[best];
    fit = free_bytes / ws->row_cost[best];
    if (fit < rows) rows = fit;
    ws->taken[best] += (uint32_t)rows;
    free_bytes -= rows * ws->row_cost[best];
    res.reuse_bytes += rows * ws->value[best];
    if (ws->taken[best] < ws->run_end[best]) break; /* the next K-tile does not fit: stop */
    next_run(m, window, n, best, ws);
  }

  for (li = 0; li < m->layer_count; ++li) {
    const sushi_sched_layer* l = &m->layers[li];
    const uint32_t k = ws->taken[li] * l->k_par;
    uint32_t k_max_used = 0;
    out[li].k = 0;
    out[li].c = 0;
    out[li].kernel = 0;
    out[li].included = 0;
    out[li].reserved0 = 0;
    if (ws->taken[li] == 0) continue;
    /* Clamp the last K-tile to the widest K the window uses (a partial tile stays one block). */
    for (q = 0; q < n; ++q) {
      const sushi_img_region* r = &m->regions[(uint64_t)window[q] * m->layer_count + li];
      if (r->included && r->k > k_max_used) k_max_used = r->k;
    }
    out[li].k = (uint16_t)(k < k_max_used ? k : k_max_used);
    out[li].c = ws->shape_c[li];
    out[li].kernel = ws->shape_kernel[li];
    out[li].included = 1;
    res.bytes += sushi_region_bytes(l, &out[li]);
  }
  return res;
}
