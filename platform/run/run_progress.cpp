#include "run/run_progress.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "common/observation_horizon.h"

namespace sushi {
namespace {

using Clock = std::chrono::steady_clock;
using sc_core::sc_time;

std::string clock_text(double s) {
  const long long t = static_cast<long long>(std::max(0.0, s) + 0.5);
  return t >= 3600 ? fmt::format("{}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60)
                   : fmt::format("{}:{:02}", t / 60, t % 60);
}

std::string sim_text(double ps) {
  if (ps >= 1e12) return fmt::format("{:.3f} s", ps * 1e-12);
  if (ps >= 1e9) return fmt::format("{:.3f} ms", ps * 1e-9);
  return fmt::format("{:.3f} us", ps * 1e-6);
}

class Progress {
 public:
  Progress(double stop_ps, const ProgressSource& src) : stop_ps_(stop_ps), src_(src) {}
  ~Progress() {
    if (drawn_) std::cerr << "\r" << std::string(width_, ' ') << "\r" << std::flush;
  }
  void update() {
    const auto now = Clock::now();
    const double wall = std::chrono::duration<double>(now - start_).count();
    if (wall < src_.show_after_s || now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    const double sim = static_cast<double>(sc_core::sc_time_stamp().value());
    std::string line = fmt::format("sushi-vp: simulated {} of {}", sim_text(sim), sim_text(stop_ps_));
    double done_frac = sim / stop_ps_;
    if (src_.queries_total > 0 && src_.queries_done) {
      const std::uint64_t q = src_.queries_done();
      line += fmt::format(", {}/{} queries", q, src_.queries_total);
      done_frac = static_cast<double>(q) / static_cast<double>(src_.queries_total);
    }
    line += fmt::format(", {} wall", clock_text(wall));
    if (done_frac > 0.01) line += ", ETA " + clock_text(wall / done_frac * (1.0 - done_frac));
    width_ = std::max(width_, line.size());
    std::cerr << "\r" << line << std::string(width_ - line.size(), ' ') << std::flush;
    drawn_ = true;
  }

 private:
  double stop_ps_;
  const ProgressSource& src_;
  Clock::time_point start_ = Clock::now(), last_{};
  std::size_t width_ = 0;
  bool drawn_ = false;
};

}  // namespace

bool progress_wanted(bool quiet, bool forced) { return forced || (!quiet && ::isatty(STDERR_FILENO) == 1); }

bool simulate_until(const sc_time& stop, bool show_progress, const ProgressSource& source, const TimeStops* stops) {
  using namespace sc_core;
  const auto ps = [](std::uint64_t v) { return sc_time::from_value(static_cast<sc_dt::uint64>(v)); };
  std::unique_ptr<Progress> progress;
  sc_time slice = sc_time(10, SC_US);
  if (show_progress) {
    progress = std::make_unique<Progress>(static_cast<double>(stop.value()), source);
    if (sc_get_status() == SC_ELABORATION) sc_start(SC_ZERO_TIME);  // initialisation, time 0
  }
  // Runs every event before `until` (with SC_EXIT_ON_STARVATION: the time stays at the last
  // event run when the next one lies beyond it). With progress: in slices of about `slice`
  // simulated time, each ending at or after the next pending event so that every call makes
  // progress, resized to about 0.2 s of wall time each.
  auto run_before = [&](const sc_time& until) {
    if (!progress) {
      sc_start(until - sc_time_stamp(), SC_EXIT_ON_STARVATION);
      return;
    }
    while (sc_get_status() == SC_PAUSED && sc_pending_activity() && sc_time_stamp() < until) {
      const sc_time left = until - sc_time_stamp();
      const sc_time to_next = sc_time_to_pending_activity();
      if (to_next > left) break;  // nothing more happens before `until`
      const auto t0 = Clock::now();
      sc_start(std::min(std::max(slice, to_next), left), SC_EXIT_ON_STARVATION);
      const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
      if (wall < 0.1) slice = slice * 2.0;
      if (wall > 0.4 && slice > sc_time(1, SC_NS)) slice = slice / 2.0;
      progress->update();
    }
  };
  if (stops) {
    // Steps that move no time (nothing to run before a stop) are expected here.
    sc_report_handler::set_actions(SC_ID_NO_SC_START_ACTIVITY_, SC_DO_NOTHING);
  }
  const std::uint64_t stop_ps = stop.value();
  // sc_stop() (a failed trace write stops the run) ends it: the kernel cannot be restarted.
  auto stopped = [] { return sc_get_status() == SC_STOPPED || sc_end_of_simulation_invoked(); };
  for (;;) {
    const std::uint64_t b = stops ? std::min(stops->next_ps(), stop_ps) : stop_ps;
    // The models' state is read at b (docs/dram.md "Running ahead"); b is in kernel ticks.
    const double b_ps = static_cast<double>(b) * sc_get_time_resolution().to_seconds() * 1e12;
    ObservationHorizon::set_ps(b_ps < 9e18 ? static_cast<std::uint64_t>(std::llround(b_ps)) : ObservationHorizon::kNever);
    if (sc_time_stamp().value() < b) run_before(ps(b));
    if (b == stop_ps || stopped()) break;
    if (sc_time_stamp().value() < b) {
      if (!sc_pending_activity()) break;          // starved: the run ends as an untraced one does
      sc_start(ps(b) - sc_time_stamp(), SC_RUN_TO_TIME);  // nothing happens before b: go there
    }
    stops->at(b);
  }
  // Activity left past the limit: the run is cut at sim.stop_time exactly (the kernel stops at
  // the last event before it, which would make the simulated time depend on event spacing).
  if (sc_get_status() == SC_PAUSED && sc_pending_activity() && sc_time_stamp() < stop) {
    sc_start(stop - sc_time_stamp(), SC_RUN_TO_TIME);
    return true;
  }
  return sc_get_status() == SC_PAUSED && sc_pending_activity();
}

}  // namespace sushi
