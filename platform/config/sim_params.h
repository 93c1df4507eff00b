// The sim.* keys, declared once (util/params.h): the seed of every random stream, the global
// quantum of temporal decoupling and the simulated-time limit. They belong to no model: the run
// (platform/run) reads them once and passes them on (the seed to the traffic generators and the
// workload).
#pragma once

#include <cstdint>

#include "util/params.h"

namespace sushi::config {

struct SimParams {
  SimParams() { params::apply_defaults(*this); }

  std::uint64_t seed;
  std::uint64_t quantum_ps;    // tlm_global_quantum
  std::uint64_t stop_time_ps;  // the run ends here at the latest

  template <class V, class P>
  static void describe(V& v, P& p) {
    using params::Kind;
    v.section("sim", "Simulation control: seed, temporal decoupling, time limit.");
    v.integer("sim.seed", p.seed, 1, 0, std::nullopt,
              "Seed of every random stream (workload, traffic); same config + seed = identical outputs");
    v.quantity("sim.quantum", Kind::time, p.quantum_ps, "1 us", "1 ps", "1 s",
               "Global quantum of temporal decoupling (tlm_quantumkeeper): initiators run ahead of "
               "the kernel by at most this much");
    v.quantity("sim.stop_time", Kind::time, p.stop_time_ps, "10 s", "1 ns", "100000 s",
               "Simulated-time limit; the run ends earlier when every initiator has finished");
  }
};

}  // namespace sushi::config
