// Completion cycles of the last `depth` bursts of a channel, for queue admission: the next burst
// but j may enter the controller queue when the burst `depth` places before it has completed.
//
// A row-hit run (DramChannel::fast_forward) completes its bursts at c0, c0 + d, c0 + 2d, ...;
// it is kept as that formula instead of being written entry by entry, so a run of any length
// costs O(1) here, also when the window is far longer than the run (the out-of-order
// controller's window of 4096 bursts holds many runs). Bursts outside runs are stored in a
// ring. Invariant: every burst of the window either lies in one of the runs kept (all runs
// that reach into the window, oldest first) or has its completion in its ring slot.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dram_clock.h"

namespace sushi::dram {

class CompletionWindow {
 public:
  explicit CompletionWindow(std::size_t depth) : ring_(depth, kNever), seq_(depth) {}

  std::size_t depth() const { return ring_.size(); }

  // Completion of the burst `depth` places before the j-th next burst (j < depth); kNever if
  // there was none.
  Cycle slot_free(std::size_t j) const {
    const std::uint64_t s = seq_ - ring_.size() + j;
    for (std::size_t k = run_head_; k < runs_.size() && runs_[k].lo <= s; ++k) {
      if (s < runs_[k].hi) return runs_[k].c0 + Cycle(s - runs_[k].lo) * runs_[k].d;
    }
    std::size_t i = head_ + j;
    if (i >= ring_.size()) i -= ring_.size();
    return ring_[i];
  }

  // One burst, completing at c.
  void push(Cycle c) {
    ring_[head_] = c;
    if (++head_ == ring_.size()) head_ = 0;
    ++seq_;
    drop_old_runs();
  }

  // n bursts completing at c0, c0 + d, ..., c0 + (n-1) d.
  void push_run(Cycle c0, Cycle d, std::uint64_t n) {
    if (n == 0) return;
    const std::size_t depth = ring_.size();
    runs_.push_back({seq_, seq_ + n, c0, d});
    seq_ += n;
    const std::uint64_t h = head_ + n;  // mod depth, dividing only for runs of 2 x depth or more
    head_ = std::size_t(h < depth ? h : h < 2 * depth ? h - depth : h % depth);
    drop_old_runs();
  }

 private:
  struct Run {
    std::uint64_t lo, hi;  // burst numbers [lo, hi)
    Cycle c0, d;
  };
  // Forgets the runs that ended before the window (the oldest first); compacts now and then.
  void drop_old_runs() {
    const std::uint64_t window_lo = seq_ - ring_.size();
    while (run_head_ < runs_.size() && runs_[run_head_].hi <= window_lo) ++run_head_;
    if (run_head_ > 64 && run_head_ * 2 > runs_.size()) {
      runs_.erase(runs_.begin(), runs_.begin() + std::ptrdiff_t(run_head_));
      run_head_ = 0;
    }
  }

  std::vector<Cycle> ring_;  // ring_[head_] is the slot of burst seq_ (the next one)
  std::size_t head_ = 0;
  std::uint64_t seq_;        // number of the next burst (starts at depth: earlier ones are kNever)
  std::vector<Run> runs_;    // runs_[run_head_ ..]: the runs reaching into the window, oldest first
  std::size_t run_head_ = 0;
};

}  // namespace sushi::dram
