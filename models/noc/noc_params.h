// Parameters of the on-chip interconnect. Plain structs (the model never reads YAML).
// NocParams::describe() declares every noc.* key once (name, member, unit, default, range,
// description; models/common/params.h): the schema, the config mapping
// (platform/soc/noc_assembly.cpp), the defaults and validate()'s range checks all come from it.
// Tests build the structs directly.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/param_error.h"
#include "util/params.h"

namespace sushi::noc {

// Bad NoC input (parameters, the NoC energy table).
class NocConfigError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Bad parameters (NocParams::validate). key() is the config key (declared in NocParams::describe,
// or a node's noc.nodes.<name>.* key), what() starts with it: "noc.nodes.dram.x: 5 is outside the
// 4x4 mesh (0..3)"; message() is the rest, which the config layer locates at the key as is.
class NocParamError : public params::KeyedError<NocConfigError> {
 public:
  using KeyedError::KeyedError;
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
  // Defaults of the declared members: describe().
  NocParams() { params::apply_defaults(*this); }

  Topology topology;
  std::uint32_t width;                  // mesh routers in X
  std::uint32_t height;                 // mesh routers in Y
  std::uint32_t local_ports;            // mesh: nodes attachable per router (concentration)
  std::uint32_t crossbar_ports = 1;     // crossbar: number of ports (the platform: highest node port + 1)
  std::uint32_t flit_bytes;             // flit = link width: one flit per link per cycle
  std::uint64_t clock_period_ps;        // noc.clock
  std::uint32_t router_latency_cycles;  // mesh: router pipeline per hop
  std::uint32_t link_latency_cycles;    // mesh: router-to-router wire traversal
  std::uint32_t arbitration_cycles;     // crossbar: arbitration + switch traversal
  std::uint32_t header_flits;           // flits of header (address, command) per packet
  double link_length_mm;                // mesh: router-to-router link length (energy)
  std::vector<NocNode> nodes;           // from the platform's components and noc.nodes.<name>.*
  std::vector<AddressRange> address_map;

  std::uint64_t payload_flits(std::uint64_t bytes) const { return (bytes + flit_bytes - 1) / flit_bytes; }

  // Every noc.* key, declared once. `P` is NocParams or const NocParams.
  template <class V, class P>
  static void describe(V& v, P& p);

  // Throws NocParamError naming the key and the allowed range: the declared ranges, then nodes
  // outside the mesh / crossbar, two nodes on one port, duplicate names, address ranges that
  // overlap, have size 0, or name an unknown or non-target node, targets without a range.
  void validate() const;
};

template <class V, class P>
void NocParams::describe(V& v, P& p) {
  using params::Kind;
  v.section("noc",
            "The on-chip interconnect: routes every transaction by the address map "
            "through a crossbar or an XY-routed mesh, with per-link bandwidth, router "
            "latency and per-hop energy (docs/noc.md). Every initiator and target is a "
            "node; its placement is noc.nodes.<name>.");
  v.choice("noc.topology", p.topology, kTopologyNames, Topology::crossbar,
           "crossbar: AXI-interconnect-like, one input and one output port per node; "
           "mesh: width x height routers with XY routing");
  v.integer("noc.width", p.width, 1, 1, 64, "Mesh routers in X");
  v.integer("noc.height", p.height, 1, 1, 64, "Mesh routers in Y");
  v.integer("noc.local_ports", p.local_ports, 1, 1, 16, "Mesh: nodes attachable per router (concentration)");
  v.quantity("noc.flit", Kind::size, p.flit_bytes, "16 B", "1 B", "1 KiB",
             "Flit width = link and port width: one flit per link per cycle");
  v.quantity("noc.clock", Kind::frequency, params::period_ps(p.clock_period_ps), "1 GHz", "1 MHz", "10 GHz",
             "NoC clock");
  v.integer("noc.router_latency_cycles", p.router_latency_cycles, 2, 0, 64, "Mesh: router pipeline per hop");
  v.integer("noc.link_latency_cycles", p.link_latency_cycles, 1, 0, 64, "Mesh: router-to-router wire traversal");
  v.integer("noc.arbitration_cycles", p.arbitration_cycles, 1, 0, 64, "Crossbar: arbitration and switch traversal");
  v.integer("noc.header_flits", p.header_flits, 1, 0, 16, "Header flits (address, command) per packet");
  v.quantity("noc.link_length", Kind::length, p.link_length_mm, "1 mm", "0 mm", "100 mm",
             "Mesh: router-to-router link length (link energy)");
  // Per-node placement: the platform reads it for each component (platform/soc/noc_assembly.cpp);
  // validate() checks it against the mesh or crossbar.
  v.integer("noc.nodes.*.x", params::unbound, 0, 0, 63, "Mesh column of the node's router");
  v.integer("noc.nodes.*.y", params::unbound, 0, 0, 63, "Mesh row of the node's router");
  v.integer("noc.nodes.*.port", params::unbound, 0, 0, 255,
            "Mesh: local port of the router; crossbar: port number (unplaced crossbar nodes get "
            "the next free port in order of appearance)");
}

}  // namespace sushi::noc
