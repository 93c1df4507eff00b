// Simulating a run to its end, with progress on stderr for long runs (docs/outputs.md):
//   sushi-vp: simulated 812.402 ms of 600 s, 143/300 queries, 11 s wall, ETA 0:13
// shown only when stderr is a terminal and -q is not given, from 2 s of wall time on (--progress
// forces it, from the start), redrawn every 0.5 s in place and cleared at the end.
//
// The run ends when no activity is left (every initiator finished, or nothing can happen any
// more) or at sim.stop_time, whichever comes first; at the time limit, simulated time is
// sim.stop_time exactly. Showing progress slices the simulation at event boundaries, and the
// power windows of the traces stop it at their boundaries; neither changes its results (tested
// byte for byte).
#pragma once

#include <cstdint>
#include <functional>

#include <systemc>

namespace sushi {

struct ProgressSource {
  std::uint64_t queries_total = 0;                   // 0: not a serving run
  std::function<std::uint64_t()> queries_done;       // completed queries so far
  double show_after_s = 2.0;                         // wall time before the first line (0: --progress)
};

// Times at which the kernel must stop for the caller (the power windows of the traces): at each,
// every event before it has run and at() is called with simulated time standing at it.
struct TimeStops {
  std::function<std::uint64_t()> next_ps;     // the next stop, ps; UINT64_MAX: none
  std::function<void(std::uint64_t)> at;      // called at each stop
};

// Returns true if the run ended at the time limit (activity was still pending at stop_time).
// The same events run, to the same end time, with or without progress and stops (tested).
bool simulate_until(const sc_core::sc_time& stop, bool show_progress, const ProgressSource& source,
                    const TimeStops* stops = nullptr);

// True when progress should be shown: stderr is a terminal, or forced.
bool progress_wanted(bool quiet, bool forced);

}  // namespace sushi
