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
#include "config/task_params.h"
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
#include "supernet/model_image_io.h"

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
  // The i-th accelerator of sched.processors (null beyond them).
  accel::Accelerator* processor(std::size_t i) { return i < processors_.size() ? processors_[i].accel : nullptr; }
  // The first task's catalog (the one task's without a tasks section).
  const supernet::Catalog& catalog() const { return tasks_.front().catalog; }
  // A task as served: its catalog (its fixed SubNet alone for a fixed-model task), where each of
  // its SubNets is in the catalog file, the accelerators it runs on, the memory its weights take.
  struct Task {
    std::string name;
    supernet::Catalog catalog;
    std::vector<std::uint32_t> catalog_index;  // per served SubNet: its index in the catalog file
    std::vector<bool> on;                      // per processor (sched.processors order)
    std::uint64_t weights_dram_B = 0;    // weight bytes its SubNets reach, per copy in DRAM, summed
    std::uint32_t weight_copies = 0;     // one per weight layout among its accelerators
    std::uint64_t images_B = 0;          // its model images (one per accelerator)
    std::uint64_t pb_share_B = 0;        // PB bytes it holds over its accelerators
    std::uint64_t separate_models_B = 0; // its SubNets' weights, each as a model of its own
  };
  const std::vector<Task>& tasks() const { return tasks_; }
  // The boot info as built (before the CPU is made): the images, the task table, the accelerators.
  const sushi_boot_info& boot_info() const { return boot_; }
  // Per task (summary.json serving.tasks.<name>): its queries' figures, its memory.
  Json tasks_summary(std::uint64_t sim_end_ps) const;
  // The tasks' memory summed (summary.json serving.memory), from tasks_summary's figures.
  static Json memory_summary(const Json& tasks);
  const std::string& policy() const { return policy_; }
  // The PB's use over the run: policy, PB loads (count, bytes, time), PB hit ratio.
  Json cache_summary() const;
  // Per accelerator of sched.processors, over a run of sim_end_ps: queries served, jobs, busy
  // time and utilisation, PB use, its own actions' energy (summary.json serving.processors).
  Json processors_summary(std::uint64_t sim_end_ps) const;

  // A model image's options for an accelerator of this shape (its weight layout and latency
  // terms); the caller sets weights_base, act_base and profile.
  static supernet::ImageOptions image_options(const accel::AccelParams& ap);

  // Replaces the firmware the host CPU runs (sushi-vp profile drives the accelerator itself);
  // set before the SoC is built. Empty: the SushiSched firmware.
  static HostCpu::Firmware& firmware_override();

 private:
  // sched.* keys into the boot info; the oracle's request table into DRAM.
  // images_end: the DRAM offset after the model images (and task table), where the oracle's goes.
  void set_policy(const config::Config& cfg, const config::SchedParams& sp, dram::DramController& dram,
                  std::uint64_t dram_base, std::uint64_t images_end, sushi_boot_info& boot);
  // One task on accel: model.catalog's image at model.image_offset; returns where it ends.
  std::uint64_t load_model_image(const config::Config& cfg, dram::DramController& dram, std::uint64_t dram_base);
  // Several tasks, or one on several accelerators (task table): every task's image per
  // accelerator, weights per task and weight layout, an activation arena per accelerator, the
  // task table after the images; returns where it ends (serving_tasks.cpp).
  std::uint64_t load_task_images(const config::Config& cfg, const std::vector<config::TaskParams>& tp,
                                 dram::DramController& dram, std::uint64_t dram_base);
  // The model's regions in its DRAM (weights, activation arenas, images, firmware scratch) each
  // fit in it and do not overlap; else a ConfigError at the offset's key.
  static void check_model_regions(const config::Config& cfg, const config::ServedModelParams& m, std::uint64_t capacity,
                                  std::uint64_t image_B, std::uint64_t weights_B, std::uint64_t act_B);
  // A catalog beyond one image's firmware tables (fw_image.h) fails at `key`.
  static void check_image_limits(const config::Config& cfg, const supernet::Catalog& c, const std::string& key);
  // One more copy of t's weights in DRAM laid out by `layout`: the bytes its SubNets reach.
  static void account_weights(Task& t, const supernet::LayoutParams& layout);
  // The queries of every task, merged by arrival into the port's task queues and the log.
  void add_task_queries(const config::Config& cfg, const std::vector<config::TaskParams>& tp, QueryPortParams& qp);
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
  std::vector<Task> tasks_;          // the one task "main" without a tasks section
  accel::Accelerator* accel_ = nullptr;  // owned by the SoC assembly
  struct Processor {
    std::string name;  // as sched.processors names it
    accel::Accelerator* accel = nullptr;
  };
  std::vector<Processor> processors_;  // sched.processors: the boot info's accels[], in order
  std::vector<accel::AccelParams> processor_params_;  // each processor's shape, its image is laid out for
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
