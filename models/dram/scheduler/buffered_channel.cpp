#include "buffered_channel.h"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace sushi::dram {

BufferedChannel::BufferedChannel(DramChannel& channel, const DramSpec& spec, SchedulerKind scheduler,
                                 BufferKind buffer, std::uint32_t buffer_size, PagePolicy page)
    : ch_(channel),
      scheduler_(make_scheduler(scheduler)),
      buffer_(make_scheduler_buffer(buffer, std::size_t(spec.org.ranks) * spec.org.banks_per_rank(), buffer_size)),
      page_(make_page_policy(page)),
      bank_groups_(spec.org.bank_groups),
      banks_per_group_(spec.org.banks_per_group),
      queues_(std::size_t(spec.org.ranks) * spec.org.banks_per_rank()) {}

void BufferedChannel::admit(BufferedBurst b) {
  const std::size_t slot = bank_slot(b.rank, b.bank_group, b.bank);
  b.holds_slot = !joins_last(b.tag, b.rank, b.bank_group, b.bank, b.row);
  if (b.holds_slot) buffer_->store(slot);
  b.seq = next_seq_++;
  b.classified = false;
  queues_[slot].push_back(b);
  ++held_;
}

bool BufferedChannel::lanes_join_last(std::uint64_t tag, std::uint32_t rank, std::uint32_t bg, std::uint32_t lanes,
                                      std::uint32_t bank, std::uint32_t row) const {
  const std::uint32_t base = bg & ~(lanes - 1);
  for (std::uint32_t l = 0; l < lanes; ++l) {
    if (!joins_last(tag, rank, base | l, bank, row)) return false;
  }
  return true;
}

void BufferedChannel::admit_joining(BufferedBurst b, std::uint32_t lanes, std::uint64_t count) {
  const std::uint32_t mask = lanes - 1, bg0 = b.bank_group;
  b.holds_slot = false;
  b.classified = false;
  for (std::uint64_t k = 0; k < count; ++k) {
    b.bank_group = (bg0 & ~mask) | ((bg0 + std::uint32_t(k)) & mask);
    b.seq = next_seq_++;
    queues_[bank_slot(b.rank, b.bank_group, b.bank)].push_back(b);
  }
  held_ += count;
}

void BufferedChannel::note_cas(const BufferedBurst& e, std::uint64_t refreshes_before) {
  if (lanes_ == 0) return;
  const std::uint64_t refs = ch_.counters().ref;
  const std::uint32_t mask = lanes_ - 1;
  if (refs != refreshes_before) {  // the access performed a refresh (and ACT) first
    tail_.count = 0;
    return;
  }
  const bool continues = tail_.count > 0 && tail_.refreshes == refs && tail_.rank == e.rank && tail_.bank == e.bank &&
                         tail_.row == e.row && tail_.write == e.write && tail_.next_bg == e.bank_group;
  if (continues) {
    ++tail_.count;
  } else {
    tail_ = {1, e.rank, e.bank, e.row, 0, e.write, refs};
  }
  tail_.next_bg = (e.bank_group & ~mask) | ((e.bank_group + 1) & mask);
}

bool BufferedChannel::place_run(Cycle now, Cycle run_limit, const Done& done) {
  if (lanes_ == 0 || run_limit <= now || tail_.count < lanes_ || tail_.refreshes != ch_.counters().ref) return false;
  const std::uint32_t mask = lanes_ - 1, base = tail_.next_bg & ~mask;
  // Every held burst sits in the lane group's banks and is a row hit of the run's direction
  // that has arrived: each bank's pick is its oldest, and every lane's next CAS is at least d
  // after the last one, the round-robin next lane's exactly d (DramChannel::fast_forward). The
  // arbiter breaks that tie by age, so the run goes on while its next burst is older than
  // every other lane's oldest; and it holds one request's bursts at most: when that completes,
  // its initiator may send the next request.
  std::size_t lane_slot[16], lane_idx[16] = {}, total = 0;
  if (lanes_ > 16) return false;
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    lane_slot[l] = bank_slot(tail_.rank, base | l, tail_.bank);
    total += queues_[lane_slot[l]].size();
  }
  if (total != held_) return false;
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    for (const BufferedBurst& b : queues_[lane_slot[l]]) {
      if (b.row != tail_.row || b.write != tail_.write || b.classified || b.arrival > now) return false;
    }
  }
  // Each lane's oldest burst not yet in the run (its arrival order; kNone: none left). The next
  // burst is older than every other lane's oldest exactly when its own is the least of them
  // (arrival orders are unique).
  constexpr std::uint64_t kNone = ~std::uint64_t(0);
  std::uint64_t front[16];
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    const auto& q = queues_[lane_slot[l]];
    front[l] = q.empty() ? kNone : q.front().seq;
  }
  std::uint64_t n = 0, tag = 0;
  for (; n < total; ++n) {
    const std::uint32_t l = (tail_.next_bg + std::uint32_t(n)) & mask;
    if (front[l] == kNone) break;
    const auto& q = queues_[lane_slot[l]];
    const BufferedBurst& b = q[lane_idx[l]];
    if (n == 0) tag = b.tag;
    bool oldest = b.tag == tag;
    for (std::uint32_t o = 0; o < lanes_; ++o) oldest &= front[o] >= front[l];
    if (!oldest) break;
    ++lane_idx[l];
    front[l] = lane_idx[l] < q.size() ? q[lane_idx[l]].seq : kNone;
  }
  if (n == 0) return false;
  const DramChannel::RunPart part = ch_.continue_row_hit_run(tail_.rank, tail_.next_bg, lanes_, tail_.bank, tail_.row,
                                                             n, tail_.write, now, run_limit);
  if (part.n == 0) return false;
  // The bursts leave in the run's order, each as the one-by-one path lets it leave: a burst
  // holding its slot hands it to the next burst of its request and row in its bank, or frees
  // it. The run's bursts of a lane are all of one request and row, so the slot passes along
  // them and on from the lane's last if any of them held it (one hand-over or free per lane,
  // as one by one). They are one request's, so it hears of them at once, with the last data end.
  std::size_t taken[16];
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    const std::uint64_t k = (l - tail_.next_bg) & mask;  // the lane's first place in the run
    taken[l] = part.n > k ? std::size_t((part.n - 1 - k) / lanes_ + 1) : 0;
  }
  if (log_) {
    std::fill(std::begin(lane_idx), std::end(lane_idx), std::size_t(0));
    for (std::uint64_t j = 0; j < part.n; ++j) {
      const std::uint32_t l = (tail_.next_bg + std::uint32_t(j)) & mask;
      log_->push_back({IssuedCommand::cas, queues_[lane_slot[l]][lane_idx[l]++].seq, lane_slot[l],
                       part.first_cas + Cycle(j) * part.spacing + part.cas_to_end});
    }
  }
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    auto& q = queues_[lane_slot[l]];
    const auto end = q.begin() + std::ptrdiff_t(taken[l]);
    if (std::any_of(q.begin(), end, [](const BufferedBurst& b) { return b.holds_slot; })) {
      auto mate = std::find_if(end, q.end(), [&](const BufferedBurst& o) { return o.tag == tag && o.row == tail_.row; });
      if (mate != q.end()) mate->holds_slot = true;
      else buffer_->remove(lane_slot[l]);
    }
    q.erase(q.begin(), end);
  }
  done(tag, part.first_cas + Cycle(part.n - 1) * part.spacing + part.cas_to_end, part.n);
  held_ -= part.n;
  tail_.count += part.n;
  tail_.next_bg = base | ((tail_.next_bg + std::uint32_t(part.n)) & mask);
  return true;
}

Cycle BufferedChannel::advance(Cycle now, const Done& done, Cycle run_limit) {
  bool run_tried = false;
  for (;;) {
    // The arbiter's choice: earliest command, then RD/WR before PRE/ACT, then the oldest.
    std::tuple<Cycle, int, std::uint64_t> best{kNever, 0, 0};
    std::size_t best_slot = 0, best_idx = 0;
    // The choice the last scan deferred to this cycle still stands (see Choice).
    const bool chosen = choice_.valid && choice_.at == now && choice_.state == state();
    bool found = chosen;
    if (chosen) {
      best = {now, 0, 0};
      best_slot = choice_.slot;
      best_idx = choice_.idx;
    }
    choice_.valid = false;
    for (std::size_t slot = 0; !chosen && slot < queues_.size(); ++slot) {
      const auto& q = queues_[slot];
      if (q.empty()) continue;
      const BufferedBurst& f = q.front();
      const auto open = ch_.open_row(f.rank, f.bank_group, f.bank);
      const std::size_t i = scheduler_->pick(q, open);
      const BufferedBurst& e = q[i];
      const Cycle t = std::max(e.arrival, now);
      const bool hit = open && *open == e.row;
      const std::tuple<Cycle, int, std::uint64_t> key{
          ch_.first_command_at(e.rank, e.bank_group, e.bank, e.row, e.write, t), hit ? 0 : 1, e.seq};
      if (!found || key < best) {
        best = key;
        best_slot = slot;
        best_idx = i;
        found = true;
      }
    }
    if (!found) return kNever;
    if (std::get<0>(best) > now) {
      if (!run_tried) {
        run_tried = true;
        if (place_run(now, run_limit, done)) continue;
      }
      if (!rescan_every_step_) choice_ = {true, std::get<0>(best), best_slot, best_idx, state()};
      return std::get<0>(best);
    }
    auto& q = queues_[best_slot];
    BufferedBurst& e = q[best_idx];
    const Cycle t = std::max(e.arrival, now);
    const auto open = ch_.open_row(e.rank, e.bank_group, e.bank);
    if (open && *open == e.row) {
      // RD/WR; the closed-page policy keeps the row open while another buffered burst needs it.
      bool more = false;
      for (std::size_t j = 0; j < q.size(); ++j) more |= j != best_idx && q[j].row == e.row;
      const std::uint64_t refs = ch_.counters().ref;
      const DramChannel::Result r = ch_.access(e.rank, e.bank_group, e.bank, e.row, e.write, t,
                                               !page_->precharge_after(more), !e.classified);
      note_cas(e, refs);
      if (log_) log_->push_back({IssuedCommand::cas, e.seq, best_slot, r.data_end});
      const std::uint64_t tag = e.tag;
      const std::uint32_t row = e.row;
      const bool slot_held = e.holds_slot;
      q.erase(q.begin() + std::ptrdiff_t(best_idx));
      if (slot_held) {  // hand the slot to a burst of the same request and row still waiting
        auto mate = std::find_if(q.begin(), q.end(), [&](const BufferedBurst& o) { return o.tag == tag && o.row == row; });
        if (mate != q.end()) mate->holds_slot = true;
        else buffer_->remove(best_slot);
      }
      --held_;
      done(tag, r.data_end, 1);
    } else if (open) {
      tail_.count = 0;
      if (log_) log_->push_back({IssuedCommand::pre, e.seq, best_slot, now});
      if (ch_.precharge_row(e.rank, e.bank_group, e.bank, e.row, t, !e.classified)) e.classified = true;
    } else {
      tail_.count = 0;
      if (log_) log_->push_back({IssuedCommand::act, e.seq, best_slot, now});
      ch_.activate_row(e.rank, e.bank_group, e.bank, e.row, t, !e.classified);
      e.classified = true;
    }
  }
}

}  // namespace sushi::dram
