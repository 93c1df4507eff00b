// Test top for SushiAccel: the accelerator, a memory (PortMemory at address 0, or anything bound
// by the test), and a driver thread standing in for the CPU (register accesses by b_transport,
// memory set-up by direct writes). Each test builds one top and calls sc_start once.
#pragma once

#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "accel/sushi/sushi_accel.h"
#include "common/energy_ledger.h"
#include "common/port_memory.h"
#include "sram/sram_energy_table.h"
#include "sushi/accel_regs.h"
#include "layer_desc.h"
#include "test_paths.h"

namespace sushi::accel::test {

inline sram::SramEnergyTable sram_table() {
  return sram::load_sram_energy_table((sushi::test::source_dir() / "vp_configs/energy/sram-45nm-cacti.yaml").string());
}

inline EnergyEntry mac_entry() {
  EnergyEntry e;
  e.pj_per_unit = 0.315;
  e.unit = CountUnit::event;
  e.given = "0.315 pJ";
  e.source = "Accelergy reference tables, 8b MAC at 45 nm";
  return e;
}

// Parameters of the exact-timing tests: ZCU104 array and clock (100 MHz, 16 x 9 x 9), but
// 64-byte ports so that the memory (1 GB/s = 1000 ps per byte, 20 ns latency) is always the
// bottleneck and transfer times have a one-line derivation.
inline AccelParams exact_params() {
  AccelParams p;
  p.dma_port_bytes = 64;
  p.mac_energy = mac_entry();
  return p;
}

inline PortMemoryParams exact_memory(std::uint64_t size = 64ull << 20) {
  PortMemoryParams m;
  m.size_bytes = size;
  m.access_latency_ps = 20000;      // 20 ns
  m.bandwidth_bytes_per_s = 1e9;   // 1 GB/s: 1000 ps per byte
  m.category = EnergyCategory::dram;
  m.read_energy = EnergyEntry{64.0, CountUnit::byte, "8 pJ/bit", "Accelergy LPDDR4 8 pJ/bit", ""};
  m.write_energy = m.read_energy;
  return m;
}

class Driver : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Driver> socket{"socket"};
  sc_core::sc_in<bool> irq{"irq"};
  std::function<void(Driver&)> script;

  explicit Driver(sc_core::sc_module_name n) : sc_module(n) {
    SC_HAS_PROCESS(Driver);
    SC_THREAD(thread);
  }
  std::uint32_t rd(std::uint32_t off) {
    std::uint32_t v = 0;
    access(tlm::TLM_READ_COMMAND, off, v);
    return v;
  }
  void wr(std::uint32_t off, std::uint32_t v) { access(tlm::TLM_WRITE_COMMAND, off, v); }
  void wr64(std::uint32_t lo, std::uint64_t v) {
    wr(lo, static_cast<std::uint32_t>(v));
    wr(lo + 4, static_cast<std::uint32_t>(v >> 32));
  }
  void wait_irq() {
    while (!irq.read()) wait(irq.value_changed_event());
  }
  tlm::tlm_response_status last_status = tlm::TLM_OK_RESPONSE;

 private:
  void access(tlm::tlm_command cmd, std::uint32_t off, std::uint32_t& v) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(off);
    gp.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    socket->b_transport(gp, d);
    last_status = gp.get_response_status();
    wait(d);
  }
  void thread() {
    if (script) script(*this);
  }
};

// Accelerator + PortMemory (DMA socket straight to the memory, addresses from 0).
struct Top {
  EnergyLedger ledger;
  std::unique_ptr<PortMemory> mem;
  std::unique_ptr<SushiAccel> accel;
  std::unique_ptr<Driver> drv;
  sc_core::sc_signal<bool> irq;

  // `prefix` makes names unique when a test elaborates several tops side by side.
  explicit Top(const AccelParams& p, const PortMemoryParams& mp = exact_memory(), const std::string& prefix = "")
      : irq((prefix + "irq_sig").c_str()) {
    mem = std::make_unique<PortMemory>((prefix + "mem").c_str(), mp, ledger);
    accel = std::make_unique<SushiAccel>((prefix + "accel").c_str(), p, sram_table(), ledger);
    drv = std::make_unique<Driver>((prefix + "cpu").c_str());
    accel->dma.bind(mem->socket);
    drv->socket.bind(accel->regs);
    accel->irq.bind(irq);
    drv->irq.bind(irq);
  }
  void put(std::uint64_t addr, const void* src, std::size_t n) { std::memcpy(mem->data() + addr, src, n); }
  template <class T>
  void put_all(std::uint64_t addr, const std::vector<T>& v) { put(addr, v.data(), v.size() * sizeof(T)); }
  const std::uint8_t* at(std::uint64_t addr) { return mem->data() + addr; }
};

// A dense conv descriptor with the SuperNet maximum equal to the active shape (kernel = 3 unless
// given), groups 1, weight_bytes filled in for the ZCU104 block geometry.
inline sushi_layer_desc conv_desc(std::uint16_t k, std::uint16_t c, std::uint16_t hw, std::uint8_t kernel = 3,
                                  std::uint8_t stride = 1, const AccelParams& p = AccelParams{}) {
  sushi_layer_desc d = full_layer(kernel == 1 ? SUSHI_OP_CONV1X1 : SUSHI_OP_CONV, kernel, k, c, hw,
                                  static_cast<std::uint16_t>((hw + stride - 1) / stride), stride);
  d.act = SUSHI_ACT_RELU;
  d.weight_bytes = static_cast<std::uint32_t>(weight_geometry(d, p).region_bytes(k, c, kernel, p.k_par, p.c_par));
  return d;
}

inline void start_job(Driver& d, std::uint64_t desc, std::uint32_t n, std::uint64_t map, std::uint32_t m) {
  d.wr(SUSHI_REG_IRQ_ENABLE, SUSHI_IRQ_JOB_DONE | SUSHI_IRQ_PB_LOAD_DONE | SUSHI_IRQ_ERROR);
  d.wr64(SUSHI_REG_JOB_DESC_ADDR_LO, desc);
  d.wr(SUSHI_REG_JOB_DESC_COUNT, n);
  d.wr64(SUSHI_REG_PB_MAP_ADDR_LO, map);
  d.wr(SUSHI_REG_PB_MAP_COUNT, m);
  d.wr(SUSHI_REG_CTRL, SUSHI_CTRL_START_JOB);
}

inline void start_pb_load(Driver& d, std::uint64_t list, std::uint32_t n) {
  d.wr(SUSHI_REG_IRQ_ENABLE, SUSHI_IRQ_JOB_DONE | SUSHI_IRQ_PB_LOAD_DONE | SUSHI_IRQ_ERROR);
  d.wr64(SUSHI_REG_PB_LOAD_ADDR_LO, list);
  d.wr(SUSHI_REG_PB_LOAD_COUNT, n);
  d.wr(SUSHI_REG_CTRL, SUSHI_CTRL_START_PB_LOAD);
}

inline std::uint64_t now_ps() { return static_cast<std::uint64_t>(sc_core::sc_time_stamp().value()); }

}  // namespace sushi::accel::test
