// DRAM weight layout: K_par x C_par channel blocks, kernel taps centre-first, so that any nested
// region of a layer is a set of whole blocks and a smaller kernel is a prefix of each block row.
// See docs/supernet.md, "Weight layout in DRAM".
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "supernet/subgraph.h"

namespace sushi::supernet {

class SuperNet;

struct LayoutParams {
  uint32_t k_par = 16;            // output channels per block (ZCU104 preset)
  uint32_t c_par = 9;             // input channels per block (ZCU104 preset)
  uint32_t bytes_per_weight = 1;  // int8
  uint64_t layer_align = 64;      // each layer's weights start on this byte boundary
};

// Tap order for a kmax x kmax kernel, centre-first: the innermost (1x1 or 3x3) core in row-major
// order, then each enclosing ring in row-major order. Entry i is (dy, dx) from the centre.
// The first k*k entries are exactly the centre k x k kernel for every odd k <= kmax that
// the layer allows (k >= the core size).
std::vector<std::pair<int, int>> centre_first_taps(uint32_t kmax, uint32_t kmin);

struct LayerLayout {
  uint64_t offset = 0;        // from the start of the weight area
  uint64_t bytes = 0;         // padded size of the full layer
  uint32_t k_tiles = 0;       // ceil(K_max / k_par)
  uint32_t c_tiles = 0;       // ceil(C_max / c_par); 1 for depthwise
  uint32_t c_par_eff = 0;     // c_par, or 1 for depthwise
  uint32_t taps_max = 0;      // kernel_max^2
  uint64_t tap_bytes = 0;     // one tap of one block: k_par * c_par_eff * bytes_per_weight
  uint64_t unit_bytes = 0;    // one (K-tile, C-tile) unit with all taps: taps_max * tap_bytes
};

struct ByteRange {
  uint64_t offset;  // from the start of the weight area
  uint64_t bytes;
  bool operator==(const ByteRange& o) const { return offset == o.offset && bytes == o.bytes; }
};

class WeightLayout {
 public:
  WeightLayout(const SuperNet& net, LayoutParams p = {});
  const LayoutParams& params() const { return p_; }
  const LayerLayout& layer(size_t i) const { return layers_.at(i); }
  size_t size() const { return layers_.size(); }
  uint64_t total_bytes() const { return total_; }

  // Byte offset of weight (k, c, tap index in centre-first order) of layer i.
  uint64_t element_offset(size_t layer, uint32_t k, uint32_t c, uint32_t tap) const;
  // DRAM byte ranges holding a region of layer i (whole blocks, merged where adjacent).
  std::vector<ByteRange> region_ranges(size_t layer, const Region& r) const;
  // All ranges of a SubGraph, in layer order.
  std::vector<ByteRange> region_ranges(const SubGraph& g) const;
  // Bytes in whole blocks (what a DMA moves) of a region / SubGraph.
  uint64_t region_bytes(size_t layer, const Region& r) const;
  uint64_t region_bytes(const SubGraph& g) const;

 private:
  const SuperNet* net_;
  LayoutParams p_;
  std::vector<LayerLayout> layers_;
  uint64_t total_ = 0;
};

}  // namespace sushi::supernet
