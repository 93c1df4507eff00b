#include "run_simulation.h"

#include <chrono>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <systemc>
#include <tlm>

#include "common/stats.h"
#include "config/config.h"
#include "config/energy_params.h"
#include "config/params_visitors.h"
#include "config/sim_params.h"
#include "config/platform_schema.h"
#include "run/energy_reports.h"
#include "run/provenance.h"
#include "run/run_directory.h"
#include "run/run_progress.h"
#include "run/run_traces.h"
#include "soc/soc.h"

namespace sushi {
namespace {

std::filesystem::path default_out_dir(const std::string& config_file) {
  return std::filesystem::path("out") / std::filesystem::path(config_file).stem();
}

}  // namespace

int run_simulation(const RunOptions& opt) {
  using namespace sc_core;
  const auto wall_start = std::chrono::steady_clock::now();

  // 1. Everything that can be wrong with the input is found before simulation starts.
  const config::Schema schema = config::build_platform_schema();
  const config::Config cfg = config::Config::load(opt.config_file, opt.overrides, schema);
  config::SimParams sim;  // sim.*: seed, quantum, time limit
  config::read_keys(cfg, sim);
  const EnergyTable table = config::energy_table_from_config(cfg);  // energy.tables

  EnergyLedger ledger;
  tlm::tlm_global_quantum::instance().set(sc_time::from_value(static_cast<sc_dt::uint64>(sim.quantum_ps)));
  Soc soc("soc", cfg, table, ledger);
  if (opt.check_only) {
    if (!opt.quiet) std::cout << "ok: " << opt.config_file << " is valid\n";
    return 0;
  }

  // 2. The run directory: every file goes to a temporary sibling, put in place of the previous
  //    run's directory only when all are written (run/run_directory.h).
  RunDirectory dir(opt.out_dir.empty() ? default_out_dir(opt.config_file) : opt.out_dir);
  std::ostringstream resolved;
  cfg.write_resolved_yaml(resolved);
  dir.write("config.resolved.yaml", resolved.str());
  // Optional traces (trace.*, docs/traces.md): null when all are off.
  std::unique_ptr<RunTraces> traces = RunTraces::attach(cfg, dir.path(), ledger, soc);
  // cpu.rv32.gdb.*: the GDB stub listens (and waits for the debugger if asked).
  if (Serving* s = soc.serving()) s->start_debugger(cfg);

  // 3. Simulate until every initiator is done (no activity is left) or the time limit.
  const sc_time stop = sc_time::from_value(static_cast<sc_dt::uint64>(sim.stop_time_ps));
  Serving* serving = soc.serving();
  ProgressSource progress;
  if (serving && serving->has_cpu()) {
    progress.queries_total = serving->query_log().rows().size();
    progress.queries_done = [serving] { return serving->queries_completed(); };
  }
  if (opt.progress) progress.show_after_s = 0.0;  // asked for: from the start
  // With power traces, the kernel also stops at each power window's boundary to sample it.
  const TimeStops window_stops = traces ? traces->stops() : TimeStops{};
  simulate_until(stop, progress_wanted(opt.quiet, opt.progress), progress,
                 traces && traces->tracer().options().sampling() ? &window_stops : nullptr);
  soc.finish();
  const bool finished = soc.all_done();
  const double sim_ps = static_cast<double>(sc_time_stamp().value());
  if (traces) traces->finish(soc, static_cast<std::uint64_t>(sim_ps));

  // 4. Outputs. Everything but perf.json and summary.json's provenance block is a pure function
  //    of config.resolved.yaml (the effective config and seed).
  Json summary;
  summary["provenance"] = provenance_json(opt.config_file, resolved.str());
  summary["run"] = {{"seed", sim.seed},
                    {"simulated_time_ps", sim_ps},
                    {"end_reason", finished ? "all initiators finished" : "sim.stop_time reached"}};
  summary["energy"] = energy_summary(ledger);
  const FirmwareFault* fault = serving ? serving->fault() : nullptr;
  if (serving && serving->has_cpu()) {
    summary["serving"] = serving->query_log().summary(static_cast<std::uint64_t>(sim_ps));
    summary["serving"]["processors"] = serving->processors_summary(static_cast<std::uint64_t>(sim_ps));
    summary["serving"]["tasks"] = serving->tasks_summary(static_cast<std::uint64_t>(sim_ps));
    summary["serving"]["memory"] = Serving::memory_summary(summary["serving"]["tasks"]);
    summary["cache"] = serving->cache_summary();
    std::ostringstream csv;
    serving->query_log().write_csv(csv);
    dir.write("queries.csv", csv.str());
  }
  if (fault && fault->raised) {
    summary["run"]["end_reason"] = "firmware fault";
    summary["run"]["firmware_fault"] = {{"code", fault->code}, {"message", fault->message}, {"time_ps", fault->time_ps}};
  }
  summary["modules"] = collect_stats();
  dir.write("summary.json", summary.dump(2) + "\n");
  dir.write("actions.yaml", actions_yaml(ledger));
  dir.write("energy_table.yaml", energy_table_yaml(ledger, table.name()));

  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const auto tx = soc.transactions_issued();
  Json perf;
  perf["wall_time_s"] = wall_s;
  perf["simulated_time_s"] = sim_ps * 1e-12;
  perf["simulated_per_wall"] = wall_s > 0 ? sim_ps * 1e-12 / wall_s : 0.0;
  perf["transactions_count"] = tx;
  perf["transactions_per_s"] = wall_s > 0 ? static_cast<double>(tx) / wall_s : 0.0;
  dir.write("perf.json", perf.dump(2) + "\n");
  dir.commit();

  if (fault && fault->raised) {
    std::cerr << fmt::format("error: firmware fault {:#x} at {:.3f} us: {} (outputs in {})\n", fault->code,
                             static_cast<double>(fault->time_ps) * 1e-6, fault->message, dir.final_path().string());
    return 1;
  }
  if (!opt.quiet) {
    std::cout << fmt::format("run finished ({}): simulated {:.3f} us in {:.3f} s wall; outputs in {}\n",
                             finished ? "all initiators finished" : "time limit reached",
                             sim_ps * 1e-6, wall_s, dir.final_path().string());
  }
  return 0;
}

}  // namespace sushi
