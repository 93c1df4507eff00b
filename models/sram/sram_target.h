// TLM-2.0 target wrapping an SramArray: owns the data bytes, times every b_transport through the
// array (banks, ports, latency), and answers transport_dbg without timing or counting.
// Addresses are offsets into the array (the NoC subtracts the target's base address).
#pragma once

#include <cstdint>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/stats.h"
#include "sram_array.h"

namespace sushi::sram {

class SramTarget : public sc_core::sc_module, public StatsProvider {
 public:
  tlm_utils::simple_target_socket<SramTarget> socket;

  // The ledger component name is this module's hierarchical name.
  SramTarget(sc_core::sc_module_name name, const SramParams& params, const SramEnergy& energy,
             EnergyLedger* ledger = nullptr);
  SramTarget(sc_core::sc_module_name name, const SramParams& params, const SramEnergyTable& table,
             EnergyLedger* ledger = nullptr);

  SramArray& array() { return array_; }
  const SramArray& array() const { return array_; }
  std::vector<std::uint8_t>& data() { return data_; }

  void report_stats(Json& out) const override;

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& gp);
  // Copies data between the payload and the array; returns false (and sets the response) on a
  // bad payload. `count` false for debug accesses.
  bool copy(tlm::tlm_generic_payload& gp);

  SramArray array_;
  std::vector<std::uint8_t> data_;
};

}  // namespace sushi::sram
