// Functional mode: int8 arithmetic of one K-tile of a layer, from the bytes the DMA and the PB
// delivered (docs/accel.md, "Functional mode"). Data formats:
//   activations uint8, planar [C][H][W] (zero point 0); outputs uint8 planar [K][OH][OW]
//   weights int8 in the layer's block layout (WeightGeometry: units of k_par x c_par_eff per tap,
//   taps centre-first), the buffer holding the full layer area as it lies in DRAM
//   acc(k, oy, ox) = sum_c sum_t w(k, c, t) x in(c, oy*stride + dy_t, ox*stride + dx_t)
//   (positions outside the input map read 0: 'same' padding k'/2; depthwise: c = k only)
//   out = clamp(acc >> output_shift, 0, 255); with a residual add, aux(k, oy, ox) is added before
//   the clamp (or after a ReLU clamp when ACT_BEFORE_ADD is set).
// Supported: CONV, DWCONV, CONV1X1, FC without pooling, SE scaling or kernel transform flags.
#pragma once

#include <cstdint>

#include "accel/sushi/accel_params.h"
#include "accel/sushi/tile_model.h"
#include "sushi/accel_regs.h"

namespace sushi::accel {

struct FunctionalOperands {
  const std::uint8_t* weights = nullptr;  // layer weight area (geo.layer_bytes())
  const std::uint8_t* input = nullptr;    // plan.in_bytes
  const std::uint8_t* aux = nullptr;      // residual map (k_out x out pixels) or null
  std::uint8_t* output = nullptr;         // k_out x out pixels
};

bool functional_supported(const sushi_layer_desc& d);

// Computes output channels [ktile*k_par, ktile*k_par + lanes) into ops.output.
void compute_ktile(const sushi_layer_desc& d, const LayerPlan& plan, const AccelParams& p, std::uint32_t ktile,
                   const FunctionalOperands& ops);

}  // namespace sushi::accel
