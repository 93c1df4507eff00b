#include "serving.h"

#include <cmath>

#include <fmt/format.h>

#include "config/energy_table_loader.h"
#include "config/params_visitors.h"
#include "config/sched_params.h"
#include "config/serving_params.h"
#include "config/workload_config.h"
#include "fw_image.h"
#include "fw_main.h"
#include "soc/memory_params.h"
#include "supernet/latency_profile.h"
#include "supernet/layout.h"
#include "supernet/model_image_io.h"
#include "supernet/supernet.h"
#include "sched/sched.h"
#include "sushi/query_port_regs.h"
#include "sushi/timer_regs.h"

namespace sushi {

Serving::Serving(const config::Config& cfg, const EnergyTable& table, const sram::SramEnergyTable& sram_table,
                 EnergyLedger& ledger, SocAssembly& assembly)
    : ledger_(ledger) {
  CpuParams cpu;  // the cpu.* keys (cpu/cpu_params.h)
  config::read_keys(cfg, cpu);
  const bool host = cpu.kind != CpuKind::none;  // a CPU runs the firmware: host or rv32
  if (!host) {
    // Nothing would take the queries from the port: the run would simulate nothing and succeed.
    const std::string w = cfg.first_set_under("workload");
    if (!w.empty()) {
      cfg.fail(cfg.is_set("cpu.kind") ? "cpu.kind" : w,
               "cpu.kind 'none' runs no firmware, so the workload (" + w + " at " + cfg.loc(w).str() +
                   ") would never be served; set cpu.kind to host or rv32, or drop the workload section");
    }
  }
  Rv32Params rv32;  // the cpu.rv32.* keys (cpu/rv32/rv32_params.h)
  config::read_keys(cfg, rv32);
  if (rv32.gdb.enabled && cpu.kind != CpuKind::rv32) {
    cfg.fail("cpu.rv32.gdb.enabled", "the GDB stub debugs the RV32 core's firmware: needs cpu.kind: rv32");
  }
  config::ServingParams serving;  // accel.enabled (config/serving_params.h)
  config::read_keys(cfg, serving);
  if (!host && !serving.accel_enabled) return;

  // The DRAM that holds the model.
  config::read_keys(cfg, model_);  // model.* (config/serving_params.h)
  const std::string& model_dram = model_.dram;
  dram::DramController* dram = nullptr;
  for (const auto& m : assembly.memories()) {
    if (m.kind == SocAssembly::MemoryKind::dram && m.name == model_dram) dram = m.dram;
  }
  if (dram == nullptr) {
    cfg.fail(config::key_of(model_, model_.dram),
             fmt::format("no DRAM named '{}' (declare dram.{}.base and .memspec)", model_dram, model_dram));
  }
  std::uint64_t dram_base = static_cast<std::uint64_t>(cfg.integer("dram." + model_dram + ".base"));

  // The accelerator of accel.kind, its registers on the NoC; its DMA may reach the DRAMs only.
  const std::size_t further_accels = assembly.accelerator_count();  // accels.<name>, built before
  if (further_accels > SUSHI_IRQ_MAX_LINES - 1 - SUSHI_IRQ_ACCEL) {
    cfg.fail("accels", fmt::format("{} accelerators besides accel: the interrupt controller has lines for at most {}",
                                   further_accels, SUSHI_IRQ_MAX_LINES - 1 - SUSHI_IRQ_ACCEL));
  }
  accel_regs_base_ = static_cast<std::uint64_t>(cfg.integer("accel.regs_base"));
  accel_ = &assembly.add_accelerator({"accel", accel_regs_base_, "accel.regs_base", assembly.memory_windows(true)},
                                     cfg, table, sram_table);
  accel_irq_ = &assembly.irq(assembly.accelerator_count() - 1);
  if (!host) return;

  // The firmware drives SushiAccel's registers; each model image is laid out for its accelerator.
  if (dynamic_cast<const accel::SushiAccel*>(accel_) == nullptr) {
    cfg.fail("accel.kind", "the serving firmware drives SushiAccel: needs accel.kind sushi");
  }
  config::SchedParams sched;  // sched.* (config/sched_params.h)
  config::read_keys(cfg, sched);
  config::TasksParams tasks;  // tasks.<name> (config/task_params.h)
  config::read_keys(cfg, tasks);
  set_processors(cfg, sched, assembly, further_accels, boot_);

  // The model images, the workload and the CPU. One task on accel alone: its image as before; else
  // the task table.
  const bool task_table = !tasks.tasks.empty() || processors_.size() > 1;
  const std::uint64_t images_end = task_table ? load_task_images(cfg, tasks.tasks, *dram, dram_base)
                                              : load_model_image(cfg, *dram, dram_base);
  port_base_ = static_cast<std::uint64_t>(cfg.integer("query_port.base"));
  timer_base_ = static_cast<std::uint64_t>(cfg.integer("timer.base"));
  QueryPortParams qp;
  config::read_keys(cfg, qp);  // the keys declared in QueryPortParams::describe
  std::string source;
  for (const Task& t : tasks_) {
    for (const auto& e : t.catalog.entries) {
      const std::string s(supernet::source_name(e.accuracy_source));
      source = source.empty() || source == s ? s : "mixed";
    }
  }
  log_ = std::make_unique<QueryLog>(source.empty() ? "proxy" : source);
  add_task_queries(cfg, tasks.tasks, qp);
  port_ = std::make_unique<QueryPort>("query_port", std::move(qp));
  port_->irq(port_irq_);
  attribution_ = std::make_unique<EnergyAttribution>(ledger_);
  port_->on_start([this](const QueryPortRecord& r) {
    attribution_->begin(r.request.id, r.start_ps);
    InService& q = in_service_[r.request.id];
    for (const Processor& p : processors_) q.counters.push_back(p.accel->snapshot());
    // Called inside the firmware's POP access: the core's time up to that access.
    q.firmware_ps = core()->firmware_ps();
  });
  port_->on_end([this](const QueryPortRecord& r) {
    ++completed_;
    const EnergyBreakdown energy = attribution_->end(r.request.id, r.end_ps);
    const auto started = in_service_.find(r.request.id);
    if (started == in_service_.end()) return;
    const InService q = std::move(started->second);
    in_service_.erase(started);
    QueryRow* row = log_->find(r.request.id);
    if (row == nullptr) return;
    row->start_ps = r.start_ps;
    row->end_ps = r.end_ps;
    row->status = r.status == SUSHI_QP_CPL_OK ? QueryStatus::ok
                  : r.status == SUSHI_QP_CPL_ACCEL_ERROR ? QueryStatus::accel_error
                                                         : QueryStatus::not_served;
    const Task& task = tasks_[r.request.task];
    if (r.subnet < task.catalog.entries.size()) {
      row->subnet = task.catalog_index[r.subnet];
      row->accuracy_pct = task.catalog.entries[r.subnet].accuracy;
      row->macs = task.catalog.entries[r.subnet].macs;
    }
    // The serving processor's counters over the query (its one job and the PB loads before it).
    const std::size_t p = r.processor < processors_.size() ? r.processor : 0;
    row->processor = processors_[p].name;
    const accel::AccelSnapshot c = processors_[p].accel->snapshot();
    const accel::AccelSnapshot& c0 = q.counters[p];
    row->dram_weight_bytes = c.dram_weight_rd_B - c0.dram_weight_rd_B;
    row->dram_input_bytes = c.dram_act_rd_B - c0.dram_act_rd_B;
    row->dram_output_bytes = c.dram_wr_B - c0.dram_wr_B;
    row->pb_bytes = c.pb_rd_B - c0.pb_rd_B;
    row->pb_load_bytes = c.pb_load_B - c0.pb_load_B;
    row->choice = r.reason;
    row->firmware_ps = core()->firmware_ps() - q.firmware_ps;  // up to the COMMIT access
    row->accel_ps = c.busy_ps - c0.busy_ps;
    row->energy = energy;
  });

  TimerParams tp;
  tp.external_lines = SUSHI_IRQ_ACCEL + static_cast<unsigned>(further_accels);
  timer_ = std::make_unique<Timer>("timer", tp);
  timer_->irq_in[SUSHI_IRQ_QUERY_PORT - 1](port_irq_);
  timer_->irq_in[SUSHI_IRQ_ACCEL - 1](*accel_irq_);
  // accels.<name> in config order on the lines after the accelerator's.
  for (std::size_t i = 0; i < further_accels; ++i) timer_->irq_in[SUSHI_IRQ_ACCEL + i](assembly.irq(i));
  timer_->cpu_irq(cpu_irq_);

  HostCpuParams cp;
  cp.clock_hz = cpu.clock_hz;
  cp.firmware_time = cpu.firmware_time;
  cp.cost_cycles = cpu.cost_cycles;
  cp.boot = boot_;
  cp.boot.accel_regs = accel_regs_base_;
  cp.boot.query_port = port_base_;
  cp.boot.timer = timer_base_;
  cp.boot.accel_clock_khz = static_cast<std::uint32_t>(std::llround(cfg.frequency_hz("accel.clock") / 1e3));
  set_policy(cfg, sched, *dram, dram_base, images_end, cp.boot);
  if (cp.boot.policy == SUSHI_POLICY_ORACLE && tasks_.size() > 1) {
    cfg.fail("sched.cache.policy", "oracle looks ahead in one query stream: not with several tasks (allowed: none, "
                                   "static, lru, sgs)");
  }
  if (cpu.kind == CpuKind::rv32) {
    make_rv32_cpu(cfg, cpu, rv32, table, ledger, cp.boot);  // the same boot info, to the cross-compiled firmware
    add_cpu_static_power(cfg, table, rv32_->name());
    return;
  }
  HostCpu::Firmware fw = [] { sushi_firmware_main(); };
  if (firmware_override()) fw = firmware_override();
  cpu_ = std::make_unique<HostCpu>("cpu", cp, fw, ledger,
                                   table_entry(cfg, table, "cpu.cycle_energy"));
  cpu_->irq(cpu_irq_);
  add_cpu_static_power(cfg, table, cpu_->name());
}

void Serving::set_processors(const config::Config& cfg, const config::SchedParams& sp, SocAssembly& assembly,
                             std::size_t further_accels, sushi_boot_info& boot) {
  const std::string key = config::key_of(sp, sp.processors);
  if (sp.processors.empty()) cfg.fail(key, "names no accelerator (allowed: accel and the names of accels.<name>)");
  if (sp.processors.size() > SUSHI_BOOT_MAX_ACCELS) {
    cfg.fail(key, fmt::format("{} accelerators: the firmware serves on at most {}", sp.processors.size(),
                              SUSHI_BOOT_MAX_ACCELS));
  }
  for (std::size_t i = 0; i < sp.processors.size(); ++i) {
    const std::string& name = sp.processors[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (sp.processors[j] == name) cfg.fail(key, "names '" + name + "' twice");
    }
    sushi_boot_accel& b = boot.accels[i];
    accel::Accelerator* a = nullptr;
    std::string k;
    if (name == "accel") {
      a = accel_;
      k = "accel";
      b.irq_line = SUSHI_IRQ_ACCEL;
    }
    for (std::size_t f = 0; f < further_accels && a == nullptr; ++f) {
      if (assembly.accelerator_name(f) != name) continue;
      a = &assembly.accelerator(f);
      k = "accels." + name;
      b.irq_line = SUSHI_IRQ_ACCEL + 1 + static_cast<std::uint32_t>(f);
    }
    if (a == nullptr) {
      std::string known = "accel";
      for (std::size_t f = 0; f < further_accels; ++f) known += ", " + assembly.accelerator_name(f);
      cfg.fail(key, fmt::format("no accelerator named '{}' (allowed: {})", name, known));
    }
    const auto* s = dynamic_cast<const accel::SushiAccel*>(a);
    if (s == nullptr) cfg.fail(key, "'" + name + "' is not a SushiAccel (" + k + ".kind): the firmware drives SushiAccel");
    processor_params_.push_back(s->params());
    b.regs = static_cast<std::uint64_t>(cfg.integer(k + ".regs_base"));
    b.clock_khz = static_cast<std::uint32_t>(std::llround(cfg.frequency_hz(k + ".clock") / 1e3));
    processors_.push_back({name, a});
  }
  boot.accel_count = static_cast<std::uint32_t>(sp.processors.size());
}

accel::AccelSnapshot Serving::served_snapshot() const {
  accel::AccelSnapshot sum;
  for (const Processor& p : processors_) sum += p.accel->snapshot();
  return sum;
}

void Serving::add_cpu_static_power(const config::Config& cfg, const EnergyTable& table, const std::string& cpu_name) {
  if (const auto p = config::power_entry(cfg, table, "cpu.static_power")) {
    cpu_static_ = std::make_unique<TimedPower>(ledger_, ledger_.declare(cpu_name, "static", EnergyCategory::cpu, *p), true);
  }
}

HostCpu::Firmware& Serving::firmware_override() {
  static HostCpu::Firmware f;
  return f;
}

void Serving::set_policy(const config::Config& cfg, const config::SchedParams& sp, dram::DramController& dram,
                         std::uint64_t dram_base, std::uint64_t images_end, sushi_boot_info& boot) {
  const std::string policy = params::name_of(config::kCachePolicyNames, sp.policy);
  boot.policy = sp.policy;
  policy_ = policy;
  boot.window = sp.window;
  boot.period_ns = static_cast<std::uint64_t>(std::llround(sp.period_ps / 1e3));
  boot.reload_guard = sp.reload_guard ? 1u : 0u;
  boot.objective = sp.objective;
  if (boot.window == 0 && (policy == "oracle" || (policy == "sgs" && boot.period_ns == 0))) {
    cfg.fail("sched.cache.window", "must be at least 1 for policy " + policy +
                                       (policy == "sgs" ? " unless sched.cache.period is set" : ""));
  }
  if (policy != "oracle") return;
  // The oracle's view of the future: every request of the workload, in arrival order, after the
  // model image (4 KiB aligned), before the scratch memory.
  std::vector<sushi_oracle_entry> table;
  for (const QueryPortRecord& r : port_->records()) {
    const QueryPortRequest& q = r.request;
    table.push_back({q.id, q.arrival_ps / 1000u, q.slo_ps / 1000u, q.min_accuracy_milli, 0});
  }
  const std::uint64_t offset = (images_end + 4095u) / 4096u * 4096u;
  const std::uint64_t bytes = table.size() * sizeof(sushi_oracle_entry);
  const std::uint64_t scratch = model_.scratch_offset;
  if (offset + bytes > dram.capacity() || (offset < scratch + boot.scratch_size && scratch < offset + bytes)) {
    const std::string key = config::key_of(model_, model_.scratch_offset);
    cfg.fail(key, fmt::format("the oracle's {} B request table at DRAM offset {} B overlaps the scratch memory or "
                              "leaves the DRAM; move {}", bytes, offset, key));
  }
  if (bytes > 0) dram.memory().write(offset, reinterpret_cast<const std::uint8_t*>(table.data()), bytes);
  boot.oracle_addr = dram_base + offset;
  boot.oracle_count = table.size();
}

// The model's regions in its DRAM (weights, activation arena, image, firmware scratch) must each
// fit in the DRAM and must not overlap: otherwise every job reads garbage or faults on the bus.
void Serving::check_model_regions(const config::Config& cfg, const config::ServedModelParams& m, std::uint64_t capacity,
                         std::uint64_t image_B, std::uint64_t weights_B, std::uint64_t act_B) {
  struct Region {
    std::string key;  // the offset's key
    const char* what;
    std::uint64_t offset, bytes;
  };
  const Region r[] = {
      {config::key_of(m, m.weights_offset), "weights", m.weights_offset, weights_B},
      {config::key_of(m, m.act_offset), "activation arena", m.act_offset, act_B},
      {config::key_of(m, m.image_offset), "model image", m.image_offset, image_B},
      {config::key_of(m, m.scratch_offset), "firmware scratch memory", m.scratch_offset, m.scratch_size}};
  auto user_key = [&](const Region& a, const Region& b) { return cfg.is_set(b.key) || !cfg.is_set(a.key) ? b.key : a.key; };
  for (std::size_t i = 0; i < std::size(r); ++i) {
    if (r[i].offset > capacity || r[i].bytes > capacity - r[i].offset) {
      cfg.fail(r[i].key, fmt::format("the {} B {} at offset {} B does not fit in the {} B DRAM '{}' (allowed: 0 .. {} B)",
                                     r[i].bytes, r[i].what, r[i].offset, capacity, m.dram,
                                     capacity > r[i].bytes ? capacity - r[i].bytes : 0));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (r[i].offset < r[j].offset + r[j].bytes && r[j].offset < r[i].offset + r[i].bytes) {
        cfg.fail(user_key(r[j], r[i]), fmt::format("the {} [{} B, {} B) overlaps the {} [{} B, {} B) ({})", r[i].what,
                                                   r[i].offset, r[i].offset + r[i].bytes, r[j].what, r[j].offset,
                                                   r[j].offset + r[j].bytes, r[j].key));
      }
    }
  }
}


supernet::ImageOptions Serving::image_options(const accel::AccelParams& ap) {
  supernet::ImageOptions o;
  o.layout.k_par = ap.k_par;
  o.layout.c_par = ap.c_par;
  o.layout.bytes_per_weight = ap.data_bytes;
  o.latency.layout = o.layout;
  o.latency.taps = ap.taps;
  o.latency.freq_mhz = 1e6 / static_cast<double>(ap.clock_period_ps);
  o.latency.dram_bytes_per_cycle = static_cast<double>(ap.dma_ports * ap.dma_port_bytes);
  o.activations = ap.activations == accel::Activations::on_chip ? supernet::ActResidency::OnChip : supernet::ActResidency::Dram;
  o.act_store_bytes = ap.in_act.bytes;
  return o;
}

void Serving::check_image_limits(const config::Config& cfg, const supernet::Catalog& c, const std::string& key) {
  // The firmware's static tables (fw_image.h): a larger catalog would only fail at boot.
  const std::size_t layers = supernet::SuperNet::get(c.arch).size();
  if (c.entries.size() > FW_MAX_SUBNETS || layers > FW_MAX_LAYERS || c.entries.size() * layers > FW_MAX_REGIONS) {
    cfg.fail(key, fmt::format("{} SubNets of {} layers exceed the firmware's limits ({} SubNets, {} layers, {} SubNet-layers)",
                              c.entries.size(), layers, FW_MAX_SUBNETS, FW_MAX_LAYERS, FW_MAX_REGIONS));
  }
}

std::uint64_t Serving::load_model_image(const config::Config& cfg, dram::DramController& dram, std::uint64_t dram_base) {
  tasks_.emplace_back();
  Task& task = tasks_.back();
  task.name = "main";
  supernet::Catalog& catalog_ = task.catalog;
  try {
    catalog_ = supernet::load_catalog(model_.catalog);
  } catch (const std::exception& e) {
    cfg.fail(config::key_of(model_, model_.catalog), e.what());
  }
  for (std::uint32_t i = 0; i < catalog_.entries.size(); ++i) task.catalog_index.push_back(i);
  task.on.assign(1, true);
  check_image_limits(cfg, catalog_, config::key_of(model_, model_.catalog));
  supernet::ImageOptions o = image_options(processor_params_.front());
  o.weights_base = dram_base + model_.weights_offset;
  o.act_base = dram_base + model_.act_offset;
  const std::uint64_t image_offset = model_.image_offset;
  supernet::LatencyProfile profile;
  const std::string& profile_path = model_.profile;
  if (!profile_path.empty()) {
    try {
      profile = supernet::read_latency_profile(profile_path, catalog_);
    } catch (const supernet::ProfileError& e) {
      cfg.fail(config::key_of(model_, model_.profile), e.what());
    }
    // A profile that records its accelerator must have been measured on this one's shape.
    if (profile.profiled_on && !(*profile.profiled_on == supernet::profiled_on(o))) {
      cfg.fail(config::key_of(model_, model_.profile),
               fmt::format("measured on another accelerator ({}) than '{}' it would serve on; profile that one "
                           "(docs/sched.md)",
                           supernet::describe(*profile.profiled_on), processors_.front().name));
    }
    o.profile = &profile;
  }
  const std::vector<std::uint8_t> image = supernet::write_model_image(catalog_, o);
  check_model_regions(cfg, model_, dram.capacity(), image.size(), supernet::WeightLayout(supernet::SuperNet::get(catalog_.arch), o.layout).total_bytes(),
                      supernet::kActSlots * supernet::act_slot_bytes(supernet::SuperNet::get(catalog_.arch)) + 2 * supernet::kSeSlotBytes);
  dram.memory().write(image_offset, image.data(), image.size());
  boot_.image_addr = dram_base + image_offset;
  boot_.image_size = image.size();
  boot_.scratch_addr = dram_base + model_.scratch_offset;
  boot_.scratch_size = model_.scratch_size;
  account_weights(task, o.layout);
  task.images_B = image.size();
  return image_offset + image.size();
}

std::vector<NocComponent> Serving::noc_components() const {
  std::vector<NocComponent> out;
  if (port_) out.push_back({"query_port", false, true, "query_port.base", port_base_, SUSHI_QP_REG_BLOCK_SIZE});
  if (timer_) out.push_back({"timer", false, true, "timer.base", timer_base_, SUSHI_TIMER_REG_BLOCK_SIZE});
  if (cpu_ || rv32_) out.push_back({"cpu", true, false, "", 0, 0});
  return out;
}

void Serving::bind(noc::Noc& noc) {
  if (port_) noc.target_port("query_port").bind(port_->socket);
  if (timer_) noc.target_port("timer").bind(timer_->socket);
  if (cpu_) cpu_->socket.bind(noc.initiator_port("cpu"));
  if (rv32_) rv32_->socket.bind(noc.initiator_port("cpu"));
}

void Serving::finish(std::uint64_t end_ps) {
  if (!port_) return;
  attribution_->finish(end_ps);
  log_->set_idle(attribution_->idle(), attribution_->idle_ps(), attribution_->unfinished());
  for (const QueryPortRecord& r : port_->records()) {
    if (r.dropped()) {
      if (QueryRow* row = log_->find(r.request.id)) row->status = QueryStatus::dropped;
    }
  }
}

Json Serving::processors_summary(std::uint64_t sim_end_ps) const {
  Json out = Json::object();
  for (const Processor& p : processors_) {
    const accel::AccelSnapshot c = p.accel->snapshot();
    std::uint64_t served = 0;
    for (const QueryRow& r : log_->rows()) served += r.processor == p.name ? 1 : 0;
    // Its own actions: every ledger action under its module path (array, buffers, PB, busy
    // power); the DRAM and NoC energy of its traffic is the memories' and the NoC's.
    const std::string prefix = std::string(p.accel->name()) + ".";
    double pj = 0;
    for (ActionId a = 0; a < ledger_.size(); ++a) {
      if (ledger_.info(a).name.compare(0, prefix.size(), prefix) == 0) pj += ledger_.energy_pj(a);
    }
    Json& j = out[p.name];
    j["queries_count"] = served;
    j["jobs_count"] = c.jobs;
    j["busy_ms"] = static_cast<double>(c.busy_ps) * 1e-9;
    j["utilisation_pct"] = sim_end_ps ? 100.0 * static_cast<double>(c.busy_ps) / static_cast<double>(sim_end_ps) : 0.0;
    j["pb_loads_count"] = c.pb_loads;
    j["pb_load_B"] = c.pb_load_B;
    j["pb_hit_pct"] = accel::pb_hit_pct(c.pb_rd_B, c.dram_weight_rd_B);
    j["dram_read_B"] = c.dram_weight_rd_B + c.dram_act_rd_B;
    j["dram_write_B"] = c.dram_wr_B;
    j["energy_uJ"] = pj * 1e-6;
  }
  return out;
}

Json Serving::cache_summary() const {
  Json j;
  j["policy"] = policy_;
  if (!accel_) return j;
  const accel::AccelSnapshot c = processors_.empty() ? accel_->snapshot() : served_snapshot();
  j["pb_loads_count"] = c.pb_loads;
  j["pb_load_B"] = c.pb_load_B;
  j["pb_load_ms"] = static_cast<double>(c.pb_load_ps) * 1e-9;
  j["pb_read_B"] = c.pb_rd_B;
  j["dram_weight_B"] = c.dram_weight_rd_B;
  j["pb_hit_pct"] = accel::pb_hit_pct(c.pb_rd_B, c.dram_weight_rd_B);
  const std::uint64_t served = c.jobs;
  j["offchip_weight_and_load_B_per_job"] =
      served ? static_cast<double>(c.dram_weight_rd_B + c.pb_load_B) / static_cast<double>(served) : 0.0;
  return j;
}

std::uint64_t Serving::transactions() const {
  return processors_.empty() ? (accel_ ? accel_->snapshot().dma_bursts : 0) : served_snapshot().dma_bursts;
}

}  // namespace sushi
