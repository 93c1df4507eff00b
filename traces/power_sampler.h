// Windowed power and bandwidth: energy per component and bytes moved in fixed windows of
// simulated time, from EnergyLedger snapshots and byte counters.
//
// Sampling is driven by the trace hooks (no process of its own, so a traced run ends at the same
// simulated time as an untraced one): each hook advances the sampler's clock to the time it
// reports, and every window that ended before that time is closed with the energy counted
// since the previous close. Energy a model accounts lazily (DRAM background at the next request,
// leakage at the end) lands in the window where it is accounted; the window totals always add
// up to the run's totals once finish() closed the last (possibly partial) window.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/energy_ledger.h"

namespace sushi::traces {

struct ByteCounters {
  std::uint64_t dram_read_B = 0, dram_write_B = 0;  // all DRAM controllers
  std::uint64_t pb_read_B = 0, pb_load_B = 0;       // accelerator Persistent Buffer
  std::uint64_t dram_refresh_count = 0;             // refresh commands, all channels and ranks
};

struct PowerWindow {
  std::uint64_t start_ps = 0, end_ps = 0;
  std::vector<double> energy_pj;  // per component (PowerSampler::components())
  double total_pj = 0.0;
  ByteCounters bytes;             // moved during the window
  double power_mw(double pj) const { return end_ps > start_ps ? pj / double(end_ps - start_ps) * 1e3 : 0.0; }
};

class PowerSampler {
 public:
  using BytesFn = std::function<ByteCounters()>;
  using Sink = std::function<void(const PowerWindow&)>;

  // Components are the module names under the top ("soc.dram.ch0.act" -> "dram"), from the
  // actions declared in `ledger` so far (call after elaboration).
  PowerSampler(const EnergyLedger& ledger, std::uint64_t window_ps, BytesFn bytes, Sink sink);

  const std::vector<std::string>& components() const { return components_; }
  std::uint64_t window_ps() const { return window_ps_; }
  // Closes every window that ends at or before t_ps.
  void advance(std::uint64_t t_ps);
  // Closes the remaining windows up to end_ps (the last one partial if end_ps is not a multiple).
  void finish(std::uint64_t end_ps);
  std::uint64_t windows() const { return windows_; }

  static std::string component_of(const std::string& action_name);

 private:
  void take(std::vector<double>& energy, ByteCounters& bytes) const;
  void close_until(std::uint64_t end_ps, bool partial);

  const EnergyLedger& ledger_;
  std::uint64_t window_ps_;
  BytesFn bytes_fn_;
  Sink sink_;
  std::vector<std::string> components_;
  std::vector<std::size_t> comp_of_action_;
  std::vector<double> prev_energy_;
  ByteCounters prev_bytes_;
  std::uint64_t window_start_ = 0;
  std::uint64_t windows_ = 0;
  bool finished_ = false;
};

}  // namespace sushi::traces
