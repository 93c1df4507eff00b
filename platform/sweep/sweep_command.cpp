#include "sweep_command.h"

#include <unistd.h>

#include <algorithm>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "config/platform_schema.h"
#include "sweep/point_check.h"
#include "sweep/results.h"
#include "sweep/sweep_file.h"

namespace sushi::sweep {
namespace fs = std::filesystem;

namespace {

constexpr int kAllOk = 0;
constexpr int kInternal = 1;
constexpr int kBadInput = 2;
constexpr int kSomeNotOk = 3;
constexpr int kInterrupted = 130;

void print_points(const Sweep& sw, std::ostream& out) {
  out << fmt::format("{} points (base {}):\n", sw.points.size(), sw.base);
  for (const auto& p : sw.points) {
    out << "  " << p.id;
    for (std::size_t k = 0; k < sw.parameters.size(); ++k) {
      out << "  " << sw.parameters[k].key << "=" << sw.parameters[k].labels[p.choice[k]];
    }
    out << "\n";
  }
}

int collect(const Sweep& sw, const fs::path& out_dir, std::ostream& out) {
  std::vector<ResultRow> rows;
  std::map<std::string, std::size_t> counts;
  for (const auto& p : sw.points) {
    rows.push_back(read_row(sw, p, out_dir, /*sweep_over=*/true));
    ++counts[rows.back().record.status];
  }
  write_atomic(out_dir, "results.csv", results_csv(sw, rows));
  write_atomic(out_dir, "timings.csv", timings_csv(sw, rows));
  std::string tally;
  for (const auto& [status, n] : counts) tally += fmt::format("{}{} {}", tally.empty() ? "" : ", ", n, status);
  out << fmt::format("sweep: collected {} points ({}) into {}\n", sw.points.size(), tally,
                     (out_dir / "results.csv").string());
  return counts["ok"] == sw.points.size() ? kAllOk : kSomeNotOk;
}

}  // namespace

int run_sweep_command(const SweepCommandOptions& opt, std::ostream& out, std::ostream& err) {
  const config::Schema schema = config::build_platform_schema();
  Sweep sw = load_sweep(opt.file, schema);
  if (!opt.timeout.empty()) {
    try {
      sw.timeout_s = parse_duration_s(opt.timeout);
    } catch (const std::invalid_argument& e) {
      err << "error: --timeout: " << e.what() << "\n";
      return kBadInput;
    }
  }
  if (sw.points.empty()) {
    err << "error: " << opt.file << ": the sweep has no points\n";
    return kBadInput;
  }
  const fs::path out_dir =
      opt.out_dir.empty() ? fs::path("out") / "sweeps" / fs::path(opt.file).stem() : opt.out_dir;

  if (opt.collect) return collect(sw, out_dir, out);

  if (opt.point) {
    // One Slurm array task: the sweep was validated when it was submitted.
    if (*opt.point < 0 || static_cast<std::size_t>(*opt.point) >= sw.points.size()) {
      err << fmt::format("error: --point {} is outside 0..{}\n", *opt.point, sw.points.size() - 1);
      return kBadInput;
    }
    LocalOptions lo;
    lo.out_dir = out_dir;
    lo.executable = opt.executable;
    lo.jobs = 1;
    lo.only = {static_cast<std::size_t>(*opt.point)};
    lo.write_results = false;
    const LocalReport rep = run_local(sw, lo, err);
    const auto rec = read_row(sw, sw.points[lo.only[0]], out_dir, true).record;
    if (!opt.quiet) {
      out << fmt::format("sweep: point {} {}{}{}\n", sw.points[lo.only[0]].id,
                         rep.skipped ? "already done" : rec.status, rec.detail.empty() ? "" : ": ", rec.detail);
    }
    if (rep.interrupted) return kInterrupted;
    return rec.status == "ok" ? kAllOk : kSomeNotOk;
  }

  // Every point is checked before anything runs (throws ConfigError -> exit 2): its config
  // in-process, then its elaboration in `sushi-vp check` children.
  validate_sweep(sw, schema);
  const int jobs = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (opt.precheck) {
    check_points(sw, opt.executable, jobs,
                 fs::temp_directory_path() / fmt::format("sushi-sweep-check-{}", ::getpid()));
  }

  if (opt.list) {
    print_points(sw, out);
    return kAllOk;
  }

  if (opt.backend == "slurm") {
    SlurmOptions so = opt.slurm;
    so.out_dir = out_dir;
    so.sweep_file = opt.file;
    so.executable = opt.executable;
    so.timeout_s = opt.timeout.empty() ? std::nullopt : sw.timeout_s;
    try {
      (void)slurm_time(so.time.empty() ? "1" : so.time);
    } catch (const std::invalid_argument& e) {
      err << "error: " << e.what() << "\n";
      return kBadInput;
    }
    try {
      submit_slurm(sw, so, out);
    } catch (const std::runtime_error& e) {
      // The cluster refused or is unreachable: not an input error, and the script is written.
      const fs::path script = fs::absolute(out_dir / "sweep.sbatch").lexically_normal();
      err << "error: " << e.what() << "\n"
          << "sweep: " << script.string() << " is written; submit it when the cluster is reachable with:\n"
          << "  sbatch " << script.string() << "\n";
      return kInternal;
    }
    return kAllOk;
  }
  if (opt.backend != "local") {
    err << "error: --backend must be local or slurm, not '" << opt.backend << "'\n";
    return kBadInput;
  }

  LocalOptions lo;
  lo.out_dir = out_dir;
  lo.executable = opt.executable;
  lo.jobs = jobs;
  lo.progress = opt.quiet ? Progress::none : opt.progress;
  const LocalReport rep = run_local(sw, lo, err);
  if (!opt.quiet) {
    out << fmt::format("sweep: {} points in {:.1f} s with -j {}: {} ok, {} not ok, {} skipped (already done); "
                       "results in {}\n",
                       rep.points, rep.wall_s, lo.jobs, rep.ok, rep.not_ok, rep.skipped,
                       (out_dir / "results.csv").string());
  }
  if (rep.interrupted) {
    err << "sweep: interrupted; finished points are kept, run the same command again to resume\n";
    return kInterrupted;
  }
  (void)kInternal;
  return rep.not_ok == 0 ? kAllOk : kSomeNotOk;
}

}  // namespace sushi::sweep
