// Wires the optional traces (trace.* keys, docs/traces.md) into an elaborated SoC: finds the DRAM
// controllers, the accelerator and the CPU in the module tree and hands them the tracer as
// their observer. Nothing is attached when every trace is off.
#pragma once

#include <filesystem>
#include <memory>

#include "common/energy_ledger.h"
#include "config/config.h"
#include "run/run_progress.h"
#include "soc/soc.h"
#include "traces/tracer.h"

namespace sushi {

traces::TraceOptions trace_options_from_config(const config::Config& cfg, const std::filesystem::path& dir);

class RunTraces {
 public:
  // Null when no trace is switched on. Call after elaboration, before sc_start.
  static std::unique_ptr<RunTraces> attach(const config::Config& cfg, const std::filesystem::path& dir,
                                           EnergyLedger& ledger, Soc& soc);
  ~RunTraces();
  // Where the simulation must stop to sample the power windows (simulate_until stops there; the
  // same events run, to the same end time, as without stops).
  TimeStops stops();
  // After soc.finish(): writes the queries into the timeline and closes every trace file.
  void finish(Soc& soc, std::uint64_t end_ps);
  traces::Tracer& tracer() { return *tracer_; }

 private:
  RunTraces() = default;
  void detach();
  std::unique_ptr<traces::Tracer> tracer_;
  std::vector<sc_core::sc_object*> observed_;
};

}  // namespace sushi
