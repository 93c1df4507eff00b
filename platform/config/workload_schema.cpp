// workload.*: the query stream of a serving run (docs/workload.md).
#include <cmath>
#include <string>

#include "workload/workload_error.h"
#include "workload_config.h"

namespace sushi::config {

namespace {

// The demand keys of one distribution under `p` ("workload.slo", "workload.phases.*.slo").
// `time` selects quantities in time units (SLO) or plain percentages (accuracy floor).
void declare_dist(Schema& s, const std::string& p, bool time, const std::string& what) {
  const std::vector<std::string> kinds{"constant", "uniform", "normal", "choice"};
  if (time) {
    s.choice(p + ".dist", "constant", kinds, "Distribution of the " + what);
    s.quantity(p + ".value", KeyType::time, "100 ms", "1 ns", "1000 s", "constant: the " + what);
    s.quantity(p + ".min", KeyType::time, "10 ms", "1 ns", "1000 s",
               "uniform: lower end; normal: lower truncation bound");
    s.quantity(p + ".max", KeyType::time, "1 s", "1 ns", "1000 s",
               "uniform: upper end; normal: upper truncation bound");
    s.quantity(p + ".mean", KeyType::time, "100 ms", "1 ns", "1000 s", "normal: mean before truncation");
    s.quantity(p + ".stddev", KeyType::time, "20 ms", "0 ps", "1000 s",
               "normal: standard deviation before truncation");
    s.string_list(p + ".choices", "", "choice: the values, with units (e.g. [20 ms, 50 ms, 200 ms])");
  } else {
    s.choice(p + ".dist", "constant", kinds, "Distribution of the " + what);
    s.real(p + ".value", 0.0, 0.0, 100.0, "constant: the " + what + " in % (0 = no floor)");
    s.real(p + ".min", 0.0, 0.0, 100.0, "uniform: lower end (%); normal: lower truncation bound (%)");
    s.real(p + ".max", 100.0, 0.0, 100.0, "uniform: upper end (%); normal: upper truncation bound (%)");
    s.real(p + ".mean", 75.0, 0.0, 100.0, "normal: mean before truncation (%)");
    s.real(p + ".stddev", 1.0, 0.0, 100.0, "normal: standard deviation before truncation (%)");
    s.string_list(p + ".choices", "", "choice: the values in % (e.g. [70, 76.5, 79])");
  }
  s.string_list(p + ".weights", "", "choice: relative weights, one per choice (empty = equal)");
}

// Value of `<phase>.<leaf>` if the phase sets it, else `<base>.<leaf>`: a phase inherits every
// demand key it does not set from workload.slo / workload.min_accuracy.
std::string pick(const Config& cfg, const std::string& phase, const std::string& base, const std::string& leaf) {
  const std::string p = phase + "." + leaf;
  return !phase.empty() && cfg.is_set(p) ? p : base + "." + leaf;
}

double parse_list_item(const Config& cfg, const std::string& key, const std::string& text, bool time) {
  try {
    if (time) return parse_quantity(text, Quantity::time);
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v)) throw std::invalid_argument("");
    return v;
  } catch (const UnitError& e) {
    cfg.fail(key, std::string("list entry ") + e.what());
  } catch (const std::exception&) {
    cfg.fail(key, "list entry '" + text + "' is not a number");
  }
}

workload::ValueDist read_dist(const Config& cfg, const std::string& phase, const std::string& base, bool time) {
  using workload::ValueDist;
  ValueDist d;
  auto num = [&](const std::string& leaf) {
    const std::string k = pick(cfg, phase, base, leaf);
    return time ? cfg.time_ps(k) : cfg.real(k);
  };
  const std::string dist_key = pick(cfg, phase, base, "dist");
  d.kind = workload::dist_kind_from_string(cfg.string(dist_key));
  d.value = num("value");
  d.min = num("min");
  d.max = num("max");
  d.mean = num("mean");
  d.stddev = num("stddev");
  const std::string ck = pick(cfg, phase, base, "choices");
  for (const auto& t : cfg.strings(ck)) {
    const double v = parse_list_item(cfg, ck, t, time);
    if (!time && (v < 0 || v > 100)) cfg.fail(ck, "accuracy choice '" + t + "' is outside 0..100 %");
    if (time && v < 1) cfg.fail(ck, "SLO choice '" + t + "' must be at least 1 ps");
    d.choices.push_back(v);
  }
  const std::string wk = pick(cfg, phase, base, "weights");
  for (const auto& t : cfg.strings(wk)) d.weights.push_back(parse_list_item(cfg, wk, t, false));
  try {
    d.validate(phase.empty() ? base : phase + " (" + base.substr(base.rfind('.') + 1) + ")");
  } catch (const workload::WorkloadError& e) {
    cfg.fail(dist_key, e.what());
  }
  return d;
}

}  // namespace

void declare_workload_keys(Schema& s) {
  s.describe_section("workload",
                     "The query stream of a serving run: an arrival process, per-query latency SLO "
                     "and accuracy floor drawn from distributions that may change in phases. "
                     "Seeded by sim.seed (docs/workload.md).");
  s.choice("workload.arrival", "poisson", {"constant", "poisson", "onoff", "mmpp", "bursts", "trace"},
           "Arrival process: constant rate, Poisson, bursty on/off, Markov-modulated Poisson (mmpp), "
           "heavy-tailed bursts, or replay of a CSV trace");
  s.real("workload.rate_qps", 100.0, 1e-6, 1e9, "constant and poisson: arrival rate in queries per second");
  s.quantity("workload.start", KeyType::time, "0 ps", "0 ps", "100000 s",
             "Time origin of the stream (trace arrival times are shifted by it)");
  s.integer("workload.queries", 1000, 0, 100000000, "Number of queries (0 = no count limit)");
  s.quantity("workload.duration", KeyType::time, "0 ps", "0 ps", "100000 s",
             "Arrivals only in [start, start + duration) (0 ps = no time limit); the stream ends "
             "at whichever of queries and duration comes first");

  s.real("workload.onoff.on_rate_qps", 1000.0, 1e-6, 1e9, "onoff: Poisson rate during on periods (queries/s)");
  s.real("workload.onoff.off_rate_qps", 0.0, 0.0, 1e9, "onoff: Poisson rate during off periods (queries/s)");
  s.quantity("workload.onoff.on_time", KeyType::time, "10 ms", "1 ns", "100000 s",
             "onoff: length (fixed) or mean length (exponential) of an on period");
  s.quantity("workload.onoff.off_time", KeyType::time, "40 ms", "1 ns", "100000 s",
             "onoff: length (fixed) or mean length (exponential) of an off period");
  s.choice("workload.onoff.periods", "exponential", {"exponential", "fixed"},
           "onoff: period lengths exponentially distributed (an MMPP) or fixed (a square wave)");

  s.describe_section("workload.mmpp.states",
                     "mmpp: the states, one named instance each, in order (the process starts in the "
                     "first); on leaving a state the next is chosen uniformly among the others");
  s.real("workload.mmpp.states.*.rate_qps", std::nullopt, 0.0, 1e9, "Poisson rate in this state (queries/s)");
  s.quantity("workload.mmpp.states.*.mean_dwell", KeyType::time, std::nullopt, "1 ns", "100000 s",
             "Mean of the exponential time spent in this state");

  s.real("workload.bursts.gap_alpha", 1.5, 0.1, 10.0,
         "bursts: Pareto shape of the idle gap between bursts (heavier tail when smaller; "
         "infinite mean at or below 1)");
  s.quantity("workload.bursts.gap_min", KeyType::time, "20 ms", "1 ns", "100000 s",
             "bursts: Pareto scale (shortest idle gap) between bursts");
  s.real("workload.bursts.size_median", 4.0, 1.0, 1e6, "bursts: median queries per burst (lognormal)");
  s.real("workload.bursts.size_sigma", 1.0, 0.0, 5.0, "bursts: sigma of ln(burst size)");
  s.real("workload.bursts.rate_qps", 2000.0, 1e-6, 1e9, "bursts: Poisson rate inside a burst (queries/s)");

  s.path("workload.trace.file", "", "trace: CSV with arrival_us[,slo_ms][,min_accuracy_pct] columns");
  s.real("workload.trace.time_scale", 1.0, 1e-6, 1e6,
         "trace: arrival times are multiplied by this (0.5 replays at twice the rate)");

  declare_dist(s, "workload.slo", true, "latency SLO");
  declare_dist(s, "workload.min_accuracy", false, "top-1 accuracy floor");

  s.choice("workload.phase_by", "time", {"time", "query"},
           "Phases start at a time (phases.<name>.start) or at a query index (phases.<name>.start_query)");
  s.describe_section("workload.phases",
                     "Phases, one named instance each: from its start until the next phase's, "
                     "queries draw their demands from the phase's slo.* and min_accuracy.* keys; "
                     "keys a phase does not set are taken from workload.slo / workload.min_accuracy");
  s.quantity("workload.phases.*.start", KeyType::time, "0 ps", "0 ps", "100000 s",
             "phase_by time: the phase applies to queries arriving at or after this time");
  s.integer("workload.phases.*.start_query", 0, 0, 100000000,
            "phase_by query: the phase applies from this query index (0-based) on");
  declare_dist(s, "workload.phases.*.slo", true, "latency SLO");
  declare_dist(s, "workload.phases.*.min_accuracy", false, "top-1 accuracy floor");
}

workload::WorkloadParams workload_params_from_config(const Config& cfg) {
  using namespace workload;
  WorkloadParams p;
  p.arrival = arrival_kind_from_string(cfg.string("workload.arrival"));
  p.rate_qps = cfg.real("workload.rate_qps");
  p.start_ps = static_cast<std::uint64_t>(cfg.time_ps("workload.start"));
  p.max_queries = static_cast<std::uint64_t>(cfg.integer("workload.queries"));
  p.duration_ps = static_cast<std::uint64_t>(cfg.time_ps("workload.duration"));
  p.onoff.on_rate_qps = cfg.real("workload.onoff.on_rate_qps");
  p.onoff.off_rate_qps = cfg.real("workload.onoff.off_rate_qps");
  p.onoff.on_ps = static_cast<std::uint64_t>(cfg.time_ps("workload.onoff.on_time"));
  p.onoff.off_ps = static_cast<std::uint64_t>(cfg.time_ps("workload.onoff.off_time"));
  p.onoff.exponential_periods = cfg.string("workload.onoff.periods") == "exponential";
  for (const auto& name : cfg.instances("workload.mmpp.states")) {
    const std::string k = "workload.mmpp.states." + name;
    p.mmpp_states.push_back({name, cfg.real(k + ".rate_qps"),
                             static_cast<std::uint64_t>(cfg.time_ps(k + ".mean_dwell"))});
  }
  p.bursts.gap_alpha = cfg.real("workload.bursts.gap_alpha");
  p.bursts.gap_min_ps = static_cast<std::uint64_t>(cfg.time_ps("workload.bursts.gap_min"));
  p.bursts.size_median = cfg.real("workload.bursts.size_median");
  p.bursts.size_sigma = cfg.real("workload.bursts.size_sigma");
  p.bursts.rate_qps = cfg.real("workload.bursts.rate_qps");
  p.trace.file = cfg.path("workload.trace.file");
  p.trace.time_scale = cfg.real("workload.trace.time_scale");
  p.slo_ps = read_dist(cfg, "", "workload.slo", true);
  p.min_accuracy_pct = read_dist(cfg, "", "workload.min_accuracy", false);
  p.phase_by = cfg.string("workload.phase_by") == "query" ? PhaseBy::query : PhaseBy::time;
  for (const auto& name : cfg.instances("workload.phases")) {
    const std::string k = "workload.phases." + name;
    const char* other = p.phase_by == PhaseBy::time ? ".start_query" : ".start";
    if (cfg.is_set(k + other)) {
      cfg.fail(k + other, std::string("not used with workload.phase_by: ") + cfg.string("workload.phase_by") +
                              "; set " + k + (p.phase_by == PhaseBy::time ? ".start" : ".start_query"));
    }
    Phase ph;
    ph.name = name;
    ph.start_ps = static_cast<std::uint64_t>(cfg.time_ps(k + ".start"));
    ph.start_query = static_cast<std::uint64_t>(cfg.integer(k + ".start_query"));
    ph.slo_ps = read_dist(cfg, k + ".slo", "workload.slo", true);
    ph.min_accuracy_pct = read_dist(cfg, k + ".min_accuracy", "workload.min_accuracy", false);
    p.phases.push_back(std::move(ph));
  }
  p.seed = static_cast<std::uint64_t>(cfg.integer("sim.seed"));

  // Cross-key checks, each located at the key that decides it.
  auto at = [&](const std::string& key, auto check) {
    try {
      check();
    } catch (const WorkloadError& e) {
      cfg.fail(key, e.what());
    }
  };
  if (p.arrival == ArrivalKind::trace && p.trace.file.empty()) {
    cfg.fail("workload.arrival", "arrival 'trace' needs workload.trace.file");
  }
  if (p.arrival == ArrivalKind::mmpp && p.mmpp_states.size() < 2) {
    cfg.fail("workload.arrival", "arrival 'mmpp' needs at least 2 states under workload.mmpp.states");
  }
  if (p.arrival == ArrivalKind::mmpp) {
    bool any = false;
    for (const auto& st : p.mmpp_states) any = any || st.rate_qps > 0;
    if (!any) cfg.fail("workload.mmpp.states." + p.mmpp_states.front().name + ".rate_qps",
                       "every mmpp state has rate 0: no query would ever arrive");
  }
  for (std::size_t i = 0; i < p.phases.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const bool by_time = p.phase_by == PhaseBy::time;
      if (by_time ? p.phases[i].start_ps == p.phases[j].start_ps
                  : p.phases[i].start_query == p.phases[j].start_query) {
        cfg.fail("workload.phases." + p.phases[i].name + (by_time ? ".start" : ".start_query"),
                 "phase '" + p.phases[i].name + "' starts at the same point as phase '" + p.phases[j].name + "'");
      }
    }
  }
  // What is left: a synthetic stream with neither a count nor a time limit.
  at("workload.queries", [&] { p.validate(); });
  // A count that cannot fit in memory is refused now, not after minutes of generating it.
  if (p.max_queries > workload::queries_in_memory_limit()) {
    cfg.fail("workload.queries", "'" + std::to_string(p.max_queries) + "' queries need about " +
                                     std::to_string(p.max_queries * workload::kBytesPerQuery >> 20) +
                                     " MiB, more than half of this machine's memory (allowed here: 0 .. " +
                                     std::to_string(workload::queries_in_memory_limit()) + ")");
  }
  return p;
}

std::vector<workload::Query> workload_from_config(const Config& cfg) {
  const auto params = workload_params_from_config(cfg);
  try {
    return workload::generate(params);
  } catch (const workload::WorkloadError& e) {
    cfg.fail(params.arrival == workload::ArrivalKind::trace ? "workload.trace.file" : "workload.arrival", e.what());
  }
}

}  // namespace sushi::config
