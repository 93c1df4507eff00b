// Summary statistics of a query stream (for `sushi-vp workload` and for sanity checks).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "query.h"
#include "workload.h"

namespace sushi::workload {

struct Percentiles {
  double p0 = 0, p50 = 0, p90 = 0, p99 = 0, p100 = 0;  // nearest-rank
};

struct WorkloadSummary {
  std::uint64_t count = 0;
  std::uint64_t first_arrival_ps = 0, last_arrival_ps = 0;
  // (count - 1) / (last - first): arrivals per second over the span between arrivals.
  double mean_rate_qps = 0;
  double interarrival_mean_us = 0;
  // Coefficient of variation of the inter-arrival gaps (stddev / mean, population): 0 for
  // constant arrivals, 1 for Poisson, > 1 for bursty streams.
  double interarrival_cv = 0;
  Percentiles slo_ms;
  Percentiles min_accuracy_pct;
  // Queries per phase: index 0 = base demands, i + 1 = params.phases[i].
  std::vector<std::uint64_t> phase_counts;
};

WorkloadSummary summarize(const std::vector<Query>& queries, const WorkloadParams& params);

// Nearest-rank percentile (p in 0..100) of unsorted values; 0 for an empty input.
double percentile(std::vector<double> values, double p);

// Human-readable multi-line report.
std::string format_summary(const WorkloadSummary& s, const WorkloadParams& params);

}  // namespace sushi::workload
