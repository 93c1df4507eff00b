// The virtual SoC assembled from a validated config: memories, the interconnect that routes
// by the address map, and initiators. Elaboration-time problems that span keys (overlapping
// regions, a traffic generator aimed at an unknown memory) are ConfigErrors located at the key.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "common/address_router.h"
#include "common/energy_ledger.h"
#include "common/energy_table.h"
#include "common/port_memory.h"
#include "config/config.h"
#include "periph/traffic_generator.h"

namespace sushi {

class Soc : public sc_core::sc_module {
 public:
  Soc(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
      EnergyLedger& ledger);

  // Notified when every initiator has finished its work.
  const sc_core::sc_event& all_done_event() const { return all_done_; }
  bool all_done() const;
  std::uint64_t transactions_issued() const;
  const AddressMap& address_map() const { return map_; }

 private:
  void watch_initiators();

  AddressMap map_;
  std::vector<std::unique_ptr<PortMemory>> memories_;
  std::unique_ptr<AddressRouter> router_;
  std::vector<std::unique_ptr<TrafficGenerator>> generators_;
  sc_core::sc_event all_done_;
};

}  // namespace sushi
