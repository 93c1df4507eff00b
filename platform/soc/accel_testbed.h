// A small SoC around SushiAccel built from a platform config by the one SoC assembly
// (soc_assembly.h): the accelerator (accel.*, built by the registry of accel_factory.h), the
// memories (sram.*, dram.*, memories.*) and the NoC (noc.*) that routes the accelerator's DMA to
// them. A host thread (the `script`) programs the registers and sets memory up, as firmware would.
// Used by `sushi-vp layer`, `sushi-vp calibrate` (platform/calibrate/layer_timer) and tests to
// time single layers without the CPU, firmware, query port or model image.
//
// NoC nodes: one per memory (target), in the assembly's order, then "accel" (initiator; its
// registers are reached by the host directly), then one per accels.<name> (further accelerators,
// each with its own shape, interrupt line and host socket; drive(i) picks the one the host's
// register accesses go to). On a mesh, place them with noc.nodes.<name>; a
// crossbar places them in order.
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
#include "config/config.h"
#include "noc/noc.h"
#include "soc/soc_assembly.h"

namespace sushi {

class AccelTestbed : public sc_core::sc_module {
 public:
  using Memory = SocAssembly::Memory;

  // Throws config::ConfigError located at the offending key.
  AccelTestbed(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
               EnergyLedger& ledger);

  accel::SushiAccel& accel() { return *sushi_; }
  accel::Accelerator& accelerator() { return *accel_; }  // the same, through the plug-in interface
  // Several accelerators: 0 is `accel`, 1.. the accels.<name> in config order (all SushiAccel).
  std::size_t accelerator_count() const { return soc_.accelerator_count(); }
  accel::SushiAccel& accel(std::size_t i) { return static_cast<accel::SushiAccel&>(soc_.accelerator(i)); }
  // The accelerator the register accesses and wait_irq() below go to (0 until changed).
  void drive(std::size_t i) { driven_ = i; }
  const std::vector<Memory>& memories() const { return soc_.memories(); }
  noc::Noc& noc() { return soc_.noc(); }

  // Host side, from the script thread: timed register accesses (offsets in the register block).
  std::uint32_t read_reg(std::uint32_t offset);
  void write_reg(std::uint32_t offset, std::uint32_t value);
  void write_reg64(std::uint32_t lo, std::uint64_t value);
  void wait_irq();
  // Untimed memory set-up and inspection at SoC addresses; throws std::out_of_range outside the
  // memories.
  void write_mem(std::uint64_t addr, const void* src, std::size_t n) { soc_.write_mem(addr, src, n); }
  void read_mem(std::uint64_t addr, void* dst, std::size_t n) { soc_.read_mem(addr, dst, n); }

  std::function<void(AccelTestbed&)> script;  // run once in an SC_THREAD from time 0

 private:
  void thread();
  void reg_access(tlm::tlm_command cmd, std::uint32_t offset, std::uint32_t& v);

  tlm_utils::simple_initiator_socket<AccelTestbed> host_{"host"};  // to accel's registers
  std::vector<std::unique_ptr<tlm_utils::simple_initiator_socket<AccelTestbed>>> extra_hosts_;  // accels.<name>
  std::vector<tlm_utils::simple_initiator_socket<AccelTestbed>*> hosts_;  // by accelerator index
  std::size_t driven_ = 0;
  SocAssembly soc_;                       // memories, accelerator and its interrupt line, NoC
  accel::Accelerator* accel_ = nullptr;  // built by the registry (accel_factory.h)
  accel::SushiAccel* sushi_ = nullptr;   // the same, as its kind
};

}  // namespace sushi
