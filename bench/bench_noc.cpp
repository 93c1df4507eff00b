// NoC model speed: transactions per second for 4 KiB transfers across a 4x4 mesh with 8
// concurrent initiators, and the cost per hop.
//
// SystemC elaborates once per process, so every module is built before the benchmarks run:
//  - BM_Noc8Initiators4KiB: 8 initiators call b_transport round-robin from the benchmark loop,
//    each with its own local time (temporal decoupling, no context switch): the model's cost.
//  - BM_Noc8Threads4KiB: 8 SC_THREADs with a tlm_quantumkeeper (1 us quantum) driving a second
//    NoC; each iteration simulates one quantum: model + SystemC scheduling cost.
//  - BM_NocHops/h: one initiator, target h routers away (h = 1..7): slope = cost per hop.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "noc/noc.h"

using namespace sushi::noc;
using sc_core::SC_NS;
using sc_core::sc_time;

namespace {

constexpr unsigned kBytes = 4096;

struct Sink : sc_core::sc_module {
  tlm_utils::simple_target_socket<Sink> socket{"socket"};
  explicit Sink(sc_core::sc_module_name n) : sc_core::sc_module(n) {
    socket.register_b_transport(this, &Sink::b_transport);
  }
  void b_transport(tlm::tlm_generic_payload& gp, sc_time& d) {
    d += sc_time(10, SC_NS);  // a fixed memory latency: the benchmark measures the NoC
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

struct Port : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Port> socket{"socket"};
  tlm::tlm_generic_payload gp;
  std::vector<unsigned char> buf = std::vector<unsigned char>(kBytes);
  sc_time local = sc_core::SC_ZERO_TIME;
  std::uint64_t base = 0;
  std::uint64_t done = 0;
  explicit Port(sc_core::sc_module_name n) : sc_core::sc_module(n) {}
  void issue() {
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    gp.set_address(base + (done % 16) * kBytes);
    gp.set_data_ptr(buf.data());
    gp.set_data_length(kBytes);
    gp.set_streaming_width(kBytes);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    socket->b_transport(gp, local);
    ++done;
  }
};

struct ThreadPort : Port {
  SC_HAS_PROCESS(ThreadPort);
  tlm_utils::tlm_quantumkeeper qk;
  explicit ThreadPort(sc_core::sc_module_name n) : Port(n) { SC_THREAD(run); }
  void run() {
    qk.reset();
    for (;;) {
      local = qk.get_local_time();
      issue();
      qk.set(local);
      if (qk.need_sync()) qk.sync();
    }
  }
};

NocParams mesh4x4(const std::string& tag) {
  NocParams p;
  p.topology = Topology::mesh;
  p.width = 4;
  p.height = 4;
  p.local_ports = 2;
  p.flit_bytes = 16;
  p.clock_period_ps = 1000;
  p.router_latency_cycles = 2;
  p.link_latency_cycles = 1;
  (void)tag;
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

NocEnergy energy() {
  NocEnergy e;
  e.router_flit = {6.128, sushi::CountUnit::event, "6.128 pJ", "noc-noxim 128-bit", ""};
  e.link_flit = {6.272, sushi::CountUnit::event, "6.272 pJ", "noc-noxim 1 mm", ""};
  return e;
}

// 8 initiators on the left and right columns, 4 targets in the middle: every transfer crosses
// the mesh and shares links with others.
NocParams eight_by_four() {
  NocParams p = mesh4x4("8x4");
  for (std::uint32_t i = 0; i < 8; ++i) p.nodes.push_back(node("i" + std::to_string(i), true, false, (i % 2) * 3, i / 2));
  for (std::uint32_t t = 0; t < 4; ++t) {
    p.nodes.push_back(node("t" + std::to_string(t), false, true, 1 + t % 2, 1 + t / 2));
    p.address_map.push_back({"t" + std::to_string(t), t * 0x100000ull, 0x100000, 0});
  }
  return p;
}

struct Bench {
  // Direct round-robin NoC
  std::unique_ptr<Noc> noc_a;
  std::vector<std::unique_ptr<Port>> ports_a;
  std::vector<std::unique_ptr<Sink>> sinks_a;
  // Threaded NoC
  std::unique_ptr<Noc> noc_b;
  std::vector<std::unique_ptr<ThreadPort>> ports_b;
  std::vector<std::unique_ptr<Sink>> sinks_b;
  // Hop-cost NoC: initiator at (0,0), targets at 0..6 router steps
  std::unique_ptr<Noc> noc_h;
  std::unique_ptr<Port> port_h;
  std::vector<std::unique_ptr<Sink>> sinks_h;

  Bench() {
    noc_a = std::make_unique<Noc>("noc_a", eight_by_four(), energy());
    noc_b = std::make_unique<Noc>("noc_b", eight_by_four(), energy());
    for (int i = 0; i < 8; ++i) {
      ports_a.push_back(std::make_unique<Port>(("a_i" + std::to_string(i)).c_str()));
      ports_a.back()->base = (i % 4) * 0x100000ull;
      ports_a.back()->socket.bind(noc_a->initiator_port("i" + std::to_string(i)));
      ports_b.push_back(std::make_unique<ThreadPort>(("b_i" + std::to_string(i)).c_str()));
      ports_b.back()->base = (i % 4) * 0x100000ull;
      ports_b.back()->socket.bind(noc_b->initiator_port("i" + std::to_string(i)));
    }
    for (int t = 0; t < 4; ++t) {
      sinks_a.push_back(std::make_unique<Sink>(("a_t" + std::to_string(t)).c_str()));
      noc_a->target_port("t" + std::to_string(t)).bind(sinks_a.back()->socket);
      sinks_b.push_back(std::make_unique<Sink>(("b_t" + std::to_string(t)).c_str()));
      noc_b->target_port("t" + std::to_string(t)).bind(sinks_b.back()->socket);
    }
    NocParams h = mesh4x4("hops");
    h.nodes.push_back(node("cpu", true, false, 0, 0, 0));
    const std::uint32_t xy[7][2] = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 3}};
    for (std::uint32_t k = 0; k < 7; ++k) {
      h.nodes.push_back(node("h" + std::to_string(k + 1), false, true, xy[k][0], xy[k][1], 1));
      h.address_map.push_back({"h" + std::to_string(k + 1), k * 0x100000ull, 0x100000, 0});
    }
    noc_h = std::make_unique<Noc>("noc_h", h, energy());
    port_h = std::make_unique<Port>("h_cpu");
    port_h->socket.bind(noc_h->initiator_port("cpu"));
    for (std::uint32_t k = 0; k < 7; ++k) {
      sinks_h.push_back(std::make_unique<Sink>(("h_t" + std::to_string(k)).c_str()));
      noc_h->target_port("h" + std::to_string(k + 1)).bind(sinks_h.back()->socket);
    }
    tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time(1, sc_core::SC_US));
    sc_core::sc_start(sc_core::SC_ZERO_TIME);  // finish elaboration and binding
  }
};

Bench* g_bench = nullptr;

void BM_Noc8Initiators4KiB(benchmark::State& state) {
  auto& ports = g_bench->ports_a;
  std::size_t i = 0;
  for (auto _ : state) {
    ports[i]->issue();
    i = (i + 1) & 7;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * kBytes);
}
BENCHMARK(BM_Noc8Initiators4KiB);

void BM_Noc8Threads4KiB(benchmark::State& state) {
  auto count = [] {
    std::uint64_t n = 0;
    for (auto& p : g_bench->ports_b) n += p->done;
    return n;
  };
  const std::uint64_t before = count();
  for (auto _ : state) sc_core::sc_start(sc_time(1, sc_core::SC_US));
  const std::uint64_t n = count() - before;
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
  state.counters["txn_per_quantum"] = static_cast<double>(n) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Noc8Threads4KiB);

void BM_NocHops(benchmark::State& state) {
  Port& p = *g_bench->port_h;
  p.base = static_cast<std::uint64_t>(state.range(0) - 1) * 0x100000ull;
  for (auto _ : state) p.issue();
  state.SetItemsProcessed(state.iterations());
  state.counters["hops"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_NocHops)->DenseRange(1, 7);

}  // namespace

int sc_main(int argc, char** argv) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  Bench bench;
  g_bench = &bench;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
