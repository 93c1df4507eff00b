// The NoC timing engine, independent of SystemC: resources (links and ports) with next-free
// times, routes (XY in a mesh, port-to-port in a crossbar) and packet reservation.
//
// Timing rule (docs/noc.md, exact). A packet of F flits follows a route of stages; stage i is a
// resource (injection port, router output link, ejection port; crossbar input/output port)
// entered after a fixed pre-latency p_i (cycles of period T):
//   s_0 = max(edge(t0), free_0)                          t0 = request time, edge() = next clock edge
//   s_i = max(s_{i-1} + p_i x T, free_i)                 head enters stage i
//   free_i = s_i + F x T                                 the resource carries one flit per cycle
//   tail arrival = s_last + F x T
// Mesh pre-latencies: injection 0; the first router's output R; every later router's output
// L + R (R = router pipeline, L = link wire). So with H = routers traversed, zero-load latency
// = H x R + (H-1) x L + F cycles. Crossbar: input port 0, output port A (arbitration).
// A blocked packet waits in the router's input buffer (virtual cut-through): upstream resources
// are released after its F flits pass; buffer capacity is not modelled. Reservations are made in
// call order (loosely timed): a later call never takes bandwidth already granted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "noc_energy.h"
#include "noc_params.h"

namespace sushi::noc {

enum class ResourceKind { inject, eject, link, xbar_in, xbar_out };

struct NocResource {
  std::string name;  // e.g. "r(0,0)->r(1,0)", "cpu.inject"
  ResourceKind kind = ResourceKind::link;
  std::uint64_t next_free_ps = 0;
  // statistics (packets, flits and busy_ps are summed from the routes' counters when read)
  std::uint64_t packets = 0;
  std::uint64_t flits = 0;
  std::uint64_t busy_ps = 0;
  std::uint64_t wait_ps = 0;      // sum of queueing delays (s_i minus ready time)
  std::uint64_t wait_max_ps = 0;
  std::uint64_t first_start_ps = UINT64_MAX;
  std::uint64_t last_end_ps = 0;
};

struct NocStage {
  std::uint32_t resource = 0;
  std::uint32_t pre_cycles = 0;
  std::int32_t router = -1;  // router traversed before this stage (-1: none), for energy/stats
  bool wire = false;         // router-to-router link (wire energy)
  std::uint64_t pre_ps = 0;  // pre_cycles x clock period (set with the routes)
};

struct NocRoute {
  std::vector<NocStage> stages;
  std::uint32_t hops = 0;   // routers traversed (crossbar: 1)
  std::uint32_t wires = 0;  // router-to-router links traversed
  std::vector<std::pair<std::uint32_t, std::uint32_t>> routers;  // mesh coordinates in order
  // Packets and flits sent along this route: every stage of a route carries the same packets,
  // so send() counts them once here instead of at each resource and router it passes.
  mutable std::uint64_t packets = 0, flits = 0;
};

struct NocRouterStats {
  std::uint64_t flits = 0;  // flit traversals
};

class NocFabric {
 public:
  // Validates the parameters (NocConfigError naming the key).
  explicit NocFabric(NocParams params);

  const NocParams& params() const { return p_; }
  // Index into params().nodes; throws std::out_of_range naming the node.
  std::uint32_t node_index(const std::string& name) const;
  // Route between two nodes (by index), computed at construction.
  const NocRoute& route(std::uint32_t src, std::uint32_t dst) const { return routes_[src * n_ + dst]; }
  // The route of a response (read data, write acknowledge) from target `src` back to initiator
  // `dst`: the same routers and links, but its own injection and ejection resources at the two
  // nodes, as AXI's response channels (R, B) are wires of their own beside the request channels
  // (AR, AW, W). A node that is both initiator and target (the accelerator: DMA master and
  // register slave) then does not queue requests to its target port behind read data returning
  // to its initiator port, which a loosely-timed DMA books far ahead of the present.
  const NocRoute& response_route(std::uint32_t src, std::uint32_t dst) const { return resp_routes_[src * n_ + dst]; }

  // Reserves the route for a packet of `flits` flits requested at `t0_ps`; returns the time the
  // tail arrives at the destination node.
  std::uint64_t send(const NocRoute& r, std::uint64_t flits, std::uint64_t t0_ps);

  const std::vector<NocResource>& resources() const {
    fold_route_counts();
    return res_;
  }
  const std::vector<NocRouterStats>& routers() const {
    fold_route_counts();
    return routers_;
  }
  std::uint64_t router_flits() const {  // sum over routers
    fold_route_counts();
    return router_flits_;
  }
  std::uint64_t wire_flits() const {  // sum over router-to-router links
    fold_route_counts();
    return wire_flits_;
  }
  std::uint32_t inject_of(std::uint32_t node) const { return node_res_[node].first; }
  std::uint32_t eject_of(std::uint32_t node) const { return node_res_[node].second; }
  std::uint32_t resp_inject_of(std::uint32_t node) const { return resp_node_res_[node].first; }
  std::uint32_t resp_eject_of(std::uint32_t node) const { return resp_node_res_[node].second; }

 private:
  void build_mesh();
  void build_crossbar();
  std::uint32_t add_resource(std::string name, ResourceKind kind);
  NocRoute mesh_route(std::uint32_t src, std::uint32_t dst) const;
  void set_stage_times();
  void build_response_routes();
  // Resource packets/flits/busy time and router flits from the routes' counters (recomputed
  // when a packet was sent since the last time).
  void fold_route_counts() const;

  NocParams p_;
  std::uint32_t n_ = 0;
  mutable std::vector<NocResource> res_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> node_res_;  // (inject/in, eject/out)
  std::vector<std::uint32_t> link_res_;  // mesh: router * 4 + dir -> resource (UINT32_MAX if none)
  std::vector<NocRoute> routes_;
  std::vector<NocRoute> resp_routes_;  // routes_ with each node's response inject/eject resources
  std::vector<std::pair<std::uint32_t, std::uint32_t>> resp_node_res_;  // (response in, response out)
  mutable std::vector<NocRouterStats> routers_;
  mutable std::uint64_t router_flits_ = 0;
  mutable std::uint64_t wire_flits_ = 0;
  mutable bool counts_stale_ = false;  // a packet was sent since fold_route_counts()
};

}  // namespace sushi::noc
