// The Noc TLM module: round-trip timing, address decoding and translation, errors, hop
// extension, energy ledger, contention between initiators, statistics.
// Mesh 4x4 unless stated, T = 1000 ps, R = 2, L = 1, flit 16 B, 1 header flit.
#include <cstring>
#include <memory>

#include <gtest/gtest.h>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "common/energy_ledger.h"
#include "noc/noc.h"

using namespace sushi;
using namespace sushi::noc;
using sc_core::SC_NS;
using sc_core::SC_PS;
using sc_core::sc_time;

namespace {
struct Host : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Host> socket{"socket"};
  int invalidations = 0;
  sc_dt::uint64 inv_start = 0, inv_end = 0;
  explicit Host(sc_core::sc_module_name n) : sc_core::sc_module(n) {
    socket.register_invalidate_direct_mem_ptr(this, &Host::invalidate);
  }
  void invalidate(sc_dt::uint64 s, sc_dt::uint64 e) {
    ++invalidations;
    inv_start = s;
    inv_end = e;
  }
  tlm::tlm_response_status access(tlm::tlm_generic_payload& gp, tlm::tlm_command cmd, std::uint64_t addr,
                                  void* data, unsigned len, sc_time& delay) {
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char*>(data));
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    socket->b_transport(gp, delay);
    return gp.get_response_status();
  }
};

struct Mem : sc_core::sc_module {
  tlm_utils::simple_target_socket<Mem> socket{"socket"};
  std::vector<std::uint8_t> data = std::vector<std::uint8_t>(0x1000, 0);
  sc_time latency;
  int calls = 0;
  std::uint64_t last_addr = ~0ull;
  Mem(sc_core::sc_module_name n, sc_time lat) : sc_core::sc_module(n), latency(lat) {
    socket.register_b_transport(this, &Mem::b_transport);
    socket.register_transport_dbg(this, &Mem::dbg);
    socket.register_get_direct_mem_ptr(this, &Mem::dmi);
  }
  void b_transport(tlm::tlm_generic_payload& gp, sc_time& d) {
    ++calls;
    last_addr = gp.get_address();
    if (gp.is_write()) std::memcpy(&data[gp.get_address()], gp.get_data_ptr(), gp.get_data_length());
    if (gp.is_read()) std::memcpy(gp.get_data_ptr(), &data[gp.get_address()], gp.get_data_length());
    d += latency;
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
  }
  unsigned dbg(tlm::tlm_generic_payload& gp) {
    last_addr = gp.get_address();
    std::memcpy(gp.get_data_ptr(), &data[gp.get_address()], gp.get_data_length());
    return gp.get_data_length();
  }
  bool dmi(tlm::tlm_generic_payload&, tlm::tlm_dmi& d) {
    d.set_dmi_ptr(data.data());
    d.set_start_address(0);
    d.set_end_address(data.size() - 1);
    d.allow_read_write();
    return true;
  }
};

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

NocParams mesh4() {
  NocParams p;
  p.topology = Topology::mesh;
  p.width = 4;
  p.height = 4;
  p.flit_bytes = 16;
  p.clock_period_ps = 1000;
  p.router_latency_cycles = 2;
  p.link_latency_cycles = 1;
  p.header_flits = 1;
  return p;
}

NocEnergy fixed_energy() {
  NocEnergy e;
  e.router_flit = {2.0, CountUnit::event, "2 pJ", "test", ""};
  e.link_flit = {1.0, CountUnit::event, "1 pJ", "test", ""};
  return e;
}
}  // namespace

TEST(Noc, RoundTripLatencyAndEnergy) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  NocParams p = mesh4();
  p.nodes = {node("cpu", true, false, 0, 0), node("mem", false, true, 3, 2)};
  p.address_map = {{"mem", 0x10000000, 0x1000, 0}};
  EnergyLedger ledger;
  Noc noc("noc", p, fixed_energy(), &ledger);
  Host cpu("cpu");
  Mem mem("mem", sc_time(10, SC_NS));
  cpu.socket.bind(noc.initiator_port("cpu"));
  noc.target_port("mem").bind(mem.socket);

  std::uint8_t buf[64];
  for (int i = 0; i < 64; ++i) buf[i] = static_cast<std::uint8_t>(i);
  tlm::tlm_generic_payload gp;
  sc_time d = sc_core::SC_ZERO_TIME;
  ASSERT_EQ(cpu.access(gp, tlm::TLM_WRITE_COMMAND, 0x10000100, buf, 64, d), tlm::TLM_OK_RESPONSE);
  // H = 6 routers (0,0)->(3,0)->(3,2). Request 1 + 64/16 = 5 flits: 6 x 2 + 5 x 1 + 5 = 22 cycles;
  // target 10 ns; response 1 flit: 6 x 2 + 5 x 1 + 1 = 18 cycles. 22 + 10 + 18 = 50 ns.
  EXPECT_EQ(d, sc_time(50, SC_NS));
  EXPECT_EQ(mem.last_addr, 0x100u);  // target-relative: base 0x10000000 subtracted
  EXPECT_EQ(gp.get_address(), 0x10000100u);  // restored for the initiator
  auto* ext = gp.get_extension<NocHopsExtension>();
  ASSERT_NE(ext, nullptr);
  EXPECT_EQ(ext->hops, 6u);
  EXPECT_EQ(ext->response_hops, 6u);
  EXPECT_EQ(ext->request_flits, 5u);
  EXPECT_EQ(ext->network_ps, 40000u);  // 22 + 18 cycles

  // Read at 100 ns (network idle): request 1 flit 18 cycles, target 10 ns, response 5 flits 22.
  std::uint8_t in[64] = {};
  d = sc_time(100, SC_NS);
  ASSERT_EQ(cpu.access(gp, tlm::TLM_READ_COMMAND, 0x10000100, in, 64, d), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(d, sc_time(150, SC_NS));  // 100 + 18 + 10 + 22
  EXPECT_EQ(std::memcmp(in, buf, 64), 0);
  // Energy: each transaction moves 5 + 1 flits over 6 routers and 5 links:
  // router 2 x 6 flits x 6 hops x 2 pJ = 144 pJ, links 2 x 6 x 5 x 1 pJ = 60 pJ.
  EXPECT_DOUBLE_EQ(noc.router_energy_pj(), 144.0);
  EXPECT_DOUBLE_EQ(noc.link_energy_pj(), 60.0);
  EXPECT_DOUBLE_EQ(ledger.energy_by_category_pj()[static_cast<int>(EnergyCategory::noc)], 204.0);
}

TEST(Noc, UnmappedAddressIsAnAddressErrorWithoutForwarding) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  NocParams p = mesh4();
  p.nodes = {node("cpu", true, false, 0, 0), node("mem", false, true, 1, 0)};
  p.address_map = {{"mem", 0x1000, 0x1000, 0}};
  Noc noc("noc", p, fixed_energy());
  Host cpu("cpu");
  Mem mem("mem", sc_core::SC_ZERO_TIME);
  cpu.socket.bind(noc.initiator_port("cpu"));
  noc.target_port("mem").bind(mem.socket);
  std::uint8_t buf[8] = {};
  tlm::tlm_generic_payload gp;
  sc_time d = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(cpu.access(gp, tlm::TLM_READ_COMMAND, 0x0ff8, buf, 8, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(cpu.access(gp, tlm::TLM_READ_COMMAND, 0x2000, buf, 8, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  // Crossing the end of the range is an error too.
  EXPECT_EQ(cpu.access(gp, tlm::TLM_READ_COMMAND, 0x1ffc, buf, 8, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(mem.calls, 0);
  EXPECT_EQ(d, sc_core::SC_ZERO_TIME);
  EXPECT_EQ(noc.address_errors(), 3u);
  EXPECT_EQ(cpu.access(gp, tlm::TLM_READ_COMMAND, 0x1ff8, buf, 8, d), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(mem.calls, 1);
  EXPECT_EQ(mem.last_addr, 0xff8u);
}

TEST(Noc, DebugAndDmiTranslateAddresses) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  NocParams p = mesh4();
  p.nodes = {node("cpu", true, false, 0, 0), node("mem", false, true, 2, 2)};
  // Window of 0x800 bytes starting at target address 0x400.
  p.address_map = {{"mem", 0x40000000, 0x800, 0x400}};
  Noc noc("noc", p, fixed_energy());
  Host cpu("cpu");
  Mem mem("mem", sc_core::SC_ZERO_TIME);
  cpu.socket.bind(noc.initiator_port("cpu"));
  noc.target_port("mem").bind(mem.socket);
  mem.data[0x410] = 0xab;

  std::uint8_t v = 0;
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(0x40000010);
  gp.set_data_ptr(&v);
  gp.set_data_length(1);
  EXPECT_EQ(cpu.socket->transport_dbg(gp), 1u);
  EXPECT_EQ(v, 0xab);
  EXPECT_EQ(mem.last_addr, 0x410u);  // 0x40000010 - 0x40000000 + 0x400

  tlm::tlm_dmi dmi;
  gp.set_address(0x40000010);
  ASSERT_TRUE(cpu.socket->get_direct_mem_ptr(gp, dmi));
  // The target grants [0, 0xfff]; clipped to the window [0x400, 0xbff] and moved back to
  // initiator addresses [0x40000000, 0x400007ff]; the pointer moves by 0x400.
  EXPECT_EQ(dmi.get_start_address(), 0x40000000u);
  EXPECT_EQ(dmi.get_end_address(), 0x400007ffu);
  EXPECT_EQ(dmi.get_dmi_ptr(), mem.data.data() + 0x400);

  // Invalidation of target range [0, 0x4ff] reaches the initiator as [0x40000000, 0x400000ff].
  mem.socket->invalidate_direct_mem_ptr(0, 0x4ff);
  EXPECT_EQ(cpu.invalidations, 1);
  EXPECT_EQ(cpu.inv_start, 0x40000000u);
  EXPECT_EQ(cpu.inv_end, 0x400000ffu);
}

TEST(Noc, ConcurrentInitiatorsShareTheLinks) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  NocParams p = mesh4();
  p.local_ports = 2;
  p.nodes = {node("a", true, false, 0, 0, 0), node("b", true, false, 0, 0, 1), node("t", false, true, 2, 0)};
  p.address_map = {{"t", 0, 0x1000, 0}};
  Noc noc("noc", p, fixed_energy());
  Host a("a"), b("b");
  Mem t("t", sc_core::SC_ZERO_TIME);
  a.socket.bind(noc.initiator_port("a"));
  b.socket.bind(noc.initiator_port("b"));
  noc.target_port("t").bind(t.socket);
  std::uint8_t buf[256] = {};
  tlm::tlm_generic_payload ga, gb;
  sc_time da = sc_core::SC_ZERO_TIME, db = sc_core::SC_ZERO_TIME;
  a.access(ga, tlm::TLM_WRITE_COMMAND, 0, buf, 256, da);
  b.access(gb, tlm::TLM_WRITE_COMMAND, 0x100, buf, 256, db);
  // H = 3, 3R + 2L = 8 cycles. Requests carry 1 + 16 = 17 flits, responses 1 flit.
  // a: 8 + 17 (request) + 8 + 1 (response) = 34 cycles.
  EXPECT_EQ(da, sc_time(34, SC_NS));
  // b: its request queues behind a's 17 flits: 8 + 17 + 17 = 42; response 8 + 1: 51 cycles.
  EXPECT_EQ(db, sc_time(51, SC_NS));
}

TEST(Noc, CrossbarRoundTrip) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  NocParams p;
  p.topology = Topology::crossbar;
  p.crossbar_ports = 2;
  p.flit_bytes = 8;
  p.clock_period_ps = 2000;
  p.arbitration_cycles = 1;
  p.header_flits = 1;
  p.nodes = {node("cpu", true, false, 0, 0, 0), node("mem", false, true, 0, 0, 1)};
  p.address_map = {{"mem", 0x0, 0x1000, 0}};
  Noc noc("noc", p, fixed_energy());
  Host cpu("cpu");
  Mem mem("mem", sc_time(4, SC_NS));
  cpu.socket.bind(noc.initiator_port("cpu"));
  noc.target_port("mem").bind(mem.socket);
  std::uint8_t buf[32] = {};
  tlm::tlm_generic_payload gp;
  sc_time d = sc_core::SC_ZERO_TIME;
  cpu.access(gp, tlm::TLM_READ_COMMAND, 0x20, buf, 32, d);
  // Request 1 flit: arbitration 1 + 1 = 2 cycles; target 4 ns = 2 cycles; response 1 + 32/8 = 5
  // flits: 1 + 5 = 6 cycles. 10 cycles x 2 ns = 20 ns.
  EXPECT_EQ(d, sc_time(20, SC_NS));
  EXPECT_EQ(gp.get_extension<NocHopsExtension>()->hops, 1u);
  EXPECT_DOUBLE_EQ(noc.router_energy_pj(), (1 + 5) * 2.0);  // 6 flits through the switch x 2 pJ
  EXPECT_DOUBLE_EQ(noc.link_energy_pj(), 0.0);
}

namespace {
// Eight initiator threads issue back-to-back 4 KiB writes into two targets, far above what the
// targets' ejection ports can carry; time advances through wait() so the run is a real SystemC
// simulation.
struct Driver : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Driver> socket{"socket"};
  std::uint64_t base;
  int n;
  SC_HAS_PROCESS(Driver);
  Driver(sc_core::sc_module_name nm, std::uint64_t b, int count) : sc_core::sc_module(nm), base(b), n(count) {
    SC_THREAD(run);
  }
  void run() {
    std::vector<std::uint8_t> buf(4096);
    tlm::tlm_generic_payload gp;
    for (int i = 0; i < n; ++i) {
      sc_time d = sc_core::SC_ZERO_TIME;
      gp.set_command(tlm::TLM_WRITE_COMMAND);
      gp.set_address(base);
      gp.set_data_ptr(buf.data());
      gp.set_data_length(4096);
      gp.set_streaming_width(4096);
      socket->b_transport(gp, d);
      wait(sc_time(10, SC_NS));  // offered load: 4 KiB every 10 ns per initiator
    }
  }
};
}  // namespace

TEST(Noc, SaturatingLoadNeverExceedsLinkCapacity) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  NocParams p = mesh4();
  for (std::uint32_t i = 0; i < 8; ++i) p.nodes.push_back(node("i" + std::to_string(i), true, false, i % 4, i / 4 * 3));
  p.nodes.push_back(node("t0", false, true, 1, 1));
  p.nodes.push_back(node("t1", false, true, 2, 2));
  p.address_map = {{"t0", 0, 0x1000, 0}, {"t1", 0x1000, 0x1000, 0}};
  Noc noc("noc", p, fixed_energy());
  std::vector<std::unique_ptr<Driver>> drivers;
  Mem t0("t0", sc_core::SC_ZERO_TIME), t1("t1", sc_core::SC_ZERO_TIME);
  for (int i = 0; i < 8; ++i) {
    drivers.push_back(std::make_unique<Driver>(("d" + std::to_string(i)).c_str(), (i % 2) * 0x1000, 50));
    drivers.back()->socket.bind(noc.initiator_port("i" + std::to_string(i)));
  }
  noc.target_port("t0").bind(t0.socket);
  noc.target_port("t1").bind(t1.socket);
  sc_core::sc_start();
  Json j;
  noc.report_stats(j);
  EXPECT_EQ(j["transactions_count"], 400);
  for (auto& [name, link] : j["links"].items()) {
    EXPECT_LE(link["utilisation_pct"].get<double>(), 100.0) << name;
  }
  for (const NocResource& r : noc.fabric().resources()) {
    if (r.packets) {
      EXPECT_LE(r.flits * 1000, r.last_end_ps - r.first_start_ps) << r.name;
    }
  }
  // 200 requests of 257 flits reach each target: its ejection port carried 51400 flits, one
  // per cycle, back to back once saturated.
  const NocResource& ej = noc.fabric().resources()[noc.fabric().eject_of(8)];
  EXPECT_EQ(ej.flits, 200u * 257u);
  EXPECT_EQ(ej.last_end_ps - ej.first_start_ps, 200u * 257u * 1000u);
  EXPECT_GT(j["nodes"]["t0"]["eject"]["utilisation_pct"].get<double>(), 90.0);
}
