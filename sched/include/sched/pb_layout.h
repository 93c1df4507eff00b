/* The Persistent Buffer's contents as the firmware tracks them: which region of each layer is in
 * the PB and where, and the step from the current contents to a target SubGraph.
 *
 * A layer's cached region is stored compactly (docs/accel.md, "PB map"): unit (i, j) of the
 * region at offset + (i x ct + j) x kernel^2 x tap_bytes. Changing to a target:
 *   - a layer whose target is empty is freed; one whose shape (input channels, kernel) is kept
 *     and whose K-tiles shrink keeps its place and loads nothing;
 *   - one whose shape is kept and whose K-tiles grow keeps its loaded rows and loads only the new
 *     rows, in place when the PB space after it is free, else the whole region moves;
 *   - one whose shape changes is loaded whole at a new place.
 * New places are found first-fit in offset order; if the free space is too fragmented, every
 * layer is repacked from offset 0 and reloaded (counted in `repacks`).
 * PB load entries come from the changed K-tile rows; entries that are contiguous both in DRAM
 * and in the PB are merged. No heap; bounded by the layer count and the entry limit. */
#ifndef SUSHI_PB_LAYOUT_H
#define SUSHI_PB_LAYOUT_H

#include <stdint.h>

#include "sushi/accel_regs.h"
#include "sched/sched_model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sushi_pb_layout {
  uint64_t base;                                /* PB offset of its share (several tasks: docs/sched.md) */
  uint64_t capacity;                            /* PB bytes of its share, from base */
  sushi_img_region cached[SUSHI_SCHED_MAX_LAYERS];
  uint64_t offset[SUSHI_SCHED_MAX_LAYERS];
  uint64_t bytes[SUSHI_SCHED_MAX_LAYERS];
  uint32_t load_from_row[SUSHI_SCHED_MAX_LAYERS]; /* pending: K-tile rows to load from here ... */
  uint32_t load_rows[SUSHI_SCHED_MAX_LAYERS];     /* ... up to here (equal: nothing pending) */
  uint32_t repacks;
} sushi_pb_layout;

void sushi_pb_layout_init(sushi_pb_layout* pb, uint64_t capacity);
/* A layout of the PB share [base, base + capacity): the offsets it tracks are from base; the PB
 * load entries and the PB map it writes carry base + offset. init is init_at with base 0. */
void sushi_pb_layout_init_at(sushi_pb_layout* pb, uint64_t base, uint64_t capacity);

/* Makes `target` (layer_count regions, total <= capacity) the PB contents and marks the rows to
 * load. Returns the bytes to load, or UINT64_MAX if the target does not fit the PB (nothing is
 * changed then). */
uint64_t sushi_pb_layout_change(sushi_pb_layout* pb, const sushi_sched_model* m, const sushi_img_region* target);

/* Writes up to `max` PB load entries of the pending rows (weights_base: DRAM address of weight
 * offset 0), continuing from `*cursor` (start at 0); returns the number written. Call again with
 * the same cursor until it returns 0. */
uint32_t sushi_pb_layout_emit(const sushi_pb_layout* pb, const sushi_sched_model* m, uint64_t weights_base,
                              uint64_t* cursor, sushi_pb_load_entry* out, uint32_t max);

/* Clears the pending rows once they are loaded. */
void sushi_pb_layout_loaded(sushi_pb_layout* pb, const sushi_sched_model* m);

/* The accelerator's PB map for the current contents (layer_count entries). */
void sushi_pb_layout_map(const sushi_pb_layout* pb, const sushi_sched_model* m, sushi_pb_map_entry* out);

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_PB_LAYOUT_H */
