// Slurm backend: one job-array task per point. The script each task runs is
//   <sushi-vp> sweep <sweep file> --out <DIR> --point $SLURM_ARRAY_TASK_ID
// which runs exactly that point locally (same timeout, status and .done marker as a local
// sweep); `sushi-vp sweep FILE --collect --out DIR` then rebuilds results.csv from the point
// directories. All paths in the script are absolute: tasks may start in another directory.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "sweep/sweep_file.h"

namespace sushi::sweep {

struct SlurmOptions {
  std::filesystem::path out_dir;
  std::string sweep_file;
  std::string executable;        // sushi-vp; empty: this process
  std::string partition;         // --partition (empty: the cluster default)
  std::string time;              // --time: Slurm syntax ("30", "1:00:00") or "30 min", "2 h"
  std::string mem;               // --mem, e.g. "2G"
  int cpus = 1;                  // --cpus-per-task
  int max_running = 0;           // --array=0-N%K: at most K tasks at once (0: no limit)
  std::optional<double> timeout_s;  // per-point timeout passed on to the tasks
  std::string job_name;          // default: sushi-sweep-<sweep file stem>
};

// The sbatch script (pure function of its inputs, so it can be tested without Slurm).
std::string make_sbatch_script(const Sweep& sweep, const SlurmOptions& options);

// Converts a --time option into Slurm's syntax: "90 min" -> "1:30:00"; Slurm syntax passes
// through. Throws std::invalid_argument for anything else.
std::string slurm_time(const std::string& text);

struct SubmitResult {
  std::filesystem::path script;
  bool submitted = false;
  std::string job_id;  // from sbatch --parsable
};

// Writes DIR/sweep.sbatch and DIR/points.csv; submits with `sbatch --parsable` when sbatch is on
// PATH. Throws std::runtime_error when sbatch exists but fails (its message included).
SubmitResult submit_slurm(const Sweep& sweep, const SlurmOptions& options, std::ostream& out);

// Finds an executable on PATH; "" if none.
std::string find_on_path(const std::string& name);

}  // namespace sushi::sweep
