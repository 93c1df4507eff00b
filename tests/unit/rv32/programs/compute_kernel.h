/* The compute kernel shared by the RV32 test program compute.c and the host-side check. */
#ifndef SUSHI_COMPUTE_KERNEL_H
#define SUSHI_COMPUTE_KERNEL_H

#include <stdint.h>

static inline uint32_t sushi_compute_kernel(uint32_t n) {
  uint32_t crc = 0xFFFFFFFFu, acc = 1u, i, k;
  for (i = 0; i < n; ++i) {
    const uint32_t v = i * 2654435761u;
    crc ^= v;
    for (k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    acc = acc * 33u + (v >> 7);
    acc ^= (uint32_t)((uint64_t)acc * v >> 32);
    acc += v / (i + 3u) + v % 7u;
  }
  return crc ^ acc;
}

#endif
