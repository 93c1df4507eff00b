// workload.*: the query stream of a serving run (docs/workload.md). The keys are declared in
// workload/workload_params.h; what is here is logic: phases inheriting unset demand keys, and
// the checks across keys, each located at the key that decides it.
#include <string>

#include "params_visitors.h"
#include "sim_params.h"
#include "workload/workload_error.h"
#include "workload_config.h"

namespace sushi::config {

namespace {

// The key that decides a distribution's kind: the phase's own `.dist` if it sets it, else the
// base's (a phase inherits every demand key it does not set).
std::string dist_key(const Config& cfg, const std::string& phase, const std::string& base) {
  return !phase.empty() && cfg.is_set(phase + ".dist") ? phase + ".dist" : base + ".dist";
}

// A distribution whose keys disagree (a normal's mean outside its truncation range, weights that
// do not match the choices) is an error at the key that chose the distribution.
void check_dist(const Config& cfg, const workload::ValueDist& d, const std::string& phase, const std::string& base) {
  try {
    d.validate(phase.empty() ? base : phase + " (" + base.substr(base.rfind('.') + 1) + ")");
  } catch (const workload::WorkloadError& e) {
    cfg.fail(dist_key(cfg, phase, base), e.what());
  }
}

}  // namespace

// Every key is declared once, in WorkloadParams::describe (workload/workload_params.h).
void declare_workload_keys(Schema& s) { declare_keys<workload::WorkloadParams>(s); }

workload::WorkloadParams workload_params_from_config(const Config& cfg) {
  using namespace workload;
  WorkloadParams p;
  read_keys(cfg, p);
  check_dist(cfg, p.slo_ps, "", "workload.slo");
  check_dist(cfg, p.min_accuracy_pct, "", "workload.min_accuracy");
  for (auto& ph : p.phases) {
    const std::string k = "workload.phases." + ph.name;
    const char* other = p.phase_by == PhaseBy::time ? ".start_query" : ".start";
    if (cfg.is_set(k + other)) {
      cfg.fail(k + other, std::string("not used with workload.phase_by: ") + cfg.string("workload.phase_by") +
                              "; set " + k + (p.phase_by == PhaseBy::time ? ".start" : ".start_query"));
    }
    // A phase inherits every demand key it does not set from workload.slo / workload.min_accuracy.
    ph.slo_ps = p.slo_ps;
    ph.min_accuracy_pct = p.min_accuracy_pct;
    read_set_keys(cfg, ph, k);
    check_dist(cfg, ph.slo_ps, k + ".slo", "workload.slo");
    check_dist(cfg, ph.min_accuracy_pct, k + ".min_accuracy", "workload.min_accuracy");
  }
  SimParams sim;
  read_keys(cfg, sim);  // the seed of every random stream
  p.seed = sim.seed;

  // Cross-key checks, each located at the key that decides it.
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
  // What is left: a synthetic stream with neither a count nor a time limit. (The declared ranges
  // were checked when the config was validated.)
  try {
    p.validate();
  } catch (const WorkloadParamError& e) {
    cfg.fail(e.key(), e.message());
  } catch (const WorkloadError& e) {
    cfg.fail("workload.queries", e.what());
  }
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
  return workload_from_config(cfg, workload_params_from_config(cfg).seed);
}

std::vector<workload::Query> workload_from_config(const Config& cfg, std::uint64_t seed) {
  auto params = workload_params_from_config(cfg);
  params.seed = seed;
  try {
    return workload::generate(params);
  } catch (const workload::WorkloadError& e) {
    cfg.fail(params.arrival == workload::ArrivalKind::trace ? "workload.trace.file" : "workload.arrival", e.what());
  }
}

}  // namespace sushi::config
