// A SuperNet: its layers at maximum shape, and the per-layer nested regions of any SubNet.
#pragma once
#include <cstdint>
#include <vector>

#include "supernet/arch.h"
#include "supernet/layer.h"
#include "supernet/subgraph.h"
#include "supernet/subnet.h"

namespace sushi::supernet {

class SuperNet {
 public:
  // The SuperNets are immutable; get() returns a process-wide instance built on first use, one per
  // (arch, input resolution). Resolution changes only the spatial sizes of the layers, never their
  // channels or kernels, so every resolution of an arch has the same layers, weights and regions.
  static const SuperNet& get(Arch a, int resolution = kDefaultResolution);
  // The instance at a SubNet's own resolution (the one whose spatial sizes its MACs use).
  static const SuperNet& of(const SubNetConfig& s) { return get(s.arch, s.r); }

  Arch arch() const { return arch_; }
  int resolution() const { return resolution_; }
  const std::vector<SuperLayer>& layers() const { return layers_; }
  size_t size() const { return layers_.size(); }

  // Per-layer regions of a SubNet (validated; throws SubNetError). Regions do not depend on the
  // resolution, so any resolution's instance gives the same regions.
  SubGraph region_of(const SubNetConfig& s) const;
  // The whole SuperNet as a region (every layer at maximum shape).
  SubGraph full() const;

  // The builder get() uses (the family's layer list at that resolution); exposed for tests.
  static SuperNet build(Arch a, int resolution = kDefaultResolution);

 private:
  Arch arch_;
  int resolution_ = kDefaultResolution;
  std::vector<SuperLayer> layers_;
};

// Per-SubNet totals, counted as the OFA reference counts them (docs/supernet.md, "What is counted").
struct Totals {
  uint64_t weight_params = 0;  // conv + linear weights; biases, BN, kernel-transform matrices excluded
  uint64_t macs = 0;           // conv (SE convs included) + linear MACs
  uint64_t transform_params = 0;  // kernel-transform matrix entries this SubNet needs (MBv3, k < 7)
  uint64_t transform_macs = 0;    // MACs to transform its kernels on the fly (not in macs)
  uint32_t layers = 0;            // included layers
};
Totals totals(const SuperNet& net, const SubGraph& g);
Totals totals(const SubNetConfig& s);  // at the SubNet's resolution s.r

// Kernel-transform matrix entries for one depthwise layer whose largest kernel is kmax when run at
// kernel k: OFA derives 5x5 from the centre of 7x7 by a 25x25 matrix and 3x3 from the centre of
// that 5x5 by a 9x9 matrix.
uint64_t transform_entries(uint32_t kmax, uint32_t k);

}  // namespace sushi::supernet
