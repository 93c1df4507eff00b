#include "supernet/supernet.h"

#include <stdexcept>

#include "arch_impl.h"
#include "supernet/subgraph.h"

namespace sushi::supernet {

SuperNet SuperNet::build_ofa_resnet50() {
  SuperNet n;
  n.arch_ = Arch::OfaResNet50;
  n.layers_ = detail::resnet50_layers();
  return n;
}

SuperNet SuperNet::build_ofa_mbv3(Arch a) {
  if (!is_mbv3(a)) throw std::invalid_argument("build_ofa_mbv3: not a MobileNetV3 arch");
  SuperNet n;
  n.arch_ = a;
  n.layers_ = detail::mbv3_layers(a);
  return n;
}

const SuperNet& SuperNet::get(Arch a) {
  static const SuperNet resnet = build_ofa_resnet50();
  static const SuperNet mb10 = build_ofa_mbv3(Arch::OfaMbv3W10);
  static const SuperNet mb12 = build_ofa_mbv3(Arch::OfaMbv3W12);
  switch (a) {
    case Arch::OfaResNet50: return resnet;
    case Arch::OfaMbv3W10: return mb10;
    case Arch::OfaMbv3W12: return mb12;
  }
  throw std::logic_error("SuperNet::get: bad arch");
}

SubGraph SuperNet::region_of(const SubNetConfig& s) const {
  if (s.arch != arch_)
    throw SubNetError("SubNet of " + std::string(arch_name(s.arch)) + " used with SuperNet " +
                      std::string(arch_name(arch_)));
  validate(s);
  SubGraph g;
  g.arch = arch_;
  g.regions = is_mbv3(arch_) ? detail::mbv3_regions(s) : detail::resnet50_regions(s);
  if (g.regions.size() != layers_.size()) throw std::logic_error("region_of: layer count mismatch");
  return g;
}

SubGraph SuperNet::full() const {
  SubGraph g;
  g.arch = arch_;
  for (const SuperLayer& l : layers_) g.regions.push_back(Region{true, l.k_max, l.c_max, l.kernel_max});
  return g;
}

uint64_t transform_entries(uint32_t kmax, uint32_t k) {
  uint64_t n = 0;
  for (uint32_t s = kmax; s > k && s >= 2; s -= 2) {
    const uint64_t t = static_cast<uint64_t>(s - 2) * (s - 2);
    n += t * t;
  }
  return n;
}

Totals totals(const SuperNet& net, const SubGraph& g) {
  validate(net, g);
  Totals t;
  for (size_t i = 0; i < net.size(); ++i) {
    const SuperLayer& l = net.layers()[i];
    const Region& r = g.regions[i];
    if (!r.included) continue;
    ++t.layers;
    t.weight_params += weight_elements(l, r);
    t.macs += region_macs(l, r);
    if (l.kind == LayerKind::DwConv && r.kernel < l.kernel_max) {
      const uint64_t e = transform_entries(l.kernel_max, r.kernel);
      t.transform_params += e;
      t.transform_macs += e * r.k;  // every channel's k_max^2 -> k^2 chain of matrix products
    }
  }
  return t;
}

Totals totals(const SubNetConfig& s) {
  const SuperNet& net = SuperNet::get(s.arch);
  return totals(net, net.region_of(s));
}

}  // namespace sushi::supernet
