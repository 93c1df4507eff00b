#include "traces/tracer.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "accel/sushi/sushi_accel.h"

namespace sushi::traces {
namespace {

// Timeline layout: one "process" per part of the SoC, one "thread" (track) per activity.
constexpr int kPidCpu = 1, kPidAccel = 2, kPidQueries = 3, kPidPower = 4;
constexpr int kTidFirmware = 1, kTidRegisters = 2, kTidJobs = 1, kTidLayers = 2, kTidService = 1;

}  // namespace

Tracer::Tracer(const TraceOptions& options, EnergyLedger& ledger, PowerSampler::BytesFn bytes)
    : opt_(options) {
  if (opt_.transactions) {
    tx_ = std::make_unique<TransactionWriter>(opt_.dir / "transactions.csv.gz", opt_.transaction_filter);
  }
  if (opt_.sampling()) {
    sampler_ = std::make_unique<PowerSampler>(ledger, opt_.power_window_ps, std::move(bytes),
                                              [this](const PowerWindow& w) { on_window(w); });
  }
  if (opt_.power) {
    power_csv_ = io::OutputFile(opt_.dir / "power.csv");
    power_csv_ << "window_start_ps,window_end_ps,energy_total_pJ,power_total_mW";
    for (const auto& c : sampler_->components()) power_csv_ << ",energy_" << c << "_pJ";
    for (const auto& c : sampler_->components()) power_csv_ << ",power_" << c << "_mW";
    for (int c = 0; c < kEnergyCategoryCount; ++c) {
      power_csv_ << ",energy_category_" << to_string(static_cast<EnergyCategory>(c)) << "_pJ";
    }
    power_csv_ << ",dram_read_B,dram_write_B,pb_read_B,pb_load_B,dram_refresh_count\n";
  }
  if (opt_.mmio) mmio_ = std::make_unique<MmioWriter>(opt_.dir / "mmio.csv", opt_.mmio_map);
  if (opt_.timeline) {
    timeline_ = std::make_unique<TraceEventWriter>(opt_.dir / "timeline.json");
    timeline_->process_name(kPidCpu, "cpu (firmware)", 1);
    timeline_->thread_name(kPidCpu, kTidFirmware, "firmware state");
    if (mmio_) timeline_->thread_name(kPidCpu, kTidRegisters, "register accesses");
    timeline_->process_name(kPidAccel, "accelerator", 2);
    timeline_->thread_name(kPidAccel, kTidJobs, "jobs and PB loads");
    timeline_->thread_name(kPidAccel, kTidLayers, "layers");
    timeline_->process_name(kPidQueries, "queries", 3);
    timeline_->thread_name(kPidQueries, kTidService, "service (start to end)");
    timeline_->process_name(kPidPower, "power and DRAM (per window)", 4);
  }
  if (opt_.vcd) {
    vcd_ = std::make_unique<VcdWriter>(opt_.dir / "signals.vcd");
    vcd_accel_busy_ = vcd_->add_bool("accel_busy");
    vcd_pb_loading_ = vcd_->add_bool("accel_pb_loading");
    vcd_total_mw_ = vcd_->add_real("power_total_mW");
    vcd_dram_GBps_ = vcd_->add_real("dram_bandwidth_GBps");
    for (const auto& c : sampler_->components()) vcd_power_mw_.push_back(vcd_->add_real("power_" + c + "_mW"));
  }
}

Tracer::~Tracer() = default;

template <class F>
void Tracer::guarded(F&& f) {
  if (write_error_) return;
  try {
    f();
  } catch (const io::OutputError&) {
    write_error_ = std::current_exception();
    sc_core::sc_stop();
  }
}

int Tracer::add_irq_line(const std::string& name) {
  if (!vcd_) return -1;
  const int level = vcd_->add_bool(name);  // the line, then its count, in this order
  vcd_irq_.emplace_back(level, vcd_->add_count(name + "_count"));
  return static_cast<int>(vcd_irq_.size() - 1);
}

void Tracer::on_irq(int line, bool level, std::uint64_t t_ps) {
  if (!vcd_ || line < 0) return;
  guarded([&] {
    vcd_->line(vcd_irq_[static_cast<std::size_t>(line)].first, vcd_irq_[static_cast<std::size_t>(line)].second, t_ps,
               level);
  });
}

void Tracer::on_dram_transaction(const DramTransactionRecord& r) {
  guarded([&] {
    if (tx_) tx_->add(r);
  });
}

AccelObserver* Tracer::accel_track(const std::string& name) {
  for (const auto& a : accel_tracks_) {
    if (a->name == name) throw std::logic_error("traces: two accelerators named '" + name + "'");
  }
  auto t = std::make_unique<AccelTrack>();
  t->tracer = this;
  t->name = name;
  if (name == "accel") {  // declared by the constructor, in the order of the single-accelerator traces
    t->vcd_busy = vcd_accel_busy_;
    t->vcd_pb_loading = vcd_pb_loading_;
    t->pid = kPidAccel;
  } else {
    if (vcd_) {
      t->vcd_busy = vcd_->add_bool(name + "_busy");
      t->vcd_pb_loading = vcd_->add_bool(name + "_pb_loading");
    }
    // After the fixed processes, in the order the accelerators are attached.
    t->pid = kPidPower + 1 + static_cast<int>(std::count_if(
                                 accel_tracks_.begin(), accel_tracks_.end(), [](const auto& a) { return a->pid != kPidAccel; }));
  }
  if (timeline_ && t->pid != kPidAccel) {
    timeline_->process_name(t->pid, "accelerator " + name, t->pid);
    timeline_->thread_name(t->pid, kTidJobs, "jobs and PB loads");
    timeline_->thread_name(t->pid, kTidLayers, "layers");
  }
  accel_tracks_.push_back(std::move(t));
  return accel_tracks_.back().get();
}

void Tracer::AccelTrack::on_accel_start(bool pb_load, std::uint64_t start_ps) {
  tracer->accel_start(*this, pb_load, start_ps);
}

void Tracer::AccelTrack::on_accel_end(bool pb_load, bool ok, std::uint64_t start_ps, std::uint64_t end_ps,
                                      const std::vector<accel::LayerRecord>& layers, std::uint64_t pb_load_bytes) {
  tracer->accel_end(*this, pb_load, ok, start_ps, end_ps, layers, pb_load_bytes);
}

void Tracer::accel_start(const AccelTrack& a, bool pb_load, std::uint64_t start_ps) {
  guarded([&] {
    if (vcd_) vcd_->set(pb_load ? a.vcd_pb_loading : a.vcd_busy, start_ps, 1.0);
  });
}

void Tracer::accel_end(const AccelTrack& a, bool pb_load, bool ok, std::uint64_t start_ps, std::uint64_t end_ps,
                       const std::vector<accel::LayerRecord>& layers, std::uint64_t pb_load_bytes) {
  const int pid = a.pid;
  guarded([&] {
  if (vcd_) vcd_->set(pb_load ? a.vcd_pb_loading : a.vcd_busy, end_ps, 0.0);
  if (timeline_) {
    nlohmann::ordered_json args = {{"ok", ok}};
    if (pb_load) {
      args["pb_load_B"] = pb_load_bytes;
      timeline_->complete("PB load", "accel", pid, kTidJobs, start_ps, end_ps, args);
    } else {
      std::uint64_t w = 0, pb = 0, in = 0, out = 0;
      for (const auto& l : layers) {
        w += l.dram_weight_B;
        pb += l.pb_weight_B;
        in += l.dram_input_B;
        out += l.dram_output_B;
      }
      args["layers_count"] = layers.size();
      args["dram_weight_B"] = w;
      args["pb_weight_B"] = pb;
      args["dram_input_B"] = in;
      args["dram_output_B"] = out;
      timeline_->complete("job", "accel", pid, kTidJobs, start_ps, end_ps, args);
      if (opt_.timeline_layers) {
        for (const auto& l : layers) {
          timeline_->complete(fmt::format("L{} {}", l.layer_index, accel::to_string(l.mapping)), "layer", pid,
                              kTidLayers, l.start_ps, l.end_ps,
                              {{"descriptor", l.index}, {"layer_index", l.layer_index},
                               {"mapping", accel::to_string(l.mapping)}, {"dram_weight_B", l.dram_weight_B},
                               {"pb_weight_B", l.pb_weight_B}, {"dram_input_B", l.dram_input_B},
                               {"dram_output_B", l.dram_output_B}, {"dram_psum_rd_B", l.dram_psum_rd_B},
                               {"compute_cycles", l.compute_cycles}, {"stall_cycles", l.stall_cycles},
                               {"macs_useful", l.macs_useful}, {"utilisation", l.utilisation}});
          // DMA bursts aggregated per layer: a counter track stepping at each layer start.
          timeline_->counter("layer DMA bytes", pid, l.start_ps,
                             {{"weights_B", double(l.dram_weight_B)},
                              {"input_B", double(l.dram_input_B)},
                              {"output_B", double(l.dram_output_B)},
                              {"pb_B", double(l.pb_weight_B)}},
                             "layer");
        }
        timeline_->counter("layer DMA bytes", pid, end_ps,
                           {{"weights_B", 0.0}, {"input_B", 0.0}, {"output_B", 0.0}, {"pb_B", 0.0}}, "layer");
      }
    }
  }
  });
}

void Tracer::flush_cpu_state() {
  if (cpu_pending_ && timeline_) {
    timeline_->complete(to_string(cpu_state_), "firmware", kPidCpu, kTidFirmware, cpu_start_ps_, cpu_end_ps_);
  }
  cpu_pending_ = false;
}

void Tracer::on_cpu_state(CpuState state, std::uint64_t start_ps, std::uint64_t end_ps) {
  guarded([&] {
  if (timeline_ && opt_.timeline_cpu && end_ps > start_ps) {
    // Zero-length states (a wait for an interrupt already pending) are dropped; back-to-back
    // intervals of one state are merged into one event.
    if (cpu_pending_ && state == cpu_state_ && start_ps <= cpu_end_ps_) {
      cpu_end_ps_ = std::max(cpu_end_ps_, end_ps);
    } else {
      flush_cpu_state();
      cpu_pending_ = true;
      cpu_state_ = state;
      cpu_start_ps_ = start_ps;
      cpu_end_ps_ = end_ps;
    }
  }
  });
}

void Tracer::on_bus_access(const BusAccessRecord& r) {
  if (!mmio_) return;
  guarded([&] {
    const MmioTarget t = mmio_->add(r);
    if (!timeline_) return;
    nlohmann::ordered_json args = {
        {"core", r.cpu}, {"offset", fmt::format("{:#x}", t.offset)}, {"bytes_B", r.bytes}};
    if (r.bytes <= 4) args["value"] = fmt::format("{:#010x}", r.value);
    args["status"] = MmioWriter::status_name(r.response);
    const std::string what = t.reg ? fmt::format("{}.{}", t.device, t.reg) : std::string(t.device);
    timeline_->instant(fmt::format("{} {}", what, r.write ? "write" : "read"), "mmio", kPidCpu, kTidRegisters,
                       r.time_ps, args);
  });
}

void Tracer::on_window(const PowerWindow& w) {
  const auto& comps = sampler_->components();
  const double dt_ps = double(w.end_ps - w.start_ps);
  if (power_csv_.is_open()) {
    std::string line = fmt::format("{},{},{:.3f},{:.6f}", w.start_ps, w.end_ps, w.total_pj, w.power_mw(w.total_pj));
    for (double e : w.energy_pj) line += fmt::format(",{:.3f}", e);
    for (double e : w.energy_pj) line += fmt::format(",{:.6f}", w.power_mw(e));
    for (double e : w.category_pj) line += fmt::format(",{:.3f}", e);
    line += fmt::format(",{},{},{},{},{}\n", w.bytes.dram_read_B, w.bytes.dram_write_B, w.bytes.pb_read_B,
                        w.bytes.pb_load_B, w.bytes.dram_refresh_count);
    power_csv_ << line;
  }
  if (timeline_ && w.end_ps > w.start_ps) {
    std::vector<std::pair<std::string, double>> p;
    for (std::size_t c = 0; c < comps.size(); ++c) p.emplace_back(comps[c], w.power_mw(w.energy_pj[c]));
    timeline_->counter("power_mW", kPidPower, w.start_ps, p, "power");
    timeline_->counter("dram_bandwidth_GBps", kPidPower, w.start_ps,
                       {{"read", double(w.bytes.dram_read_B) / dt_ps * 1e3},
                        {"write", double(w.bytes.dram_write_B) / dt_ps * 1e3}},
                       "power");
    timeline_->counter("dram_refresh_count", kPidPower, w.start_ps, {{"refreshes", double(w.bytes.dram_refresh_count)}},
                       "power");
    timeline_->counter("pb_bytes", kPidPower, w.start_ps,
                       {{"pb_read_B", double(w.bytes.pb_read_B)}, {"pb_load_B", double(w.bytes.pb_load_B)}},
                       "power");
  }
  if (vcd_ && w.end_ps > w.start_ps) {
    // The window's averages, drawn from its start; nothing before its end can change any more.
    for (std::size_t c = 0; c < comps.size(); ++c) vcd_->set(vcd_power_mw_[c], w.start_ps, w.power_mw(w.energy_pj[c]));
    vcd_->set(vcd_total_mw_, w.start_ps, w.power_mw(w.total_pj));
    vcd_->set(vcd_dram_GBps_, w.start_ps, double(w.bytes.dram_read_B + w.bytes.dram_write_B) / dt_ps * 1e3);
    vcd_->flush_before(w.end_ps);
  }
}

void Tracer::finish(std::uint64_t end_ps, const std::vector<TraceQuery>& queries) {
  if (finished_) return;
  finished_ = true;
  if (write_error_) std::rethrow_exception(write_error_);
  if (sampler_) sampler_->finish(end_ps);
  if (tx_) tx_->close();
  if (mmio_) mmio_->close();
  if (power_csv_.is_open()) power_csv_.close();
  if (timeline_) {
    flush_cpu_state();
    for (const TraceQuery& q : queries) {
      nlohmann::ordered_json args = {{"id", q.id},       {"status", q.status},
                                     {"subnet", q.subnet}, {"accuracy_pct", q.accuracy_pct},
                                     {"slo_ps", q.slo_ps}, {"latency_ps", q.end_ps >= q.arrival_ps ? q.end_ps - q.arrival_ps : 0},
                                     {"met", q.met}};
      const std::string name = fmt::format("query {}", q.id);
      if (q.status == "ok" || q.status == "accel_error") {
        timeline_->complete(name, "query", kPidQueries, kTidService, q.start_ps, q.end_ps, args);
        timeline_->async_begin(name, "query", kPidQueries, q.id, q.arrival_ps, args);
        timeline_->async_end(name, "query", kPidQueries, q.id, std::max(q.end_ps, q.arrival_ps));
      } else {
        timeline_->instant(name + " " + q.status, "query", kPidQueries, kTidService, q.arrival_ps, args);
      }
      // SLO deadline marker for each query that missed it.
      if (q.status == "ok" && !q.met) {
        timeline_->instant(name + " SLO miss", "slo", kPidQueries, kTidService, q.arrival_ps + q.slo_ps, args);
      }
    }
    timeline_->close();
  }
  if (vcd_) {
    vcd_->close();
    io::OutputFile gtkw(opt_.dir / "signals.gtkw");
    gtkw << gtkwave_save_file("signals.vcd", vcd_->names());
    gtkw.close();
  }
}

}  // namespace sushi::traces
