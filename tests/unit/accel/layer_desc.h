// Layer descriptors for the tile-model tests: the whole SuperNet layer active (K' = K_max,
// C' = C_max, k' = kernel_max), square maps, groups = channels for depthwise, 1 otherwise.
#pragma once

#include <cstdint>

#include "sushi/accel_regs.h"

namespace sushi::accel::test {

inline sushi_layer_desc full_layer(std::uint8_t op, std::uint8_t kernel, std::uint16_t k, std::uint16_t c,
                                   std::uint16_t in_hw, std::uint16_t out_hw, std::uint8_t stride = 1) {
  sushi_layer_desc d{};
  d.op = op;
  d.kernel = d.kernel_max = kernel;
  d.stride = stride;
  d.k_out = d.k_max = k;
  d.c_in = d.c_max = c;
  d.in_h = d.in_w = in_hw;
  d.out_h = d.out_w = out_hw;
  d.groups = op == SUSHI_OP_DWCONV ? k : 1;
  return d;
}

}  // namespace sushi::accel::test
