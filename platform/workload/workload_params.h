// Parameters of a query stream (workload.*), each declared once (util/params.h, docs/
// configuration.md "Declaring a parameter"): the describe() templates below are the whole truth
// about every key's name, member, unit, default, range and description. The schema (and so
// docs/config-reference.md), the mapping from a config file (platform/config/workload_schema.cpp),
// the defaults of a struct built in code and WorkloadParams::validate()'s range checks all come
// from them. Equations and parameter meanings: docs/workload.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "distribution.h"
#include "util/params.h"

namespace sushi::workload {

enum class ArrivalKind { constant, poisson, onoff, mmpp, bursts, trace };
inline constexpr params::Named<ArrivalKind> kArrivalNames[] = {
    {ArrivalKind::constant, "constant"}, {ArrivalKind::poisson, "poisson"}, {ArrivalKind::onoff, "onoff"},
    {ArrivalKind::mmpp, "mmpp"},         {ArrivalKind::bursts, "bursts"},   {ArrivalKind::trace, "trace"}};
const char* to_string(ArrivalKind k);

enum class PhaseBy { time, query };
inline constexpr params::Named<PhaseBy> kPhaseByNames[] = {{PhaseBy::time, "time"}, {PhaseBy::query, "query"}};

// onoff period lengths: exponentially distributed (true) or fixed.
inline constexpr params::Named<bool> kOnOffPeriodNames[] = {{true, "exponential"}, {false, "fixed"}};

// Limits shared by several keys, stated once: the fastest arrival rate (queries/s), the longest
// time a stream's timing keys may state, and the range of a latency SLO.
inline constexpr double kMaxRateQps = 1e9;
inline constexpr char kLongestTime[] = "100000 s";
inline constexpr char kShortestSlo[] = "1 ns";
inline constexpr char kLongestSlo[] = "1000 s";

// The weights of a choice distribution under `k` (SLO and accuracy floor alike).
template <class V, class D>
void describe_weights(V& v, D& d, const std::string& k) {
  v.real_list(k + ".weights", d.weights, "", 0.0, std::nullopt,
              "choice: relative weights, one per choice (empty = equal)");
}

// A latency SLO distribution under `k` ("workload.slo", "workload.phases.<name>.slo"), in ps.
template <class V, class D>
void describe_slo(V& v, D& d, const std::string& k) {
  using params::Kind;
  v.choice(k + ".dist", d.kind, kDistKindNames, ValueDist::Kind::constant, "Distribution of the latency SLO");
  v.quantity(k + ".value", Kind::time, d.value, "100 ms", kShortestSlo, kLongestSlo, "constant: the latency SLO");
  v.quantity(k + ".min", Kind::time, d.min, "10 ms", kShortestSlo, kLongestSlo,
             "uniform: lower end; normal: lower truncation bound");
  v.quantity(k + ".max", Kind::time, d.max, "1 s", kShortestSlo, kLongestSlo,
             "uniform: upper end; normal: upper truncation bound");
  v.quantity(k + ".mean", Kind::time, d.mean, "100 ms", kShortestSlo, kLongestSlo, "normal: mean before truncation");
  v.quantity(k + ".stddev", Kind::time, d.stddev, "20 ms", "0 ps", kLongestSlo,
             "normal: standard deviation before truncation");
  v.quantity_list(k + ".choices", Kind::time, d.choices, "", kShortestSlo, kLongestSlo,
                  "choice: the values, with units (e.g. [20 ms, 50 ms, 200 ms])");
  describe_weights(v, d, k);
}

// A top-1 accuracy floor distribution under `k` ("workload.min_accuracy", ...), in percent.
template <class V, class D>
void describe_min_accuracy(V& v, D& d, const std::string& k) {
  v.choice(k + ".dist", d.kind, kDistKindNames, ValueDist::Kind::constant,
           "Distribution of the top-1 accuracy floor");
  v.real(k + ".value", d.value, 0.0, 0.0, 100.0, "constant: the top-1 accuracy floor in % (0 = no floor)");
  v.real(k + ".min", d.min, 0.0, 0.0, 100.0, "uniform: lower end (%); normal: lower truncation bound (%)");
  v.real(k + ".max", d.max, 100.0, 0.0, 100.0, "uniform: upper end (%); normal: upper truncation bound (%)");
  v.real(k + ".mean", d.mean, 75.0, 0.0, 100.0, "normal: mean before truncation (%)");
  v.real(k + ".stddev", d.stddev, 1.0, 0.0, 100.0, "normal: standard deviation before truncation (%)");
  v.real_list(k + ".choices", d.choices, "", 0.0, 100.0, "choice: the values in % (e.g. [70, 76.5, 79])");
  describe_weights(v, d, k);
}

// Bursty on/off source: Poisson at on_rate_qps during "on" periods and at off_rate_qps
// (usually 0) during "off" periods; periods last on_ps / off_ps, either exactly (fixed) or
// exponentially distributed with those means. Starts at the beginning of an "on" period.
struct OnOffParams {
  OnOffParams() { params::apply_defaults(*this); }
  double on_rate_qps;
  double off_rate_qps;
  std::uint64_t on_ps;
  std::uint64_t off_ps;
  bool exponential_periods;

  template <class V, class P>
  static void describe(V& v, P& p) {
    using params::Kind;
    v.real("workload.onoff.on_rate_qps", p.on_rate_qps, 1000.0, 1e-6, kMaxRateQps,
           "onoff: Poisson rate during on periods (queries/s)");
    v.real("workload.onoff.off_rate_qps", p.off_rate_qps, 0.0, 0.0, kMaxRateQps,
           "onoff: Poisson rate during off periods (queries/s)");
    v.quantity("workload.onoff.on_time", Kind::time, p.on_ps, "10 ms", "1 ns", kLongestTime,
               "onoff: length (fixed) or mean length (exponential) of an on period");
    v.quantity("workload.onoff.off_time", Kind::time, p.off_ps, "40 ms", "1 ns", kLongestTime,
               "onoff: length (fixed) or mean length (exponential) of an off period");
    v.choice("workload.onoff.periods", p.exponential_periods, kOnOffPeriodNames, true,
             "onoff: period lengths exponentially distributed (an MMPP) or fixed (a square wave)");
  }
};

// Markov-modulated Poisson process: in state i arrivals are Poisson at rate_qps; the state lasts
// an exponential time of mean mean_dwell_ps, then moves to one of the other states chosen
// uniformly (with two states: alternates). Starts in the first state. One named instance per
// state (workload.mmpp.states.<name>); both keys are required.
struct MmppState {
  std::string name;
  double rate_qps = 0;
  std::uint64_t mean_dwell_ps = 0;

  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "workload.mmpp.states.*") {
    v.real(k + ".rate_qps", p.rate_qps, std::nullopt, 0.0, kMaxRateQps, "Poisson rate in this state (queries/s)");
    v.quantity(k + ".mean_dwell", params::Kind::time, p.mean_dwell_ps, std::nullopt, "1 ns", kLongestTime,
               "Mean of the exponential time spent in this state");
  }
};

// Heavy-tailed bursts, shaped like serverless function-invocation traces: a burst of N queries,
// N = max(1, round(size_median * exp(size_sigma * Z))) (lognormal), spaced by exponential gaps
// at rate_qps; the idle gap from a burst's last query to the next burst's first is Pareto with
// scale gap_min_ps and shape gap_alpha (mean gap_min * alpha / (alpha - 1) for alpha > 1).
struct BurstParams {
  BurstParams() { params::apply_defaults(*this); }
  double gap_alpha;
  std::uint64_t gap_min_ps;
  double size_median;
  double size_sigma;
  double rate_qps;

  template <class V, class P>
  static void describe(V& v, P& p) {
    v.real("workload.bursts.gap_alpha", p.gap_alpha, 1.5, 0.1, 10.0,
           "bursts: Pareto shape of the idle gap between bursts (heavier tail when smaller; "
           "infinite mean at or below 1)");
    v.quantity("workload.bursts.gap_min", params::Kind::time, p.gap_min_ps, "20 ms", "1 ns", kLongestTime,
               "bursts: Pareto scale (shortest idle gap) between bursts");
    v.real("workload.bursts.size_median", p.size_median, 4.0, 1.0, 1e6, "bursts: median queries per burst (lognormal)");
    v.real("workload.bursts.size_sigma", p.size_sigma, 1.0, 0.0, 5.0, "bursts: sigma of ln(burst size)");
    v.real("workload.bursts.rate_qps", p.rate_qps, 2000.0, 1e-6, kMaxRateQps,
           "bursts: Poisson rate inside a burst (queries/s)");
  }
};

// Replay of a CSV trace (format: docs/workload.md). Columns slo_ms and min_accuracy_pct are
// optional; when absent, demands are drawn from the distributions and phases.
struct TraceParams {
  TraceParams() { params::apply_defaults(*this); }
  std::string file;
  double time_scale;  // arrival times are multiplied by this (0.5 = twice the rate)

  template <class V, class P>
  static void describe(V& v, P& p) {
    v.path("workload.trace.file", p.file, "", "trace: CSV with arrival_us[,slo_ms][,min_accuracy_pct] columns");
    v.real("workload.trace.time_scale", p.time_scale, 1.0, 1e-6, 1e6,
           "trace: arrival times are multiplied by this (0.5 replays at twice the rate)");
  }
};

// Demands from a point in the run on: applies to queries arriving at or after start_ps
// (phase_by time) or with index >= start_query (phase_by query), until the next phase starts.
// One named instance per phase (workload.phases.<name>). In a config, a phase inherits every
// demand key it does not set from workload.slo / workload.min_accuracy (the config layer's
// logic, platform/config/workload_schema.cpp); a Phase built in code starts at the defaults.
struct Phase {
  Phase() { params::apply_defaults(*this); }
  std::string name;
  std::uint64_t start_ps;
  std::uint64_t start_query;
  ValueDist slo_ps;            // latency SLO in ps
  ValueDist min_accuracy_pct;  // top-1 floor in percent, 0..100

  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "workload.phases.*") {
    v.quantity(k + ".start", params::Kind::time, p.start_ps, "0 ps", "0 ps", kLongestTime,
               "phase_by time: the phase applies to queries arriving at or after this time");
    v.integer(k + ".start_query", p.start_query, 0, 0, 100000000,
              "phase_by query: the phase applies from this query index (0-based) on");
    describe_slo(v, p.slo_ps, k + ".slo");
    describe_min_accuracy(v, p.min_accuracy_pct, k + ".min_accuracy");
  }
};

struct WorkloadParams {
  WorkloadParams() { params::apply_defaults(*this); }
  ArrivalKind arrival;
  double rate_qps;             // constant and poisson
  std::uint64_t start_ps;      // offset of the stream (trace times are shifted by it)
  std::uint64_t max_queries;   // 0 = no count limit
  std::uint64_t duration_ps;   // 0 = no time limit: arrivals in [start, start + duration)
  OnOffParams onoff;
  std::vector<MmppState> mmpp_states;
  BurstParams bursts;
  TraceParams trace;
  // Demands before the first phase (and the whole run when there are no phases).
  ValueDist slo_ps;
  ValueDist min_accuracy_pct;
  PhaseBy phase_by;
  std::vector<Phase> phases;  // any order; two phases may not share a start
  std::uint64_t seed = 1;     // sim.seed (declared with the sim.* keys)

  template <class V, class P>
  static void describe(V& v, P& p) {
    using params::Kind;
    v.section("workload",
              "The query stream of a serving run: an arrival process, per-query latency SLO "
              "and accuracy floor drawn from distributions that may change in phases. "
              "Seeded by sim.seed (docs/workload.md).");
    v.choice("workload.arrival", p.arrival, kArrivalNames, ArrivalKind::poisson,
             "Arrival process: constant rate, Poisson, bursty on/off, Markov-modulated Poisson (mmpp), "
             "heavy-tailed bursts, or replay of a CSV trace");
    v.real("workload.rate_qps", p.rate_qps, 100.0, 1e-6, kMaxRateQps,
           "constant and poisson: arrival rate in queries per second");
    v.quantity("workload.start", Kind::time, p.start_ps, "0 ps", "0 ps", kLongestTime,
               "Time origin of the stream (trace arrival times are shifted by it)");
    v.integer("workload.queries", p.max_queries, 1000, 0, 100000000, "Number of queries (0 = no count limit)");
    v.quantity("workload.duration", Kind::time, p.duration_ps, "0 ps", "0 ps", kLongestTime,
               "Arrivals only in [start, start + duration) (0 ps = no time limit); the stream ends "
               "at whichever of queries and duration comes first");
    OnOffParams::describe(v, p.onoff);
    v.instances("workload.mmpp.states",
                "mmpp: the states, one named instance each, in order (the process starts in the "
                "first); on leaving a state the next is chosen uniformly among the others",
                p.mmpp_states);
    BurstParams::describe(v, p.bursts);
    TraceParams::describe(v, p.trace);
    describe_slo(v, p.slo_ps, "workload.slo");
    describe_min_accuracy(v, p.min_accuracy_pct, "workload.min_accuracy");
    v.choice("workload.phase_by", p.phase_by, kPhaseByNames, PhaseBy::time,
             "Phases start at a time (phases.<name>.start) or at a query index (phases.<name>.start_query)");
    v.instances("workload.phases",
                "Phases, one named instance each: from its start until the next phase's, "
                "queries draw their demands from the phase's slo.* and min_accuracy.* keys; "
                "keys a phase does not set are taken from workload.slo / workload.min_accuracy",
                p.phases);
  }

  // The declared ranges (WorkloadParamError naming the key), then the checks across keys
  // (WorkloadError): a count or a duration for a synthetic stream, mmpp states, a trace file,
  // consistent distributions, distinct phase starts.
  void validate() const;
};

}  // namespace sushi::workload
