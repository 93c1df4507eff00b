#include "traces/tracer.h"

#include <stdexcept>

#include <fmt/format.h>

#include "accel/sushi_accel.h"

namespace sushi::traces {
namespace {

// Timeline layout: one "process" per part of the SoC, one "thread" (track) per activity.
constexpr int kPidCpu = 1, kPidAccel = 2, kPidQueries = 3, kPidPower = 4;
constexpr int kTidFirmware = 1, kTidJobs = 1, kTidLayers = 2, kTidService = 1;

// Rewrites the "$date" block of a VCD file (SystemC writes the wall-clock date there) so that
// identical runs give identical files; streams line by line.
void scrub_vcd_date(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;
  const auto tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    std::string line;
    bool in_date = false, done = false;
    while (std::getline(in, line)) {
      if (!done && line.rfind("$date", 0) == 0) {
        in_date = true;
        out << "$date\n     (omitted: identical runs give identical files)\n";
        continue;
      }
      if (in_date) {
        if (line.rfind("$end", 0) == 0) {
          in_date = false;
          done = true;
          out << line << "\n";
        }
        continue;
      }
      out << line << "\n";
    }
  }
  in.close();
  std::filesystem::rename(tmp, path);
}

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
    power_tmp_ = opt_.dir / ".power.csv.tmp";
    power_csv_.open(power_tmp_, std::ios::binary | std::ios::trunc);
    if (!power_csv_) throw std::runtime_error("cannot write '" + power_tmp_.string() + "'");
    power_csv_ << "window_start_ps,window_end_ps,energy_total_pJ,power_total_mW";
    for (const auto& c : sampler_->components()) power_csv_ << ",energy_" << c << "_pJ";
    for (const auto& c : sampler_->components()) power_csv_ << ",power_" << c << "_mW";
    for (int c = 0; c < kEnergyCategoryCount; ++c) {
      power_csv_ << ",energy_category_" << to_string(static_cast<EnergyCategory>(c)) << "_pJ";
    }
    power_csv_ << ",dram_read_B,dram_write_B,pb_read_B,pb_load_B,dram_refresh_count\n";
  }
  if (opt_.timeline) {
    timeline_ = std::make_unique<TraceEventWriter>(opt_.dir / "timeline.json");
    timeline_->process_name(kPidCpu, "cpu (firmware)", 1);
    timeline_->thread_name(kPidCpu, kTidFirmware, "firmware state");
    timeline_->process_name(kPidAccel, "accelerator", 2);
    timeline_->thread_name(kPidAccel, kTidJobs, "jobs and PB loads");
    timeline_->thread_name(kPidAccel, kTidLayers, "layers");
    timeline_->process_name(kPidQueries, "queries", 3);
    timeline_->thread_name(kPidQueries, kTidService, "service (start to end)");
    timeline_->process_name(kPidPower, "power and DRAM (per window)", 4);
  }
  if (opt_.vcd) {
    vcd_power_mw_.assign(sampler_->components().size(), 0.0);
    const std::string base = (opt_.dir / "signals").string();
    // SystemC announces the time unit on stdout (I703); the unit is documented instead.
    sc_core::sc_report_handler::set_actions("tracing timescale unit set", sc_core::SC_DO_NOTHING);
    vcd_ = sc_core::sc_create_vcd_trace_file(base.c_str());
    vcd_->set_time_unit(1, sc_core::SC_PS);
    sc_core::sc_trace(vcd_, vcd_accel_busy_, "accel_busy");
    sc_core::sc_trace(vcd_, vcd_pb_loading_, "accel_pb_loading");
    sc_core::sc_trace(vcd_, vcd_total_mw_, "power_total_mW");
    sc_core::sc_trace(vcd_, vcd_dram_GBps_, "dram_bandwidth_GBps");
    for (std::size_t c = 0; c < vcd_power_mw_.size(); ++c) {
      sc_core::sc_trace(vcd_, vcd_power_mw_[c], "power_" + sampler_->components()[c] + "_mW");
    }
  }
}

Tracer::~Tracer() {
  if (vcd_) sc_core::sc_close_vcd_trace_file(vcd_);
}

void Tracer::on_dram_transaction(const DramTransactionRecord& r) {
  if (tx_) tx_->add(r);
}

void Tracer::on_accel_start(bool pb_load, std::uint64_t start_ps) {
  (pb_load ? vcd_pb_loading_ : vcd_accel_busy_) = true;
  (void)start_ps;
}

void Tracer::on_accel_end(bool pb_load, bool ok, std::uint64_t start_ps, std::uint64_t end_ps,
                          const std::vector<accel::LayerRecord>& layers, std::uint64_t pb_load_bytes) {
  vcd_pb_loading_ = false;
  vcd_accel_busy_ = false;
  if (timeline_) {
    nlohmann::ordered_json args = {{"ok", ok}};
    if (pb_load) {
      args["pb_load_B"] = pb_load_bytes;
      timeline_->complete("PB load", "accel", kPidAccel, kTidJobs, start_ps, end_ps, args);
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
      timeline_->complete("job", "accel", kPidAccel, kTidJobs, start_ps, end_ps, args);
      if (opt_.timeline_layers) {
        for (const auto& l : layers) {
          timeline_->complete(fmt::format("L{} {}", l.layer_index, accel::to_string(l.mapping)), "layer", kPidAccel,
                              kTidLayers, l.start_ps, l.end_ps,
                              {{"descriptor", l.index}, {"layer_index", l.layer_index},
                               {"mapping", accel::to_string(l.mapping)}, {"dram_weight_B", l.dram_weight_B},
                               {"pb_weight_B", l.pb_weight_B}, {"dram_input_B", l.dram_input_B},
                               {"dram_output_B", l.dram_output_B}, {"dram_psum_rd_B", l.dram_psum_rd_B},
                               {"compute_cycles", l.compute_cycles}, {"stall_cycles", l.stall_cycles},
                               {"macs_useful", l.macs_useful}, {"utilisation", l.utilisation}});
          // DMA bursts aggregated per layer: a counter track stepping at each layer start.
          timeline_->counter("layer DMA bytes", kPidAccel, l.start_ps,
                             {{"weights_B", double(l.dram_weight_B)},
                              {"input_B", double(l.dram_input_B)},
                              {"output_B", double(l.dram_output_B)},
                              {"pb_B", double(l.pb_weight_B)}});
        }
        timeline_->counter("layer DMA bytes", kPidAccel, end_ps,
                           {{"weights_B", 0.0}, {"input_B", 0.0}, {"output_B", 0.0}, {"pb_B", 0.0}});
      }
    }
  }
}

void Tracer::flush_cpu_state() {
  if (cpu_pending_ && timeline_) {
    timeline_->complete(to_string(cpu_state_), "firmware", kPidCpu, kTidFirmware, cpu_start_ps_, cpu_end_ps_);
  }
  cpu_pending_ = false;
}

void Tracer::on_cpu_state(CpuState state, std::uint64_t start_ps, std::uint64_t end_ps) {
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
    timeline_->counter("power_mW", kPidPower, w.start_ps, p);
    timeline_->counter("dram_bandwidth_GBps", kPidPower, w.start_ps,
                       {{"read", double(w.bytes.dram_read_B) / dt_ps * 1e3},
                        {"write", double(w.bytes.dram_write_B) / dt_ps * 1e3}});
    timeline_->counter("dram_refresh_count", kPidPower, w.start_ps, {{"refreshes", double(w.bytes.dram_refresh_count)}});
    timeline_->counter("pb_bytes", kPidPower, w.start_ps,
                       {{"pb_read_B", double(w.bytes.pb_read_B)}, {"pb_load_B", double(w.bytes.pb_load_B)}});
  }
  if (vcd_ && w.end_ps > w.start_ps) {
    for (std::size_t c = 0; c < comps.size(); ++c) vcd_power_mw_[c] = w.power_mw(w.energy_pj[c]);
    vcd_total_mw_ = w.power_mw(w.total_pj);
    vcd_dram_GBps_ = double(w.bytes.dram_read_B + w.bytes.dram_write_B) / dt_ps * 1e3;
  }
}

void Tracer::finish(std::uint64_t end_ps, const std::vector<TraceQuery>& queries) {
  if (finished_) return;
  finished_ = true;
  if (sampler_) sampler_->finish(end_ps);
  if (tx_) tx_->close();
  if (power_csv_.is_open()) {
    power_csv_.close();
    if (!power_csv_) throw std::runtime_error("error while writing '" + power_tmp_.string() + "'");
    std::filesystem::rename(power_tmp_, opt_.dir / "power.csv");
  }
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
    sc_core::sc_close_vcd_trace_file(vcd_);
    vcd_ = nullptr;
    scrub_vcd_date(opt_.dir / "signals.vcd");
  }
}

}  // namespace sushi::traces
