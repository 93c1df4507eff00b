// The SoC interconnect as a TLM-2.0 module: decodes the address map, routes each transaction
// through a mesh (XY) or a crossbar, reserves link/port bandwidth for request and response
// packets, forwards to the target with target-relative addresses, and counts flits and energy.
//
// Binding (one socket pair per node, by name):
//   cpu.socket.bind(noc.initiator_port("cpu"));   // initiator -> NoC
//   noc.target_port("dram").bind(dram.socket);    // NoC -> target
// Every initiator node must bind its port and every target node its port (SystemC checks).
//
// A transaction (b_transport), times in ps (docs/noc.md):
//   request packet  = header_flits + (write ? ceil(len / flit_bytes) : 0) flits, src -> dst
//   response packet = header_flits + (read  ? ceil(len / flit_bytes) : 0) flits, dst -> src
//   t_req  = tail arrival of the request (NocFabric::send from now + delay)
//   target called with delay = t_req - now; it adds its own latency
//   t_done = tail arrival of the response sent at now + returned delay; delay = t_done - now
// Unmapped addresses (or accesses crossing the end of a range) answer TLM_ADDRESS_ERROR_RESPONSE
// without forwarding and without network time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "common/energy_ledger.h"
#include "common/latency_stats.h"
#include "common/stats.h"
#include "noc_energy.h"
#include "noc_extension.h"
#include "noc_fabric.h"

namespace sushi::noc {

class Noc : public sc_core::sc_module, public StatsProvider {
 public:
  using TargetSocket = tlm_utils::simple_target_socket_tagged<Noc>;
  using InitiatorSocket = tlm_utils::simple_initiator_socket_tagged<Noc>;

  // Validates `params` (NocConfigError naming the key). `ledger` may be null.
  Noc(sc_core::sc_module_name name, const NocParams& params, const NocEnergy& energy,
      EnergyLedger* ledger = nullptr);
  Noc(sc_core::sc_module_name name, const NocParams& params, const NocEnergyTable& table,
      EnergyLedger* ledger = nullptr);

  // The socket an initiator node binds to / the socket that binds to a target node. Throws
  // std::out_of_range naming the node and its roles.
  TargetSocket& initiator_port(const std::string& node);
  InitiatorSocket& target_port(const std::string& node);

  const NocFabric& fabric() const { return fabric_; }
  const NocEnergy& energy() const { return energy_; }
  double router_energy_pj() const { return static_cast<double>(fabric_.router_flits()) * energy_.router_flit.pj_per_unit; }
  double link_energy_pj() const { return static_cast<double>(fabric_.wire_flits()) * energy_.link_flit.pj_per_unit; }
  std::uint64_t address_errors() const { return address_errors_; }

  void report_stats(Json& out) const override;

 private:
  struct Decoded {
    std::uint32_t target = 0;    // node index
    std::uint64_t taddr = 0;     // target-relative address
    const AddressRange* range = nullptr;
  };
  // False if [addr, addr+len) is not inside one range (len 0 checks addr only).
  bool decode(std::uint64_t addr, std::uint64_t len, Decoded& out) const;

  void b_transport(int id, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned int transport_dbg(int id, tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  void invalidate_direct_mem_ptr(int id, sc_dt::uint64 start, sc_dt::uint64 end);
  void init();

  NocFabric fabric_;
  NocEnergy energy_;
  EnergyLedger* ledger_;
  ActionId router_id_ = 0, link_id_ = 0;
  std::vector<AddressRange> ranges_;  // sorted by base
  std::vector<std::uint32_t> range_node_;
  mutable std::size_t last_range_ = 0;  // index of the range decoded last (a lookup hint)
  std::vector<std::unique_ptr<TargetSocket>> in_;      // per node (null if not an initiator)
  std::vector<std::unique_ptr<InitiatorSocket>> out_;  // per node (null if not a target)
  struct NodeStats {
    std::uint64_t transactions = 0;
    std::uint64_t read_bytes = 0;
    std::uint64_t write_bytes = 0;
    LatencyStats latency;  // request issue (now + delay in) to response tail, ps
  };
  std::vector<NodeStats> node_stats_;
  std::uint64_t address_errors_ = 0;
  std::uint64_t hops_sum_ = 0;
  std::uint64_t transactions_ = 0;
};

}  // namespace sushi::noc
