// Exact timing of the traffic generator against a port memory (no interconnect between them:
// the NoC has its own tests).
#include <gtest/gtest.h>

#include "common/energy_ledger.h"
#include "common/port_memory.h"
#include "periph/traffic_generator.h"

using namespace sushi;
using sc_core::sc_time;

namespace {

struct Bench {
  EnergyLedger ledger;
  std::unique_ptr<PortMemory> mem;
  std::vector<std::unique_ptr<TrafficGenerator>> gens;

  explicit Bench(const std::vector<TrafficGeneratorParams>& gp) {
    PortMemoryParams mp;
    mp.size_bytes = 1 << 20;
    mp.access_latency_ps = 50'000;          // 50 ns
    mp.bandwidth_bytes_per_s = 12.8e9;      // 12.8 GB/s
    mp.read_energy.pj_per_unit = 64.0;      // 8 pJ/bit
    mp.read_energy.unit = CountUnit::byte;
    mp.write_energy = mp.read_energy;
    mem = std::make_unique<PortMemory>("mem", mp, ledger);
    for (std::size_t i = 0; i < gp.size(); ++i) {
      gens.push_back(std::make_unique<TrafficGenerator>(("gen" + std::to_string(i)).c_str(), gp[i]));
    }
    // A simple_target_socket takes one initiator: one generator per bench.
    gens.front()->socket.bind(mem->socket);
  }
  Json stats(const sc_core::sc_object& o) const {
    Json j;
    dynamic_cast<const StatsProvider&>(o).report_stats(j);
    return j;
  }
};

TrafficGeneratorParams reads(std::uint64_t n, std::uint64_t bytes) {
  TrafficGeneratorParams p;
  p.region_base = 0;
  p.region_size = 1 << 20;
  p.transaction_bytes = bytes;
  p.transactions = n;
  return p;
}

}  // namespace

TEST(SkeletonTiming, SingleReadLatencyIsTransferPlusLatency) {
  Bench b({reads(1, 4096)});
  sc_core::sc_start();
  // 4096 B / 12.8 GB/s = 320 ns transfer + 50 ns latency = 370 ns
  const Json g = b.stats(*b.gens[0]);
  EXPECT_DOUBLE_EQ(g["latency_max_ns"].get<double>(), 370.0);
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_time(370, sc_core::SC_NS));
  // energy: 4096 B x 64 pJ/B = 262144 pJ
  EXPECT_DOUBLE_EQ(b.ledger.total_pj(), 262144.0);
}

TEST(SkeletonTiming, BackToBackReadsWaitForCompletion) {
  Bench b({reads(4, 4096)});
  sc_core::sc_start();
  // A blocking LT initiator issues the next read when the previous completes: 4 x 370 ns.
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_time(1480, sc_core::SC_NS));
}

TEST(SkeletonTiming, OverlappingRequestsQueueForThePort) {
  // Two requests arriving at the same time: the second waits for the port's transfer, not for
  // the first one's latency (pipelined): done at 320 + 320 + 50 = 690 ns.
  Bench b({reads(0, 64)});
  tlm::tlm_generic_payload p;
  std::vector<unsigned char> buf(4096);
  sc_time d1 = sc_core::SC_ZERO_TIME, d2 = sc_core::SC_ZERO_TIME;
  for (sc_time* d : {&d1, &d2}) {
    p.set_command(tlm::TLM_READ_COMMAND);
    p.set_address(0);
    p.set_data_ptr(buf.data());
    p.set_data_length(4096);
    p.set_streaming_width(4096);
    p.set_byte_enable_ptr(nullptr);
    b.gens[0]->socket->b_transport(p, *d);  // straight into the memory
    ASSERT_EQ(p.get_response_status(), tlm::TLM_OK_RESPONSE);
  }
  EXPECT_EQ(d1, sc_time(370, sc_core::SC_NS));
  EXPECT_EQ(d2, sc_time(690, sc_core::SC_NS));
  EXPECT_EQ(b.stats(*b.mem)["port_wait_total_ps"].get<std::uint64_t>(), 320'000u);
}

TEST(SkeletonTiming, OutOfRangeAddressIsAnErrorResponse) {
  auto p = reads(3, 64);
  p.region_base = (1 << 20) - 32;  // the last transaction runs past the end of the memory
  p.region_size = 64;
  Bench b({p});
  sc_core::sc_start();
  EXPECT_EQ(b.stats(*b.gens[0])["errors_count"].get<std::uint64_t>(), 3u);
  EXPECT_EQ(b.stats(*b.mem)["errors_count"].get<std::uint64_t>(), 3u);
}

TEST(SkeletonTiming, WrittenDataReadsBack) {
  auto w = reads(1, 64);
  w.read_fraction = 0.0;
  Bench b({w});
  sc_core::sc_start();
  // The generator writes byte b = (i + b) for transaction i = 0 at offset 0.
  for (int i = 0; i < 64; ++i) EXPECT_EQ(b.mem->data()[i], static_cast<std::uint8_t>(i));
}
