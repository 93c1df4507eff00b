// A scripted TLM initiator for peripheral tests: a thread runs `script`, which reads and writes
// 32-bit registers (optionally with an annotated delay, as a temporally decoupled CPU would).
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

namespace sushi::test {

class BusInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<BusInitiator> socket;
  std::function<void(BusInitiator&)> script;

  explicit BusInitiator(const sc_core::sc_module_name& n) : sc_module(n), socket("socket") {
    SC_HAS_PROCESS(BusInitiator);
    SC_THREAD(run);
  }

  tlm::tlm_response_status access(tlm::tlm_command cmd, std::uint64_t addr, std::uint32_t& value,
                                  sc_core::sc_time delay = sc_core::SC_ZERO_TIME) {
    tlm::tlm_generic_payload p;
    std::uint8_t data[4];
    std::memcpy(data, &value, 4);
    p.set_command(cmd);
    p.set_address(addr);
    p.set_data_ptr(data);
    p.set_data_length(4);
    p.set_streaming_width(4);
    p.set_byte_enable_ptr(nullptr);
    p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    socket->b_transport(p, delay);
    std::memcpy(&value, data, 4);
    return p.get_response_status();
  }
  std::uint32_t read(std::uint64_t addr, sc_core::sc_time delay = sc_core::SC_ZERO_TIME) {
    std::uint32_t v = 0;
    last = access(tlm::TLM_READ_COMMAND, addr, v, delay);
    return v;
  }
  tlm::tlm_response_status write(std::uint64_t addr, std::uint32_t v,
                                 sc_core::sc_time delay = sc_core::SC_ZERO_TIME) {
    last = access(tlm::TLM_WRITE_COMMAND, addr, v, delay);
    return last;
  }
  void wait_until(std::uint64_t ps) {
    const auto now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
    if (ps > now) wait(sc_core::sc_time::from_value(ps - now));
  }

  tlm::tlm_response_status last = tlm::TLM_OK_RESPONSE;

 private:
  void run() {
    if (script) script(*this);
  }
};

// Records the times (ps) of every change of a bool signal, and its value after.
class EdgeRecorder : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> in;
  std::vector<std::pair<std::uint64_t, bool>> edges;

  explicit EdgeRecorder(const sc_core::sc_module_name& n) : sc_module(n), in("in") {
    SC_HAS_PROCESS(EdgeRecorder);
    SC_METHOD(on_change);
    sensitive << in.value_changed();
    dont_initialize();
  }

 private:
  void on_change() { edges.emplace_back(static_cast<std::uint64_t>(sc_core::sc_time_stamp().value()), in.read()); }
};

}  // namespace sushi::test
