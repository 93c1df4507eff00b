// Windowed power and bandwidth: energy per component and bytes moved in fixed windows of
// simulated time, from EnergyLedger readings and byte counters.
//
// The run loop (RunTraces::run) stops the kernel at every window boundary and calls sample():
// the ledger accrues every static energy (leakage, DRAM standby and refresh, idle power) to the
// boundary and is read, so each window holds exactly the energy of its interval: the static
// energy of its own time and the dynamic energy the models counted while the kernel was in it
// (initiators run ahead of the kernel by at most the quantum: sim.quantum). Stepping the kernel
// to a boundary runs nothing that would not run anyway, so a traced run ends at the same time as
// an untraced one. The windows add up to the run's totals once finish() closed the last one.
#pragma once

#include <array>
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
  std::array<double, kEnergyCategoryCount> category_pj{};  // per EnergyCategory
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
  PowerSampler(EnergyLedger& ledger, std::uint64_t window_ps, BytesFn bytes, Sink sink);

  const std::vector<std::string>& components() const { return components_; }
  std::uint64_t window_ps() const { return window_ps_; }
  // End of the window now open: where the run loop stops the kernel next.
  std::uint64_t next_boundary_ps() const { return window_start_ + window_ps_; }
  // Closes every window that ends at or before t_ps, each read at its own end (the ledger
  // accrues to it first).
  void sample(std::uint64_t t_ps);
  // Closes the remaining windows up to end_ps (the last one partial if end_ps is not a multiple;
  // always one, if need be of zero length, so that energy counted at the very end has a row).
  void finish(std::uint64_t end_ps);
  std::uint64_t windows() const { return windows_; }

  static std::string component_of(const std::string& action_name);

 private:
  struct Reading {
    std::vector<double> component_pj;
    std::array<double, kEnergyCategoryCount> category_pj{};
    ByteCounters bytes;
  };
  Reading take() const;
  void close(std::uint64_t end_ps);  // closes the open window at end_ps

  EnergyLedger& ledger_;
  std::uint64_t window_ps_;
  BytesFn bytes_fn_;
  Sink sink_;
  std::vector<std::string> components_;
  std::vector<std::size_t> comp_of_action_;
  Reading prev_;
  std::uint64_t window_start_ = 0;
  std::uint64_t windows_ = 0;
  bool finished_ = false;
};

}  // namespace sushi::traces
