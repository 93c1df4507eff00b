#include "supernet/latency_model.h"

#include <cmath>

#include "supernet/supernet.h"

namespace sushi::supernet {

namespace {
uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }
}  // namespace

uint64_t layer_compute_cycles(const SuperLayer& l, const Region& r, const LatencyParams& p) {
  if (!r.included) return 0;
  const uint64_t kp = p.layout.k_par, cp = p.layout.c_par, taps = p.taps;
  const uint64_t k_tiles = ceil_div(r.k, kp);
  // Strided layers get no special support: every input position is computed (facts sheet).
  const uint64_t positions = static_cast<uint64_t>(l.out_h) * l.out_w * l.stride * l.stride;
  const uint64_t kk = static_cast<uint64_t>(r.kernel) * r.kernel;
  switch (l.kind) {
    case LayerKind::Conv:  // larger kernels run as ceil(k*k / taps) 3x3 sub-layers
      return k_tiles * ceil_div(r.c, cp) * ceil_div(kk, taps) * positions;
    case LayerKind::DwConv:  // one input channel per output channel: K_par lanes, C lanes idle
      return k_tiles * ceil_div(kk, taps) * positions;
    case LayerKind::Pointwise:  // 1x1 folding: C_par x taps input channels per pass
    case LayerKind::SeReduce:
    case LayerKind::SeExpand:
    case LayerKind::Linear:
      return k_tiles * ceil_div(ceil_div(r.c, cp), taps) * positions;
  }
  return 0;
}

LatencyEstimate estimate_latency(const SuperNet& net, const SubGraph& g, const LatencyParams& p) {
  validate(net, g);
  WeightLayout layout(net, p.layout);
  LatencyEstimate e;
  for (size_t i = 0; i < net.size(); ++i) {
    e.compute_cycles += layer_compute_cycles(net.layers()[i], g.regions[i], p);
    e.weight_bytes += layout.region_bytes(i, g.regions[i]);
  }
  e.weight_cycles = static_cast<uint64_t>(std::ceil(static_cast<double>(e.weight_bytes) / p.dram_bytes_per_cycle));
  return e;
}

}  // namespace sushi::supernet
