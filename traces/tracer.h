// The optional traces of one run (docs/traces.md): observes the DRAM controllers, the
// accelerator and the CPU through their trace hooks (models/common/trace_hooks.h) and streams
//   transactions.csv.gz  one row per off-chip transaction (TransactionWriter)
//   timeline.json        Chrome / Perfetto trace events (TraceEventWriter)
//   signals.vcd          accelerator busy, interrupt lines, power per component (sc_trace)
//   power.csv            energy, power and bytes per component per window (PowerSampler)
// Construct it after elaboration of the models and before sc_start (the VCD file must exist
// before simulation); call finish() after the run's energy has been settled.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "common/energy_ledger.h"
#include "common/trace_hooks.h"
#include "traces/power_sampler.h"
#include "traces/trace_event_writer.h"
#include "traces/transaction_writer.h"

namespace sushi::traces {

struct TraceOptions {
  std::filesystem::path dir;  // the run directory
  bool transactions = false;
  TransactionFilter transaction_filter;
  bool timeline = false;
  bool timeline_cpu = true;
  bool timeline_layers = true;
  bool vcd = false;
  bool power = false;
  std::uint64_t power_window_ps = 1000000000;  // 1 ms

  bool any() const { return transactions || timeline || vcd || power; }
  bool sampling() const { return timeline || vcd || power; }  // the power sampler runs
};

// One served query, for the timeline.
struct TraceQuery {
  std::uint64_t id = 0, arrival_ps = 0, start_ps = 0, end_ps = 0, slo_ps = 0;
  std::string status;  // ok, dropped, accel_error, not_served
  std::int64_t subnet = -1;
  double accuracy_pct = 0.0;
  bool met = false;
};

class Tracer : public DramObserver, public AccelObserver, public CpuObserver {
 public:
  Tracer(const TraceOptions& options, EnergyLedger& ledger, PowerSampler::BytesFn bytes);
  ~Tracer() override;

  const TraceOptions& options() const { return opt_; }
  // Null unless trace.vcd: the caller may add its own signals (interrupt lines) before sc_start.
  sc_core::sc_trace_file* vcd() { return vcd_; }

  void on_dram_transaction(const DramTransactionRecord& r) override;
  void on_accel_start(bool pb_load, std::uint64_t start_ps) override;
  void on_accel_end(bool pb_load, bool ok, std::uint64_t start_ps, std::uint64_t end_ps,
                    const std::vector<accel::LayerRecord>& layers, std::uint64_t pb_load_bytes) override;
  void on_cpu_state(CpuState state, std::uint64_t start_ps, std::uint64_t end_ps) override;

  // Power windows (power.csv, timeline counters, VCD power signals): the run loop stops the
  // kernel at next_sample_ps() and calls sample() there (RunTraces::run). Never when no power
  // sampling is on.
  std::uint64_t next_sample_ps() const { return sampler_ ? sampler_->next_boundary_ps() : ~std::uint64_t(0); }
  void sample(std::uint64_t t_ps) {
    if (sampler_) sampler_->sample(t_ps);
  }

  // After the simulation (end_ps: its end): queries (timeline), the last power window, closing
  // every file.
  void finish(std::uint64_t end_ps, const std::vector<TraceQuery>& queries);

  std::uint64_t transactions_written() const { return tx_ ? tx_->written() : 0; }
  std::uint64_t timeline_events() const { return timeline_ ? timeline_->events() : 0; }

 private:
  void on_window(const PowerWindow& w);
  void flush_cpu_state();

  TraceOptions opt_;
  std::unique_ptr<TransactionWriter> tx_;
  std::unique_ptr<TraceEventWriter> timeline_;
  std::unique_ptr<PowerSampler> sampler_;
  std::ofstream power_csv_;
  std::filesystem::path power_tmp_;
  sc_core::sc_trace_file* vcd_ = nullptr;
  // VCD variables (sc_trace keeps references: sizes are fixed at construction).
  bool vcd_accel_busy_ = false, vcd_pb_loading_ = false;
  std::vector<double> vcd_power_mw_;
  double vcd_total_mw_ = 0.0, vcd_dram_GBps_ = 0.0;
  bool finished_ = false;
  // Pending firmware state (merged with the next one if it continues it).
  bool cpu_pending_ = false;
  CpuState cpu_state_ = CpuState::wfi;
  std::uint64_t cpu_start_ps_ = 0, cpu_end_ps_ = 0;
};

}  // namespace sushi::traces
