/* SubGraph planning: choose the SubGraph that maximises the expected reuse of a window of SubNets
 * under the PB capacity (the SGS step of SUSHI, also used by the static and oracle policies).
 *
 * Per layer, the cached shape is the widest the window uses (largest input channels and
 * kernel among the window's SubNets that include the layer), and the SubGraph grows that shape one
 * K-tile (k_par output channels) at a time. K-tile i of a layer is worth the bytes it saves the
 * window: the sum, over the window's SubNets whose region has more than i K-tiles, of their
 * blocks in that row. A row costs the shape's bytes. Values fall (or stay) as i grows, so a
 * greedy pick of the best value per byte across layers takes K-tile prefixes. Ties go to the
 * lower layer, then the lower K-tile, and the plan stops at the first pick that does not fit:
 * the PB is never exceeded and a window of one repeated SubNet gets its largest prefix (in
 * layer order, then K-tile order) that fits.
 *
 * Work: O(layers x window) to set up plus O(layers + window) per step, at most layers x
 * (window + 1) steps; no heap (the caller owns the workspace). */
#ifndef SUSHI_PLAN_H
#define SUSHI_PLAN_H

#include <stdint.h>

#include "sched/sched_model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sushi_plan_ws {
  uint16_t shape_c[SUSHI_SCHED_MAX_LAYERS];
  uint8_t shape_kernel[SUSHI_SCHED_MAX_LAYERS];
  uint32_t taken[SUSHI_SCHED_MAX_LAYERS];     /* K-tiles planned so far */
  uint32_t run_end[SUSHI_SCHED_MAX_LAYERS];   /* K-tiles up to which the next value holds */
  uint64_t value[SUSHI_SCHED_MAX_LAYERS];     /* bytes saved per K-tile for the next run */
  uint64_t row_cost[SUSHI_SCHED_MAX_LAYERS];  /* PB bytes per K-tile of the shape */
} sushi_plan_ws;

typedef struct sushi_plan_result {
  uint64_t bytes;        /* PB bytes of the SubGraph */
  uint64_t reuse_bytes;  /* bytes the window would read from it */
  uint32_t steps;        /* greedy steps (firmware cost model) */
} sushi_plan_result;

/* Plans into `out` (layer_count regions) for the `n` SubNet ids in `window` (repeats count as
 * often as they appear) under `capacity_bytes`. */
sushi_plan_result sushi_plan_subgraph(const sushi_sched_model* m, const uint32_t* window, uint32_t n,
                                      uint64_t capacity_bytes, sushi_plan_ws* ws, sushi_img_region* out);

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_PLAN_H */
