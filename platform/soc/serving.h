// The query-serving part of the SoC: the SushiAccel accelerator, the CPU running the firmware,
// the query port fed by the workload, and the timer / interrupt controller; plus the model image
// loaded into DRAM at start and the per-query record (queries.csv).
//
// Interrupts: query port -> controller line 1, accelerator -> line 2 (sushi/timer_regs.h), the
// further accelerators accels.<name> -> lines 3, 4, ... in config order, controller -> CPU. Every component is a NoC node named after its config section.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "accel/sushi/sushi_accel.h"
#include "common/energy_attribution.h"
#include "common/energy_ledger.h"
#include "common/energy_static.h"
#include "common/energy_table.h"
#include "config/config.h"
#include "config/sched_params.h"
#include "config/serving_params.h"
#include "cpu/host_cpu.h"
#include "cpu/rv32/rv32_cpu.h"
#include "dram/dram_controller.h"
#include "noc/noc.h"
#include "periph/query_port.h"
#include "periph/timer.h"
#include "soc/query_log.h"
#include "soc/noc_assembly.h"
#include "soc/soc_assembly.h"
#include "sram/sram_energy_table.h"
#include "supernet/catalog.h"

namespace sushi {

class Serving {
 public:
  // Builds the components (as children of the current module) and returns; throws ConfigError.
  // The accelerator is built and wired by `assembly` (which holds the SoC's memories; the model
  // lives in the DRAM cfg model.dram names); the rest are NoC nodes bound by bind().
  Serving(const config::Config& cfg, const EnergyTable& table, const sram::SramEnergyTable& sram_table,
          EnergyLedger& ledger, SocAssembly& assembly);

  bool has_cpu() const { return core() != nullptr; }
  bool has_accel() const { return accel_ != nullptr; }
  // NoC nodes this part adds besides the accelerator (which the assembly adds).
  std::vector<NocComponent> noc_components() const;
  void bind(noc::Noc& noc);

  // The firmware returns when the workload is finished (or stops on a fault).
  bool finished() const { return core() == nullptr || core()->finished(); }
  const sc_core::sc_event& finished_event() const { return core()->finished_event(); }
  const FirmwareFault* fault() const { return core() ? &core()->fault() : nullptr; }
  // The core running the firmware (cpu.kind host or rv32), or null.
  const FirmwareCpu* core() const { return rv32_ ? static_cast<const FirmwareCpu*>(rv32_.get()) : cpu_.get(); }
  Rv32Cpu* rv32() { return rv32_.get(); }  // cpu.kind: rv32 only
  // cpu.rv32.gdb.* (serving_rv32.cpp): listens for the debugger and, with cpu.rv32.gdb.wait,
  // waits for it. Call before sc_start; throws ConfigError (the port is taken, the wait timed out).
  void start_debugger(const config::Config& cfg);
  const QueryLog& query_log() const { return *log_; }
  std::uint64_t queries_completed() const { return completed_; }  // posted by the firmware so far
  // At the end of the run (end_ps): closes the energy attribution (idle energy up to the end)
  // and fills the rows of unserved queries.
  void finish(std::uint64_t end_ps);
  std::uint64_t transactions() const;
  // The accelerator (null without one); a kind's own API by dynamic_cast (e.g. accel::SushiAccel).
  accel::Accelerator* accel() { return accel_; }
  const supernet::Catalog& catalog() const { return catalog_; }
  const std::string& policy() const { return policy_; }
  // The PB's use over the run: policy, PB loads (count, bytes, time), PB hit ratio.
  Json cache_summary() const;
  // Per accelerator of sched.processors, over a run of sim_end_ps: queries served, jobs, busy
  // time and utilisation, PB use, its own actions' energy (summary.json serving.processors).
  Json processors_summary(std::uint64_t sim_end_ps) const;

  // Replaces the firmware the host CPU runs (sushi-vp profile drives the accelerator itself);
  // set before the SoC is built. Empty: the SushiSched firmware.
  static HostCpu::Firmware& firmware_override();

 private:
  // sched.* keys into the boot info; the oracle's request table into DRAM.
  void set_policy(const config::Config& cfg, const config::SchedParams& sp, dram::DramController& dram,
                  std::uint64_t dram_base, sushi_boot_info& boot);
  void load_model_image(const config::Config& cfg, dram::DramController& dram, std::uint64_t dram_base);
  // cpu.kind: rv32 (serving_rv32.cpp): builds rv32_ with this boot info; throws ConfigError.
  void make_rv32_cpu(const config::Config& cfg, const CpuParams& cpu, const Rv32Params& rv32,
                     const EnergyTable& table, EnergyLedger& ledger,
                     const sushi_boot_info& boot);
  // sched.processors into the boot info's accelerator table (processors_): each a SushiAccel
  // with the weight layout the model image is built for.
  void set_processors(const config::Config& cfg, const config::SchedParams& sp, SocAssembly& assembly,
                      std::size_t further_accels, sushi_boot_info& boot);
  // The processors' counters, summed.
  accel::AccelSnapshot served_snapshot() const;
  // cpu.static_power: the core's floor power, accrued all the time.
  void add_cpu_static_power(const config::Config& cfg, const EnergyTable& table, const std::string& cpu_name);

  EnergyLedger& ledger_;
  config::ServedModelParams model_;  // model.*: the catalog and its regions in DRAM
  supernet::Catalog catalog_;
  accel::Accelerator* accel_ = nullptr;  // owned by the SoC assembly
  struct Processor {
    std::string name;  // as sched.processors names it
    accel::Accelerator* accel = nullptr;
  };
  std::vector<Processor> processors_;  // sched.processors: the boot info's accels[], in order
  accel::AccelParams accel_params_;  // SushiAccel's shape, which the model image is laid out for
  std::unique_ptr<QueryPort> port_;
  std::unique_ptr<Timer> timer_;
  std::unique_ptr<HostCpu> cpu_;
  std::unique_ptr<Rv32Cpu> rv32_;  // cpu.kind: rv32 (instead of cpu_)
  std::unique_ptr<QueryLog> log_;
  sc_core::sc_signal<bool> port_irq_{"port_irq"}, cpu_irq_{"cpu_irq"};
  sc_core::sc_signal<bool>* accel_irq_ = nullptr;  // the assembly's line for the accelerator
  std::uint64_t accel_regs_base_ = 0, port_base_ = 0, timer_base_ = 0;
  sushi_boot_info boot_{};
  std::string policy_ = "none";
  // Per-query attribution: energy by service interval, counters at the query's start.
  std::unique_ptr<EnergyAttribution> attribution_;
  std::unique_ptr<TimedPower> cpu_static_;
  // Queries in service (popped, not committed): every processor's counters and the firmware
  // time at the POP; the serving processor is known only at the commit.
  struct InService {
    std::vector<accel::AccelSnapshot> counters;
    std::uint64_t firmware_ps = 0;
  };
  std::map<std::uint64_t, InService> in_service_;
  std::uint64_t completed_ = 0;
};

}  // namespace sushi
