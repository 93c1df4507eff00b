#include "latency_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/count.hpp>
#include <boost/accumulators/statistics/max.hpp>
#include <boost/accumulators/statistics/mean.hpp>
#include <boost/accumulators/statistics/min.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <boost/histogram.hpp>

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
}  // namespace

struct LatencyStats::Impl {
  std::size_t exact_capacity;
  acc::accumulator_set<double, acc::stats<acc::tag::count, acc::tag::mean, acc::tag::min,
                                          acc::tag::max>> moments;
  mutable std::vector<std::uint64_t> samples;
  mutable bool sorted = true;
  bool overflowed = false;
  decltype(bh::make_histogram(make_axis())) hist = bh::make_histogram(make_axis());
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
  const double hv = std::max(1.0, static_cast<double>(v));
  if (!s.overflowed) {
    if (s.samples.size() < s.exact_capacity) {
      s.samples.push_back(v);
      s.sorted = false;
      return;
    }
    // Switch to bounded memory: fold the kept samples into the histogram.
    for (std::uint64_t x : s.samples) s.hist(std::max(1.0, static_cast<double>(x)));
    std::vector<std::uint64_t>().swap(s.samples);
    s.overflowed = true;
  }
  s.hist(hv);
}

std::uint64_t LatencyStats::count() const { return acc::count(impl_->moments); }
double LatencyStats::mean() const { return count() ? acc::mean(impl_->moments) : 0.0; }
std::uint64_t LatencyStats::min() const {
  return count() ? static_cast<std::uint64_t>(acc::min(impl_->moments)) : 0;
}
std::uint64_t LatencyStats::max() const {
  return count() ? static_cast<std::uint64_t>(acc::max(impl_->moments)) : 0;
}
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
