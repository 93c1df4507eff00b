// Simulating a run to its end, with progress on stderr for long runs (docs/outputs.md):
//   sushi-vp: simulated 812.402 ms of 600 s, 143/300 queries, 11 s wall, ETA 0:13
// shown only when stderr is a terminal and -q is not given (or --progress forces it), from 2 s of
// wall time on, redrawn every 0.5 s in place and cleared at the end.
//
// The run ends when no activity is left (every initiator finished, or nothing can happen any
// more) or at sim.stop_time, whichever comes first; at the time limit, simulated time is
// sim.stop_time exactly. Showing progress slices the simulation at event boundaries, which does
// not change its results (tested byte for byte).
#pragma once

#include <cstdint>
#include <functional>

#include <systemc>

namespace sushi {

struct ProgressSource {
  std::uint64_t queries_total = 0;                   // 0: not a serving run
  std::function<std::uint64_t()> queries_done;       // completed queries so far
};

// Returns true if the run ended at the time limit (activity was still pending at stop_time).
bool simulate_until(const sc_core::sc_time& stop, bool show_progress, const ProgressSource& source);

// True when progress should be shown: stderr is a terminal, or forced.
bool progress_wanted(bool quiet, bool forced);

}  // namespace sushi
