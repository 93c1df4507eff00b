#include "local_runner.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <deque>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "sweep/process.h"
#include "sweep/results.h"
#include "util/child_process.h"

namespace sushi::sweep {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_stop_signal(int) { g_stop = 1; }

// Installs SIGINT/SIGTERM handlers for the life of the sweep and restores the previous ones.
class StopSignals {
 public:
  StopSignals() {
    g_stop = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

std::string format_duration(double s) {
  if (s < 0) s = 0;
  const long long t = static_cast<long long>(s + 0.5);
  if (t >= 3600) return fmt::format("{}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60);
  return fmt::format("{}:{:02}", t / 60, t % 60);
}

struct Child {
  std::size_t point = 0;
  pid_t pid = -1;
  Clock::time_point start;
  bool timed_out = false;
};

class Runner {
 public:
  Runner(const Sweep& sw, const LocalOptions& opt, std::ostream& progress)
      : sw_(sw), opt_(opt), progress_(progress) {
    exe_ = opt.executable.empty() ? self_executable() : opt.executable;
    timeout_ = opt.timeout_s ? opt.timeout_s : sw.timeout_s;
    if (opt.jobs < 1) throw std::invalid_argument("-j must be at least 1");
    env_ = child_environment();
  }

  LocalReport run() {
    const auto t0 = Clock::now();
    LocalReport rep;
    fs::create_directories(opt_.out_dir);
    if (opt_.write_results) write_atomic(opt_.out_dir, "points.csv", points_csv(sw_));

    rows_.resize(sw_.points.size());
    for (std::size_t i = 0; i < sw_.points.size(); ++i) rows_[i] = read_row(sw_, sw_.points[i], opt_.out_dir, true);

    std::vector<std::size_t> selected = opt_.only;
    if (selected.empty()) {
      for (std::size_t i = 0; i < sw_.points.size(); ++i) selected.push_back(i);
    }
    rep.points = selected.size();
    std::deque<std::size_t> queue;
    for (std::size_t i : selected) {
      if (is_done(sw_, sw_.points[i], point_dir(opt_.out_dir, sw_.points[i]))) {
        ++rep.skipped;
      } else {
        queue.push_back(i);
      }
    }
    total_ = selected.size();
    done_ = rep.skipped;
    to_run_ = queue.size();
    if (opt_.write_results) write_tables();

    StopSignals signals;
    GroupReaper reaper(static_cast<std::size_t>(opt_.jobs));
    reaper_ = &reaper;
    std::vector<Child> running;
    while ((!queue.empty() || !running.empty())) {
      if (g_stop) {
        stop_all(running);
        rep.interrupted = true;
        break;
      }
      while (!queue.empty() && static_cast<int>(running.size()) < opt_.jobs) {
        running.push_back(spawn(queue.front()));
        queue.pop_front();
        ++rep.ran;
      }
      bool any = false;
      for (auto it = running.begin(); it != running.end();) {
        if (const auto st = util::poll_exit(it->pid)) {
          finish(*it, *st);
          it = running.erase(it);
          any = true;
          continue;
        }
        if (timeout_ && !it->timed_out &&
            std::chrono::duration<double>(Clock::now() - it->start).count() > *timeout_) {
          it->timed_out = true;
          util::kill_group(it->pid);
        }
        ++it;
      }
      if (!any) {
        draw_bar(false);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    if (opt_.progress == Progress::bar) {
      draw_bar(true);
      progress_ << "\n";
    }
    for (std::size_t i : selected) {
      const std::string& s = rows_[i].record.status;
      if (s == "ok") {
        ++rep.ok;
      } else {
        ++rep.not_ok;
      }
    }
    rep.wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
    reaper_ = nullptr;
    return rep;
  }

 private:
  Child spawn(std::size_t index) {
    const Point& p = sw_.points[index];
    const fs::path dir = point_dir(opt_.out_dir, p);
    fs::create_directories(dir);
    std::error_code ec;
    fs::remove(dir / ".done", ec);
    PointRecord rec;
    rec.status = "running";
    rec.fingerprint = sw_.fingerprint(p);
    write_status(dir, rec);

    std::vector<std::string> args = {exe_, "run", sw_.base};
    for (const auto& o : p.overrides) {
      args.push_back("--set");
      args.push_back(o);
    }
    args.insert(args.end(), {"--out", dir.string(), "-q"});
    Child c;
    c.point = index;
    c.start = Clock::now();
    // The log goes beside the point directory while the run replaces that directory as a
    // whole (run/run_directory.h), and into it once the run has ended.
    c.pid = util::spawn_process(args, env_, pending_log(index));
    reaper_->add(c.pid);
    return c;
  }

  fs::path pending_log(std::size_t index) const { return opt_.out_dir / ("." + sw_.points[index].id + ".run.log"); }

  void settle_log(std::size_t index) {
    const fs::path dir = point_dir(opt_.out_dir, sw_.points[index]);
    std::error_code ec;
    fs::create_directories(dir, ec);
    fs::rename(pending_log(index), dir / "run.log", ec);
  }

  void finish(const Child& c, util::ExitStatus st) {
    const Point& p = sw_.points[c.point];
    const fs::path dir = point_dir(opt_.out_dir, p);
    util::kill_group(c.pid);  // anything the run left behind in its group
    reaper_->release(c.pid);
    settle_log(c.point);
    PointRecord rec;
    rec.fingerprint = sw_.fingerprint(p);
    rec.wall_s = std::chrono::duration<double>(Clock::now() - c.start).count();
    if (st.exited()) rec.exit_code = st.exit_code();
    if (st.signalled()) rec.signal = util::signal_name(st.signal());
    if (c.timed_out) {
      rec.status = "timeout";
      rec.detail = fmt::format("killed after {} s", *timeout_);
    } else if (rec.exit_code == 0) {
      rec.status = "ok";
      write_status(dir, rec);
      if (std::ifstream(dir / "summary.json")) {
        mark_done(sw_, p, dir);
      }
      if (!is_done(sw_, p, dir)) {
        rec.status = "failed";
        rec.detail = "exit 0 but no readable summary.json";
      }
    } else if (rec.exit_code == 2) {
      rec.status = "bad_input";
      rec.detail = last_error_line(dir / "run.log");
    } else {
      rec.status = "failed";
      const std::string why = rec.signal.empty() ? fmt::format("exit {}", rec.exit_code) : rec.signal;
      const std::string line = last_error_line(dir / "run.log");
      rec.detail = line.empty() ? why : why + ": " + line;
    }
    if (rec.status != "ok") write_status(dir, rec);
    rows_[c.point] = read_row(sw_, p, opt_.out_dir, false);
    ++done_;
    ++finished_;
    if (rec.status != "ok") ++failures_;
    if (opt_.write_results) write_tables();
    if (opt_.progress == Progress::lines) {
      progress_ << fmt::format("sweep: [{}/{}] {} {} ({:.1f} s){}{}\n", done_, total_, p.id, rec.status,
                               rec.wall_s, failures_ ? fmt::format(", {} not ok", failures_) : "",
                               eta_text());
      progress_.flush();
    }
  }

  void stop_all(std::vector<Child>& running) {
    for (auto& c : running) util::kill_group(c.pid);
    for (auto& c : running) {
      util::wait_for_exit(c.pid);
      reaper_->release(c.pid);
      settle_log(c.point);
      PointRecord rec;
      rec.status = "interrupted";
      rec.detail = "the sweep was interrupted";
      rec.fingerprint = sw_.fingerprint(sw_.points[c.point]);
      rec.wall_s = std::chrono::duration<double>(Clock::now() - c.start).count();
      write_status(point_dir(opt_.out_dir, sw_.points[c.point]), rec);
      rows_[c.point] = read_row(sw_, sw_.points[c.point], opt_.out_dir, true);
    }
    running.clear();
    if (opt_.write_results) write_tables();
  }

  std::string eta_text() const {
    if (finished_ == 0 || finished_ >= to_run_) return "";
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    return ", ETA " + format_duration(elapsed / static_cast<double>(finished_) *
                                      static_cast<double>(to_run_ - finished_));
  }

  void draw_bar(bool final_draw) {
    if (opt_.progress != Progress::bar) return;
    const auto now = Clock::now();
    if (!final_draw && now - last_draw_ < std::chrono::milliseconds(200)) return;
    last_draw_ = now;
    constexpr int kWidth = 30;
    const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
    progress_ << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
              << fmt::format("{}/{} done", done_, total_)
              << (failures_ ? fmt::format(", {} not ok", failures_) : "") << eta_text() << "   ";
    progress_.flush();
  }

  void write_tables() {
    write_atomic(opt_.out_dir, "results.csv", results_csv(sw_, rows_));
    write_atomic(opt_.out_dir, "timings.csv", timings_csv(sw_, rows_));
  }

  const Sweep& sw_;
  const LocalOptions& opt_;
  std::ostream& progress_;
  std::string exe_;
  std::optional<double> timeout_;
  std::vector<std::string> env_;
  std::vector<ResultRow> rows_;
  std::size_t total_ = 0, done_ = 0, to_run_ = 0, finished_ = 0, failures_ = 0;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  GroupReaper* reaper_ = nullptr;
};

}  // namespace

std::string self_executable() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot find the sushi-vp executable (/proc/self/exe): " + ec.message());
  return p.string();
}

LocalReport run_local(const Sweep& sweep, const LocalOptions& options, std::ostream& progress_out) {
  return Runner(sweep, options, progress_out).run();
}

}  // namespace sushi::sweep
