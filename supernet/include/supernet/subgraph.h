// SubGraphs: per-layer nested regions (the same form as a SubNet's region) and their algebra.
#pragma once
#include <cstdint>
#include <vector>

#include "supernet/arch.h"
#include "supernet/layer.h"
#include "supernet/subnet.h"

namespace sushi::supernet {

class SuperNet;

struct SubGraph {
  Arch arch;
  std::vector<Region> regions;  // one per SuperNet layer
  bool operator==(const SubGraph& o) const { return arch == o.arch && regions == o.regions; }
  bool operator!=(const SubGraph& o) const { return !(*this == o); }
};

// The empty SubGraph of a SuperNet (no layer included).
SubGraph empty_subgraph(const SuperNet& net);

// Element-wise min (a layer is included only if included in both). Throws std::invalid_argument
// when the two belong to different SuperNets.
SubGraph intersect(const SubGraph& a, const SubGraph& b);
// Smallest nested region containing both (element-wise max).
SubGraph union_bound(const SubGraph& a, const SubGraph& b);
// True when every region of inner lies inside outer.
bool contains(const SubGraph& outer, const SubGraph& inner);

// Exact weight elements / bytes (bytes_per_weight per element, int8 = 1).
uint64_t weight_elements(const SuperNet& net, const SubGraph& g);
uint64_t size_bytes(const SuperNet& net, const SubGraph& g, uint32_t bytes_per_weight = 1);
// Bytes of g that a SubNet uses: size_bytes(intersect(g, region_of(s))).
uint64_t overlap_bytes(const SuperNet& net, const SubGraph& g, const SubNetConfig& s,
                       uint32_t bytes_per_weight = 1);
uint64_t overlap_bytes(const SuperNet& net, const SubGraph& a, const SubGraph& b,
                       uint32_t bytes_per_weight = 1);

// Throws std::invalid_argument unless g has one region per layer, each within the layer's maximum.
void validate(const SuperNet& net, const SubGraph& g);

}  // namespace sushi::supernet
