// Runs the points of a sweep on this machine, each in its own process:
//   <executable> run <base> --set k=v ... --out DIR/pNNNN -q      (stdout+stderr -> run.log)
// at most `jobs` at a time. Each child leads its own process group, so a timeout kills the whole
// run (SIGKILL to the group) and records `timeout`; a crash or non-zero exit is recorded in the
// point's row and the other points go on. A point already done for the same overrides (.done
// marker, see results.h) is skipped, so re-running resumes. results.csv and timings.csv are
// rewritten atomically after every finished point. SIGINT/SIGTERM stop the sweep: running
// children are killed, finished points stay finished.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sweep/sweep_file.h"

namespace sushi::sweep {

enum class Progress { none, lines, bar };

struct LocalOptions {
  std::filesystem::path out_dir;
  std::string executable;              // the sushi-vp binary; empty: this process (/proc/self/exe)
  int jobs = 1;
  std::optional<double> timeout_s;     // overrides the sweep file's timeout when set
  std::vector<std::size_t> only;       // run only these point indices (Slurm array tasks); empty: all
  bool write_results = true;           // results.csv/timings.csv (off for Slurm array tasks)
  Progress progress = Progress::none;
};

struct LocalReport {
  std::size_t points = 0;    // points considered
  std::size_t skipped = 0;   // already done
  std::size_t ran = 0;       // started in this call
  std::size_t ok = 0;        // ok after this call (skipped included)
  std::size_t not_ok = 0;    // failed, timeout, bad_input, pending
  bool interrupted = false;
  double wall_s = 0.0;
};

// Path of the running executable (readlink /proc/self/exe).
std::string self_executable();

LocalReport run_local(const Sweep& sweep, const LocalOptions& options, std::ostream& progress_out);

}  // namespace sushi::sweep
