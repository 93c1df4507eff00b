// A memory behind one port: fixed access latency plus a bandwidth limit with contention.
//
// Timing of an access of N bytes arriving at t (loosely timed):
//   start = max(t, port next-free);  transfer = ceil(N * 1e12 / bandwidth) ps
//   done  = start + transfer + access_latency;  the port is busy from start to start+transfer.
// So back-to-back accesses pipeline (the latency overlaps), and concurrent initiators queue.
// It is the reference target for the SoC skeleton and for initiator tests; the detailed DRAM
// and SRAM models (models/dram, models/sram) replace it where their behaviour matters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/energy_ledger.h"
#include "common/latency_stats.h"
#include "common/resource.h"
#include "common/stats.h"

namespace sushi {

struct PortMemoryParams {
  std::uint64_t size_bytes = 0;
  std::uint64_t access_latency_ps = 0;
  double bandwidth_bytes_per_s = 1e9;
  EnergyCategory category = EnergyCategory::sram;
  EnergyEntry read_energy;   // per byte or per event (one event per access)
  EnergyEntry write_energy;
};

class PortMemory : public sc_core::sc_module, public StatsProvider {
 public:
  tlm_utils::simple_target_socket<PortMemory> socket;

  PortMemory(const sc_core::sc_module_name& name, const PortMemoryParams& params,
             EnergyLedger& ledger);

  void report_stats(Json& out) const override;
  std::uint8_t* data() { return storage_.data(); }

 private:
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
  bool check(tlm::tlm_generic_payload& trans) const;
  std::uint64_t count_for(const EnergyEntry& e, std::uint64_t bytes) const;

  PortMemoryParams params_;
  std::vector<std::uint8_t> storage_;
  TimedResource port_;
  EnergyLedger& ledger_;
  ActionId read_action_, write_action_;
  std::uint64_t reads_ = 0, writes_ = 0, read_bytes_ = 0, write_bytes_ = 0, errors_ = 0;
  LatencyStats latency_;
};

}  // namespace sushi
