#include "latency_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/count.hpp>
#include <boost/accumulators/statistics/mean.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <boost/histogram.hpp>
#include <boost/histogram/unsafe_access.hpp>

namespace sushi {

namespace acc = boost::accumulators;
namespace bh = boost::histogram;

namespace {
// Log-spaced bins from 1 ps to ~1e15 ps (1000 s), each 1% wider than the previous.
using LogAxis = bh::axis::regular<double, bh::axis::transform::log>;
LogAxis make_axis() {
  const double lo = 1.0, hi = 1e15;
  const auto bins = static_cast<unsigned>(std::ceil(std::log(hi / lo) / std::log(1.01)));
  return LogAxis(bins, lo, hi);
}

// The axis' bins as integer edges, so that add() finds a sample's bin without a log() call
// (it runs for every transaction of every memory and NoC node). Each edge is found with the
// axis' own index(), so the bin of every integer sample is exactly the one Boost would choose.
class IntegerBins {
 public:
  IntegerBins() {
    const LogAxis axis = make_axis();
    const int n = axis.size();
    auto index = [&](std::uint64_t x) { return axis.index(static_cast<double>(x)); };
    // edge_[i]: the smallest integer x >= 1 in bin i or above (bins are monotonic in x).
    edge_.resize(static_cast<std::size_t>(n) + 1);
    std::uint64_t lo = 1;
    for (int i = 0; i <= n; ++i) {
      std::uint64_t a = lo, b = std::uint64_t(1) << 62;  // index(b) is the overflow bin
      while (a < b) {
        const std::uint64_t m = a + (b - a) / 2;
        if (index(m) >= i) b = m;
        else a = m + 1;
      }
      edge_[static_cast<std::size_t>(i)] = lo = a;
    }
    // start_[k]: the bin of the smallest integer with key k (top set bit and the next 7 bits).
    // edge_[n + 1] (past the overflow bin) keeps bin() in range: no integer reaches it.
    edge_.push_back(~std::uint64_t(0));
    start_.assign(kKeys, 0);
    for (std::uint32_t k = 0; k < kKeys; ++k) {
      start_[k] = static_cast<std::uint16_t>(slow_bin(smallest_with_key(k)));
      // The key's largest integer may not pass two edges.
      const std::uint64_t last = k + 1 < kKeys ? smallest_with_key(k + 1) - 1 : ~std::uint64_t(0);
      if (start_[k] + 2 < static_cast<int>(edge_.size()) && edge_[start_[k] + 2u] <= last) {
        throw std::logic_error("LatencyStats: histogram key finer than its bins expected");
      }
    }
  }
  // Bin of x >= 1: 0 .. n-1, n = overflow. A key's integers span less than a bin (checked in
  // the constructor), so x is in the key's first bin or the next: one comparison, no loop.
  int bin(std::uint64_t x) const {
    const int i = start_[key(x)];
    return i + static_cast<int>(edge_[static_cast<std::size_t>(i) + 1] <= x);
  }

 private:
  // 2^-7 of an octave (0.78 %) is finer than a bin (1 %).
  static constexpr std::uint32_t kSubBits = 7, kKeys = 64u << kSubBits;
  static std::uint32_t key(std::uint64_t x) {
    const int top = 63 - __builtin_clzll(x);
    const std::uint32_t sub = top >= int(kSubBits) ? std::uint32_t(x >> (top - int(kSubBits))) & ((1u << kSubBits) - 1)
                                                   : std::uint32_t(x << (int(kSubBits) - top)) & ((1u << kSubBits) - 1);
    return (std::uint32_t(top) << kSubBits) | sub;
  }
  static std::uint64_t smallest_with_key(std::uint32_t k) {
    const int top = int(k >> kSubBits);
    const std::uint64_t sub = k & ((1u << kSubBits) - 1);
    if (top >= int(kSubBits)) return (std::uint64_t(1) << top) | (sub << (top - int(kSubBits)));
    // Few integers share a short top bit run: the smallest x with this key, or the next power of 2.
    for (std::uint64_t x = std::uint64_t(1) << top; x < (std::uint64_t(2) << top); ++x) {
      if (key(x) >= k) return x;
    }
    return std::uint64_t(2) << top;
  }
  int slow_bin(std::uint64_t x) const {
    const auto it = std::upper_bound(edge_.begin(), edge_.end(), x);
    return static_cast<int>(it - edge_.begin()) - 1;
  }
  std::vector<std::uint64_t> edge_;
  std::vector<std::uint16_t> start_;  // bin of each key's smallest integer (< 3500 bins)
};

const IntegerBins& integer_bins() {
  static const IntegerBins bins;
  return bins;
}
}  // namespace

struct LatencyStats::Impl {
  std::size_t exact_capacity;
  acc::accumulator_set<double, acc::stats<acc::tag::count, acc::tag::mean>> moments;
  // Kept as integers: through a double, values past 2^53 ps lose digits, and one near 2^64
  // does not convert back at all.
  std::uint64_t min = ~std::uint64_t(0), max = 0;
  mutable std::vector<std::uint64_t> samples;
  mutable bool sorted = true;
  bool overflowed = false;
  // Dense 64-bit counters: one add is an array increment (unlimited_storage re-checks its
  // counter width on every add).
  decltype(bh::make_histogram_with(std::vector<std::uint64_t>(), make_axis())) hist =
      bh::make_histogram_with(std::vector<std::uint64_t>(), make_axis());
  const IntegerBins& bins = integer_bins();
  void fold(std::uint64_t v) {
    const int bin = bins.bin(std::max<std::uint64_t>(1, v));
    // Storage index = bin + 1 (index 0 is the underflow bin); unchecked, the bin is valid.
    ++bh::unsafe_access::storage(hist)[static_cast<std::size_t>(bin) + 1];
  }
};

LatencyStats::LatencyStats(std::size_t exact_capacity) : impl_(std::make_unique<Impl>()) {
  impl_->exact_capacity = exact_capacity;
}
LatencyStats::~LatencyStats() = default;
LatencyStats::LatencyStats(LatencyStats&&) noexcept = default;
LatencyStats& LatencyStats::operator=(LatencyStats&&) noexcept = default;

void LatencyStats::add(std::uint64_t v) {
  Impl& s = *impl_;
  s.moments(static_cast<double>(v));
  s.min = std::min(s.min, v);
  s.max = std::max(s.max, v);
  if (!s.overflowed) {
    if (s.samples.size() < s.exact_capacity) {
      s.samples.push_back(v);
      s.sorted = false;
      return;
    }
    // Switch to bounded memory: fold the kept samples into the histogram.
    for (std::uint64_t x : s.samples) s.fold(x);
    std::vector<std::uint64_t>().swap(s.samples);
    s.overflowed = true;
  }
  s.fold(v);
}

std::uint64_t LatencyStats::count() const { return acc::count(impl_->moments); }
double LatencyStats::mean() const { return count() ? acc::mean(impl_->moments) : 0.0; }
std::uint64_t LatencyStats::min() const { return count() ? impl_->min : 0; }
std::uint64_t LatencyStats::max() const { return impl_->max; }
bool LatencyStats::exact() const { return !impl_->overflowed; }

std::uint64_t LatencyStats::percentile(double q) const {
  const std::uint64_t n = count();
  if (n == 0) return 0;
  q = std::clamp(q, 0.0, 100.0);
  // Nearest rank: rank = ceil(q/100 * n), at least 1.
  auto rank = static_cast<std::uint64_t>(std::ceil(q / 100.0 * static_cast<double>(n)));
  rank = std::clamp<std::uint64_t>(rank, 1, n);
  Impl& s = *impl_;
  if (!s.overflowed) {
    if (!s.sorted) {
      std::sort(s.samples.begin(), s.samples.end());
      s.sorted = true;
    }
    return s.samples[rank - 1];
  }
  std::uint64_t seen = 0;
  for (auto&& bin : bh::indexed(s.hist, bh::coverage::all)) {
    seen += static_cast<std::uint64_t>(*bin);
    if (seen >= rank) {
      const double upper = bin.bin().upper();
      return std::min(max(), static_cast<std::uint64_t>(std::ceil(upper)));
    }
  }
  return max();
}

void LatencyStats::to_json(Json& out, const std::string& prefix, const std::string& unit,
                           double scale) const {
  auto v = [scale](double x) { return x / scale; };
  out[prefix + "count"] = count();
  out[prefix + "mean_" + unit] = v(mean());
  out[prefix + "min_" + unit] = v(static_cast<double>(min()));
  out[prefix + "p50_" + unit] = v(static_cast<double>(percentile(50)));
  out[prefix + "p95_" + unit] = v(static_cast<double>(percentile(95)));
  out[prefix + "p99_" + unit] = v(static_cast<double>(percentile(99)));
  out[prefix + "max_" + unit] = v(static_cast<double>(max()));
  out[prefix + "percentile_method"] = exact() ? "exact" : "histogram_1pct";
}

}  // namespace sushi
