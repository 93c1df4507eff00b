#include "summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sushi::workload {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  const double rank = std::ceil(p / 100.0 * static_cast<double>(v.size()));
  const std::size_t i = rank < 1 ? 0 : static_cast<std::size_t>(rank) - 1;
  return v[std::min(i, v.size() - 1)];
}

namespace {
Percentiles percentiles(const std::vector<double>& v) {
  return {percentile(v, 0), percentile(v, 50), percentile(v, 90), percentile(v, 99), percentile(v, 100)};
}
}  // namespace

WorkloadSummary summarize(const std::vector<Query>& q, const WorkloadParams& params) {
  WorkloadSummary s;
  s.count = q.size();
  s.phase_counts.assign(params.phases.size() + 1, 0);
  if (q.empty()) return s;
  s.first_arrival_ps = q.front().arrival_ps;
  s.last_arrival_ps = q.back().arrival_ps;
  const double span = static_cast<double>(s.last_arrival_ps - s.first_arrival_ps);
  if (q.size() > 1 && span > 0) {
    const double n = static_cast<double>(q.size() - 1);
    s.mean_rate_qps = n / (span * 1e-12);
    const double mean = span / n;
    double ss = 0;
    for (std::size_t i = 1; i < q.size(); ++i) {
      const double d = static_cast<double>(q[i].arrival_ps - q[i - 1].arrival_ps) - mean;
      ss += d * d;
    }
    s.interarrival_mean_us = mean * 1e-6;
    s.interarrival_cv = std::sqrt(ss / n) / mean;
  }
  std::vector<double> slo, acc;
  slo.reserve(q.size());
  acc.reserve(q.size());
  for (const auto& x : q) {
    slo.push_back(static_cast<double>(x.slo_ps) * 1e-9);
    acc.push_back(x.min_accuracy);
    s.phase_counts[static_cast<std::size_t>(phase_of(params, x.id, x.arrival_ps) + 1)] += 1;
  }
  s.slo_ms = percentiles(slo);
  s.min_accuracy_pct = percentiles(acc);
  return s;
}

std::string format_summary(const WorkloadSummary& s, const WorkloadParams& params) {
  std::string out;
  char buf[256];
  auto line = [&](const char* fmt, auto... a) {
    std::snprintf(buf, sizeof buf, fmt, a...);
    out += buf;
  };
  line("arrival process      %s\n", to_string(params.arrival));
  line("queries              %llu\n", static_cast<unsigned long long>(s.count));
  line("first arrival        %.6f ms\n", static_cast<double>(s.first_arrival_ps) * 1e-9);
  line("last arrival         %.6f ms\n", static_cast<double>(s.last_arrival_ps) * 1e-9);
  line("mean rate            %.3f queries/s\n", s.mean_rate_qps);
  line("inter-arrival mean   %.3f us\n", s.interarrival_mean_us);
  line("inter-arrival CV     %.4f\n", s.interarrival_cv);
  auto pct = [&](const char* name, const Percentiles& p, const char* unit) {
    line("%-20s min %.3f  p50 %.3f  p90 %.3f  p99 %.3f  max %.3f %s\n", name, p.p0, p.p50, p.p90, p.p99,
         p.p100, unit);
  };
  pct("SLO", s.slo_ms, "ms");
  pct("min accuracy", s.min_accuracy_pct, "%");
  if (!params.phases.empty()) {
    line("queries per phase    (base demands) %llu\n", static_cast<unsigned long long>(s.phase_counts[0]));
    for (std::size_t i = 0; i < params.phases.size(); ++i) {
      line("                     %s %llu\n", params.phases[i].name.c_str(),
           static_cast<unsigned long long>(s.phase_counts[i + 1]));
    }
  }
  return out;
}

}  // namespace sushi::workload
