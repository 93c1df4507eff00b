// Fast SubGraph/SubNet overlap for the scheduler's inner loop: regions packed as per-layer
// (a, b, t) triples so that overlap = sum over layers of min(a)*min(b)*min(t)*unit[layer].
#pragma once
#include <cstdint>
#include <vector>

#include "supernet/layout.h"
#include "supernet/subgraph.h"

namespace sushi::supernet {

enum class OverlapUnit {
  ExactBytes,  // a = K', b = C'/groups, t = k'^2, unit = bytes_per_weight
  BlockBytes,  // a = K-tiles, b = C-tiles, t = k'^2, unit = K_par*C_par_eff*bytes_per_weight
};

// Structure-of-arrays packed regions (one entry per SuperNet layer).
struct PackedSubGraph {
  std::vector<uint32_t> a, b, t;
};

class OverlapEngine {
 public:
  OverlapEngine(const SuperNet& net, const LayoutParams& p, OverlapUnit unit);
  PackedSubGraph pack(const SubGraph& g) const;
  // Bytes shared by two packed regions; symmetric.
  uint64_t overlap(const PackedSubGraph& x, const PackedSubGraph& y) const;
  // Size of one packed region (overlap with itself).
  uint64_t size(const PackedSubGraph& x) const { return overlap(x, x); }
  size_t layers() const { return unit_.size(); }

 private:
  std::vector<uint64_t> unit_;
  std::vector<uint32_t> k_par_, c_par_;
  std::vector<bool> dw_;
  OverlapUnit mode_;
};

}  // namespace sushi::supernet
