// Parameters of the on-chip interconnect. Plain structs (the model never reads YAML); the
// platform's config layer maps keys `noc.*` onto them, tests build them directly.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/params.h"

namespace sushi::noc {

// Bad parameters; the message starts with the key path, e.g.
// "noc.nodes.dram.x: 5 is outside the 4x4 mesh (0..3)".
class NocConfigError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

enum class Topology { crossbar, mesh };
inline constexpr params::Named<Topology> kTopologyNames[] = {{Topology::crossbar, "crossbar"},
                                                           {Topology::mesh, "mesh"}};
const char* to_string(Topology t);

// One attached component. A component may be an initiator (gets an initiator port on the NoC),
// a target (gets a target port and address ranges), or both (e.g. the accelerator: registers and
// DMA) - both roles share its network interface.
struct NocNode {
  std::string name;
  bool initiator = false;
  bool target = false;
  std::uint32_t x = 0;     // mesh column (0..width-1)
  std::uint32_t y = 0;     // mesh row (0..height-1)
  std::uint32_t port = 0;  // mesh: local port of router (x,y) (0..local_ports-1); crossbar: port
};

// Address range routed to a target node. The target sees  address - base + target_offset
// (target-relative addresses; target_offset lets one target expose several windows).
struct AddressRange {
  std::string target;
  std::uint64_t base = 0;
  std::uint64_t size = 0;
  std::uint64_t target_offset = 0;
};

struct NocParams {
  Topology topology = Topology::mesh;
  std::uint32_t width = 1;    // mesh routers in X
  std::uint32_t height = 1;   // mesh routers in Y
  std::uint32_t local_ports = 1;     // mesh: nodes attachable per router (concentration)
  std::uint32_t crossbar_ports = 1;  // crossbar: number of ports
  std::uint32_t flit_bytes = 16;     // flit = link width: one flit per link per cycle
  std::uint64_t clock_period_ps = 1000;
  std::uint32_t router_latency_cycles = 2;  // mesh: router pipeline per hop
  std::uint32_t link_latency_cycles = 1;    // mesh: router-to-router wire traversal
  std::uint32_t arbitration_cycles = 1;     // crossbar: arbitration + switch traversal
  std::uint32_t header_flits = 1;           // flits of header (address, command) per packet
  double link_length_mm = 1.0;              // mesh: router-to-router link length (energy)
  std::vector<NocNode> nodes;
  std::vector<AddressRange> address_map;

  std::uint64_t payload_flits(std::uint64_t bytes) const { return (bytes + flit_bytes - 1) / flit_bytes; }

  // Throws NocConfigError naming "<key_prefix>.<key path>" and the allowed range. Checks nodes
  // outside the mesh / crossbar, two nodes on one port, duplicate names, zero widths, address
  // ranges that overlap, have size 0, or name an unknown or non-target node, targets without a
  // range.
  void validate(const std::string& key_prefix = "noc") const;
};

}  // namespace sushi::noc
