/* Model image: the binary the host library writes and the firmware reads from DRAM. It describes
 * the SuperNet (layer table with maximum shapes and weight layout), the SubNet catalog with each
 * SubNet's per-layer region and its precompiled layer-descriptor list, and latency coefficients.
 * Weights themselves are not in the image: they live at header.weights_base in the layout the
 * layer table describes.
 * Freestanding C11 / C++17, <stdint.h> only, little-endian, fixed-size structs. Byte-by-byte
 * description: docs/supernet.md, "Model image format". */
#ifndef SUSHI_MODEL_IMAGE_H
#define SUSHI_MODEL_IMAGE_H

#include <stdint.h>

#include "sushi/accel_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SUSHI_IMG_MAGIC         0x474D4953u /* bytes 'S' 'I' 'M' 'G' */
#define SUSHI_IMG_VERSION_MAJOR 1u
#define SUSHI_IMG_VERSION_MINOR 2u /* 1.1: LAYER_LATENCY section, fixed_cycles; 1.2: SubNet resolution */

enum sushi_img_arch {
  SUSHI_IMG_ARCH_OFA_RESNET50 = 1,
  SUSHI_IMG_ARCH_OFA_MBV3_W10 = 2,
  SUSHI_IMG_ARCH_OFA_MBV3_W12 = 3
};

/* Header at offset 0 (64 bytes). */
typedef struct sushi_img_header {
  uint32_t magic;                /* SUSHI_IMG_MAGIC */
  uint16_t version_major;        /* readers reject a different major */
  uint16_t version_minor;
  uint32_t header_size;          /* sizeof(sushi_img_header) */
  uint32_t total_size;           /* bytes of the whole image */
  uint32_t crc32;                /* CRC-32/IEEE (reflected 0xEDB88320, init and xorout 0xFFFFFFFF)
                                    of all total_size bytes with this field taken as zero */
  uint32_t arch;                 /* enum sushi_img_arch */
  uint32_t section_count;        /* entries in the section table */
  uint32_t section_table_offset; /* byte offset of the section table (8-byte aligned) */
  uint16_t k_par;                /* weight layout block: output channels */
  uint16_t c_par;                /* weight layout block: input channels */
  uint8_t bytes_per_weight;      /* 1 = int8 */
  uint8_t reserved0[3];
  uint32_t layer_count;          /* SuperNet layers (entries of the LAYERS section) */
  uint32_t subnet_count;         /* catalog entries */
  uint64_t weights_base;         /* DRAM address the descriptors assume for weight offset 0 */
  uint64_t act_base;             /* DRAM address of the activation arena the descriptors use */
} sushi_img_header;
SUSHI_STATIC_ASSERT(sizeof(sushi_img_header) == 64, "sushi_img_header must be 64 bytes");

enum sushi_img_section_type {
  SUSHI_IMG_SEC_LAYERS = 1,      /* layer_count x sushi_img_layer */
  SUSHI_IMG_SEC_CATALOG = 2,     /* subnet_count x sushi_img_subnet */
  SUSHI_IMG_SEC_REGIONS = 3,     /* subnet_count x layer_count x sushi_img_region */
  SUSHI_IMG_SEC_DESCRIPTORS = 4, /* sushi_layer_desc entries, referenced by the catalog */
  SUSHI_IMG_SEC_LATENCY = 5,     /* subnet_count x sushi_img_latency_coef */
  SUSHI_IMG_SEC_LAYER_LATENCY = 6 /* subnet_count x layer_count x sushi_img_layer_latency */
};

/* Section table entry (16 bytes). Sections are 8-byte aligned, inside the image, non-overlapping. */
typedef struct sushi_img_section {
  uint32_t type;   /* enum sushi_img_section_type; each type appears exactly once */
  uint32_t offset; /* from the start of the image */
  uint32_t size;   /* bytes = count * entry size */
  uint32_t count;  /* entries */
} sushi_img_section;
SUSHI_STATIC_ASSERT(sizeof(sushi_img_section) == 16, "sushi_img_section must be 16 bytes");

/* Layer flags */
#define SUSHI_IMG_LAYER_OPTIONAL     (1u << 0) /* may be excluded by depth */
#define SUSHI_IMG_LAYER_RESIDUAL     (1u << 1)
#define SUSHI_IMG_LAYER_DEPTHWISE    (1u << 2)

/* SuperNet layer table entry (64 bytes). */
typedef struct sushi_img_layer {
  uint8_t op;               /* enum sushi_op */
  uint8_t act;              /* enum sushi_act */
  uint8_t kernel_max;
  uint8_t kernel_min;
  uint8_t stride;
  uint8_t flags;            /* SUSHI_IMG_LAYER_* */
  uint16_t reserved0;
  uint16_t k_max, c_max;    /* maximum output / input channels */
  uint16_t in_h, in_w, out_h, out_w;
  uint16_t k_tiles;         /* ceil(k_max / k_par) */
  uint16_t c_tiles;         /* ceil(c_max / c_par); 1 for depthwise */
  uint32_t tap_bytes;       /* one tap of one block: k_par * (c_par or 1) * bytes_per_weight */
  uint32_t unit_bytes;      /* one (K-tile, C-tile) unit: kernel_max^2 * tap_bytes */
  uint64_t weight_offset;   /* from weights_base: blocks [K-tile][C-tile][tap, centre-first] */
  uint64_t weight_bytes;    /* k_tiles * c_tiles * unit_bytes */
  uint64_t transform_offset;/* from weights_base: kernel-transform matrices (0 if none) */
  uint32_t transform_bytes; /* (25x25 for 7->5, then 9x9 for 5->3) * bytes_per_weight */
  int32_t shortcut_layer;   /* layer whose output is the residual, -1 = block input */
} sushi_img_layer;
SUSHI_STATIC_ASSERT(sizeof(sushi_img_layer) == 64, "sushi_img_layer must be 64 bytes");

/* Catalog entry flags */
#define SUSHI_IMG_ACC_PROXY (1u << 0) /* accuracy is the proxy fitted to published OFA figures */

/* Catalog entry (64 bytes). */
typedef struct sushi_img_subnet {
  uint32_t id;              /* stable id = index in the catalog */
  uint32_t flags;           /* SUSHI_IMG_ACC_PROXY */
  uint32_t accuracy_milli;  /* top-1 in thousandths of a percent (79812 = 79.812 %) */
  uint32_t region_offset;   /* byte offset inside the REGIONS section of its layer_count regions */
  uint32_t desc_offset;     /* byte offset inside the DESCRIPTORS section of its first descriptor */
  uint32_t desc_count;      /* descriptors (the included layers, in execution order) */
  uint64_t macs;
  uint64_t weight_params;
  uint64_t weight_bytes;    /* whole-block DRAM bytes of its region */
  uint64_t transform_bytes; /* kernel-transform matrix bytes it reads */
  uint16_t resolution;      /* input resolution in pixels (square), 128..224 step 4; 0 in 1.0/1.1 = 224 */
  uint16_t reserved0;
  uint32_t reserved1;
} sushi_img_subnet;
SUSHI_STATIC_ASSERT(sizeof(sushi_img_subnet) == 64, "sushi_img_subnet must be 64 bytes");

/* Per-layer region of a SubNet (8 bytes); included = 0 means the layer is skipped. */
typedef struct sushi_img_region {
  uint16_t k;
  uint16_t c;
  uint8_t kernel;
  uint8_t included;
  uint16_t reserved0;
} sushi_img_region;
SUSHI_STATIC_ASSERT(sizeof(sushi_img_region) == 8, "sushi_img_region must be 8 bytes");

/* Latency coefficients (docs/sched.md, "Latency prediction"). The firmware predicts a SubNet's
 * accelerator cycles with a SubGraph in the PB as
 *   fixed_cycles + sum over its layers of
 *     cached_cycles + (uncached_weight_bytes * cycles_per_kib_q8) / (256 * 1024).
 * The host writes an analytic estimate (flag SUSHI_IMG_LAT_ANALYTIC) unless a profile measured on
 * the VP (`sushi-vp profile`, flag SUSHI_IMG_LAT_PROFILED) is given. */
#define SUSHI_IMG_LAT_ANALYTIC (1u << 0)
#define SUSHI_IMG_LAT_PROFILED (1u << 1)
/* Per SubNet (24 bytes). */
typedef struct sushi_img_latency_coef {
  uint64_t fixed_cycles;    /* job time outside its layers (descriptor and PB-map fetch, start) */
  uint64_t weight_cycles;   /* cycles streaming its whole region from DRAM (nothing cached) */
  uint32_t cycles_per_kib_q8; /* mean weight streaming cycles per KiB over its layers, Q24.8 */
  uint32_t flags;           /* SUSHI_IMG_LAT_* */
} sushi_img_latency_coef;
SUSHI_STATIC_ASSERT(sizeof(sushi_img_latency_coef) == 24, "sushi_img_latency_coef must be 24 bytes");

/* Per SubNet and layer (8 bytes; zero for layers the SubNet skips). */
typedef struct sushi_img_layer_latency {
  uint32_t cached_cycles;     /* the layer with all its weights in the PB */
  uint32_t cycles_per_kib_q8; /* extra cycles per KiB of its weights streamed from DRAM, Q24.8 */
} sushi_img_layer_latency;
SUSHI_STATIC_ASSERT(sizeof(sushi_img_layer_latency) == 8, "sushi_img_layer_latency must be 8 bytes");

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_MODEL_IMAGE_H */
