// The TLM-2.0 face of the DRAM model: b_transport delays, contents, errors, debug transport,
// several initiators, statistics.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>

#include "common/stats.h"
#include "dram_test_util.h"

namespace sushi::dram::test {
namespace {

struct Initiator : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Initiator> socket;
  explicit Initiator(sc_core::sc_module_name n) : sc_core::sc_module(n), socket("socket") {}

  tlm::tlm_response_status access(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data,
                                  unsigned len, sc_core::sc_time& delay) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(data);
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    socket->b_transport(gp, delay);
    return gp.get_response_status();
  }
  unsigned debug(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data, unsigned len) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(data);
    gp.set_data_length(len);
    return socket->transport_dbg(gp);
  }
};

TEST(DramTlm, BTransportDelayIsTheStateDependentLatency) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  Initiator cpu("cpu");
  cpu.socket.bind(dram.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // completes the multi-socket binding
  std::uint8_t buf[32] = {};
  sc_core::sc_time d = sc_core::SC_ZERO_TIME;
  ASSERT_EQ(cpu.access(tlm::TLM_READ_COMMAND, 0, buf, 32, d), tlm::TLM_OK_RESPONSE);
  // Closed bank: tRCD 29 + RL 28 + tDQSCK 6 + 3 + 8 = 74 cycles x 0.625 ns = 46.25 ns.
  EXPECT_EQ(d, sc_core::sc_time(46250, sc_core::SC_PS));
  // Annotated delay is the arrival time: a row hit arriving at 100 ns finishes 45 cycles
  // (28.125 ns) later, so the returned delay is 128.125 ns.
  d = sc_core::sc_time(100, sc_core::SC_NS);
  ASSERT_EQ(cpu.access(tlm::TLM_READ_COMMAND, 32 * 4, buf, 32, d), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(d, sc_core::sc_time(128125, sc_core::SC_PS));
}

TEST(DramTlm, ContentsAreStoredAndUnwrittenBytesReadZero) {
  EnergyLedger ledger;
  DramController dram("dram", ddr4(), ledger);
  Initiator cpu("cpu");
  cpu.socket.bind(dram.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // completes the multi-socket binding
  std::vector<std::uint8_t> w(4096), r(4096, 0xEE);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = std::uint8_t(i * 7 + 1);
  sc_core::sc_time d = sc_core::SC_ZERO_TIME;
  const std::uint64_t a = 3ull << 30;  // 3 GiB into a 4 GiB DRAM: only one page is allocated
  ASSERT_EQ(cpu.access(tlm::TLM_WRITE_COMMAND, a + 100, w.data(), 4096, d), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(cpu.access(tlm::TLM_READ_COMMAND, a + 100, r.data(), 4096, d), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(r, w);
  EXPECT_LE(dram.memory().allocated_bytes(), 2u * 4096);
  ASSERT_EQ(cpu.access(tlm::TLM_READ_COMMAND, 12345, r.data(), 64, d), tlm::TLM_OK_RESPONSE);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(r[i], 0);
  EXPECT_EQ(dram.bytes_written(), 4096u);
  EXPECT_EQ(dram.bytes_read(), 4096u + 64);
}

TEST(DramTlm, DebugTransportHasNoTiming) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  Initiator cpu("cpu");
  cpu.socket.bind(dram.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // completes the multi-socket binding
  std::uint8_t w[8] = {1, 2, 3, 4, 5, 6, 7, 8}, r[8] = {};
  EXPECT_EQ(cpu.debug(tlm::TLM_WRITE_COMMAND, 0x1000, w, 8), 8u);
  EXPECT_EQ(cpu.debug(tlm::TLM_READ_COMMAND, 0x1000, r, 8), 8u);
  EXPECT_EQ(std::memcmp(r, w, 8), 0);
  EXPECT_EQ(dram.channel(0).counters().act + dram.channel(1).counters().act, 0u);
  EXPECT_EQ(ledger.total_pj(), 0.0);
  // Clipped at the end of memory; nothing beyond it.
  EXPECT_EQ(cpu.debug(tlm::TLM_READ_COMMAND, dram.capacity() - 4, r, 8), 4u);
  EXPECT_EQ(cpu.debug(tlm::TLM_READ_COMMAND, dram.capacity(), r, 8), 0u);
}

TEST(DramTlm, OutOfRangeAddressesAnswerAddressError) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  Initiator cpu("cpu");
  cpu.socket.bind(dram.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // completes the multi-socket binding
  std::uint8_t buf[64] = {};
  sc_core::sc_time d = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(dram.capacity(), 2ull << 30);  // 2 channels x 8 Gb
  EXPECT_EQ(cpu.access(tlm::TLM_READ_COMMAND, dram.capacity(), buf, 64, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(cpu.access(tlm::TLM_WRITE_COMMAND, dram.capacity() - 32, buf, 64, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(cpu.access(tlm::TLM_READ_COMMAND, ~0ull - 10, buf, 64, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(cpu.access(tlm::TLM_READ_COMMAND, dram.capacity() - 64, buf, 64, d), tlm::TLM_OK_RESPONSE);
}

TEST(DramTlm, TwoInitiatorsContendForOneBank) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  Initiator a("a"), b("b");
  a.socket.bind(dram.socket);
  b.socket.bind(dram.socket);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  std::uint8_t buf[32];
  sc_core::sc_time da = sc_core::SC_ZERO_TIME, db = sc_core::SC_ZERO_TIME;
  a.access(tlm::TLM_READ_COMMAND, lp_addr(0, 0, 0), buf, 32, da);
  b.access(tlm::TLM_READ_COMMAND, lp_addr(0, 0, 1), buf, 32, db);
  // a: 74 cycles = 46.25 ns. b, same bank other row at the same time: PRE at tRAS 68 + 2 = 70,
  // ACT at tRC 96 / 70 + tRP 29 - 2 = 97, RD 126, end 126 + 45 = 171 cycles = 106.875 ns.
  EXPECT_EQ(da, sc_core::sc_time(46250, sc_core::SC_PS));
  EXPECT_EQ(db, sc_core::sc_time(106875, sc_core::SC_PS));
}

TEST(DramTlm, StatisticsCarryUnitsAndPerChannelFigures) {
  EnergyLedger ledger;
  DramController dram("dram", lpddr4(), ledger);
  for (std::uint64_t a = 0; a < (1u << 20); a += 4096) dram.access_ps(a, 4096, false, 0);
  const Json j = collect_stats();
  ASSERT_TRUE(j.contains("dram"));
  const Json& s = j["dram"];
  EXPECT_EQ(s["bytes_read_B"], 1u << 20);
  EXPECT_EQ(s["memory_type"], "LPDDR4");
  EXPECT_GT(s["bandwidth_GBps"].get<double>(), 0.85 * 12.8);
  EXPECT_LE(s["bandwidth_GBps"].get<double>(), 12.8);
  EXPECT_EQ(s["latency_count"], 256u);
  for (const char* k : {"latency_mean_ns", "latency_p99_ns", "latency_max_ns", "row_hits_count", "cmd_act_count",
                        "cmd_ref_count", "energy_core_pJ", "energy_io_pJ", "energy_per_bit_pJ"}) {
    EXPECT_TRUE(s.contains(k)) << k;
  }
  const Json& ch0 = s["channels"]["ch0"];
  EXPECT_EQ(ch0["bytes_read_B"], 1u << 19);  // 64 B lines alternate channels
  EXPECT_EQ(ch0["cmd_rd_count"], (1u << 19) / 32);
  // One ACT per 2 KiB row (256 per channel): a miss when the bank was closed (at start or by
  // a refresh), a conflict when it held another row; refreshes re-open interrupted rows.
  const std::uint64_t acts = ch0["cmd_act_count"];
  EXPECT_EQ(acts, ch0["row_misses_count"].get<std::uint64_t>() + ch0["row_conflicts_count"].get<std::uint64_t>());
  EXPECT_GE(acts, (1u << 19) / 2048);
  EXPECT_LE(acts, (1u << 19) / 2048 + ch0["cmd_ref_count"].get<std::uint64_t>());
  EXPECT_GT(ch0["bus_utilisation_pct"].get<double>(), 85.0);
}

TEST(DramValidation, MalformedParametersNameTheKey) {
  auto expect_key = [](DramParams p, const std::string& key) {
    try {
      validate(p);
      ADD_FAILURE() << "no error for " << key;
    } catch (const DramParamError& e) {
      EXPECT_EQ(e.key(), key) << e.what();
    }
  };
  DramParams p = ddr4();
  p.spec.t.tRAS = p.spec.t.tRCD - 1;
  expect_key(p, "timing.tRAS");
  p = ddr4();
  p.spec.org.banks_per_group = 0;
  expect_key(p, "organisation.banks_per_group");
  p = ddr4();
  p.spec.t.tRFC = 0;
  expect_key(p, "timing.tRFC");
  p = ddr4();
  p.queue_depth = 0;
  expect_key(p, "dram.*.queue_depth");
  p = ddr4();
  p.mapping = parse_address_mapping("bg:2,co:7,ba:2,ro:14", "address_mapping");
  expect_key(p, "dram.*.address_mapping");
  p = ddr4();
  p.spec.power.rails[0].idd4r_a = 0.01;  // below IDD3N: read energy would be negative
  expect_key(p, "power.VDD.IDD4R");
  EXPECT_THROW(parse_address_mapping("bg:2,xx:3", "dram.address_mapping"), DramParamError);
  EXPECT_THROW(page_policy_from_string("adaptive"), DramParamError);
}

}  // namespace
}  // namespace sushi::dram::test
