#include "supernet/subgraph.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "supernet/supernet.h"

namespace sushi::supernet {

namespace {
void same_shape(const SubGraph& a, const SubGraph& b) {
  if (a.arch != b.arch || a.regions.size() != b.regions.size())
    throw std::invalid_argument("SubGraphs of different SuperNets (" + std::string(arch_name(a.arch)) + ", " +
                                std::string(arch_name(b.arch)) + ")");
}
}  // namespace

SubGraph empty_subgraph(const SuperNet& net) {
  SubGraph g;
  g.arch = net.arch();
  g.regions.assign(net.size(), Region{});
  return g;
}

namespace {

// Region by region: a region is in the result when `keep(x.included, y.included)`, with each
// size `pick`ed from the two (min for the intersection, max for the union bound).
template <class Keep, class Pick>
SubGraph combine(const SubGraph& a, const SubGraph& b, Keep keep, Pick pick) {
  same_shape(a, b);
  SubGraph g;
  g.arch = a.arch;
  g.regions.resize(a.regions.size());
  for (size_t i = 0; i < a.regions.size(); ++i) {
    const Region &x = a.regions[i], &y = b.regions[i];
    if (keep(x.included, y.included))
      g.regions[i] = Region{true, pick(x.k, y.k), pick(x.c, y.c), pick(x.kernel, y.kernel)};
  }
  return g;
}

}  // namespace

SubGraph intersect(const SubGraph& a, const SubGraph& b) {
  return combine(a, b, [](bool x, bool y) { return x && y; }, [](auto x, auto y) { return std::min(x, y); });
}

SubGraph union_bound(const SubGraph& a, const SubGraph& b) {
  return combine(a, b, [](bool x, bool y) { return x || y; }, [](auto x, auto y) { return std::max(x, y); });
}

bool contains(const SubGraph& outer, const SubGraph& inner) {
  same_shape(outer, inner);
  for (size_t i = 0; i < outer.regions.size(); ++i) {
    const Region &o = outer.regions[i], &n = inner.regions[i];
    if (!n.included) continue;
    if (!o.included || n.k > o.k || n.c > o.c || n.kernel > o.kernel) return false;
  }
  return true;
}

void validate(const SuperNet& net, const SubGraph& g) {
  if (g.arch != net.arch() || g.regions.size() != net.size())
    throw std::invalid_argument("SubGraph does not belong to SuperNet " + std::string(arch_name(net.arch())));
  for (size_t i = 0; i < net.size(); ++i) {
    const SuperLayer& l = net.layers()[i];
    const Region& r = g.regions[i];
    if (!r.included) {
      if (r.k || r.c || r.kernel)
        throw std::invalid_argument("SubGraph layer " + l.name + ": excluded region must be all zero");
      continue;
    }
    if (r.k == 0 || r.k > l.k_max || r.c == 0 || r.c > l.c_max || r.kernel == 0 || r.kernel > l.kernel_max ||
        r.kernel % 2 == 0)
      throw std::invalid_argument("SubGraph layer " + l.name + ": region (" + std::to_string(r.k) + ", " +
                                  std::to_string(r.c) + ", " + std::to_string(r.kernel) + ") exceeds the layer (" +
                                  std::to_string(l.k_max) + ", " + std::to_string(l.c_max) + ", " +
                                  std::to_string(l.kernel_max) + ") or has an even kernel");
    if (l.kind == LayerKind::DwConv && r.k != r.c)
      throw std::invalid_argument("SubGraph layer " + l.name + ": depthwise region needs K' == C'");
  }
}

uint64_t weight_elements(const SuperNet& net, const SubGraph& g) {
  validate(net, g);
  uint64_t n = 0;
  for (size_t i = 0; i < net.size(); ++i) n += weight_elements(net.layers()[i], g.regions[i]);
  return n;
}

uint64_t size_bytes(const SuperNet& net, const SubGraph& g, uint32_t bytes_per_weight) {
  return weight_elements(net, g) * bytes_per_weight;
}

uint64_t overlap_bytes(const SuperNet& net, const SubGraph& a, const SubGraph& b, uint32_t bytes_per_weight) {
  return size_bytes(net, intersect(a, b), bytes_per_weight);
}

uint64_t overlap_bytes(const SuperNet& net, const SubGraph& g, const SubNetConfig& s, uint32_t bytes_per_weight) {
  return overlap_bytes(net, g, net.region_of(s), bytes_per_weight);
}

}  // namespace sushi::supernet
