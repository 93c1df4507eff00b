/* The firmware's view of the model image: validated once at boot, kept in static tables. */
#ifndef SUSHI_FW_IMAGE_H
#define SUSHI_FW_IMAGE_H

#include <stdint.h>

#include "sushi/model_image.h"
#include "sched/sched_model.h"

#define FW_MAX_SUBNETS 512u
#define FW_MAX_LAYERS 128u /* = SUSHI_SCHED_MAX_LAYERS */
#define FW_MAX_REGIONS 16384u /* SubNets x layers the firmware holds (128 KiB per table) */

typedef struct fw_image {
  uint64_t base;                /* DRAM address of the image */
  sushi_img_header header;
  uint32_t subnet_count;
  uint32_t layer_count;
  uint64_t desc_section_addr;   /* DRAM address of the DESCRIPTORS section */
  uint64_t regions_section_addr;
  uint32_t accuracy_milli[FW_MAX_SUBNETS];
  uint64_t macs[FW_MAX_SUBNETS];
  uint64_t weight_bytes[FW_MAX_SUBNETS];
  uint64_t fixed_cycles[FW_MAX_SUBNETS];
  sushi_sched_layer layers[FW_MAX_LAYERS];
  sushi_img_region regions[FW_MAX_REGIONS];          /* subnet-major */
  sushi_layer_latency layer_latency[FW_MAX_REGIONS]; /* subnet-major */
  uint64_t desc_addr[FW_MAX_SUBNETS];
  uint32_t desc_count[FW_MAX_SUBNETS];
} fw_image;

/* Reads and validates the image at [addr, addr + size) through the HAL. On any problem it calls
 * hal_fault with a SUSHI_FAULT_IMAGE_* code and a message naming the field (does not return). */
void fw_image_load(fw_image* img, uint64_t addr, uint64_t size);

/* The scheduler's view of the loaded image (pointers into `img`). */
void fw_image_sched_model(const fw_image* img, sushi_sched_model* out);

#endif /* SUSHI_FW_IMAGE_H */
