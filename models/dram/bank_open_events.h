// The future changes of a rank's open-bank count (+1 when a bank opens or refresh starts, -1 when
// it closes), in time order, consumed from the front as standby time is settled.
//
// Commands are scheduled mostly in time order, so a new event nearly always goes at the back:
// a sorted vector with a read index makes push and pop O(1) in that case and keeps the branches
// predictable (a binary heap costs log n unpredictable comparisons per push and pop, and the
// simulation settles on every DRAM request). Events at the same cycle may come out in any
// order: settlement only looks at the count between distinct cycles.
#pragma once

#include <cstddef>
#include <vector>

#include "dram_clock.h"

namespace sushi::dram {

class BankOpenEvents {
 public:
  struct Event {
    Cycle at;
    int delta;
  };

  void push(Cycle at, int delta) {
    if (head_ == ev_.size()) {  // all consumed: reuse the storage from the start
      ev_.clear();
      head_ = 0;
    } else if (head_ >= 64 && head_ * 2 >= ev_.size()) {  // drop the consumed half (amortised O(1))
      ev_.erase(ev_.begin(), ev_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    // Fields stored one by one: building the pair on the stack and copying it as one 16-byte
    // value stalls on store forwarding (measured: most of the cost of a push).
    Event& e = ev_.emplace_back();
    e.at = at;
    e.delta = delta;
    // Keep the pending part sorted: move the new event before later ones (rarely any).
    for (std::size_t i = ev_.size() - 1; i > head_ && ev_[i - 1].at > at; --i) std::swap(ev_[i - 1], ev_[i]);
  }
  bool empty() const { return head_ == ev_.size(); }
  std::size_t size() const { return ev_.size() - head_; }  // pending events
  const Event& front() const { return ev_[head_]; }
  void pop() { ++head_; }

 private:
  std::vector<Event> ev_;
  std::size_t head_ = 0;  // ev_[head_ ..] are pending, sorted by time
};

}  // namespace sushi::dram
