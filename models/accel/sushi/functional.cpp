#include "accel/sushi/functional.h"

#include <algorithm>
#include <vector>

namespace sushi::accel {

bool functional_supported(const sushi_layer_desc& d) {
  const bool op_ok = d.op == SUSHI_OP_CONV || d.op == SUSHI_OP_DWCONV || d.op == SUSHI_OP_CONV1X1 || d.op == SUSHI_OP_FC;
  const std::uint8_t unsupported = SUSHI_DESC_SE_SCALE_INPUT | SUSHI_DESC_PRE_AVGPOOL | SUSHI_DESC_PRE_GLOBALPOOL |
                                   SUSHI_DESC_POST_MAXPOOL | SUSHI_DESC_KERNEL_TRANSFORM;
  return op_ok && (d.flags & unsupported) == 0;
}

void compute_ktile(const sushi_layer_desc& d, const LayerPlan& plan, const AccelParams& p, std::uint32_t ktile,
                   const FunctionalOperands& ops) {
  const WeightGeometry& g = plan.geo;
  const auto taps = centre_first_taps(d.kernel_max);
  const std::uint32_t n_taps = plan.unit_taps;
  const std::uint32_t k0 = ktile * p.k_par;
  const std::uint32_t lanes = plan.lanes(ktile, d.k_out, p.k_par);
  const int in_h = d.in_h, in_w = d.in_w;
  const std::uint64_t in_plane = std::uint64_t{d.in_h} * d.in_w;
  const std::uint64_t out_plane = plan.out_pixels;
  for (std::uint32_t k = k0; k < k0 + lanes; ++k) {
    const std::uint32_t c_begin = g.depthwise ? k : 0;
    const std::uint32_t c_end = g.depthwise ? k + 1 : d.c_in;
    for (int oy = 0; oy < d.out_h; ++oy) {
      for (int ox = 0; ox < d.out_w; ++ox) {
        std::int64_t acc = 0;
        for (std::uint32_t c = c_begin; c < c_end; ++c) {
          const std::uint32_t cw = g.depthwise ? 0 : c;  // weight's input channel
          const std::uint64_t unit = g.unit_offset(ktile, cw / g.c_par_eff);
          const std::uint64_t lane = std::uint64_t{k % p.k_par} * g.c_par_eff + cw % g.c_par_eff;
          for (std::uint32_t t = 0; t < n_taps; ++t) {
            const int iy = oy * d.stride + taps[t].first;
            const int ix = ox * d.stride + taps[t].second;
            if (iy < 0 || ix < 0 || iy >= in_h || ix >= in_w) continue;
            const auto w = static_cast<std::int8_t>(ops.weights[unit + t * g.tap_bytes + lane]);
            acc += std::int64_t{w} * ops.input[c * in_plane + static_cast<std::uint64_t>(iy) * d.in_w + ix];
          }
        }
        std::int64_t v = acc >> p.functional_output_shift;
        const std::uint64_t o = k * out_plane + static_cast<std::uint64_t>(oy) * d.out_w + ox;
        if (d.flags & SUSHI_DESC_RESIDUAL_ADD) {
          if (d.flags & SUSHI_DESC_ACT_BEFORE_ADD) v = std::max<std::int64_t>(v, 0);
          v += ops.aux ? ops.aux[o] : 0;
        }
        ops.output[o] = static_cast<std::uint8_t>(std::clamp<std::int64_t>(v, 0, 255));
      }
    }
  }
}

}  // namespace sushi::accel
