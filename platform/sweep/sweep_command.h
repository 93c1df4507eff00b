// `sushi-vp sweep`: everything but option parsing, so tests drive it in-process.
//
// Exit status: 0 every point ok; 3 the sweep ran but some point is not ok (failed, timeout,
// bad_input, pending: see results.csv); 2 invalid sweep or options (nothing ran); 1 internal
// failure; 130 interrupted (finished points are kept; re-run to resume).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "sweep/local_runner.h"
#include "sweep/slurm_backend.h"

namespace sushi::sweep {

struct SweepCommandOptions {
  std::string file;
  std::filesystem::path out_dir;    // empty: out/sweeps/<sweep file stem>
  int jobs = 0;                     // 0: one per CPU
  std::string timeout;              // overrides the sweep file's timeout ("" = keep)
  std::string backend = "local";    // local | slurm
  std::optional<long long> point;   // run only this point (a Slurm array task)
  bool collect = false;             // rebuild results.csv from the point directories
  bool list = false;                // validate and print the points, run nothing
  bool precheck = true;             // elaborate every point (`sushi-vp check`) before running
  std::string executable;           // sushi-vp to run points with; empty: this process
  Progress progress = Progress::lines;
  bool quiet = false;
  SlurmOptions slurm;               // partition, time, mem, cpus, max_running
};

// Throws config::ConfigError for an invalid sweep file (the CLI prints it, exit 2).
int run_sweep_command(const SweepCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sushi::sweep
