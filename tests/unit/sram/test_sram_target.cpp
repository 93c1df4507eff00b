// SramTarget over TLM: data, timing through the array, errors, transport_dbg.
#include <cstring>

#include <gtest/gtest.h>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "sram/sram_target.h"

using namespace sushi;
using namespace sushi::sram;
using sc_core::SC_PS;
using sc_core::sc_time;

namespace {
struct Host : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Host> socket{"socket"};
  explicit Host(sc_core::sc_module_name n) : sc_core::sc_module(n) {}
  tlm::tlm_response_status access(tlm::tlm_command cmd, std::uint64_t addr, void* data,
                                  unsigned len, sc_time& delay) {
    tlm::tlm_generic_payload gp;
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
SramEnergy fixed_energy() {
  SramEnergy e;
  e.read = {10.0, CountUnit::event, "10 pJ", "test", ""};
  e.write = {12.0, CountUnit::event, "12 pJ", "test", ""};
  e.leakage = {0.01, CountUnit::ps, "10 mW", "test", ""};
  return e;
}
SramParams scratch_params() {
  SramParams p;
  p.capacity_bytes = 4096;
  p.word_bytes = 8;
  p.banks = 2;
  p.clock_period_ps = 2000;  // 500 MHz
  p.read_latency_cycles = 2;
  p.write_latency_cycles = 1;
  return p;
}
}  // namespace

TEST(SramTarget, WriteThenReadThroughTlm) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  Host host("host");
  SramTarget sram("sram", scratch_params(), fixed_energy());
  host.socket.bind(sram.socket);
  std::uint8_t out[32], in[32] = {};
  for (int i = 0; i < 32; ++i) out[i] = static_cast<std::uint8_t>(i * 3);
  sc_time d = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(host.access(tlm::TLM_WRITE_COMMAND, 64, out, 32, d), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(d, sc_time(8000, SC_PS));  // 4 words issue at 0..6000 ps, + 1 x 2000 ps write latency
  // The read starts at the given delay (8000 ps) on the now free port.
  EXPECT_EQ(host.access(tlm::TLM_READ_COMMAND, 64, in, 32, d), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(d, sc_time(18000, SC_PS));  // 8000 + 3 x 2000 (last issue) + 2 x 2000 latency
  EXPECT_EQ(std::memcmp(in, out, 32), 0);
  EXPECT_DOUBLE_EQ(sram.array().total_energy_pj(), 4 * 12.0 + 4 * 10.0);  // 48 + 40 = 88 pJ
}

TEST(SramTarget, OutOfRangeIsAnAddressError) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  Host host("host");
  SramTarget sram("sram", scratch_params(), fixed_energy());
  host.socket.bind(sram.socket);
  std::uint8_t buf[16] = {};
  sc_time d = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(host.access(tlm::TLM_READ_COMMAND, 4088, buf, 16, d), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(d, sc_core::SC_ZERO_TIME);
  EXPECT_EQ(sram.array().counters().reads, 0u);
}

TEST(SramTarget, DebugTransportIsUntimedAndUncounted) {
  sc_core::sc_set_time_resolution(1, SC_PS);
  Host host("host");
  SramTarget sram("sram", scratch_params(), fixed_energy());
  host.socket.bind(sram.socket);
  std::uint32_t v = 0xdeadbeef, r = 0;
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_WRITE_COMMAND);
  gp.set_address(100);
  gp.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
  gp.set_data_length(4);
  EXPECT_EQ(host.socket->transport_dbg(gp), 4u);
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_data_ptr(reinterpret_cast<unsigned char*>(&r));
  EXPECT_EQ(host.socket->transport_dbg(gp), 4u);
  EXPECT_EQ(r, 0xdeadbeefu);
  gp.set_address(4094);  // clipped at the end of the array
  EXPECT_EQ(host.socket->transport_dbg(gp), 2u);
  EXPECT_EQ(sram.array().counters().reads + sram.array().counters().writes, 0u);
}
