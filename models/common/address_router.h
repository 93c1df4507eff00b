// A bus that routes by address: N initiators, M targets, one address map.
//
// Timing (loosely timed): a transfer of N bytes to target port p arriving at t
//   start = max(t, port p next-free);  serialisation = ceil(N / width) cycles
//   delay added = (start - t) + serialisation + latency cycles, before the target's own delay.
// Targets see addresses relative to their region's base. Unmapped or straddling accesses
// answer TLM_ADDRESS_ERROR_RESPONSE without reaching any target. The NoC model (models/noc)
// is the detailed alternative with topology and per-hop energy.
#pragma once

#include <cstdint>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "common/address_map.h"
#include "common/resource.h"
#include "common/stats.h"

namespace sushi {

struct AddressRouterParams {
  double clock_hz = 1e9;
  std::uint64_t width_bytes = 16;  // bytes per cycle per target port
  std::uint64_t latency_cycles = 2;
};

class AddressRouter : public sc_core::sc_module, public StatsProvider {
 public:
  tlm_utils::multi_passthrough_target_socket<AddressRouter> initiator_side;
  tlm_utils::multi_passthrough_initiator_socket<AddressRouter> target_side;

  AddressRouter(const sc_core::sc_module_name& name, const AddressRouterParams& params,
                AddressMap map, std::vector<std::string> target_names);

  void report_stats(Json& out) const override;

 private:
  void b_transport(int port, tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(int port, tlm::tlm_generic_payload& trans);

  AddressRouterParams params_;
  AddressMap map_;
  std::vector<std::string> target_names_;
  std::uint64_t cycle_ps_;
  std::vector<TimedResource> ports_;
  std::vector<std::uint64_t> port_bytes_;
  std::uint64_t decode_errors_ = 0;
};

}  // namespace sushi
