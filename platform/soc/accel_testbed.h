// A small SoC around SushiAccel built from a platform config: the accelerator (accel.*, built by
// the registry of accel_factory.h), the generic memories (memories.*) and the NoC (noc.*) that
// routes the accelerator's DMA to them.
// A host thread (the `script`) programs the registers and sets memory up, as firmware would.
// Used by `sushi-vp layer`, `sushi-vp calibrate` (platform/calibrate/layer_timer) and tests to
// time single layers without the CPU, firmware, query port or model image. It is a second
// assembly beside the full SoC (platform/soc/soc.*), built from the same params functions
// (memory_params.h, dram_params.h, noc_assembly.h, accel.* keys); issue 22's accelerator plug-in
// work is to fold it into the one SoC assembly (docs/architecture.md section 5).
//
// NoC nodes: "accel" (initiator) and one per memory (target). On a mesh, place them with
// noc.nodes.<name>; a crossbar places them in order.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "accel/sushi/sushi_accel.h"
#include "common/energy_ledger.h"
#include "common/energy_table.h"
#include "common/port_memory.h"
#include "dram/dram_controller.h"
#include "config/config.h"
#include "noc/noc.h"

namespace sushi {

class AccelTestbed : public sc_core::sc_module {
 public:
  struct Memory {
    std::string name;
    std::uint64_t base = 0;
    std::uint64_t size = 0;
    PortMemory* model = nullptr;           // a generic memory (memories.<name>) ...
    dram::DramController* dram = nullptr;  // ... or a DRAM subsystem (dram.<name>)
  };

  // Throws config::ConfigError located at the offending key.
  AccelTestbed(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
               EnergyLedger& ledger);

  accel::SushiAccel& accel() { return *sushi_; }
  accel::Accelerator& accelerator() { return *accel_; }  // the same, through the plug-in interface
  const std::vector<Memory>& memories() const { return mems_; }
  noc::Noc& noc() { return *noc_; }

  // Host side, from the script thread: timed register accesses (offsets in the register block).
  std::uint32_t read_reg(std::uint32_t offset);
  void write_reg(std::uint32_t offset, std::uint32_t value);
  void write_reg64(std::uint32_t lo, std::uint64_t value);
  void wait_irq();
  // Untimed memory set-up and inspection at SoC addresses; throws std::out_of_range outside the
  // memories.
  void write_mem(std::uint64_t addr, const void* src, std::size_t n);
  void read_mem(std::uint64_t addr, void* dst, std::size_t n);

  std::function<void(AccelTestbed&)> script;  // run once in an SC_THREAD from time 0

 private:
  void thread();
  const Memory& memory_of(std::uint64_t addr, std::size_t n) const;
  void reg_access(tlm::tlm_command cmd, std::uint32_t offset, std::uint32_t& v);

  tlm_utils::simple_initiator_socket<AccelTestbed> host_{"host"};
  sc_core::sc_signal<bool> irq_{"irq"};
  std::vector<std::unique_ptr<PortMemory>> mem_models_;
  std::vector<std::unique_ptr<dram::DramController>> dram_models_;
  std::vector<Memory> mems_;
  std::unique_ptr<noc::Noc> noc_;
  std::unique_ptr<accel::Accelerator> accel_;  // built by the registry (accel_factory.h)
  accel::SushiAccel* sushi_ = nullptr;         // the same, as its kind
};

}  // namespace sushi
