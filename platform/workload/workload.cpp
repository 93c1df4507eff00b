#include "workload.h"

#include <algorithm>
#include <cmath>

#include <unistd.h>

#include "arrivals.h"
#include "trace_csv.h"
#include "workload_error.h"

namespace sushi::workload {

std::uint64_t queries_in_memory_limit() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  const std::uint64_t phys = pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
                                                   : (std::uint64_t{8} << 30);
  return phys / 2 / kBytesPerQuery;
}

const char* to_string(ArrivalKind k) { return params::name_of(kArrivalNames, k); }

void WorkloadParams::validate() const {
  params::check_ranges<WorkloadParamError>(*this);
  auto fail = [](const std::string& m) { throw WorkloadError(m); };
  const bool synthetic = arrival != ArrivalKind::trace;
  if (synthetic && max_queries == 0 && duration_ps == 0) {
    fail("a synthetic arrival process needs a query count or a duration (both are unlimited)");
  }
  if (arrival == ArrivalKind::mmpp) {
    if (mmpp_states.size() < 2) fail("mmpp needs at least 2 states");
    bool any = false;
    for (const auto& s : mmpp_states) any = any || s.rate_qps > 0;
    if (!any) fail("mmpp needs a state with rate_qps > 0");
  }
  if (arrival == ArrivalKind::trace && trace.file.empty()) fail("trace replay needs trace.file");
  slo_ps.validate("slo");
  min_accuracy_pct.validate("min_accuracy");
  for (std::size_t i = 0; i < phases.size(); ++i) {
    phases[i].slo_ps.validate("phase " + phases[i].name + ": slo");
    phases[i].min_accuracy_pct.validate("phase " + phases[i].name + ": min_accuracy");
    for (std::size_t j = 0; j < i; ++j) {
      const bool same = phase_by == PhaseBy::time ? phases[i].start_ps == phases[j].start_ps
                                                  : phases[i].start_query == phases[j].start_query;
      if (same) fail("phases " + phases[j].name + " and " + phases[i].name + " start at the same point");
    }
  }
}

int phase_of(const WorkloadParams& p, std::uint64_t index, std::uint64_t arrival_ps) {
  int best = -1;
  std::uint64_t best_start = 0;
  for (std::size_t i = 0; i < p.phases.size(); ++i) {
    const std::uint64_t start = p.phase_by == PhaseBy::time ? p.phases[i].start_ps : p.phases[i].start_query;
    const std::uint64_t at = p.phase_by == PhaseBy::time ? arrival_ps : index;
    if (start <= at && (best < 0 || start > best_start)) {
      best = static_cast<int>(i);
      best_start = start;
    }
  }
  return best;
}

namespace {

std::uint64_t to_slo_ps(double v) {
  if (!(v >= 1.0)) return 1;  // an SLO is at least 1 ps (a truncated range may reach 0)
  if (v >= 1.8e19) return UINT64_MAX;
  return static_cast<std::uint64_t>(std::llround(v));
}

double to_accuracy(double v) {
  const double c = std::clamp(v, 0.0, 100.0);
  return std::round(c * 1000.0) / 1000.0;  // 0.001 % steps: exact in the port's milli-percent
}

// Scales a trace time exactly when the scale is 1, else rounds to 1 ps; false if the result
// does not fit in 64 bits of picoseconds.
bool scale_ps(std::uint64_t t, double scale, std::uint64_t& out) {
  if (scale == 1.0) {
    out = t;
    return true;
  }
  const long double v = std::roundl(static_cast<long double>(t) * scale);
  if (!(v < 18446744073709551615.0L)) return false;
  out = static_cast<std::uint64_t>(v);
  return true;
}

}  // namespace

std::vector<Query> generate(const WorkloadParams& p) {
  p.validate();
  Rng arrival_rng(p.seed, "workload.arrival");
  Rng slo_rng(p.seed, "workload.slo");
  Rng acc_rng(p.seed, "workload.min_accuracy");
  const std::uint64_t end_ps = p.duration_ps ? p.start_ps + p.duration_ps : UINT64_MAX;

  std::vector<Query> out;
  auto accept = [&](std::uint64_t arrival) {
    return (p.max_queries == 0 || out.size() < p.max_queries) && arrival < end_ps;
  };
  // Demands of query `index`: draws always happen (even when a trace column supplies the value)
  // so that the draws of query i do not depend on which earlier queries had trace values.
  auto demands = [&](Query& q) {
    const int ph = phase_of(p, q.id, q.arrival_ps);
    const ValueDist& slo = ph < 0 ? p.slo_ps : p.phases[static_cast<std::size_t>(ph)].slo_ps;
    const ValueDist& acc = ph < 0 ? p.min_accuracy_pct : p.phases[static_cast<std::size_t>(ph)].min_accuracy_pct;
    q.slo_ps = to_slo_ps(slo.sample(slo_rng));
    q.min_accuracy = to_accuracy(acc.sample(acc_rng));
  };

  const std::uint64_t memory_limit = queries_in_memory_limit();
  auto check_memory = [&] {
    if (out.size() >= memory_limit) {
      throw WorkloadError("the stream has more than " + std::to_string(memory_limit) +
                          " queries, more than fit in this machine's memory (about " +
                          std::to_string(kBytesPerQuery) + " B each); shorten workload.duration or set workload.queries");
    }
  };
  if (p.arrival == ArrivalKind::trace) {
    // Streamed: only the rows the run uses are read (workload.queries, workload.duration).
    TraceReader t(p.trace.file);
    TraceRow row;
    while ((p.max_queries == 0 || out.size() < p.max_queries) && t.next(row)) {
      std::uint64_t scaled = 0;
      if (!scale_ps(row.arrival_ps, p.trace.time_scale, scaled) || scaled > UINT64_MAX - p.start_ps) {
        throw WorkloadError(t.name() + ":" + std::to_string(row.line) + ": arrival_us: " +
                            format_fixed(row.arrival_ps, 6) + " us (x workload.trace.time_scale, + workload.start) "
                            "is past the end of simulated time (2^64 ps, about 213 days)");
      }
      const std::uint64_t arrival = p.start_ps + scaled;
      if (!accept(arrival)) break;
      check_memory();
      Query q;
      q.id = out.size();
      q.arrival_ps = arrival;
      demands(q);
      if (t.has_slo()) q.slo_ps = row.slo_ps;
      if (t.has_accuracy()) q.min_accuracy = row.min_accuracy_pct;
      out.push_back(q);
    }
    return out;
  }

  auto proc = make_arrival_process(p, arrival_rng);
  std::uint64_t arrival = 0;
  while ((p.max_queries == 0 || out.size() < p.max_queries) && proc->next(arrival) && arrival < end_ps) {
    check_memory();
    Query q;
    q.id = out.size();
    q.arrival_ps = arrival;
    demands(q);
    out.push_back(q);
  }
  return out;
}

}  // namespace sushi::workload
