#include "buffered_channel.h"

#include <algorithm>
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

Cycle BufferedChannel::advance(Cycle now, const Done& done) {
  for (;;) {
    // The arbiter's choice: earliest command, then RD/WR before PRE/ACT, then the oldest.
    std::tuple<Cycle, int, std::uint64_t> best{kNever, 0, 0};
    std::size_t best_slot = 0, best_idx = 0;
    bool found = false;
    for (std::size_t slot = 0; slot < queues_.size(); ++slot) {
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
    if (std::get<0>(best) > now) return std::get<0>(best);
    auto& q = queues_[best_slot];
    BufferedBurst& e = q[best_idx];
    const Cycle t = std::max(e.arrival, now);
    const auto open = ch_.open_row(e.rank, e.bank_group, e.bank);
    if (open && *open == e.row) {
      // RD/WR; the closed-page policy keeps the row open while another buffered burst needs it.
      bool more = false;
      for (std::size_t j = 0; j < q.size(); ++j) more |= j != best_idx && q[j].row == e.row;
      const DramChannel::Result r = ch_.access(e.rank, e.bank_group, e.bank, e.row, e.write, t,
                                               !page_->precharge_after(more), !e.classified);
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
      done(tag, r.data_end);
    } else if (open) {
      if (ch_.precharge_row(e.rank, e.bank_group, e.bank, e.row, t, !e.classified)) e.classified = true;
    } else {
      ch_.activate_row(e.rank, e.bank_group, e.bank, e.row, t, !e.classified);
      e.classified = true;
    }
  }
}

}  // namespace sushi::dram
