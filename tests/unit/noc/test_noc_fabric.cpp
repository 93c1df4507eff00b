// NocFabric timing: zero-load latency, shared links, XY routes, saturation, crossbar.
// T = 1000 ps; R = router pipeline cycles; L = link wire cycles; F = flits.
#include <gtest/gtest.h>

#include "noc/noc_fabric.h"

using namespace sushi::noc;

namespace {
NocParams mesh(std::uint32_t w, std::uint32_t h, std::uint32_t R, std::uint32_t L) {
  NocParams p;
  p.topology = Topology::mesh;
  p.width = w;
  p.height = h;
  p.flit_bytes = 16;
  p.clock_period_ps = 1000;
  p.router_latency_cycles = R;
  p.link_latency_cycles = L;
  return p;
}
NocNode node(std::string n, bool ini, bool tgt, std::uint32_t x, std::uint32_t y, std::uint32_t port = 0) {
  NocNode v;
  v.name = std::move(n);
  v.initiator = ini;
  v.target = tgt;
  v.x = x;
  v.y = y;
  v.port = port;
  return v;
}
void add_target(NocParams& p, NocNode n, std::uint64_t base) {
  p.address_map.push_back({n.name, base, 0x1000, 0});
  p.nodes.push_back(std::move(n));
}
}  // namespace

TEST(NocFabric, ZeroLoadLatencyIsHopsTimesRouterLatencyPlusSerialisation) {
  NocParams p = mesh(4, 4, 3, 0);
  p.nodes.push_back(node("cpu", true, false, 0, 0));
  add_target(p, node("dram", false, true, 3, 2), 0);
  NocFabric f(p);
  const NocRoute& r = f.route(0, 1);
  EXPECT_EQ(r.hops, 6u);  // routers (0,0) (1,0) (2,0) (3,0) (3,1) (3,2)
  // 6 hops x 3 cycles + 20 flits = 38 cycles = 38000 ps
  EXPECT_EQ(f.send(r, 20, 0), 38000u);
}

TEST(NocFabric, ZeroLoadLatencyWithLinkLatency) {
  NocParams p = mesh(4, 4, 2, 1);
  p.nodes.push_back(node("cpu", true, false, 0, 0));
  add_target(p, node("dram", false, true, 3, 2), 0);
  NocFabric f(p);
  // H x R + (H-1) x L + F = 6 x 2 + 5 x 1 + 5 = 22 cycles; the request starts at the next edge
  // after 500 ps (1000 ps): done at 1000 + 22000.
  EXPECT_EQ(f.send(f.route(0, 1), 5, 500), 23000u);
}

TEST(NocFabric, SameRouterIsOneHop) {
  NocParams p = mesh(2, 2, 2, 1);
  p.local_ports = 2;
  p.nodes.push_back(node("cpu", true, false, 1, 1, 0));
  add_target(p, node("sram", false, true, 1, 1, 1), 0);
  NocFabric f(p);
  EXPECT_EQ(f.route(0, 1).hops, 1u);
  EXPECT_EQ(f.send(f.route(0, 1), 4, 0), 6000u);  // 1 x 2 + 4 flits = 6 cycles
}

TEST(NocFabric, TwoTransfersSharingALinkTakeTheSumOfTheirSerialisation) {
  NocParams p = mesh(3, 1, 2, 1);
  p.local_ports = 2;
  p.nodes.push_back(node("a", true, false, 0, 0, 0));
  p.nodes.push_back(node("b", true, false, 0, 0, 1));
  add_target(p, node("t", false, true, 2, 0), 0);
  NocFabric f(p);
  // Both paths: own injection port, links (0,0)->(1,0), (1,0)->(2,0), ejection at t; H = 3.
  // a alone: 3 x 2 + 2 x 1 + 10 = 18 cycles.
  EXPECT_EQ(f.send(f.route(0, 2), 10, 0), 18000u);
  // b, same time: waits for a's 10 flits on the first shared link, then streams behind it:
  // 3 x 2 + 2 x 1 + 10 + 6 = 24 cycles (the sum of both serialisation times).
  EXPECT_EQ(f.send(f.route(1, 2), 6, 0), 24000u);
  const auto& res = f.resources();
  std::uint64_t waited = 0;
  for (const auto& r : res) waited += r.wait_ps;
  EXPECT_EQ(waited, 10000u);  // b queued 10 cycles once, at the first shared link
}

TEST(NocFabric, XyRoutesInA3x3Mesh) {
  NocParams p = mesh(3, 3, 1, 1);
  for (std::uint32_t y = 0; y < 3; ++y) {
    for (std::uint32_t x = 0; x < 3; ++x) {
      add_target(p, node("n" + std::to_string(x) + std::to_string(y), true, true, x, y),
                 (y * 3 + x) * 0x1000);
    }
  }
  NocFabric f(p);
  using Path = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  auto path = [&](const char* a, const char* b) { return f.route(f.node_index(a), f.node_index(b)).routers; };
  EXPECT_EQ(path("n00", "n22"), (Path{{0, 0}, {1, 0}, {2, 0}, {2, 1}, {2, 2}}));
  EXPECT_EQ(path("n22", "n00"), (Path{{2, 2}, {1, 2}, {0, 2}, {0, 1}, {0, 0}}));
  EXPECT_EQ(path("n02", "n20"), (Path{{0, 2}, {1, 2}, {2, 2}, {2, 1}, {2, 0}}));
  EXPECT_EQ(path("n10", "n12"), (Path{{1, 0}, {1, 1}, {1, 2}}));
  EXPECT_EQ(path("n21", "n01"), (Path{{2, 1}, {1, 1}, {0, 1}}));
  EXPECT_EQ(path("n11", "n11"), (Path{{1, 1}}));
  // Every pair: X first, then Y, Manhattan distance + 1 routers.
  for (const auto& a : p.nodes) {
    for (const auto& b : p.nodes) {
      const auto& r = f.route(f.node_index(a.name), f.node_index(b.name));
      const std::uint32_t dx = a.x > b.x ? a.x - b.x : b.x - a.x;
      const std::uint32_t dy = a.y > b.y ? a.y - b.y : b.y - a.y;
      ASSERT_EQ(r.hops, dx + dy + 1);
      for (std::uint32_t k = 0; k <= dx; ++k) EXPECT_EQ(r.routers[k].second, a.y);  // X leg on row a.y
      for (std::uint32_t k = dx; k < r.hops; ++k) EXPECT_EQ(r.routers[k].first, b.x);  // Y leg on column b.x
    }
  }
}

TEST(NocFabric, BandwidthNeverExceedsLinkCapacityUnderSaturation) {
  NocParams p = mesh(4, 4, 2, 1);
  for (std::uint32_t i = 0; i < 8; ++i) p.nodes.push_back(node("i" + std::to_string(i), true, false, i % 4, i / 4 * 3));
  add_target(p, node("t0", false, true, 1, 1), 0);
  add_target(p, node("t1", false, true, 2, 2), 0x1000);
  NocFabric f(p);
  // Every initiator offers far more than the targets can eject: 200 packets of 257 flits
  // (4 KiB + header) each, issued 10 cycles apart.
  std::uint64_t delivered_flits[2] = {0, 0};
  for (std::uint64_t k = 0; k < 200; ++k) {
    for (std::uint32_t i = 0; i < 8; ++i) {
      const std::uint32_t t = 8 + (i + k) % 2;
      f.send(f.route(i, t), 257, k * 10000);
      delivered_flits[t - 8] += 257;
    }
  }
  for (const NocResource& r : f.resources()) {
    if (r.packets == 0) continue;
    // One flit per cycle at most: the time between the first and last flit covers them all.
    EXPECT_LE(r.flits * 1000, r.last_end_ps - r.first_start_ps) << r.name;
    EXPECT_EQ(r.busy_ps, r.flits * 1000) << r.name;
  }
  // The ejection ports are the bottleneck and stay saturated: no idle cycle from first to last.
  for (std::uint32_t t = 0; t < 2; ++t) {
    const NocResource& ej = f.resources()[f.eject_of(8 + t)];
    EXPECT_EQ(ej.flits, delivered_flits[t]);
    EXPECT_EQ(ej.last_end_ps - ej.first_start_ps, ej.flits * 1000) << ej.name;
  }
}

TEST(NocFabric, CrossbarZeroLoadAndPortContention) {
  NocParams p;
  p.topology = Topology::crossbar;
  p.crossbar_ports = 4;
  p.flit_bytes = 8;
  p.clock_period_ps = 1000;
  p.arbitration_cycles = 2;
  p.nodes.push_back(node("a", true, false, 0, 0, 0));
  p.nodes.push_back(node("b", true, false, 0, 0, 1));
  p.address_map.push_back({"t", 0, 0x1000, 0});
  p.nodes.push_back(node("t", false, true, 0, 0, 3));
  NocFabric f(p);
  EXPECT_EQ(f.route(0, 2).hops, 1u);
  // Zero load: arbitration 2 + 8 flits = 10 cycles.
  EXPECT_EQ(f.send(f.route(0, 2), 8, 0), 10000u);
  // b to the same target port at the same time: output port busy until 2 + 8 = 10 cycles,
  // then 3 flits: done at 13 cycles.
  EXPECT_EQ(f.send(f.route(1, 2), 3, 0), 13000u);
  // a again at time 0: its input port is free at 8 cycles; output port free at 13:
  // start max(8 + 2, 13) = 13, done 13 + 1 = 14 cycles.
  EXPECT_EQ(f.send(f.route(0, 2), 1, 0), 14000u);
}
