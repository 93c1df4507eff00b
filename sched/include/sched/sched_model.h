/* The scheduler's read-only view of the model: SuperNet layer geometry, the SubNet catalog's
 * per-layer regions, accuracies and latency coefficients. The firmware fills it from the model
 * image at boot; host tests fill it by hand. Freestanding C11, <stdint.h> only, no heap.
 *
 * A region (sushi_img_region) is the part of one layer's weights that a SubNet uses or that a
 * SubGraph caches: the first k output channels, the first c input channels and the centre
 * kernel x kernel taps, in whole blocks (K-tiles of k_par channels, C-tiles of c_par channels;
 * depthwise layers have one C-tile). A SubGraph is one region per SuperNet layer (included = 0:
 * nothing of that layer). */
#ifndef SUSHI_SCHED_MODEL_H
#define SUSHI_SCHED_MODEL_H

#include <stdint.h>

#include "sushi/model_image.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SUSHI_SCHED_MAX_LAYERS 128u

/* Geometry of one SuperNet layer's weight block array in DRAM (from the image's layer table). */
typedef struct sushi_sched_layer {
  uint64_t weight_offset; /* from the image's weights_base */
  uint32_t tap_bytes;     /* one tap of one block: k_par * (c_par or 1) * bytes_per_weight */
  uint32_t unit_bytes;    /* one (K-tile, C-tile) unit in DRAM: kernel_max^2 * tap_bytes */
  uint16_t k_par;         /* output channels per K-tile */
  uint16_t c_par;         /* input channels per C-tile; 0 for a depthwise layer (one C-tile) */
  uint16_t c_tiles;       /* C-tiles of the whole layer (DRAM row length in units) */
  uint16_t reserved0;
} sushi_sched_layer;

/* Latency coefficients of one layer of one SubNet (sushi/model_image.h):
 *   layer cycles = cached_cycles + uncached_weight_bytes * cycles_per_kib_q8 / (256 * 1024). */
typedef sushi_img_layer_latency sushi_layer_latency;

typedef struct sushi_sched_model {
  uint32_t layer_count;                 /* <= SUSHI_SCHED_MAX_LAYERS */
  uint32_t subnet_count;
  const sushi_sched_layer* layers;      /* layer_count entries */
  const sushi_img_region* regions;      /* subnet_count x layer_count, subnet-major */
  const uint32_t* accuracy_milli;       /* subnet_count */
  const uint64_t* fixed_cycles;         /* subnet_count: job overhead outside the layers */
  const sushi_layer_latency* latency;   /* subnet_count x layer_count, subnet-major */
} sushi_sched_model;

/* Bytes of a region in whole blocks (0 when not included). */
uint64_t sushi_region_bytes(const sushi_sched_layer* l, const sushi_img_region* r);
/* Bytes two regions of the same layer share (the blocks and taps of their intersection). */
uint64_t sushi_region_overlap(const sushi_sched_layer* l, const sushi_img_region* a, const sushi_img_region* b);
/* 1 when `cached` holds every block and tap of `used`. */
int sushi_region_covers(const sushi_sched_layer* l, const sushi_img_region* cached, const sushi_img_region* used);
/* Bytes of a whole SubGraph (sum over layers). */
uint64_t sushi_subgraph_bytes(const sushi_sched_model* m, const sushi_img_region* g);
/* Weight bytes SubNet `s` reads from the PB when `cached` is in it (NULL = nothing cached). */
uint64_t sushi_subnet_cached_bytes(const sushi_sched_model* m, uint32_t s, const sushi_img_region* cached);
/* Predicted accelerator cycles of SubNet `s` with `cached` in the PB (NULL = nothing):
 * fixed_cycles + sum over its layers of cached_cycles + uncached bytes x cycles_per_kib_q8 / 2^18. */
uint64_t sushi_predict_subnet_cycles(const sushi_sched_model* m, uint32_t s, const sushi_img_region* cached);

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_SCHED_MODEL_H */
