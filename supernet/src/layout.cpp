#include "supernet/layout.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "supernet/supernet.h"

namespace sushi::supernet {

namespace {
uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }
uint64_t align_up(uint64_t v, uint64_t a) { return a ? ceil_div(v, a) * a : v; }
}  // namespace

std::vector<std::pair<int, int>> centre_first_taps(uint32_t kmax, uint32_t kmin) {
  if (kmax % 2 == 0 || kmin % 2 == 0 || kmin > kmax)
    throw std::invalid_argument("centre_first_taps: kernels must be odd with kmin <= kmax");
  std::vector<std::pair<int, int>> taps;
  const int core = static_cast<int>(kmin) / 2;
  for (int dy = -core; dy <= core; ++dy)
    for (int dx = -core; dx <= core; ++dx) taps.emplace_back(dy, dx);
  for (int ring = core + 1; ring <= static_cast<int>(kmax) / 2; ++ring)
    for (int dy = -ring; dy <= ring; ++dy)
      for (int dx = -ring; dx <= ring; ++dx)
        if (std::abs(dy) == ring || std::abs(dx) == ring) taps.emplace_back(dy, dx);
  return taps;
}

WeightLayout::WeightLayout(const SuperNet& net, LayoutParams p) : net_(&net), p_(p) {
  if (p_.k_par == 0 || p_.c_par == 0 || p_.bytes_per_weight == 0)
    throw std::invalid_argument("weight layout: k_par, c_par and bytes_per_weight must be positive");
  uint64_t off = 0;
  for (const SuperLayer& l : net.layers()) {
    LayerLayout ll;
    const bool dw = is_depthwise(l.kind);
    ll.c_par_eff = dw ? 1 : p_.c_par;
    ll.k_tiles = static_cast<uint32_t>(ceil_div(l.k_max, p_.k_par));
    ll.c_tiles = dw ? 1 : static_cast<uint32_t>(ceil_div(l.c_max, p_.c_par));
    ll.taps_max = l.kernel_max * l.kernel_max;
    ll.tap_bytes = static_cast<uint64_t>(p_.k_par) * ll.c_par_eff * p_.bytes_per_weight;
    ll.unit_bytes = ll.tap_bytes * ll.taps_max;
    ll.bytes = ll.unit_bytes * ll.k_tiles * ll.c_tiles;
    off = align_up(off, p_.layer_align);
    ll.offset = off;
    off += ll.bytes;
    layers_.push_back(ll);
  }
  total_ = align_up(off, p_.layer_align);
}

uint64_t WeightLayout::element_offset(size_t layer, uint32_t k, uint32_t c, uint32_t tap) const {
  const SuperLayer& l = net_->layers().at(layer);
  const LayerLayout& ll = layers_.at(layer);
  const bool dw = is_depthwise(l.kind);
  if (k >= l.k_max || (dw ? c != 0 : c >= l.c_max) || tap >= ll.taps_max)
    throw std::out_of_range("element_offset: (" + std::to_string(k) + ", " + std::to_string(c) + ", " +
                            std::to_string(tap) + ") outside layer " + l.name);
  const uint64_t unit = static_cast<uint64_t>(k / p_.k_par) * ll.c_tiles + c / ll.c_par_eff;
  const uint64_t in_tap = static_cast<uint64_t>(k % p_.k_par) * ll.c_par_eff + c % ll.c_par_eff;
  return ll.offset + unit * ll.unit_bytes + tap * ll.tap_bytes + in_tap * p_.bytes_per_weight;
}

std::vector<ByteRange> WeightLayout::region_ranges(size_t layer, const Region& r) const {
  std::vector<ByteRange> out;
  if (!r.included) return out;
  const SuperLayer& l = net_->layers().at(layer);
  const LayerLayout& ll = layers_.at(layer);
  if (r.k > l.k_max || r.c > l.c_max || r.kernel > l.kernel_max)
    throw std::out_of_range("region_ranges: region larger than layer " + l.name);
  const uint64_t kt = ceil_div(r.k, p_.k_par);
  const uint64_t ct = is_depthwise(l.kind) ? 1 : ceil_div(r.c, p_.c_par);
  const uint64_t taps_bytes = static_cast<uint64_t>(r.kernel) * r.kernel * ll.tap_bytes;
  auto push = [&](uint64_t off, uint64_t n) {
    if (!out.empty() && out.back().offset + out.back().bytes == off)
      out.back().bytes += n;
    else
      out.push_back(ByteRange{off, n});
  };
  for (uint64_t i = 0; i < kt; ++i) {
    const uint64_t row = ll.offset + i * ll.c_tiles * ll.unit_bytes;
    if (taps_bytes == ll.unit_bytes) {
      push(row, ct * ll.unit_bytes);
    } else {
      for (uint64_t j = 0; j < ct; ++j) push(row + j * ll.unit_bytes, taps_bytes);
    }
  }
  return out;
}

std::vector<ByteRange> WeightLayout::region_ranges(const SubGraph& g) const {
  validate(*net_, g);
  std::vector<ByteRange> out;
  for (size_t i = 0; i < g.regions.size(); ++i) {
    for (const ByteRange& b : region_ranges(i, g.regions[i])) {
      if (!out.empty() && out.back().offset + out.back().bytes == b.offset)
        out.back().bytes += b.bytes;
      else
        out.push_back(b);
    }
  }
  return out;
}

uint64_t WeightLayout::region_bytes(size_t layer, const Region& r) const {
  if (!r.included) return 0;
  const SuperLayer& l = net_->layers().at(layer);
  const LayerLayout& ll = layers_.at(layer);
  const uint64_t kt = ceil_div(r.k, p_.k_par);
  const uint64_t ct = is_depthwise(l.kind) ? 1 : ceil_div(r.c, p_.c_par);
  return kt * ct * r.kernel * r.kernel * ll.tap_bytes;
}

uint64_t WeightLayout::region_bytes(const SubGraph& g) const {
  validate(*net_, g);
  uint64_t n = 0;
  for (size_t i = 0; i < g.regions.size(); ++i) n += region_bytes(i, g.regions[i]);
  return n;
}

}  // namespace sushi::supernet
