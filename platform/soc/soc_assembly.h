// The one SoC assembly: builds the memories (on-chip SRAMs, DRAM subsystems, generic memories),
// the accelerators (through the registry of accel_factory.h, or a caller's builder), one
// interrupt line per accelerator, and the NoC over all of them, and binds memories and
// accelerators to the NoC. Every platform is put together here: the serving SoC (soc.*, with
// serving.* adding the CPU, query port and timer as further NoC nodes), the accelerator testbed
// (accel_testbed.*) and the test harness (tests/unit/accel/accel_system.h).
//
// Not a SystemC module: what it builds are children of the module under construction, so a
// platform's hierarchical names do not depend on the assembly. Components become NoC nodes in the
// order they are added (a crossbar gives unplaced nodes ports in that order).
//
// An accelerator is one NoC node named after it: an initiator for its first DMA socket and, when
// its register block is on the NoC, the target of that block at its base. Its DMA sockets after
// the first are initiator nodes "<name>_dma<i>" (i = 1, 2, ...). Its interrupt drives irq(i).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <systemc>

#include "accel/accel_kind.h"
#include "accel/accelerator.h"
#include "common/energy_ledger.h"
#include "common/energy_table.h"
#include "common/port_memory.h"
#include "config/config.h"
#include "config/energy_params.h"
#include "dram/dram_controller.h"
#include "noc/noc.h"
#include "noc/noc_energy.h"
#include "soc/noc_assembly.h"
#include "sram/sram_energy_table.h"
#include "sram/sram_target.h"

namespace sushi {

// The SRAM energy table `energy` names (energy.sram_table), for the scratchpads and the
// accelerators' buffers; a bad table is a ConfigError located at that key.
sram::SramEnergyTable sram_energy_table_from_config(const config::Config& cfg, const config::EnergyTableParams& energy);

// Where an accelerator sits in the SoC.
struct AccelPlacement {
  std::string name;                         // SystemC module name and NoC node name
  std::optional<std::uint64_t> regs_base;   // its register block on the NoC at this base; none:
                                            // the caller binds register_socket() (a host thread)
  std::string regs_base_key;                // config key of regs_base, for overlap errors
  std::vector<accel::MemoryWindow> memory;  // what its DMA may reach
};

class SocAssembly {
 public:
  enum class MemoryKind { sram, dram, generic };
  struct Memory {
    std::string name;  // module name = NoC node name
    MemoryKind kind = MemoryKind::generic;
    std::uint64_t base = 0;  // SoC address
    std::uint64_t size = 0;  // its window in the address map, B
    sram::SramTarget* sram = nullptr;
    dram::DramController* dram = nullptr;
    PortMemory* generic = nullptr;
  };
  // Builds an accelerator as SystemC module `name` whose DMA may reach `memory`.
  using AccelBuilder =
      std::function<std::unique_ptr<accel::Accelerator>(const char* name, std::vector<accel::MemoryWindow> memory)>;

  explicit SocAssembly(EnergyLedger& ledger) : ledger_(ledger) {}
  SocAssembly(const SocAssembly&) = delete;
  SocAssembly& operator=(const SocAssembly&) = delete;

  // --- Memories: each a NoC target at its base (base_key locates overlap errors).
  sram::SramTarget& add_sram(const std::string& name, const sram::SramParams& p, const sram::SramEnergyTable& table,
                             std::uint64_t base, const std::string& base_key = "");
  // window_bytes: the DRAM's window in the address map; 0 = its whole capacity.
  dram::DramController& add_dram(const std::string& name, const dram::DramParams& p, std::uint64_t base,
                                 const std::string& base_key = "", std::uint64_t window_bytes = 0);
  PortMemory& add_memory(const std::string& name, const PortMemoryParams& p, std::uint64_t base,
                         const std::string& base_key = "");
  // Every sram.<name>, dram.<name> and memories.<name> of the config, in this order; a bad
  // parameter is a config::ConfigError located at its key.
  void add_memories(const config::Config& cfg, const EnergyTable& table, const sram::SramEnergyTable& sram_table);
  const std::vector<Memory>& memories() const { return memories_; }
  // The windows of the memories (of the DRAMs only with dram_only), for accelerators' DMA.
  std::vector<accel::MemoryWindow> memory_windows(bool dram_only) const;
  // Untimed set-up and inspection at SoC addresses (DRAMs and generic memories); throws
  // std::out_of_range outside them.
  const Memory& memory_at(std::uint64_t addr, std::size_t n) const;
  void write_mem(std::uint64_t addr, const void* src, std::size_t n);
  void read_mem(std::uint64_t addr, void* dst, std::size_t n);

  // --- Accelerators.
  accel::Accelerator& add_accelerator(const AccelPlacement& where, const AccelBuilder& build);
  // The kind `<key>.kind` names, from its keys under `key` ("accel", "accels.<name>";
  // accel_factory.h).
  accel::Accelerator& add_accelerator(const AccelPlacement& where, const config::Config& cfg, const EnergyTable& table,
                                      const sram::SramEnergyTable& sram_table, const std::string& key = "accel");
  // Every accels.<name> of the config (several accelerators in one SoC), as NoC node <name>: each
  // its own shape and kind from its keys, its register block on the NoC at accels.<name>.regs_base
  // (with regs_on_noc; else the caller binds it), its DMA reaching the memories (the DRAMs only
  // with dram_only), its own interrupt line.
  void add_accelerators(const config::Config& cfg, const EnergyTable& table, const sram::SramEnergyTable& sram_table,
                        bool dram_only, bool regs_on_noc);
  std::size_t accelerator_count() const { return accels_.size(); }
  accel::Accelerator& accelerator(std::size_t i) { return *accels_.at(i).model; }
  const std::string& accelerator_name(std::size_t i) const { return accels_.at(i).name; }
  // The interrupt line accelerator i drives (bind it to an interrupt controller or a host).
  sc_core::sc_signal<bool>& irq(std::size_t i) { return *accels_.at(i).irq; }

  // --- Further NoC nodes the caller builds and binds itself (CPU, peripherals, generators).
  void add_node(const NocComponent& c) { components_.push_back(c); }
  const std::vector<NocComponent>& components() const { return components_; }

  // --- The NoC over every node added so far, with memories and accelerators bound. Call once.
  // From the noc.* keys and the NoC energy table `energy` names (energy.noc_table).
  noc::Noc& build_noc(const config::Config& cfg, const config::EnergyTableParams& energy);
  // From params: nodes and address map are the components' (a crossbar's ports in order) unless
  // p.nodes is given; `name` is the NoC's module name.
  noc::Noc& build_noc(noc::NocParams p, const noc::NocEnergyTable& table, const std::string& name = "noc");
  noc::Noc& noc() { return *noc_; }

 private:
  struct Accel {
    std::unique_ptr<accel::Accelerator> model;
    std::unique_ptr<sc_core::sc_signal<bool>> irq;
    std::string name;
    bool regs_on_noc = false;
  };
  void add_memory_node(const Memory& m, const std::string& base_key);
  void bind_all();
  static std::string dma_node(const std::string& accel, std::size_t i);

  EnergyLedger& ledger_;
  std::vector<NocComponent> components_;  // NoC nodes in order
  std::vector<Memory> memories_;
  std::vector<std::unique_ptr<sram::SramTarget>> srams_;
  std::vector<std::unique_ptr<dram::DramController>> drams_;
  std::vector<std::unique_ptr<PortMemory>> generics_;
  std::vector<Accel> accels_;
  std::unique_ptr<noc::Noc> noc_;
};

}  // namespace sushi
