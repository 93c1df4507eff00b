#include "noc_fabric.h"

#include <algorithm>
#include <stdexcept>

namespace sushi::noc {

namespace {
constexpr std::uint32_t kNone = UINT32_MAX;
enum Dir : std::uint32_t { east = 0, west = 1, north = 2, south = 3 };
std::string rname(std::uint32_t x, std::uint32_t y) {
  return "r(" + std::to_string(x) + "," + std::to_string(y) + ")";
}
}  // namespace

NocFabric::NocFabric(NocParams params) : p_(std::move(params)) {
  p_.validate();
  n_ = static_cast<std::uint32_t>(p_.nodes.size());
  if (p_.topology == Topology::mesh) {
    build_mesh();
  } else {
    build_crossbar();
  }
  build_response_routes();
  set_stage_times();
}

void NocFabric::build_response_routes() {
  const bool xbar = p_.topology != Topology::mesh;
  std::vector<std::pair<std::uint32_t, std::uint32_t>>& resp = resp_node_res_;
  for (const NocNode& n : p_.nodes) {
    const std::uint32_t in = add_resource(n.name + (xbar ? ".xbar_resp_in" : ".resp_inject"),
                                          xbar ? ResourceKind::xbar_in : ResourceKind::inject);
    const std::uint32_t out = add_resource(n.name + (xbar ? ".xbar_resp_out" : ".resp_eject"),
                                           xbar ? ResourceKind::xbar_out : ResourceKind::eject);
    resp.emplace_back(in, out);
  }
  resp_routes_ = routes_;
  for (std::uint32_t s = 0; s < n_; ++s) {
    for (std::uint32_t d = 0; d < n_; ++d) {
      NocRoute& r = resp_routes_[s * n_ + d];
      r.stages.front().resource = resp[s].first;
      r.stages.back().resource = resp[d].second;
    }
  }
}

void NocFabric::set_stage_times() {
  for (std::vector<NocRoute>* routes : {&routes_, &resp_routes_}) {
    for (NocRoute& r : *routes) {
      for (NocStage& st : r.stages) st.pre_ps = std::uint64_t{st.pre_cycles} * p_.clock_period_ps;
    }
  }
}

std::uint32_t NocFabric::node_index(const std::string& name) const {
  for (std::uint32_t i = 0; i < n_; ++i) {
    if (p_.nodes[i].name == name) return i;
  }
  throw std::out_of_range("noc: no node named '" + name + "'");
}

std::uint32_t NocFabric::add_resource(std::string name, ResourceKind kind) {
  NocResource r;
  r.name = std::move(name);
  r.kind = kind;
  res_.push_back(std::move(r));
  return static_cast<std::uint32_t>(res_.size() - 1);
}

void NocFabric::build_mesh() {
  const std::uint32_t W = p_.width, H = p_.height;
  routers_.assign(std::size_t{W} * H, {});
  link_res_.assign(std::size_t{W} * H * 4, kNone);
  for (std::uint32_t y = 0; y < H; ++y) {
    for (std::uint32_t x = 0; x < W; ++x) {
      const std::uint32_t r = y * W + x;
      if (x + 1 < W) link_res_[r * 4 + east] = add_resource(rname(x, y) + "->" + rname(x + 1, y), ResourceKind::link);
      if (x > 0) link_res_[r * 4 + west] = add_resource(rname(x, y) + "->" + rname(x - 1, y), ResourceKind::link);
      if (y + 1 < H) link_res_[r * 4 + north] = add_resource(rname(x, y) + "->" + rname(x, y + 1), ResourceKind::link);
      if (y > 0) link_res_[r * 4 + south] = add_resource(rname(x, y) + "->" + rname(x, y - 1), ResourceKind::link);
    }
  }
  for (const NocNode& n : p_.nodes) {
    const std::uint32_t in = add_resource(n.name + ".inject", ResourceKind::inject);
    const std::uint32_t out = add_resource(n.name + ".eject", ResourceKind::eject);
    node_res_.emplace_back(in, out);
  }
  routes_.resize(std::size_t{n_} * n_);
  for (std::uint32_t s = 0; s < n_; ++s) {
    for (std::uint32_t d = 0; d < n_; ++d) routes_[s * n_ + d] = mesh_route(s, d);
  }
}

NocRoute NocFabric::mesh_route(std::uint32_t src, std::uint32_t dst) const {
  const NocNode& a = p_.nodes[src];
  const NocNode& b = p_.nodes[dst];
  NocRoute r;
  // Dimension-order (XY) routing: all X hops first, then Y. Deadlock-free in a mesh.
  std::uint32_t x = a.x, y = a.y;
  r.routers.emplace_back(x, y);
  while (x != b.x) {
    x = b.x > x ? x + 1 : x - 1;
    r.routers.emplace_back(x, y);
  }
  while (y != b.y) {
    y = b.y > y ? y + 1 : y - 1;
    r.routers.emplace_back(x, y);
  }
  r.hops = static_cast<std::uint32_t>(r.routers.size());
  r.wires = r.hops - 1;
  const std::uint32_t R = p_.router_latency_cycles, L = p_.link_latency_cycles;
  r.stages.push_back({node_res_[src].first, 0, -1, false});
  for (std::size_t k = 0; k + 1 < r.routers.size(); ++k) {
    const auto [cx, cy] = r.routers[k];
    const auto [nx, ny] = r.routers[k + 1];
    const std::uint32_t dir = nx > cx ? east : nx < cx ? west : ny > cy ? north : south;
    const std::uint32_t rid = cy * p_.width + cx;
    r.stages.push_back({link_res_[rid * 4 + dir], k == 0 ? R : L + R, static_cast<std::int32_t>(rid), true});
  }
  const auto [lx, ly] = r.routers.back();
  r.stages.push_back({node_res_[dst].second, r.hops == 1 ? R : L + R,
                      static_cast<std::int32_t>(ly * p_.width + lx), false});
  return r;
}

void NocFabric::build_crossbar() {
  routers_.assign(1, {});
  for (const NocNode& n : p_.nodes) {
    const std::uint32_t in = add_resource(n.name + ".xbar_in", ResourceKind::xbar_in);
    const std::uint32_t out = add_resource(n.name + ".xbar_out", ResourceKind::xbar_out);
    node_res_.emplace_back(in, out);
  }
  routes_.resize(std::size_t{n_} * n_);
  for (std::uint32_t s = 0; s < n_; ++s) {
    for (std::uint32_t d = 0; d < n_; ++d) {
      NocRoute& r = routes_[s * n_ + d];
      r.hops = 1;
      r.wires = 0;
      r.stages.push_back({node_res_[s].first, 0, -1, false});
      r.stages.push_back({node_res_[d].second, p_.arbitration_cycles, 0, false});
    }
  }
}

std::uint64_t NocFabric::send(const NocRoute& r, std::uint64_t flits, std::uint64_t t0_ps) {
  const std::uint64_t T = p_.clock_period_ps;
  const std::uint64_t ser = flits * T;
  std::uint64_t s = (t0_ps + T - 1) / T * T;  // the network interface samples on a clock edge
  ++r.packets;
  r.flits += flits;
  counts_stale_ = true;
  bool first = true;
  for (const NocStage& st : r.stages) {
    const std::uint64_t ready = first ? s : s + st.pre_ps;
    first = false;
    NocResource& res = res_[st.resource];
    s = std::max(ready, res.next_free_ps);
    const std::uint64_t wait = s - ready;
    res.next_free_ps = s + ser;
    res.wait_ps += wait;
    res.wait_max_ps = std::max(res.wait_max_ps, wait);
    res.first_start_ps = std::min(res.first_start_ps, s);
    res.last_end_ps = std::max(res.last_end_ps, s + ser);
  }
  return s + ser;
}

void NocFabric::fold_route_counts() const {
  if (!counts_stale_) return;
  counts_stale_ = false;
  for (NocResource& res : res_) res.packets = res.flits = res.busy_ps = 0;
  for (NocRouterStats& rs : routers_) rs.flits = 0;
  router_flits_ = wire_flits_ = 0;
  auto fold = [this](const NocRoute& r) {
    for (const NocStage& st : r.stages) {
      NocResource& res = res_[st.resource];
      res.packets += r.packets;
      res.flits += r.flits;
      res.busy_ps += r.flits * p_.clock_period_ps;  // each packet holds it flits x T
      if (st.router >= 0) {
        routers_[static_cast<std::size_t>(st.router)].flits += r.flits;
        router_flits_ += r.flits;
      }
      if (st.wire) wire_flits_ += r.flits;
    }
  };
  for (const std::vector<NocRoute>* routes : {&routes_, &resp_routes_}) {
    for (const NocRoute& r : *routes) {
      if (r.packets != 0) fold(r);
    }
  }
}

}  // namespace sushi::noc
