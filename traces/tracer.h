// The optional traces of one run (docs/traces.md): observes the DRAM controllers, the
// accelerator and the CPU through their trace hooks (models/common/trace_hooks.h) and streams
//   transactions.csv.gz  one row per off-chip transaction (TransactionWriter)
//   timeline.json        Chrome / Perfetto trace events (TraceEventWriter)
//   signals.vcd          accelerator busy, interrupt lines, power per component (VcdWriter),
//   signals.gtkw         with a GTKWave save file that shows them all
//   power.csv            energy, power and bytes per component per window (PowerSampler)
//   mmio.csv             every bus access of a CPU, registers named (MmioWriter); with the
//                        timeline, also as instant events on the CPU's "register accesses" track
// Construct it after elaboration of the models and before sc_start; call finish() after the
// run's energy has been settled. Every file is written with checked writes (io::OutputError).
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "common/energy_ledger.h"
#include "util/params.h"
#include "common/trace_hooks.h"
#include "traces/mmio_writer.h"
#include "traces/power_sampler.h"
#include "traces/trace_event_writer.h"
#include "traces/transaction_writer.h"
#include "traces/vcd_writer.h"

namespace sushi::traces {

// The trace.* keys, declared once in describe() (models/common/params.h): the schema (and so
// docs/config-reference.md), the config mapping (platform/run/run_traces.cpp) and the defaults
// come from it. All off by default, so an untraced run writes exactly the files it always did.
struct TraceOptions {
  TraceOptions() { params::apply_defaults(*this); }

  std::filesystem::path dir;  // the run directory
  bool transactions;
  TransactionFilter transaction_filter;
  bool timeline;
  bool timeline_cpu;
  bool timeline_layers;
  bool vcd;
  bool power;
  std::uint64_t power_window_ps;
  bool mmio;
  std::vector<MmioRegion> mmio_map;  // the SoC's targets, to decode the accesses

  bool any() const { return transactions || timeline || vcd || power || mmio; }
  bool sampling() const { return timeline || vcd || power; }  // the power sampler runs

  template <class V, class P>
  static void describe(V& v, P& p) {
    using params::Kind;
    v.section("trace",
              "Optional trace files in the run directory (docs/traces.md): transactions.csv.gz, "
              "timeline.json (Perfetto), signals.vcd (GTKWave), power.csv, mmio.csv. Off by default.");
    v.boolean("trace.transactions", p.transactions, false,
              "Write transactions.csv.gz: one row per off-chip (DRAM) transaction");
    v.integer("trace.transactions_every", p.transaction_filter.every, 1, 1, 1000000000,
              "Sampling: keep one transaction in N (1 = every transaction), counted inside the time window");
    v.quantity("trace.transactions_from", Kind::time, p.transaction_filter.from_ps, "0 s", "0 s", "100000 s",
               "Window: keep transactions arriving at or after this simulated time");
    v.quantity("trace.transactions_until", Kind::time, p.transaction_filter.until_ps, "100000 s", "0 s", "100000 s",
               "Window: keep transactions arriving before this simulated time");
    v.boolean("trace.timeline", p.timeline, false,
              "Write timeline.json: Chrome/Perfetto trace events (firmware states, queries, accelerator "
              "jobs and layers, PB loads, power and DRAM counters); opens in ui.perfetto.dev");
    v.boolean("trace.timeline_cpu", p.timeline_cpu, true,
              "Timeline: include the firmware states of the CPU (one event per state change)");
    v.boolean("trace.timeline_layers", p.timeline_layers, true,
              "Timeline: include one event per accelerator layer with its DMA bytes");
    v.boolean("trace.vcd", p.vcd, false,
              "Write signals.vcd (sc_trace): accelerator busy, interrupt lines, power per component; opens in GTKWave");
    v.boolean("trace.power", p.power, false, "Write power.csv: energy, power and bytes per component in fixed windows");
    v.quantity("trace.power_window", Kind::time, p.power_window_ps, "1 ms", "1 ns", "1 s",
               "Window of power.csv and of the power counters in timeline.json and signals.vcd");
    v.boolean("trace.mmio", p.mmio, false,
              "Write mmio.csv, the register-access trace: every bus access of the CPU (host or rv32) with "
              "the device and register name; with trace.timeline, also instant events on the CPU's "
              "\"register accesses\" track");
  }
};

// One served query, for the timeline.
struct TraceQuery {
  std::uint64_t id = 0, arrival_ps = 0, start_ps = 0, end_ps = 0, slo_ps = 0;
  std::string status;  // ok, dropped, accel_error, not_served
  std::int64_t subnet = -1;
  double accuracy_pct = 0.0;
  bool met = false;
};

class Tracer : public DramObserver, public CpuObserver, public BusAccessObserver {
 public:
  Tracer(const TraceOptions& options, EnergyLedger& ledger, PowerSampler::BytesFn bytes);
  ~Tracer() override;

  const TraceOptions& options() const { return opt_; }
  // With trace.vcd: declares an interrupt line (before sc_start) and returns its index for
  // on_irq(); -1 without the VCD.
  int add_irq_line(const std::string& name);
  void on_irq(int line, bool level, std::uint64_t t_ps);

  // The observer of accelerator `name` (its module's basename), to give to that accelerator:
  // each accelerator has its own VCD signals `<name>_busy` and `<name>_pb_loading` and its own
  // timeline process ("accelerator" for `accel`, the one the firmware drives; "accelerator <name>"
  // for each accels.<name>). `accel`'s signals exist even without an accelerator, as before
  // several accelerators could be traced. Call before sc_start; the tracer owns the observer.
  AccelObserver* accel_track(const std::string& name);

  void on_dram_transaction(const DramTransactionRecord& r) override;
  void on_cpu_state(CpuState state, std::uint64_t start_ps, std::uint64_t end_ps) override;
  // (Does not advance the power windows: a register trace changes no other trace file.)
  void on_bus_access(const BusAccessRecord& r) override;

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
  std::uint64_t mmio_rows() const { return mmio_ ? mmio_->rows() : 0; }

 private:
  // A failed write inside a hook (a simulation process) must not escape into the kernel: the
  // first one is kept, writing stops, the simulation is stopped, and finish() throws it.
  template <class F>
  void guarded(F&& f);
  void on_window(const PowerWindow& w);
  void flush_cpu_state();

  // One accelerator's VCD signals and timeline process, forwarding its events to the tracer.
  struct AccelTrack final : AccelObserver {
    Tracer* tracer = nullptr;
    std::string name;
    int vcd_busy = -1, vcd_pb_loading = -1, pid = 0;
    void on_accel_start(bool pb_load, std::uint64_t start_ps) override;
    void on_accel_end(bool pb_load, bool ok, std::uint64_t start_ps, std::uint64_t end_ps,
                      const std::vector<accel::LayerRecord>& layers, std::uint64_t pb_load_bytes) override;
  };
  void accel_start(const AccelTrack& a, bool pb_load, std::uint64_t start_ps);
  void accel_end(const AccelTrack& a, bool pb_load, bool ok, std::uint64_t start_ps, std::uint64_t end_ps,
                 const std::vector<accel::LayerRecord>& layers, std::uint64_t pb_load_bytes);

  TraceOptions opt_;
  std::unique_ptr<TransactionWriter> tx_;
  std::unique_ptr<TraceEventWriter> timeline_;
  std::unique_ptr<MmioWriter> mmio_;
  std::unique_ptr<PowerSampler> sampler_;
  io::OutputFile power_csv_;
  std::unique_ptr<VcdWriter> vcd_;
  // VCD variables.
  int vcd_accel_busy_ = -1, vcd_pb_loading_ = -1, vcd_total_mw_ = -1, vcd_dram_GBps_ = -1;
  std::vector<int> vcd_power_mw_;
  std::vector<std::pair<int, int>> vcd_irq_;  // (line, count) per interrupt line
  std::vector<std::unique_ptr<AccelTrack>> accel_tracks_;
  bool finished_ = false;
  std::exception_ptr write_error_;
  // Pending firmware state (merged with the next one if it continues it).
  bool cpu_pending_ = false;
  CpuState cpu_state_ = CpuState::wfi;
  std::uint64_t cpu_start_ps_ = 0, cpu_end_ps_ = 0;
};

}  // namespace sushi::traces
