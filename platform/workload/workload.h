// Query streams for serving runs: an arrival process plus per-query demands (latency SLO,
// accuracy floor) drawn from distributions that change over time in phases, so the best SubNet
// changes during a run. Pure C++ (no SystemC): the platform hands the result to the query port.
//
// Deterministic: the same parameters and seed give the same stream on every machine (own RNG,
// integer picoseconds). Arrival times, SLOs and accuracy floors use independent random streams.
// Equations and parameter meanings: docs/workload.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "distribution.h"
#include "query.h"

namespace sushi::workload {

enum class ArrivalKind { constant, poisson, onoff, mmpp, bursts, trace };
const char* to_string(ArrivalKind k);
ArrivalKind arrival_kind_from_string(const std::string& s);  // throws WorkloadError

// Bursty on/off source: Poisson at on_rate_qps during "on" periods and at off_rate_qps
// (usually 0) during "off" periods; periods last on_ps / off_ps, either exactly (fixed) or
// exponentially distributed with those means. Starts at the beginning of an "on" period.
struct OnOffParams {
  double on_rate_qps = 1000;
  double off_rate_qps = 0;
  std::uint64_t on_ps = 10'000'000'000;   // 10 ms
  std::uint64_t off_ps = 40'000'000'000;  // 40 ms
  bool exponential_periods = true;
};

// Markov-modulated Poisson process: in state i arrivals are Poisson at rate_qps; the state lasts
// an exponential time of mean mean_dwell_ps, then moves to one of the other states chosen
// uniformly (with two states: alternates). Starts in the first state.
struct MmppState {
  std::string name;
  double rate_qps = 0;
  std::uint64_t mean_dwell_ps = 0;
};

// Heavy-tailed bursts, shaped like serverless function-invocation traces: a burst of N queries,
// N = max(1, round(size_median * exp(size_sigma * Z))) (lognormal), spaced by exponential gaps
// at rate_qps; the idle gap from a burst's last query to the next burst's first is Pareto with
// scale gap_min_ps and shape gap_alpha (mean gap_min * alpha / (alpha - 1) for alpha > 1).
struct BurstParams {
  double gap_alpha = 1.5;
  std::uint64_t gap_min_ps = 20'000'000'000;  // 20 ms
  double size_median = 4;
  double size_sigma = 1.0;
  double rate_qps = 2000;
};

// Replay of a CSV trace (format: docs/workload.md). Columns slo_ms and min_accuracy_pct are
// optional; when absent, demands are drawn from the distributions and phases.
struct TraceParams {
  std::string file;
  double time_scale = 1.0;  // arrival times are multiplied by this (0.5 = twice the rate)
};

// Demands from a point in the run on: applies to queries arriving at or after start_ps
// (phase_by time) or with index >= start_query (phase_by query), until the next phase starts.
struct Phase {
  std::string name;
  std::uint64_t start_ps = 0;
  std::uint64_t start_query = 0;
  ValueDist slo_ps;             // latency SLO in ps
  ValueDist min_accuracy_pct;   // top-1 floor in percent, 0..100
};

enum class PhaseBy { time, query };

struct WorkloadParams {
  ArrivalKind arrival = ArrivalKind::poisson;
  double rate_qps = 100;           // constant and poisson
  std::uint64_t start_ps = 0;      // offset of the stream (trace times are shifted by it)
  std::uint64_t max_queries = 1000;   // 0 = no count limit
  std::uint64_t duration_ps = 0;      // 0 = no time limit: arrivals in [start, start + duration)
  OnOffParams onoff;
  std::vector<MmppState> mmpp_states;
  BurstParams bursts;
  TraceParams trace;
  // Demands before the first phase (and the whole run when there are no phases).
  ValueDist slo_ps = ValueDist::constant_value(100e9);  // 100 ms
  ValueDist min_accuracy_pct = ValueDist::constant_value(0);
  PhaseBy phase_by = PhaseBy::time;
  std::vector<Phase> phases;  // any order; two phases may not share a start
  std::uint64_t seed = 1;

  // Throws WorkloadError naming the offending parameter.
  void validate() const;
};

// Memory a run holds per query, rounded up from measurements: 387 B at elaboration (the stream,
// the query port's record, the query log's row: peak RSS of `sushi-vp check` on the quickstart
// with 1e5 and 1e6 queries, 54.9 MB and 395.5 MB, difference / 9e5), plus the queries.csv text
// made at the end (about 120 B a row) and the oracle's table entry.
inline constexpr std::uint64_t kBytesPerQuery = 512;
// The most queries a stream may have: half of this machine's physical memory / kBytesPerQuery. A
// larger stream is a WorkloadError before the run (instead of running out of memory in it).
std::uint64_t queries_in_memory_limit();

// The whole stream, sorted by arrival, ids 0..n-1. Throws WorkloadError (trace errors name
// file and line). SLOs are rounded to 1 ps and at least 1 ps; accuracy floors are quantised to
// 0.001 % and clamped to [0, 100].
std::vector<Query> generate(const WorkloadParams& params);

// Index into params.phases of the phase that applies to query `index` arriving at
// `arrival_ps` (the one with the latest start not after it), or -1 for the base demands.
int phase_of(const WorkloadParams& params, std::uint64_t index, std::uint64_t arrival_ps);

}  // namespace sushi::workload
