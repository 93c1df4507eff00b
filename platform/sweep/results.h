// What a sweep leaves on disk, and how it is read back.
//
//   DIR/points.csv           point id and parameter values (written before anything runs)
//   DIR/pNNNN/               the run directory of one point (`sushi-vp run ... --out DIR/pNNNN`)
//   DIR/pNNNN/run.log        the run's stdout and stderr
//   DIR/pNNNN/status.json    outcome of the last attempt: status, detail, exit code, wall time
//   DIR/pNNNN/.done          written last, only for a point that finished ok; holds the point's
//                            fingerprint (base + overrides), so a changed sweep re-runs it
//   DIR/results.csv          one row per point: parameters, status, metrics (deterministic)
//   DIR/timings.csv          wall time per point (the only file that varies between runs)
// Every file is replaced atomically (temporary name + rename).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sweep/sweep_file.h"

namespace sushi::sweep {

// Outcome of one point. Status words (results.csv `status` column):
//   ok         exit 0 and a readable summary.json
//   bad_input  exit 2: the run rejected its config (message in `detail`)
//   failed     any other exit status or a signal ("exit 1: ...", "signal SIGSEGV")
//   timeout    killed after the sweep's per-point timeout
//   running    started and not finished (shown as `incomplete` once the sweep is over)
//   pending    never started (or started for different overrides)
struct PointRecord {
  std::string status = "pending";
  std::string detail;
  int exit_code = -1;      // -1 when not exited normally
  std::string signal;      // "SIGSEGV" when killed by a signal
  double wall_s = 0.0;
  std::string fingerprint;
};

struct ResultRow {
  PointRecord record;
  std::vector<std::string> metrics;  // one cell per Sweep::metrics, "" when absent
};

std::filesystem::path point_dir(const std::filesystem::path& out, const Point& p);

// status.json of a point directory; nullopt if absent or unreadable.
std::optional<PointRecord> read_status(const std::filesystem::path& dir);
void write_status(const std::filesystem::path& dir, const PointRecord& r);

// True if the point finished ok for exactly these overrides (valid .done and summary.json).
bool is_done(const Sweep& sw, const Point& p, const std::filesystem::path& dir);
void mark_done(const Sweep& sw, const Point& p, const std::filesystem::path& dir);

// The row of a point as its directory shows it now. `sweep_over` turns `running` into
// `incomplete` (the process that ran it is gone).
ResultRow read_row(const Sweep& sw, const Point& p, const std::filesystem::path& out, bool sweep_over);

// Looks a dotted path up in summary.json. Keys may themselves contain dots; the longest key
// that matches wins at each level. Returns "" when absent.
std::string metric_cell(const std::string& summary_json_text, const std::string& path);

std::string points_csv(const Sweep& sw);
std::string results_csv(const Sweep& sw, const std::vector<ResultRow>& rows);
std::string timings_csv(const Sweep& sw, const std::vector<ResultRow>& rows);

// RFC 4180 quoting when a cell holds a comma, quote or newline.
std::string csv_cell(const std::string& s);

// Atomic replace of DIR/name (temporary + rename).
void write_atomic(const std::filesystem::path& dir, const std::string& name, const std::string& content);

}  // namespace sushi::sweep
