/* The firmware's view of its model images: each validated once at boot, its tables kept in one
 * static pool shared by every image the firmware serves (one per task and weight layout). */
#ifndef SUSHI_FW_IMAGE_H
#define SUSHI_FW_IMAGE_H

#include <stdint.h>

#include "sushi/model_image.h"
#include "sched/sched_model.h"

/* One image's limits. */
#define FW_MAX_SUBNETS 512u
#define FW_MAX_LAYERS 128u /* = SUSHI_SCHED_MAX_LAYERS */
#define FW_MAX_REGIONS 16384u /* SubNets x layers of one image */
/* The pool's, over all images: two catalogs of 100 SubNets x 90 layers on two weight layouts fit
 * (docs/serving.md "Several tasks"); 2 x 256 KiB of region and latency tables. */
#define FW_POOL_SUBNETS 1024u
#define FW_POOL_LAYERS 512u
#define FW_POOL_REGIONS 32768u
#define FW_POOL_DESCS 2048u /* per-SubNet descriptor addresses, every image its own */

/* Tables the firmware writes before it reads them: on the RV32 core they go to .noinit, which the
 * reset code does not zero (zeroing the image pool's 570 KiB would cost the boot ~0.1 M stores). */
#if defined(__riscv)
#define FW_NOINIT __attribute__((section(".noinit")))
#else
#define FW_NOINIT
#endif

/* Where images' tables live. Only the *_used counters need zeroing (fw_image_pool_reset). */
typedef struct fw_image_pool {
  uint32_t subnets_used, layers_used, regions_used, descs_used;
  uint32_t accuracy_milli[FW_POOL_SUBNETS];
  uint64_t macs[FW_POOL_SUBNETS];
  uint64_t weight_bytes[FW_POOL_SUBNETS];
  uint64_t fixed_cycles[FW_POOL_SUBNETS];
  sushi_sched_layer layers[FW_POOL_LAYERS];
  sushi_img_region regions[FW_POOL_REGIONS];          /* per image subnet-major */
  sushi_layer_latency layer_latency[FW_POOL_REGIONS]; /* per image subnet-major */
  uint64_t desc_addr[FW_POOL_DESCS];
  uint32_t desc_count[FW_POOL_DESCS];
} fw_image_pool;

typedef struct fw_image {
  uint64_t base;                /* DRAM address of the image */
  sushi_img_header header;
  uint32_t subnet_count;
  uint32_t layer_count;
  uint64_t desc_section_addr;   /* DRAM address of the DESCRIPTORS section */
  uint64_t regions_section_addr;
  /* Its tables in the pool (shared with the image it is alike, fw_image_load_alike). */
  const uint32_t* accuracy_milli;
  const uint64_t* macs;
  const uint64_t* weight_bytes;
  const uint64_t* fixed_cycles;
  const sushi_sched_layer* layers;
  const sushi_img_region* regions;          /* subnet-major */
  const sushi_layer_latency* layer_latency; /* subnet-major */
  const uint64_t* desc_addr;
  const uint32_t* desc_count;
} fw_image;

/* Empties the pool. */
void fw_image_pool_reset(fw_image_pool* pool);

/* Reads and validates the image at [addr, addr + size) through the HAL into tables taken from
 * `pool`. On any problem (or a full pool) it calls hal_fault with a SUSHI_FAULT_IMAGE_* code and
 * a message naming the field (does not return). */
void fw_image_load(fw_image* img, fw_image_pool* pool, uint64_t addr, uint64_t size);

/* An image built like `like` but for another activation arena (another accelerator with the same
 * weight layout): the same weights, catalog and latency tables, its own descriptors. Validates its
 * header, CRC and section table against `like`'s and shares its tables; reads only its descriptor
 * addresses. */
void fw_image_load_alike(fw_image* img, fw_image_pool* pool, uint64_t addr, uint64_t size, const fw_image* like);

/* The scheduler's view of the loaded image (pointers into the pool). */
void fw_image_sched_model(const fw_image* img, sushi_sched_model* out);

#endif /* SUSHI_FW_IMAGE_H */
