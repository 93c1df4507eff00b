// Distributions of per-query demands (latency SLO, accuracy floor).
#pragma once

#include <string>
#include <vector>

#include "rng.h"
#include "util/params.h"

namespace sushi::workload {

struct ValueDist {
  enum class Kind { constant, uniform, normal, choice };
  Kind kind = Kind::constant;
  double value = 0;              // constant
  double min = 0, max = 0;       // uniform range; bounds of the truncated normal
  double mean = 0, stddev = 0;   // normal (truncated to [min, max])
  std::vector<double> choices;   // choice: values ...
  std::vector<double> weights;   // ... and their relative weights (empty = equal)

  // Throws WorkloadError naming `what` (e.g. "phase peak: slo") if its keys disagree (the ranges
  // of single keys are declared with the keys, workload_params.h).
  void validate(const std::string& what) const;
  // One draw. The truncated normal redraws until inside [min, max]; after 10000 misses (a
  // stddev thousands of times the range) it returns the clamped mean, so it always ends.
  double sample(Rng& rng) const;
};

inline constexpr params::Named<ValueDist::Kind> kDistKindNames[] = {{ValueDist::Kind::constant, "constant"},
                                                                    {ValueDist::Kind::uniform, "uniform"},
                                                                    {ValueDist::Kind::normal, "normal"},
                                                                    {ValueDist::Kind::choice, "choice"}};

}  // namespace sushi::workload
