// The virtual SoC assembled from a validated config: memories (SRAMs, DRAMs, generic memories),
// the NoC that routes by the address map, and initiators; built by the one SoC assembly
// (soc_assembly.h), with the serving part (serving.h) and the traffic generators as further nodes. Problems that span keys (overlapping
// regions, an initiator aimed at an unknown memory, an unplaced mesh node) are ConfigErrors
// located at the key, raised during elaboration, before simulation.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "common/energy_ledger.h"
#include "common/energy_table.h"
#include "common/port_memory.h"
#include "config/config.h"
#include "dram/dram_controller.h"
#include "noc/noc.h"
#include "periph/traffic_generator.h"
#include "soc/serving.h"
#include "soc/soc_assembly.h"
#include "sram/sram_target.h"

namespace sushi {

class Soc : public sc_core::sc_module {
 public:
  Soc(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
      EnergyLedger& ledger);

  // Notified when every initiator has finished its work.
  const sc_core::sc_event& all_done_event() const { return all_done_; }
  bool all_done() const;
  std::uint64_t transactions_issued() const;
  // Books every static energy up to the current simulated time and closes the per-query energy
  // attribution (idle energy up to the end); call once, after the simulation, before reports.
  void finish();
  // The query-serving part (accelerator, CPU, query port, timer), or null in a traffic-only SoC.
  Serving* serving() { return serving_.get(); }

  struct Region {
    std::uint64_t base = 0;
    std::uint64_t size = 0;
  };
  // Every target of the address map by component name (memories and register blocks).
  const std::map<std::string, Region>& regions() const { return regions_; }

 private:
  void watch_initiators();

  EnergyLedger& ledger_;
  std::map<std::string, Region> regions_;  // every target by name
  std::unique_ptr<SocAssembly> assembly_;  // memories, accelerator, NoC
  std::unique_ptr<Serving> serving_;
  std::vector<std::unique_ptr<TrafficGenerator>> generators_;
  sc_core::sc_event all_done_;
};

}  // namespace sushi
