/* SushiAccel hardware interface: register map, error codes, and the in-memory layouts the
 * accelerator reads (layer descriptors, PB map entries, PB load entries).
 * One source of truth for the firmware, the accelerator model and the host tools.
 * Freestanding C11 / C++17: <stdint.h> only. All multi-byte fields are little-endian; structs
 * have explicit padding and fixed sizes (checked below). See docs/accel.md sections 4-5,
 * docs/supernet.md, and docs/architecture.md section 3 for the layer this header belongs to. */
#ifndef SUSHI_ACCEL_REGS_H
#define SUSHI_ACCEL_REGS_H

#include <stdint.h>

#ifdef __cplusplus
#define SUSHI_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
extern "C" {
#else
#define SUSHI_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

/* ---- Register block (32-bit registers, byte offsets from the accelerator base) ---- */
#define SUSHI_REG_ID               0x000u /* RO: SUSHI_ID_VALUE */
#define SUSHI_REG_VERSION          0x004u /* RO: SUSHI_IF_VERSION */
#define SUSHI_REG_CTRL             0x008u /* WO */
#define SUSHI_REG_STATUS           0x00Cu /* RO */
#define SUSHI_REG_IRQ_ENABLE       0x010u /* RW */
#define SUSHI_REG_IRQ_STATUS       0x014u /* RW1C */
#define SUSHI_REG_ERR_CODE         0x018u /* RO: enum sushi_err */
#define SUSHI_REG_ERR_INFO         0x01Cu /* RO: index of the offending descriptor or entry */
#define SUSHI_REG_JOB_DESC_ADDR_LO 0x020u /* RW */
#define SUSHI_REG_JOB_DESC_ADDR_HI 0x024u /* RW */
#define SUSHI_REG_JOB_DESC_COUNT   0x028u /* RW */
#define SUSHI_REG_PB_MAP_ADDR_LO   0x030u /* RW */
#define SUSHI_REG_PB_MAP_ADDR_HI   0x034u /* RW */
#define SUSHI_REG_PB_MAP_COUNT     0x038u /* RW */
#define SUSHI_REG_PB_LOAD_ADDR_LO  0x040u /* RW */
#define SUSHI_REG_PB_LOAD_ADDR_HI  0x044u /* RW */
#define SUSHI_REG_PB_LOAD_COUNT    0x048u /* RW */

/* Performance counters: 64-bit values as LO/HI register pairs (RO). */
#define SUSHI_REG_PERF_BASE             0x080u
#define SUSHI_PERF_CYCLES               0u
#define SUSHI_PERF_MACS                 1u
#define SUSHI_PERF_DRAM_RD_BYTES        2u
#define SUSHI_PERF_DRAM_WR_BYTES        3u
#define SUSHI_PERF_PB_RD_BYTES          4u
#define SUSHI_PERF_STALL_CYCLES         5u
#define SUSHI_PERF_COUNT                6u
#define SUSHI_REG_PERF_LO(n) (SUSHI_REG_PERF_BASE + 8u * (uint32_t)(n))
#define SUSHI_REG_PERF_HI(n) (SUSHI_REG_PERF_BASE + 8u * (uint32_t)(n) + 4u)

#define SUSHI_REG_CAPS0            0x0F0u /* RO: PB size in KiB */
#define SUSHI_REG_CAPS1            0x0F4u /* RO: K_par [7:0], C_par [15:8], taps [23:16] */
#define SUSHI_REG_BLOCK_SIZE       0x100u /* bytes of register space */

#define SUSHI_ID_VALUE    0x53555348u /* "SUSH" */
#define SUSHI_IF_VERSION  0x00010000u /* major 1, minor 0 (major << 16 | minor) */

/* CTRL bits */
#define SUSHI_CTRL_START_JOB     (1u << 0)
#define SUSHI_CTRL_START_PB_LOAD (1u << 1)
#define SUSHI_CTRL_SOFT_RESET    (1u << 31)
/* STATUS bits */
#define SUSHI_STATUS_BUSY  (1u << 0)
#define SUSHI_STATUS_DONE  (1u << 1)
#define SUSHI_STATUS_ERROR (1u << 2)
/* IRQ_ENABLE / IRQ_STATUS bits */
#define SUSHI_IRQ_JOB_DONE     (1u << 0)
#define SUSHI_IRQ_PB_LOAD_DONE (1u << 1)
#define SUSHI_IRQ_ERROR        (1u << 2)
/* CAPS1 fields */
#define SUSHI_CAPS1_K_PAR(v) ((uint32_t)(v) & 0xFFu)
#define SUSHI_CAPS1_C_PAR(v) (((uint32_t)(v) >> 8) & 0xFFu)
#define SUSHI_CAPS1_TAPS(v)  (((uint32_t)(v) >> 16) & 0xFFu)

/* ERR_CODE values */
enum sushi_err {
  SUSHI_ERR_NONE = 0,
  SUSHI_ERR_BAD_DESCRIPTOR = 1,  /* unknown op, zero/oversized shape, region larger than the layer */
  SUSHI_ERR_ADDR_RANGE = 2,      /* an address outside mapped memory */
  SUSHI_ERR_PB_OVERFLOW = 3,     /* PB map or PB load beyond the PB capacity */
  SUSHI_ERR_BUSY = 4,            /* START while BUSY */
  SUSHI_ERR_BAD_PB_MAP = 5,      /* PB map entry malformed (region larger than the layer) */
  SUSHI_ERR_BAD_PB_LOAD = 6,     /* PB load entry malformed (zero bytes, misaligned) */
  SUSHI_ERR_BAD_COUNT = 7        /* descriptor/entry count zero or above the limit */
};

/* ---- Layer descriptor (64 bytes; the job is a contiguous array of these) ---- */
enum sushi_op {
  SUSHI_OP_CONV = 1,      /* dense KxK convolution */
  SUSHI_OP_DWCONV = 2,    /* depthwise convolution (groups = channels) */
  SUSHI_OP_CONV1X1 = 3,   /* pointwise convolution */
  SUSHI_OP_FC = 4,        /* fully connected (input is a 1x1 map) */
  SUSHI_OP_SE_REDUCE = 5, /* squeeze-excite reduce: global-avg-pool(input) -> 1x1 conv -> act */
  SUSHI_OP_SE_EXPAND = 6  /* squeeze-excite expand: 1x1 conv -> h_sigmoid; output = scale vector */
};
enum sushi_act { SUSHI_ACT_NONE = 0, SUSHI_ACT_RELU = 1, SUSHI_ACT_HSWISH = 2, SUSHI_ACT_HSIGMOID = 3 };

/* flags */
#define SUSHI_DESC_RESIDUAL_ADD     (1u << 0) /* out = act(conv + aux) (or conv-act + aux, see ACT_BEFORE_ADD) */
#define SUSHI_DESC_ACT_BEFORE_ADD   (1u << 1)
#define SUSHI_DESC_SE_SCALE_INPUT   (1u << 2) /* input channels are multiplied by the scale vector at aux */
#define SUSHI_DESC_PRE_AVGPOOL      (1u << 3) /* avg-pool stride x stride before the conv (then stride 1) */
#define SUSHI_DESC_PRE_GLOBALPOOL   (1u << 4) /* global average pool of the input before the conv */
#define SUSHI_DESC_POST_MAXPOOL     (1u << 5) /* 3x3 stride-2 max pool after the activation */
#define SUSHI_DESC_KERNEL_TRANSFORM (1u << 6) /* kernel < kernel_max: apply the layer's transform matrices */
#define SUSHI_DESC_LAST             (1u << 7) /* last descriptor of the job */

/* act_flags (accel.activations: on_chip; all zero otherwise). Bits 3..15 hold the KiB (rounded
 * up) of other tensors resident in the activation store while the layer runs, which the staging of
 * a DRAM input cannot use (docs/accel.md, "Activation residency"). */
#define SUSHI_ACT_IN_ONCHIP    (1u << 0) /* input map is resident: no DRAM read */
#define SUSHI_ACT_OUT_ONCHIP   (1u << 1) /* output stays resident: no DRAM write */
#define SUSHI_ACT_AUX_ONCHIP   (1u << 2) /* residual map / SE scale vector is resident */
#define SUSHI_ACT_PINNED_SHIFT 3u
#define SUSHI_ACT_PINNED_KIB_MAX 8191u

typedef struct sushi_layer_desc {
  uint8_t op;              /* enum sushi_op */
  uint8_t act;             /* enum sushi_act */
  uint8_t kernel;          /* active kernel k' (centre of kernel_max) */
  uint8_t kernel_max;      /* SuperNet kernel (weight layout geometry) */
  uint8_t stride;
  uint8_t flags;           /* SUSHI_DESC_* */
  uint16_t layer_index;    /* SuperNet layer: index into the PB map */
  uint16_t k_out;          /* active output channels K' */
  uint16_t c_in;           /* active input channels C' */
  uint16_t k_max;          /* SuperNet output channels (weight layout geometry) */
  uint16_t c_max;          /* SuperNet input channels */
  uint16_t in_h, in_w;
  uint16_t out_h, out_w;
  uint16_t groups;         /* 1, or channels for depthwise */
  uint16_t act_flags;      /* SUSHI_ACT_*: where the input, output and aux map live (on_chip mode) */
  uint32_t weight_bytes;   /* bytes of the active region in whole blocks */
  uint64_t weight_addr;    /* DRAM address of the layer's full weight block array */
  uint64_t in_addr;        /* input activations */
  uint64_t out_addr;       /* output activations */
  uint64_t aux_addr;       /* residual source / SE scale vector / transform matrices, per flags */
} sushi_layer_desc;
SUSHI_STATIC_ASSERT(sizeof(sushi_layer_desc) == 64, "sushi_layer_desc must be 64 bytes");

/* ---- PB map entry (16 bytes; one per SuperNet layer) ---- */
#define SUSHI_PB_VALID (1u << 0)
typedef struct sushi_pb_map_entry {
  uint32_t pb_offset;     /* byte offset in the PB of the cached region's first block */
  uint16_t k_cached;      /* cached region: first K_c output channels ... */
  uint16_t c_cached;      /* ... first C_c input channels ... */
  uint8_t kernel_cached;  /* ... centre k_c x k_c taps */
  uint8_t flags;          /* SUSHI_PB_VALID */
  uint16_t reserved0;
  uint32_t bytes;         /* PB bytes the cached region occupies (whole blocks) */
} sushi_pb_map_entry;
SUSHI_STATIC_ASSERT(sizeof(sushi_pb_map_entry) == 16, "sushi_pb_map_entry must be 16 bytes");

/* ---- PB load entry (16 bytes): copy `bytes` from DRAM to the PB ---- */
typedef struct sushi_pb_load_entry {
  uint64_t dram_addr;
  uint32_t pb_offset;
  uint32_t bytes;
} sushi_pb_load_entry;
SUSHI_STATIC_ASSERT(sizeof(sushi_pb_load_entry) == 16, "sushi_pb_load_entry must be 16 bytes");

#ifdef __cplusplus
}
#endif

#endif /* SUSHI_ACCEL_REGS_H */
