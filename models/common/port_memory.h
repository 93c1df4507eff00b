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
#include "util/params.h"
#include "common/resource.h"
#include "common/stats.h"

namespace sushi {

// The energy categories a generic memory may report under (memories.<name>.category).
inline constexpr params::Named<EnergyCategory> kMemoryCategoryNames[] = {{EnergyCategory::sram, "sram"},
                                                                       {EnergyCategory::dram, "dram"}};

// Parameters of one generic memory. describe() declares every memories.<name>.* key once
// (models/common/params.h); the platform reads them (platform/soc/memory_params.cpp) and looks
// the energy entries up. Tests build the struct directly.
struct PortMemoryParams {
  // Defaults of the declared members: describe(); the size has none (the key is required).
  PortMemoryParams() { params::apply_defaults(*this); }

  std::uint64_t size_bytes = 0;
  std::uint64_t access_latency_ps;
  double bandwidth_bytes_per_s;
  EnergyCategory category;
  EnergyEntry read_energy;   // per byte or per event (one event per access)
  EnergyEntry write_energy;

  // Every key of one memory, under `k`: "memories.*" (the schema) or an instance
  // ("memories.ext"). `P` is PortMemoryParams or const PortMemoryParams.
  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "memories.*") {
    using params::Kind;
    v.section("memories",
              "Generic memories, one named instance each (e.g. memories.ext): a region "
              "behind one port with a latency and a bandwidth (docs/soc-skeleton.md). Use "
              "them for quick studies; the sram and dram sections model real devices.");
    v.choice(k + ".category", p.category, kMemoryCategoryNames, EnergyCategory::sram,
             "Energy category the memory's accesses are reported under");
    v.integer(k + ".base", params::unbound, std::nullopt, 0, std::nullopt,
              "First byte address of the region (decimal or 0x hex, '_' separators allowed)");
    v.quantity(k + ".size", Kind::size, p.size_bytes, std::nullopt, "1 B", "1 TiB", "Capacity");
    v.quantity(k + ".latency", Kind::time, p.access_latency_ps, "10 ns", "0 ps", "1 ms",
               "Access latency added after the data transfer (pipelined across accesses)");
    v.quantity(k + ".bandwidth", Kind::bandwidth, p.bandwidth_bytes_per_s, "12.8 GB/s", "1 MB/s", "10 TB/s",
               "Port bandwidth; concurrent accesses queue for it");
    // Energy-table entries: the platform looks them up (platform/soc/memory_params.cpp).
    v.string(k + ".read_energy", params::unbound, "sram.port_memory.read",
             "Energy-table entry charged per read (per byte if the entry is per bit or per B)");
    v.string(k + ".write_energy", params::unbound, "sram.port_memory.write",
             "Energy-table entry charged per write (per byte if the entry is per bit or per B)");
  }
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
