// The next instant at which the platform reads the models' state from outside the kernel,
// between two sc_start calls: a power-window boundary of trace.power, or sim.stop_time.
//
// A model that works ahead of simulated time without kernel events (the DRAM controller's
// fr_fcfs run-ahead, docs/dram.md "Running ahead") stops there as it stops at the kernel's next
// pending activity, so that a reading at that instant counts exactly what a model taking one
// kernel event per step would have done by then. The run loop (platform/run/run_progress.cpp)
// sets it before each sc_start. One SystemC simulation per process: one process-wide value.
#pragma once

#include <cstdint>

namespace sushi {

class ObservationHorizon {
 public:
  static constexpr std::uint64_t kNever = ~std::uint64_t(0);
  // Simulated time in ps; kNever: nothing is read before the run ends.
  static std::uint64_t ps() { return value(); }
  static void set_ps(std::uint64_t t) { value() = t; }

 private:
  static std::uint64_t& value() {
    static std::uint64_t v = kNever;
    return v;
  }
};

}  // namespace sushi
