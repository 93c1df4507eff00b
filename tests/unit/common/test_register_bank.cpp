#include <gtest/gtest.h>

#include <cstring>

#include "common/register_bank.h"

using namespace sushi;

namespace {

struct Access {
  tlm::tlm_response_status status;
  std::uint32_t value;
};

Access bus(RegisterBank& bank, tlm::tlm_command cmd, std::uint64_t addr, std::uint32_t value = 0,
           unsigned len = 4) {
  tlm::tlm_generic_payload p;
  std::uint8_t data[8] = {};
  std::memcpy(data, &value, 4);
  p.set_command(cmd);
  p.set_address(addr);
  p.set_data_ptr(data);
  p.set_data_length(len);
  p.set_streaming_width(len);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  bank.b_transport(p, delay);
  std::uint32_t out = 0;
  std::memcpy(&out, data, 4);
  return {p.get_response_status(), out};
}

struct Bank : ::testing::Test {
  RegisterBank bank{"dev"};
  std::uint32_t ctrl_writes = 0;
  std::uint32_t counter = 100;
  Bank() {
    bank.add("ID", 0x0, RegAccess::ro, 0x53555348);
    bank.add("CTRL", 0x8, RegAccess::wo).on_write([this](std::uint32_t v, std::uint32_t) { ctrl_writes += v; });
    bank.add("SCRATCH", 0xC, RegAccess::rw, 0xABCD);
    bank.add("IRQ_STATUS", 0x14, RegAccess::rw1c, 0x7);
    bank.add("COUNTER", 0x80, RegAccess::ro).on_read([this](std::uint32_t) { return counter++; });
  }
};

}  // namespace

TEST_F(Bank, ResetValuesAndReadWrite) {
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x0).value, 0x53555348u);
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0xC).value, 0xABCDu);
  EXPECT_EQ(bus(bank, tlm::TLM_WRITE_COMMAND, 0xC, 0x1234).status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0xC).value, 0x1234u);
  bank.reset();
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0xC).value, 0xABCDu);
}

TEST_F(Bank, ReadOnlyRejectsWritesAndKeepsItsValue) {
  EXPECT_EQ(bus(bank, tlm::TLM_WRITE_COMMAND, 0x0, 1).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x0).value, 0x53555348u);
}

TEST_F(Bank, WriteOnlyRejectsReadsAndRunsItsHook) {
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x8).status, tlm::TLM_COMMAND_ERROR_RESPONSE);
  EXPECT_EQ(bus(bank, tlm::TLM_WRITE_COMMAND, 0x8, 3).status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bus(bank, tlm::TLM_WRITE_COMMAND, 0x8, 4).status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(ctrl_writes, 7u);  // 3 + 4
}

TEST_F(Bank, WriteOneToClear) {
  EXPECT_EQ(bus(bank, tlm::TLM_WRITE_COMMAND, 0x14, 0x2).status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x14).value, 0x5u);  // 0b111 & ~0b010
  bank.by_name("IRQ_STATUS").set_bits(0x2);                     // hardware sets a bit again
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x14).value, 0x7u);
}

TEST_F(Bank, ReadHookSeesLiveValues) {
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x80).value, 100u);
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x80).value, 101u);
}

TEST_F(Bank, BadAccessesGetTlmErrorResponses) {
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x40).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // unmapped
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x2).status, tlm::TLM_BURST_ERROR_RESPONSE);    // misaligned
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x0, 0, 8).status, tlm::TLM_BURST_ERROR_RESPONSE);  // 8 bytes
  EXPECT_EQ(bus(bank, tlm::TLM_READ_COMMAND, 0x0, 0, 2).status, tlm::TLM_BURST_ERROR_RESPONSE);  // 2 bytes
}

TEST_F(Bank, DebugAccessBypassesRightsAndHooks) {
  tlm::tlm_generic_payload p;
  std::uint32_t v = 0x99;
  p.set_command(tlm::TLM_WRITE_COMMAND);
  p.set_address(0x0);  // RO for the bus, writable for the debugger
  p.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
  p.set_data_length(4);
  EXPECT_EQ(bank.transport_dbg(p), 4u);
  EXPECT_EQ(bank.at(0x0).get(), 0x99u);
  p.set_address(0x44);
  EXPECT_EQ(bank.transport_dbg(p), 0u);
}

TEST(RegisterBankSetup, OverlappingOrMisalignedRegistersAreProgrammingErrors) {
  RegisterBank bank("dev");
  bank.add("A", 0x0, RegAccess::rw);
  EXPECT_THROW(bank.add("B", 0x0, RegAccess::rw), std::logic_error);
  EXPECT_THROW(bank.add("C", 0x2, RegAccess::rw), std::logic_error);
}
