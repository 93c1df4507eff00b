// Completion cycles of the last `depth` bursts of a channel, for queue admission: the next burst
// but j may enter the controller queue when the burst `depth` places before it has completed.
//
// A row-hit run (DramChannel::fast_forward) completes its bursts at c0, c0 + d, c0 + 2d, ...;
// it is kept as that formula instead of being written entry by entry, so a run of any length
// costs O(1) here. Bursts outside runs are stored in a ring. Invariant: every burst of the
// window lies in the current run, or in one of the older runs with more than kWriteOut bursts
// still in the window (kept as formulas too: the out-of-order controller's window of 4096
// bursts holds many), or has its completion in its ring slot (a run's shorter remainder is
// written there when the next run replaces it).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dram_clock.h"

namespace sushi::dram {

class CompletionWindow {
 public:
  explicit CompletionWindow(std::size_t depth) : ring_(depth, kNever), seq_(depth), older_(depth) {}

  std::size_t depth() const { return ring_.size(); }

  // Completion of the burst `depth` places before the j-th next burst (j < depth); kNever if
  // there was none.
  Cycle slot_free(std::size_t j) const {
    const std::uint64_t s = seq_ - ring_.size() + j;
    if (s >= run_.lo && s < run_.hi) return run_.at(s);
    for (std::size_t k = 0, i = older_head_; k < older_count_; ++k) {
      const Run& r = older_[i];
      if (s < r.lo) break;
      if (s < r.hi) return r.at(s);
      if (++i == older_.size()) i = 0;
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
    if (older_count_ > 0) drop_older();
  }

  // n bursts completing at c0, c0 + d, ..., c0 + (n-1) d.
  void push_run(Cycle c0, Cycle d, std::uint64_t n) {
    const std::size_t depth = ring_.size();
    // The current run, if part of it stays in the window, joins the older runs. At most
    // `depth` runs reach into the window, so with the ring of older runs full its oldest is out.
    // A short remainder is written to its ring slots instead (a lookup then needs no search):
    // so every older run has more than kWriteOut bursts in the window.
    const std::uint64_t window_lo = seq_ + n > depth ? seq_ + n - depth : 0;
    const std::uint64_t keep_from = std::max(run_.lo, window_lo);
    if (run_.hi > keep_from && run_.hi - keep_from <= kWriteOut) {
      for (std::uint64_t s = keep_from; s < run_.hi; ++s) ring_[slot_of(s)] = run_.at(s);
    } else if (run_.hi > keep_from) {
      if (older_count_ == older_.size()) pop_older();
      std::size_t tail = older_head_ + older_count_;
      if (tail >= older_.size()) tail -= older_.size();
      older_[tail] = run_;
      ++older_count_;
    }
    run_ = {seq_, seq_ + n, c0, d};
    seq_ += n;
    const std::uint64_t h = head_ + n;  // mod depth, dividing only for runs of 2 x depth or more
    head_ = std::size_t(h < depth ? h : h < 2 * depth ? h - depth : h % depth);
    if (older_count_ > 0) drop_older();
  }

 private:
  struct Run {
    std::uint64_t lo = 0, hi = 0;  // burst numbers [lo, hi)
    Cycle c0 = 0, d = 0;
    Cycle at(std::uint64_t s) const { return c0 + Cycle(s - lo) * d; }
  };
  static constexpr std::uint64_t kWriteOut = 16;
  // Ring slot of burst number s, s in the window [seq_ - depth, seq_).
  std::size_t slot_of(std::uint64_t s) const {
    const std::size_t back = std::size_t(seq_ - s);  // 1 .. depth
    return head_ >= back ? head_ - back : head_ + ring_.size() - back;
  }
  void pop_older() {
    if (++older_head_ == older_.size()) older_head_ = 0;
    --older_count_;
  }
  // Forgets the older runs that ended before the window (the oldest first).
  void drop_older() {
    const std::uint64_t window_lo = seq_ - ring_.size();
    while (older_count_ > 0 && older_[older_head_].hi <= window_lo) pop_older();
  }

  std::vector<Cycle> ring_;  // ring_[head_] is the slot of burst seq_ (the next one)
  std::size_t head_ = 0;
  std::uint64_t seq_;        // number of the next burst (starts at depth: earlier ones are kNever)
  Run run_;                  // the current run (empty: none)
  // A ring of the older runs reaching into the window, oldest first: older_count_ from older_head_.
  std::vector<Run> older_;
  std::size_t older_head_ = 0, older_count_ = 0;
};

}  // namespace sushi::dram
