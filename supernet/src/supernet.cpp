#include "supernet/supernet.h"

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "supernet/family.h"
#include "supernet/subgraph.h"

namespace sushi::supernet {

SuperNet SuperNet::build(Arch a, int resolution) {
  check_resolution(a, resolution, std::string(arch_name(a)));
  SuperNet n;
  n.arch_ = a;
  n.resolution_ = resolution;
  n.layers_ = a->layers(static_cast<uint32_t>(resolution));
  return n;
}

const SuperNet& SuperNet::get(Arch a, int resolution) {
  // Built on first use per (arch, resolution); entries are never removed, so references stay valid.
  static std::mutex mu;
  static std::map<std::pair<Arch, int>, std::unique_ptr<const SuperNet>> nets;
  const std::lock_guard<std::mutex> lock(mu);
  auto& slot = nets[{a, resolution}];
  if (!slot) {
    try {
      slot = std::make_unique<const SuperNet>(build(a, resolution));
    } catch (...) {
      nets.erase({a, resolution});
      throw;
    }
  }
  return *slot;
}

SubGraph SuperNet::region_of(const SubNetConfig& s) const {
  if (s.arch != arch_)
    throw SubNetError("SubNet of " + std::string(arch_name(s.arch)) + " used with SuperNet " +
                      std::string(arch_name(arch_)));
  validate(s);
  SubGraph g;
  g.arch = arch_;
  g.regions = arch_->regions(s);
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
  const SuperNet& net = SuperNet::of(s);
  return totals(net, net.region_of(s));
}

}  // namespace sushi::supernet
