#include "supernet/overlap.h"

#include <algorithm>

#include "supernet/supernet.h"

namespace sushi::supernet {

OverlapEngine::OverlapEngine(const SuperNet& net, const LayoutParams& p, OverlapUnit unit) : mode_(unit) {
  for (const SuperLayer& l : net.layers()) {
    const bool dw = is_depthwise(l.kind);
    dw_.push_back(dw);
    k_par_.push_back(p.k_par);
    c_par_.push_back(dw ? 1 : p.c_par);
    unit_.push_back(unit == OverlapUnit::ExactBytes
                        ? p.bytes_per_weight
                        : static_cast<uint64_t>(p.k_par) * (dw ? 1 : p.c_par) * p.bytes_per_weight);
  }
}

PackedSubGraph OverlapEngine::pack(const SubGraph& g) const {
  PackedSubGraph x;
  const size_t n = unit_.size();
  x.a.resize(n);
  x.b.resize(n);
  x.t.resize(n);
  for (size_t i = 0; i < n && i < g.regions.size(); ++i) {
    const Region& r = g.regions[i];
    if (!r.included) continue;  // zeros: contributes nothing to any overlap
    const uint32_t cin = dw_[i] ? 1 : r.c;
    if (mode_ == OverlapUnit::ExactBytes) {
      x.a[i] = r.k;
      x.b[i] = cin;
    } else {
      x.a[i] = (r.k + k_par_[i] - 1) / k_par_[i];
      x.b[i] = (cin + c_par_[i] - 1) / c_par_[i];
    }
    x.t[i] = r.kernel * r.kernel;
  }
  return x;
}

uint64_t OverlapEngine::overlap(const PackedSubGraph& x, const PackedSubGraph& y) const {
  const size_t n = unit_.size();
  const uint32_t *xa = x.a.data(), *xb = x.b.data(), *xt = x.t.data();
  const uint32_t *ya = y.a.data(), *yb = y.b.data(), *yt = y.t.data();
  const uint64_t* u = unit_.data();
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t ab = static_cast<uint64_t>(std::min(xa[i], ya[i])) * std::min(xb[i], yb[i]);
    sum += ab * std::min(xt[i], yt[i]) * u[i];
  }
  return sum;
}

}  // namespace sushi::supernet
