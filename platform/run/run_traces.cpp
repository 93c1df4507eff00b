// sc_spawn (the interrupt-line monitors) needs the dynamic-process API.
#define SC_INCLUDE_DYNAMIC_PROCESSES

#include "run/run_traces.h"

#include <algorithm>
#include <functional>

#include "accel/accelerator.h"
#include "config/params_visitors.h"
#include "cpu/host_cpu.h"
#include "cpu/rv32/rv32_cpu.h"
#include "dram/dram_controller.h"

namespace sushi {
namespace {

void walk(const std::vector<sc_core::sc_object*>& objs, const std::function<void(sc_core::sc_object*)>& f) {
  for (sc_core::sc_object* o : objs) {
    f(o);
    walk(o->get_child_objects(), f);
  }
}

}  // namespace

traces::TraceOptions trace_options_from_config(const config::Config& cfg, const std::filesystem::path& dir) {
  traces::TraceOptions o;
  config::read_keys(cfg, o);  // the keys declared in TraceOptions::describe
  o.dir = dir;
  return o;
}

std::unique_ptr<RunTraces> RunTraces::attach(const config::Config& cfg, const std::filesystem::path& dir,
                                             EnergyLedger& ledger, Soc& soc) {
  traces::TraceOptions opt = trace_options_from_config(cfg, dir);
  if (!opt.any()) return nullptr;
  for (const auto& [name, r] : soc.regions()) opt.mmio_map.push_back({name, r.base, r.size});
  const traces::TransactionFilter& window = opt.transaction_filter;
  if (window.until_ps <= window.from_ps) {
    cfg.fail(config::key_of(opt, window.until_ps), "must be later than " + config::key_of(opt, window.from_ps));
  }
  std::unique_ptr<RunTraces> rt(new RunTraces());
  std::vector<dram::DramController*> drams;
  std::vector<accel::Accelerator*> accels;
  std::vector<HostCpu*> cpus;
  std::vector<Rv32Cpu*> rv32s;
  walk(sc_core::sc_get_top_level_objects(), [&](sc_core::sc_object* o) {
    if (auto* d = dynamic_cast<dram::DramController*>(o)) drams.push_back(d);
    if (auto* a = dynamic_cast<accel::Accelerator*>(o)) accels.push_back(a);
    if (auto* c = dynamic_cast<HostCpu*>(o)) cpus.push_back(c);
    if (auto* c = dynamic_cast<Rv32Cpu*>(o)) rv32s.push_back(c);
  });
  auto bytes = [drams, accels]() {
    traces::ByteCounters b;
    for (const auto* d : drams) {
      b.dram_read_B += d->bytes_read();
      b.dram_write_B += d->bytes_written();
      for (std::size_t i = 0; i < d->channel_count(); ++i) b.dram_refresh_count += d->channel(i).counters().ref;
    }
    for (const auto* a : accels) {
      const accel::AccelSnapshot s = a->snapshot();
      b.pb_read_B += s.pb_rd_B;
      b.pb_load_B += s.pb_load_B;
    }
    return b;
  };
  rt->tracer_ = std::make_unique<traces::Tracer>(opt, ledger, bytes);
  traces::Tracer* t = rt->tracer_.get();
  for (auto* d : drams) d->set_trace_observer(t);
  for (auto* a : accels) a->set_trace_observer(t->accel_track(a->basename()));
  for (auto* c : cpus) c->set_trace_observer(t);
  if (opt.mmio) {  // the register-access trace: every CPU's bus accesses
    for (auto* c : cpus) c->set_bus_observer(t);
    for (auto* c : rv32s) c->set_bus_observer(t);
  }
  rt->observed_.insert(rt->observed_.end(), drams.begin(), drams.end());
  rt->observed_.insert(rt->observed_.end(), accels.begin(), accels.end());
  rt->observed_.insert(rt->observed_.end(), cpus.begin(), cpus.end());
  rt->observed_.insert(rt->observed_.end(), rv32s.begin(), rv32s.end());
  if (opt.vcd) {
    // The interrupt lines of the serving part (soc/serving.h), where present: a method per line
    // reports each change, so that a pulse raised and cleared at one simulated time is drawn too.
    // Found first, spawned after: a spawned process joins the object tree being walked.
    // Each accelerator's line is <name>_irq (soc/soc_assembly.h); `accel`'s comes first.
    std::vector<std::string> names{"port_irq", "accel_irq"};
    for (const auto* a : accels) {
      if (std::string(a->basename()) != "accel") names.push_back(std::string(a->basename()) + "_irq");
    }
    names.emplace_back("cpu_irq");
    std::vector<std::pair<std::string, sc_core::sc_signal<bool>*>> lines;
    for (const std::string& name : names) {
      walk(sc_core::sc_get_top_level_objects(), [&](sc_core::sc_object* o) {
        if (o->basename() != name) return;
        if (auto* s = dynamic_cast<sc_core::sc_signal<bool>*>(o)) lines.emplace_back(name, s);
      });
    }
    for (const auto& [name, signal] : lines) {
      const int line = t->add_irq_line(name);
      sc_core::sc_spawn_options so;
      so.spawn_method();
      so.dont_initialize();
      so.set_sensitivity(&signal->value_changed_event());
      sc_core::sc_signal<bool>* s = signal;
      sc_core::sc_spawn([t, s, line] { t->on_irq(line, s->read(), sc_core::sc_time_stamp().value()); },
                        ("trace_" + name).c_str(), &so);
    }
  }
  return rt;
}

TimeStops RunTraces::stops() {
  // Power windows (power.csv, timeline counters, VCD power signals) close at their boundaries,
  // where the kernel stops; nothing to stop for when no power sampling is on.
  traces::Tracer* t = tracer_.get();
  TimeStops s;
  s.next_ps = [t] { return t->next_sample_ps(); };
  s.at = [t](std::uint64_t b) { t->sample(b); };
  return s;
}

void RunTraces::detach() {
  for (sc_core::sc_object* o : observed_) {
    if (auto* d = dynamic_cast<dram::DramController*>(o)) d->set_trace_observer(nullptr);
    if (auto* a = dynamic_cast<accel::Accelerator*>(o)) a->set_trace_observer(nullptr);
    if (auto* c = dynamic_cast<HostCpu*>(o)) {
      c->set_trace_observer(nullptr);
      c->set_bus_observer(nullptr);
    }
    if (auto* c = dynamic_cast<Rv32Cpu*>(o)) c->set_bus_observer(nullptr);
  }
  observed_.clear();
}

RunTraces::~RunTraces() { detach(); }

void RunTraces::finish(Soc& soc, std::uint64_t end_ps) {
  std::vector<traces::TraceQuery> queries;
  if (Serving* s = soc.serving(); s && s->has_cpu()) {
    for (const QueryRow& r : s->query_log().rows()) {
      traces::TraceQuery q;
      q.id = r.id;
      q.arrival_ps = r.arrival_ps;
      q.start_ps = r.start_ps;
      q.end_ps = r.end_ps;
      q.slo_ps = r.slo_ps;
      q.status = to_string(r.status);
      q.subnet = r.subnet;
      q.accuracy_pct = r.accuracy_pct;
      q.met = r.met();
      queries.push_back(std::move(q));
    }
  }
  tracer_->finish(end_ps, queries);
  detach();
}

}  // namespace sushi
