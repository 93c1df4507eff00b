// `sushi-vp sweep`: option parsing only; the work is in platform/sweep/.
#include "cli/cmd_sweep.h"

#include <unistd.h>

#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "sweep/sweep_command.h"

namespace sushi::cli {

void add_sweep_command(CLI::App& app, std::function<int()>& action) {
  auto opt = std::make_shared<sweep::SweepCommandOptions>();
  auto out_dir = std::make_shared<std::string>();
  auto point = std::make_shared<long long>(-1);
  auto* cmd = app.add_subcommand(
      "sweep", "Run the points of a sweep file (locally in parallel, or as a Slurm job array)");
  cmd->add_option("file", opt->file, "Sweep file (YAML, docs/sweeps.md)")->required();
  cmd->add_option("--out", *out_dir, "Sweep directory (default: out/sweeps/<sweep name>)");
  cmd->add_option("-j,--jobs", opt->jobs, "Points run at once (default: one per CPU)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--timeout", opt->timeout, "Per-point time limit, overrides the file's (e.g. 10 min, none)");
  cmd->add_option("--backend", opt->backend, "local or slurm")->check(CLI::IsMember({"local", "slurm"}));
  cmd->add_option("--partition", opt->slurm.partition, "Slurm: partition");
  cmd->add_option("--time", opt->slurm.time, "Slurm: time limit per task (Slurm syntax or e.g. 30 min)");
  cmd->add_option("--mem", opt->slurm.mem, "Slurm: memory per task (e.g. 2G)");
  cmd->add_option("--cpus", opt->slurm.cpus, "Slurm: CPUs per task")->check(CLI::PositiveNumber);
  cmd->add_option("--max-running", opt->slurm.max_running, "Slurm: at most this many tasks at once")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--point", *point, "Run only this point index (what each Slurm array task does)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--collect", opt->collect, "Rebuild results.csv from the point directories");
  cmd->add_flag("--list", opt->list, "Validate the sweep and print its points; run nothing");
  cmd->add_flag("!--no-check", opt->precheck,
                "Skip elaborating every point with `sushi-vp check` before running (config checks stay)");
  cmd->add_option("--exe", opt->executable, "sushi-vp binary that runs the points (default: this one)");
  cmd->add_flag("-q,--quiet", opt->quiet, "No progress and no summary line");
  cmd->callback([opt, out_dir, point, &action] {
    action = [opt, out_dir, point] {
      opt->out_dir = *out_dir;
      if (*point >= 0) opt->point = *point;
      // A bar that redraws in place on a terminal; one line per finished point in logs.
      opt->progress = ::isatty(STDERR_FILENO) ? sweep::Progress::bar : sweep::Progress::lines;
      return sweep::run_sweep_command(*opt, std::cout, std::cerr);
    };
  });
}

}  // namespace sushi::cli
