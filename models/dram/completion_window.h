// Completion cycles of the last `depth` bursts of a channel, for queue admission: the next burst
// but j may enter the controller queue when the burst `depth` places before it has completed.
//
// A row-hit run (DramChannel::fast_forward) completes its bursts at c0, c0 + d, c0 + 2d, ...;
// it is kept as that formula instead of being written entry by entry, so a run of any length
// costs O(1) here. Bursts outside runs are stored in a ring. Invariant: every burst of the window
// that is not in the current run has its completion in its ring slot (a run's entries are
// written to the ring when a new run replaces it while they are still in the window).
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
    if (s >= run_lo_ && s < run_hi_) return run_c0_ + Cycle(s - run_lo_) * run_d_;
    std::size_t i = head_ + j;
    if (i >= ring_.size()) i -= ring_.size();
    return ring_[i];
  }

  // One burst, completing at c.
  void push(Cycle c) {
    ring_[head_] = c;
    if (++head_ == ring_.size()) head_ = 0;
    ++seq_;
  }

  // n bursts completing at c0, c0 + d, ..., c0 + (n-1) d.
  void push_run(Cycle c0, Cycle d, std::uint64_t n) {
    const std::size_t depth = ring_.size();
    // Entries of the old run that stay in the window go to their ring slots.
    const std::uint64_t keep_from = seq_ + n > depth ? seq_ + n - depth : 0;
    for (std::uint64_t s = std::max(run_lo_, keep_from); s < run_hi_; ++s) {
      ring_[slot_of(s)] = run_c0_ + Cycle(s - run_lo_) * run_d_;
    }
    run_lo_ = seq_;
    run_hi_ = seq_ + n;
    run_c0_ = c0;
    run_d_ = d;
    seq_ += n;
    const std::uint64_t h = head_ + n;  // mod depth, dividing only for runs of 2 x depth or more
    head_ = std::size_t(h < depth ? h : h < 2 * depth ? h - depth : h % depth);
  }

 private:
  // Ring slot of burst number s, s in the window [seq_ - depth, seq_).
  std::size_t slot_of(std::uint64_t s) const {
    const std::size_t back = std::size_t(seq_ - s);  // 1 .. depth
    return head_ >= back ? head_ - back : head_ + ring_.size() - back;
  }

  std::vector<Cycle> ring_;  // ring_[head_] is the slot of burst seq_ (the next one)
  std::size_t head_ = 0;
  std::uint64_t seq_;        // number of the next burst (starts at depth: earlier ones are kNever)
  std::uint64_t run_lo_ = 0, run_hi_ = 0;  // burst numbers of the run [lo, hi)
  Cycle run_c0_ = 0, run_d_ = 0;
};

}  // namespace sushi::dram
