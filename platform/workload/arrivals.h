// Arrival processes: each yields absolute arrival times in ps, non-decreasing, one per call.
#pragma once

#include <cstdint>
#include <memory>

#include "rng.h"
#include "workload.h"

namespace sushi::workload {

class ArrivalProcess {
 public:
  virtual ~ArrivalProcess() = default;
  // The next arrival time (ps), or false when the process has no more arrivals.
  virtual bool next(std::uint64_t& arrival_ps) = 0;
};

// A synthetic process (constant, poisson, onoff, mmpp, bursts) starting at params.start_ps.
// Not for ArrivalKind::trace (see trace_csv.h).
std::unique_ptr<ArrivalProcess> make_arrival_process(const WorkloadParams& params, Rng& rng);

// Exponential gap of a Poisson process at rate_qps, rounded to 1 ps.
std::uint64_t exponential_gap_ps(Rng& rng, double rate_qps);

}  // namespace sushi::workload
