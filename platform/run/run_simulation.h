// One simulation run, as `sushi-vp run` and `sushi-vp check` perform it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sushi {

struct RunOptions {
  std::string config_file;
  std::vector<std::string> overrides;  // "a.b.c=value"
  std::filesystem::path out_dir;       // empty: out/<config file stem>
  bool check_only = false;             // validate and elaborate, do not simulate
  bool quiet = false;
  bool progress = false;               // progress on stderr even when it is not a terminal
};

// Returns the process exit status: 0 success, 2 bad input (message on stderr), 1 internal
// failure. Must be called from sc_main (one elaboration per process).
int run_simulation(const RunOptions& options);

}  // namespace sushi
