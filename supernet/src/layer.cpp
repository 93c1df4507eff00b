#include "supernet/layer.h"

namespace sushi::supernet {

std::string_view kind_name(LayerKind k) {
  switch (k) {
    case LayerKind::Conv: return "conv";
    case LayerKind::DwConv: return "dwconv";
    case LayerKind::Pointwise: return "conv1x1";
    case LayerKind::SeReduce: return "se_reduce";
    case LayerKind::SeExpand: return "se_expand";
    case LayerKind::Linear: return "fc";
  }
  return "?";
}

std::string_view act_name(Act a) {
  switch (a) {
    case Act::None: return "none";
    case Act::Relu: return "relu";
    case Act::HSwish: return "h_swish";
    case Act::HSigmoid: return "h_sigmoid";
  }
  return "?";
}

std::string_view pool_name(Pool p) {
  switch (p) {
    case Pool::None: return "none";
    case Pool::Avg: return "avgpool";
    case Pool::GlobalAvg: return "global_avgpool";
    case Pool::Max3x3s2: return "maxpool3x3s2";
  }
  return "?";
}

uint64_t weight_elements(const SuperLayer& l, const Region& r) {
  if (!r.included) return 0;
  const uint64_t taps = static_cast<uint64_t>(r.kernel) * r.kernel;
  return static_cast<uint64_t>(r.k) * weight_in_channels(l, r) * taps;
}

uint64_t region_macs(const SuperLayer& l, const Region& r) {
  return static_cast<uint64_t>(l.out_h) * l.out_w * weight_elements(l, r);
}

}  // namespace sushi::supernet
