// One query of a serving workload: when it arrives and what it demands.
#pragma once

#include <cstdint>

namespace sushi::workload {

struct Query {
  std::uint64_t id = 0;          // dense, 0.. in arrival order
  std::uint64_t arrival_ps = 0;  // absolute simulated time
  std::uint64_t slo_ps = 0;      // latency SLO: the query should end by arrival + slo
  double min_accuracy = 0;       // top-1 floor in percent (0 = none), a multiple of 0.001 %

  // The accuracy floor in the query port's fixed point (milli-percent): exact, because
  // generators and the trace reader quantise min_accuracy to 0.001 %.
  std::uint32_t min_accuracy_milli() const {
    return static_cast<std::uint32_t>(min_accuracy * 1000.0 + 0.5);
  }
};

}  // namespace sushi::workload
