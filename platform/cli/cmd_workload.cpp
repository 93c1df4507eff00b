// `sushi-vp workload CONFIG [--set k=v] [--csv OUT]`: the query stream of a config, without
// simulating: summary statistics on stdout, or the stream as a trace CSV (which `workload.arrival:
// trace` replays exactly). docs/workload.md.
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "config/platform_schema.h"
#include "config/workload_config.h"
#include "io/output_file.h"
#include "workload/summary.h"
#include "workload/trace_csv.h"

namespace sushi::cli {

namespace {

struct WorkloadOptions {
  std::string config_file;
  std::vector<std::string> overrides;
  std::string csv_out;
};

int run_workload(const WorkloadOptions& opt) {
  config::Schema schema = config::build_platform_schema();
  const auto cfg = config::Config::load(opt.config_file, opt.overrides, schema);
  const auto params = config::workload_params_from_config(cfg);
  const auto queries = config::workload_from_config(cfg);
  if (!opt.csv_out.empty()) {
    std::ostringstream out;
    out << "# sushi-vp workload " << opt.config_file;
    for (const auto& o : opt.overrides) out << " --set " << o;
    out << " (sim.seed " << params.seed << ")\n";
    workload::write_trace_csv(out, queries);
    io::write_file_atomic(opt.csv_out, out.str());  // io::OutputError (exit 1) if any write fails
    return 0;
  }
  std::cout << workload::format_summary(workload::summarize(queries, params), params);
  return 0;
}

}  // namespace

void add_workload_command(CLI::App& app, std::function<int()>& action) {
  auto opt = std::make_shared<WorkloadOptions>();
  auto* cmd = app.add_subcommand("workload", "Generate the query stream of a config: summary statistics or a trace CSV");
  cmd->add_option("config", opt->config_file, "Platform or workload config (YAML)")->required();
  cmd->add_option("--set", opt->overrides, "Override a key: --set workload.rate_qps=500 (repeatable)")
      ->type_name("KEY=VALUE");
  cmd->add_option("--csv", opt->csv_out, "Write the stream as a trace CSV (arrival_us,slo_ms,min_accuracy_pct)");
  cmd->callback([opt, &action] { action = [opt] { return run_workload(*opt); }; });
}

}  // namespace sushi::cli
