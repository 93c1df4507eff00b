// Latency statistics: count, mean, min, max and nearest-rank percentiles.
//
// Boost.Accumulators keeps the running moments. Percentiles are exact while at most
// `exact_capacity` samples have been seen (all samples kept); past that the samples are folded
// into a Boost.Histogram with logarithmic bins of 1% relative width, so memory stays bounded and
// the percentile is the upper edge of its bin (relative error below 1%). The JSON output says
// which method produced the percentiles.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "stats.h"

namespace sushi {

class LatencyStats {
 public:
  explicit LatencyStats(std::size_t exact_capacity = 1u << 20);
  ~LatencyStats();
  LatencyStats(LatencyStats&&) noexcept;
  LatencyStats& operator=(LatencyStats&&) noexcept;

  void add(std::uint64_t value_ps);

  std::uint64_t count() const;
  double mean() const;  // 0 when empty
  std::uint64_t min() const;
  std::uint64_t max() const;
  // Nearest-rank percentile, q in [0, 100]: the smallest sample with at least q% of samples <= it.
  std::uint64_t percentile(double q) const;
  bool exact() const;

  // Writes count, mean, p50, p95, p99, max (and min) with the given unit suffix, values divided
  // by `scale` (e.g. unit "ns", scale 1000 for a ps-valued series).
  void to_json(Json& out, const std::string& prefix, const std::string& unit, double scale) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sushi
