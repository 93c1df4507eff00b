// The sched.* keys, declared once (models/common/params.h), and the name tables of the
// scheduler's enumerated choices, expanded from the lists in sched/sched.h (the one place that
// names them): the schema's allowed values, the boot info's ids and the names written to the
// outputs all come from these. The scheduler itself is C firmware (sched/), so its keys are
// declared here, on the VP side, and reach it through the boot info (platform/soc/serving.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/params.h"
#include "sched/sched.h"

namespace sushi::config {

#define SUSHI_NAMED_(id, value, name) {static_cast<std::uint32_t>(id), name},
inline constexpr params::Named<std::uint32_t> kCachePolicyNames[] = {SUSHI_POLICY_LIST(SUSHI_NAMED_)};
inline constexpr params::Named<std::uint32_t> kObjectiveNames[] = {SUSHI_OBJECTIVE_LIST(SUSHI_NAMED_)};
#undef SUSHI_NAMED_

struct SchedParams {
  SchedParams() { params::apply_defaults(*this); }

  std::uint32_t objective;  // enum sushi_objective
  std::uint32_t policy;     // enum sushi_policy
  std::uint32_t window;     // queries
  double period_ps;         // re-plan period (0: off)
  bool reload_guard;
  std::vector<std::string> processors;  // accelerator names: accel, accels.<name>

  template <class V, class P>
  static void describe(V& v, P& p) {
    using params::Kind;
    v.section("sched",
              "SushiSched, run by the firmware: SubNet selection and the SubGraph caching "
              "policy of the Persistent Buffer (docs/sched.md).");
    v.choice("sched.objective", p.objective, kObjectiveNames, std::uint32_t{SUSHI_OBJECTIVE_ACCURACY},
             "accuracy: the most accurate SubNet whose predicted completion meets the deadline "
             "(else the fastest meeting the accuracy floor, else the fastest); min_latency: the "
             "fastest SubNet meeting the accuracy floor");
    v.choice("sched.cache.policy", p.policy, kCachePolicyNames, std::uint32_t{SUSHI_POLICY_NONE},
             "none: no PB use; static: one SubGraph planned at boot from the catalog; sgs: re-plan "
             "the SubGraph for the last `window` queries every `window` queries (and/or every "
             "`period`), loading only changed blocks; lru: a layer-region cache managed on each "
             "query; oracle: sgs planned on the next `window` queries' SubNets (an upper bound)");
    v.integer("sched.cache.window", p.window, 16, 0, 256,
              "sgs/oracle: queries per plan and queries the plan looks at (0: plan by period only, sgs)");
    v.quantity("sched.cache.period", Kind::time, p.period_ps, "0 s", "0 s", "1000 s",
               "sgs: also re-plan when this much simulated time passed since the last plan (0 s: off)");
    v.boolean("sched.cache.reload_guard", p.reload_guard, false,
              "sgs/oracle: load a new plan only when, over the window it was planned for, it saves more DRAM "
              "weight bytes than its reload moves and more predicted accelerator time than the reload takes");
    v.string_list("sched.processors", p.processors, "[accel]",
                  "accelerators the firmware serves queries on (at most 4): `accel` and names of `accels.<name>`, "
                  "each with a model image built for its array; per query it picks the accelerator and the SubNet, "
                  "a busy one's running job counted (docs/sched.md); each keeps its own PB caching state per task");
  }
};

}  // namespace sushi::config
