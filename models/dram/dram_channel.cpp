#include "dram_channel.h"

#include <algorithm>
#include <limits>

namespace sushi::dram {

DramChannel::DramChannel(const DramSpec& spec, PagePolicy policy, std::uint32_t queue_depth, RefreshKind refresh)
    : spec_(spec),
      t_(timing_rules(spec)),
      reach_(1 + t_.act_to_act_s + t_.act_to_act_l + t_.faw + t_.cas_to_cas_s + t_.cas_to_cas_l + t_.wr_data_to_rd_s +
             t_.wr_data_to_rd_l + *std::max_element(t_.bus_gap.begin(), t_.bus_gap.end())),
      clock_(spec.clock_hz),
      page_(make_page_policy(policy)),
      refresh_(make_refresh_policy(refresh, spec.t, spec.org.banks_per_rank())),
      bank_groups_(spec.org.bank_groups),
      banks_per_group_(spec.org.banks_per_group),
      ranks_(spec.org.ranks),
      burst_cycles_(spec.org.burst_length / 2),
      burst_bytes_(spec.org.burst_bytes()),
      banks_(std::size_t(spec.org.ranks) * spec.org.banks_per_rank()),
      rank_(spec.org.ranks),
      last_act_bg_(std::size_t(spec.org.ranks) * spec.org.bank_groups, kNever),
      last_cas_bg_(std::size_t(spec.org.ranks) * spec.org.bank_groups, kNever),
      wr_end_bg_(std::size_t(spec.org.ranks) * spec.org.bank_groups, kNever),
      next_ref_(refresh_->interval()),  // the first refresh is due one interval after reset
      queue_(queue_depth) {}

DramChannel::Plan DramChannel::plan(std::uint32_t rank, std::uint32_t bg, const Bank& b,
                                    std::uint32_t row, bool write, Cycle t) const {
  const std::size_t rb = std::size_t(rank) * bank_groups_ + bg;
  Plan p;
  Cycle cas_min;
  if (b.open && b.row == row) {
    p.row = RowResult::hit;
    p.pre = p.act = kNever;
    cas_min = std::max(t, b.next_cas);
  } else {
    Cycle act_min = std::max(t, b.next_act);
    if (b.open) {
      p.row = RowResult::conflict;
      p.pre = std::max(t, b.next_pre);
      act_min = std::max(act_min, p.pre + t_.pre_to_act);
    } else {
      p.row = RowResult::miss;
      p.pre = kNever;
    }
    p.act = act_at(rank, rb, act_min);
    cas_min = p.act + t_.act_to_cas;
  }
  p.cas = cas_at(rank, rb, write, cas_min);
  p.data_end = p.cas + (write ? t_.write_delay : t_.read_delay) + burst_cycles_;
  p.first_cmd = p.row == RowResult::conflict ? p.pre : p.row == RowResult::miss ? p.act : p.cas;
  return p;
}

DramChannel::LaneTimer::LaneTimer(const DramChannel& ch, std::uint32_t rank, std::uint32_t bg_base,
                                  std::uint32_t lanes, std::uint32_t bank)
    : ch_(ch),
      rank_(rank),
      r_{ch.rank_[rank].last_act, ch.rank_[rank].faw, ch.rank_[rank].faw_idx, ch.rank_[rank].last_cas,
         ch.rank_[rank].last_wr_end},
      bus_free_(ch.bus_free_),
      bus_used_(ch.bus_used_),
      bus_last_write_(ch.bus_last_write_),
      bus_last_rank_(ch.bus_last_rank_) {
  for (std::uint32_t l = 0; l < lanes && l < 16; ++l) {
    const std::size_t rb = std::size_t(rank) * ch.bank_groups_ + (bg_base | l);
    lane_[l] = {ch.banks_[ch.bank_index(rank, bg_base | l, bank)], ch.last_act_bg_[rb], ch.last_cas_bg_[rb],
                ch.wr_end_bg_[rb]};
  }
}

void DramChannel::LaneTimer::precharge(std::uint32_t l, Cycle at) {  // close_bank
  Bank& b = lane_[l].bank;
  b.open = false;
  b.next_act = std::max(b.next_act, at + ch_.t_.pre_to_act);
}

void DramChannel::LaneTimer::activate(std::uint32_t l, std::uint32_t row, Cycle at) {  // issue_act
  const TimingRules& tr = ch_.t_;
  Lane& ln = lane_[l];
  r_.faw[r_.faw_idx] = at;
  r_.faw_idx = (r_.faw_idx + 1) & 3;
  r_.last_act = at;
  ln.last_act_bg = at;
  ln.bank.open = true;
  ln.bank.row = row;
  ln.bank.next_cas = at + tr.act_to_cas;
  ln.bank.next_pre = at + tr.act_to_pre;
  ln.bank.next_act = std::max(ln.bank.next_act, at + tr.act_to_act);
}

Cycle DramChannel::LaneTimer::read_write(std::uint32_t l, bool write, Cycle cas) {  // issue_cas
  const TimingRules& tr = ch_.t_;
  Lane& ln = lane_[l];
  const Cycle end = cas + (write ? tr.write_delay : tr.read_delay) + Cycle(ch_.burst_cycles_);
  if (write) {
    ln.bank.next_pre = std::max(ln.bank.next_pre, end + tr.wr_data_to_pre);
    r_.last_wr_end = std::max(r_.last_wr_end, end);
    ln.wr_end_bg = std::max(ln.wr_end_bg, end);
  } else {
    ln.bank.next_pre = std::max(ln.bank.next_pre, cas + tr.rd_to_pre);
  }
  r_.last_cas = cas;
  ln.last_cas_bg = cas;
  bus_free_ = end;
  bus_last_write_ = write;
  bus_last_rank_ = rank_;
  bus_used_ = true;
  return end;
}

bool DramChannel::relative_state(std::uint32_t rank, std::uint32_t bg_base, std::uint32_t lanes, std::uint32_t bank,
                                 Cycle now, std::uint32_t row, bool write, StateWord* w) const {
  // Every time is clamped below at -reach_; fits tracks whether each also fits a StateWord.
  bool fits = reach_ <= std::numeric_limits<StateWord>::max();
  const auto rel = [&](Cycle v) {
    const Cycle d = std::max(v - now, -reach_);
    fits &= d <= std::numeric_limits<StateWord>::max();
    return StateWord(d);
  };
  const Rank& r = rank_[rank];
  std::uint32_t flags = std::uint32_t(write) | std::uint32_t(bus_used_) << 1 | std::uint32_t(bus_last_write_) << 2 |
                        std::uint32_t(bus_last_rank_ != rank) << 3;
  w[2] = rel(bus_free_);
  for (std::uint32_t i = 0; i < 4; ++i) w[3 + i] = rel(r.faw[(r.faw_idx + i) & 3]);  // oldest first
  w[7] = rel(r.last_act);
  w[8] = rel(r.last_cas);
  w[9] = rel(r.last_wr_end);
  const Bank* b = &banks_[bank_index(rank, bg_base, bank)];
  const std::size_t rb0 = std::size_t(rank) * bank_groups_ + bg_base;
  for (std::uint32_t l = 0; l < lanes; ++l, b += banks_per_group_) {
    const bool hit = b->open && b->row == row;
    flags |= (std::uint32_t(b->open) << 1 | std::uint32_t(hit)) << (4 + 2 * l);  // lanes <= kMaxStateLanes: 20 bits
    StateWord* lw = w + 10 + 6 * std::size_t(l);
    lw[0] = hit ? 0 : rel(b->next_act);             // an ACT follows unless the row is open
    lw[1] = hit ? rel(b->next_cas) : 0;             // otherwise the ACT sets it
    lw[2] = b->open && !hit ? rel(b->next_pre) : 0;  // only a row conflict precharges
    lw[3] = rel(last_act_bg_[rb0 + l]);
    lw[4] = rel(last_cas_bg_[rb0 + l]);
    lw[5] = rel(wr_end_bg_[rb0 + l]);
  }
  w[0] = StateWord(std::uint16_t(flags));  // the flags' 20 bits in two words
  w[1] = StateWord(flags >> 16);
  return fits;
}

void DramChannel::close_bank(Bank& b, Cycle at) {
  b.open = false;
  b.next_act = std::max(b.next_act, at + t_.pre_to_act);
}

void DramChannel::precharge(std::uint32_t rank, Bank& b, Cycle at, bool for_refresh) {
  close_bank(b, at);
  rank_[rank].events.push(at, -1);
  ++c_.pre;
  count(for_refresh ? e_.pre_ref : e_.pre);
}

void DramChannel::note_refpb_as_act(std::uint32_t r, std::uint32_t bank, Cycle at) {
  Rank& rk = rank_[r];
  const Cycle a = at - t_.refpb_act_offset;  // newer than every ACT (refresh_ready)
  rk.faw[rk.faw_idx] = a;
  rk.faw_idx = (rk.faw_idx + 1) & 3;
  rk.last_act = std::max(rk.last_act, a);
  Cycle& bg_act = last_act_bg_[std::size_t(r) * bank_groups_ + bank / banks_per_group_];
  bg_act = std::max(bg_act, a);
}

Cycle DramChannel::refresh_ready(std::uint32_t first, std::uint32_t last) const {
  const std::uint32_t bpr = bank_groups_ * banks_per_group_;
  const bool as_act = t_.refpb_is_act && refresh_->bank_count() < bpr;
  Cycle ready = std::max(next_ref_, last_ref_end_);
  for (std::uint32_t r = 0; r < ranks_; ++r) {
    for (std::uint32_t i = first; i < last; ++i) {
      ready = std::max(ready, banks_[std::size_t(r) * bpr + i].next_act + t_.act_to_ref_extra);
    }
    if (as_act) {
      // ACT -> REFpb as ACT -> ACT (tRRD, tFAW), counted from the REFpb's ACT-equivalent cycle.
      const Rank& rk = rank_[r];
      const Cycle bg_act = last_act_bg_[std::size_t(r) * bank_groups_ + first / banks_per_group_];
      ready = std::max(ready, std::max({rk.last_act + t_.act_to_act_s, bg_act + t_.act_to_act_l,
                                        rk.faw[rk.faw_idx] + t_.faw}) + t_.refpb_act_offset);
    }
  }
  return ready;
}

void DramChannel::skip_idle_refreshes(Cycle until) {
  // Only when every bank is closed and the refresh due now may start when due (refresh_ready):
  // then each refresh starts exactly when due, ends its duration later (< its interval) and
  // leaves no state behind but its count, its time, the blocked banks of the last refreshes and,
  // where a per-bank refresh counts as an ACT, the last four of those.
  const std::uint32_t bpr = bank_groups_ * banks_per_group_, per = refresh_->bank_count();
  for (const auto& b : banks_) {
    if (b.open) return;
  }
  if (refresh_ready(0, bpr) > next_ref_) return;
  const Cycle interval = refresh_->interval(), dur = refresh_->duration();
  const bool as_act = t_.refpb_is_act && per < bpr;
  // Consecutive idle REFpb must keep their own ACT spacing (true for every JEDEC part).
  if (as_act && (interval < t_.act_to_act_l || 4 * interval < t_.faw)) return;
  const Cycle k = (until - next_ref_) / interval;  // refreshes strictly before the last due one
  if (k <= 0) return;
  const Cycle last_due = next_ref_ + (k - 1) * interval;
  const std::uint64_t n = std::uint64_t(k) * ranks_;
  c_.ref += n;
  count(e_.ref, n);
  ref_credit_ps_ += n * (clock_.edge_ps(last_due + dur) - clock_.edge_ps(last_due));
  // The banks the last refreshes covered stay blocked until each one's end (enough of them to
  // have covered every bank; earlier ones ended before the last was due).
  const std::uint64_t span = std::min<std::uint64_t>(std::uint64_t(k), (bpr + per - 1) / per);
  for (std::uint64_t j = std::uint64_t(k) - span; j < std::uint64_t(k); ++j) {
    const Cycle end = next_ref_ + Cycle(j) * interval + dur;
    const std::uint32_t first = refresh_->first_bank(ref_count_ + j);
    for (std::uint32_t r = 0; r < ranks_; ++r) {
      for (std::uint32_t i = first; i < first + per; ++i) {
        Bank& b = banks_[std::size_t(r) * bpr + i];
        b.next_act = std::max(b.next_act, end - t_.ref_to_act_less);
      }
    }
  }
  if (as_act) {
    for (std::uint64_t j = std::uint64_t(std::max<Cycle>(0, k - 4)); j < std::uint64_t(k); ++j) {
      for (std::uint32_t r = 0; r < ranks_; ++r) {
        note_refpb_as_act(r, refresh_->first_bank(ref_count_ + j), next_ref_ + Cycle(j) * interval);
      }
    }
  }
  last_ref_end_ = last_due + dur;
  next_ref_ += k * interval;
  ref_count_ += std::uint64_t(k);
}

void DramChannel::refresh() {
  const Cycle due = next_ref_;
  const std::uint32_t bpr = bank_groups_ * banks_per_group_;
  const std::uint32_t first = refresh_->first_bank(ref_count_), last = first + refresh_->bank_count();
  Cycle last_pre = kNever;
  for (std::uint32_t r = 0; r < ranks_; ++r) {
    // Banks free to close when the refresh is due close together: one event of -n (events at
    // one time are applied together by settle(), so this is the same as n events of -1).
    int closed_at_due = 0;
    for (std::uint32_t i = first; i < last; ++i) {
      Bank& b = banks_[std::size_t(r) * bpr + i];
      if (b.open) {
        const Cycle at = std::max(due, b.next_pre);
        if (b.next_pre <= due) {
          close_bank(b, due);
          ++closed_at_due;
        } else {
          precharge(r, b, b.next_pre, /*for_refresh=*/true);
        }
        last_pre = std::max(last_pre, at);
      }
    }
    if (closed_at_due > 0) {
      rank_[r].events.push(due, -closed_at_due);
      c_.pre += std::uint64_t(closed_at_due);
      count(e_.pre_ref, std::uint64_t(closed_at_due));
    }
  }
  // REF once the covered banks may be activated (plus the standard's ACT-to-REF extra), and
  // tRPab after an all-bank precharge (tRP(pb) after one bank's).
  Cycle start = refresh_ready(first, last);
  if (last_pre != kNever) start = std::max(start, last_pre + Cycle(refresh_->precharge_time()));
  const Cycle end = start + refresh_->duration();
  // start >= every covered bank's next_act, so end - ref_to_act_less is later than all of them.
  for (std::uint32_t r = 0; r < ranks_; ++r) {
    for (std::uint32_t i = first; i < last; ++i) banks_[std::size_t(r) * bpr + i].next_act = end - t_.ref_to_act_less;
    if (t_.refpb_is_act && last - first < bpr) note_refpb_as_act(r, first, start);
    rank_[r].events.push(start, +1);
    rank_[r].events.push(end, -1);
  }
  last_ref_end_ = end;
  c_.ref += ranks_;
  count(e_.ref, ranks_);
  next_ref_ += refresh_->interval();
  ++ref_count_;
}

Cycle DramChannel::safe_horizon() const {
  Cycle h = next_ref_;
  for (const auto& r : rank_) h = std::min(h, r.last_act);
  for (const auto& b : banks_) {
    if (b.open) h = std::min(h, b.next_pre);
  }
  return h;
}

void DramChannel::catch_up_refresh(Cycle horizon) {
  // As access() does for a request whose first command is at `horizon`.
  while (horizon >= next_ref_) {
    if (horizon >= next_ref_ + Cycle(refresh_->interval())) skip_idle_refreshes(horizon);
    refresh();
  }
}

void DramChannel::settle(Cycle horizon) {
  if (horizon <= settled_) return;
  settle_to(horizon, clock_.edge_ps(horizon));
}

void DramChannel::settle_to(Cycle horizon, std::uint64_t horizon_ps) {
  if (horizon_ps <= settled_ps_) return;
  std::uint64_t act_ps = 0, pre_ps = 0;
  for (auto& r : rank_) {
    Cycle t = settled_;
    std::uint64_t t_ps = settled_ps_;  // time accounted up to, carried from piece to piece
    auto piece = [&](Cycle to, std::uint64_t to_ps) {
      const std::uint64_t ps = to_ps - t_ps;
      if (r.open_count > 0) {
        act_ps += ps;
      } else {
        // Idle refreshes that were skipped arithmetically happened in closed time.
        const std::uint64_t m = std::min(ps, ref_credit_ps_);
        ref_credit_ps_ -= m;
        act_ps += m;
        pre_ps += ps - m;
      }
      t = to;
      t_ps = to_ps;
    };
    while (!r.events.empty() && r.events.front().at <= horizon) {
      const BankOpenEvents::Event ev = r.events.front();
      r.events.pop();
      if (ev.at > t) piece(ev.at, clock_.edge_ps(ev.at));
      r.open_count += ev.delta;
    }
    piece(horizon, horizon_ps);
  }
  settled_ = horizon;
  settled_ps_ = horizon_ps;
  active_ps_ += act_ps;
  precharged_ps_ += pre_ps;
  count(e_.bg_active_ps, act_ps);
  count(e_.bg_precharged_ps, pre_ps);
}

DramChannel::Plan DramChannel::plan_after_refresh(std::uint32_t rank, std::uint32_t bg, const Bank& b,
                                                  std::uint32_t row, bool write, Cycle t) {
  Plan p = plan(rank, bg, b, row, write, t);
  while (p.first_cmd >= next_ref_) {
    if (p.first_cmd >= next_ref_ + Cycle(refresh_->interval())) skip_idle_refreshes(p.first_cmd);
    refresh();
    p = plan(rank, bg, b, row, write, t);
  }
  return p;
}

void DramChannel::issue_act(std::uint32_t rank, std::uint32_t bg, Bank& b, std::uint32_t row, Cycle at) {
  Rank& r = rank_[rank];
  const std::size_t rb = std::size_t(rank) * bank_groups_ + bg;
  r.faw[r.faw_idx] = at;
  r.faw_idx = (r.faw_idx + 1) & 3;
  r.last_act = at;
  last_act_bg_[rb] = at;
  b.open = true;
  b.row = row;
  b.next_cas = at + t_.act_to_cas;
  b.next_pre = at + t_.act_to_pre;
  b.next_act = std::max(b.next_act, at + t_.act_to_act);
  r.events.push(at, +1);
  ++c_.act;
  count(e_.act);
}

void DramChannel::issue_cas(std::uint32_t rank, std::uint32_t bg, Bank& b, bool write, const Plan& p) {
  Rank& r = rank_[rank];
  const std::size_t rb = std::size_t(rank) * bank_groups_ + bg;
  if (write) {
    b.next_pre = std::max(b.next_pre, p.data_end + t_.wr_data_to_pre);
    r.last_wr_end = std::max(r.last_wr_end, p.data_end);
    wr_end_bg_[rb] = std::max(wr_end_bg_[rb], p.data_end);
    ++c_.wr;
    count(e_.wr);
    count(e_.io_wr_bytes, burst_bytes_);
  } else {
    b.next_pre = std::max(b.next_pre, p.cas + t_.rd_to_pre);
    ++c_.rd;
    count(e_.rd);
    count(e_.io_rd_bytes, burst_bytes_);
  }
  r.last_cas = p.cas;
  last_cas_bg_[rb] = p.cas;
  bus_free_ = p.data_end;
  bus_last_write_ = write;
  bus_last_rank_ = rank;
  bus_used_ = true;
  c_.bus_busy_cycles += burst_cycles_;
}

void DramChannel::bound_events(const Rank& r) {
  if (r.events.size() > settle_threshold_) {  // bounds memory when arrivals stall
    settle(std::min(safe_horizon(), settle_cap_));
    settle_threshold_ = std::max<std::size_t>(64, 2 * r.events.size());
  }
}

DramChannel::Result DramChannel::access(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank,
                                        std::uint32_t row, bool write, Cycle arrival,
                                        bool keep_open, bool count_hit) {
  tail_.valid = false;  // a burst by the full rule ends any run
  // Queue admission: a slot frees when the burst queue_depth places earlier completes.
  const Cycle t = std::max(arrival, queue_.slot_free(0));
  Bank& b = banks_[bank_index(rank, bg, bank)];
  const Plan p = plan_after_refresh(rank, bg, b, row, write, t);
  settle(std::min(arrival, settle_cap_));

  if (p.row == RowResult::hit) {
    if (count_hit) ++c_.row_hits;
  } else {
    if (p.row == RowResult::conflict) {
      precharge(rank, b, p.pre);
      ++c_.row_conflicts;
    } else {
      ++c_.row_misses;
    }
    issue_act(rank, bg, b, row, p.act);
  }
  issue_cas(rank, bg, b, write, p);
  queue_.push(p.data_end);

  if (page_->precharge_after(keep_open)) precharge(rank, b, b.next_pre);
  bound_events(rank_[rank]);
  return {p.data_end, p.row};
}

bool DramChannel::precharge_row(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row, Cycle t,
                                bool classify) {
  tail_.valid = false;
  Bank& b = banks_[bank_index(rank, bg, bank)];
  const Plan p = plan_after_refresh(rank, bg, b, row, false, t);
  if (p.row != RowResult::conflict) return false;  // a refresh closed the row first
  settle(std::min(t, settle_cap_));
  precharge(rank, b, p.pre);
  if (classify) ++c_.row_conflicts;
  bound_events(rank_[rank]);
  return true;
}

void DramChannel::activate_row(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row, Cycle t,
                               bool classify) {
  tail_.valid = false;
  Bank& b = banks_[bank_index(rank, bg, bank)];
  const Plan p = plan_after_refresh(rank, bg, b, row, false, t);
  if (p.row == RowResult::hit) return;
  settle(std::min(t, settle_cap_));
  if (p.row == RowResult::conflict) precharge(rank, b, p.pre);
  issue_act(rank, bg, b, row, p.act);
  if (classify) ++c_.row_misses;
  bound_events(rank_[rank]);
}

void DramChannel::issue_pre_at(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, Cycle at, bool classify) {
  tail_.valid = false;
  settle(std::min(at, settle_cap_));
  precharge(rank, banks_[bank_index(rank, bg, bank)], at);
  if (classify) ++c_.row_conflicts;
  bound_events(rank_[rank]);
}

void DramChannel::issue_act_at(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row, Cycle at,
                               bool classify) {
  tail_.valid = false;
  settle(std::min(at, settle_cap_));
  issue_act(rank, bg, banks_[bank_index(rank, bg, bank)], row, at);
  if (classify) ++c_.row_misses;
  bound_events(rank_[rank]);
}

Cycle DramChannel::issue_cas_at(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, bool write, Cycle at,
                                bool keep_open, bool count_hit) {
  tail_.valid = false;
  settle(std::min(at, settle_cap_));
  Bank& b = banks_[bank_index(rank, bg, bank)];
  Plan p;
  p.row = RowResult::hit;
  p.pre = p.act = kNever;
  p.cas = p.first_cmd = at;
  p.data_end = at + (write ? t_.write_delay : t_.read_delay) + burst_cycles_;
  if (count_hit) ++c_.row_hits;
  issue_cas(rank, bg, b, write, p);
  queue_.push(p.data_end);
  if (page_->precharge_after(keep_open)) precharge(rank, b, b.next_pre);
  bound_events(rank_[rank]);
  return p.data_end;
}

Cycle DramChannel::access_stream(std::uint32_t rank, std::uint32_t bg0, std::uint32_t lanes,
                                 std::uint32_t bank, std::uint32_t row, std::uint64_t n, bool write,
                                 Cycle arrival) {
  const std::uint32_t mask = lanes - 1;
  // Runs need CAS spacing that keeps each lane's tCCD_L and a queue that holds one burst per lane.
  const bool can_ff = page_->keeps_rows_open() && lanes <= 16 &&
                      Cycle(lanes) * run_spacing(lanes) >= t_.cas_to_cas_l && queue_.depth() >= lanes;
  Cycle end = arrival;
  for (std::uint64_t k = 0; k < n;) {
    const std::uint32_t bg = (bg0 & ~mask) | ((bg0 + std::uint32_t(k)) & mask);
    if (can_ff) {
      const bool continues = tail_.valid & (tail_.next_bg == bg) & (tail_.row == row) & (tail_.bank == bank) &
                             (tail_.rank == rank) & (tail_.write == write) & (tail_.lanes == lanes);
      // A run needs this burst's own lane open at the row: checked first, it spares the
      // all-lane check for each burst that opens a row.
      const Bank& own = banks_[bank_index(rank, bg, bank)];
      if (continues || ((own.open & (own.row == row)) && run_can_start(rank, bg0 & ~mask, lanes, bank, row, write))) {
        const std::uint64_t m = fast_forward(rank, bg0, lanes, bank, row, k, n - k, write, arrival, continues, end);
        if (m > 0) {
          k += m;
          continue;
        }
      }
    }
    end = access(rank, bg, bank, row, write, arrival).data_end;
    ++k;
  }
  return end;
}

DramChannel::RunPart DramChannel::continue_row_hit_run(std::uint32_t rank, std::uint32_t bg_next, std::uint32_t lanes,
                                                       std::uint32_t bank, std::uint32_t row, std::uint64_t n,
                                                       bool write, Cycle at, Cycle cas_limit, bool whole_only) {
  RunPart part;
  if (n == 0 || !page_->keeps_rows_open() || lanes > 16 || Cycle(lanes) * run_spacing(lanes) < t_.cas_to_cas_l ||
      queue_.depth() < lanes || !run_can_start(rank, bg_next & ~(lanes - 1), lanes, bank, row, write)) {
    return part;
  }
  // The caller vouches for the tail (its last lanes commands); fast_forward continues it.
  tail_ = {true, write, rank, bank, row, lanes, bg_next, lanes};
  Cycle end = 0;
  part.n = fast_forward(rank, bg_next, lanes, bank, row, 0, n, write, at, true, end, cas_limit, whole_only);
  if (part.n == 0) {
    tail_.valid = false;
    return part;
  }
  part.spacing = run_spacing(lanes);
  part.cas_to_end = (write ? t_.write_delay : t_.read_delay) + burst_cycles_;
  part.first_cas = end - part.cas_to_end - Cycle(part.n - 1) * part.spacing;
  return part;
}

bool DramChannel::run_can_start(std::uint32_t rank, std::uint32_t bg_base, std::uint32_t lanes, std::uint32_t bank,
                                std::uint32_t row, bool write) const {
  // Same rank and direction as the last burst on the bus (no turnaround), and the row open in
  // every lane's bank. Evaluated without early exits: the outcome is data, not a pattern.
  bool ok = bus_used_ & (bus_last_write_ == write) & (bus_last_rank_ == rank);
  const Bank* b = &banks_[bank_index(rank, bg_base, bank)];
  for (std::uint32_t l = 0; l < lanes; ++l, b += banks_per_group_) ok &= b->open & (b->row == row);
  return ok;
}

std::uint64_t DramChannel::fast_forward(std::uint32_t rank, std::uint32_t bg0, std::uint32_t lanes,
                                        std::uint32_t bank, std::uint32_t row, std::uint64_t k,
                                        std::uint64_t max_n, bool write, Cycle arrival, bool continues,
                                        Cycle& last_end, Cycle cas_limit, bool whole_only) {
  // A run of row hits (every lane's bank holds `row`; same rank and direction as the last burst
  // on the bus, so no turnaround). Its first `lanes` CAS are placed by the hit rule of plan()
  // (each lane appears once, against what earlier commands left: bus, tCCD, tRCD, tWTR, queue,
  // arrival). From then on every constraint is the run's own: consecutive CAS are at least
  // d = max(CAS-to-CAS, burst length) apart, and a lane's previous CAS is lanes bursts back, at
  // least lanes x d >= tCCD_L earlier; arrival, tRCD and tWTR were met by the lane's first burst.
  // So CAS_j = CAS_{j-1} + d exactly, until a refresh falls due or the queue is full.
  // A run that `continues` the tail (RunTail) is already past that: every lane's constraints
  // are met at CAS_{-1} + d, so its first burst waits only for its arrival and queue slot.
  const std::uint32_t mask = lanes - 1;
  const Cycle d = run_spacing(lanes);
  const std::size_t depth = queue_.depth();
  auto lane_bg = [&](std::uint64_t j) { return (bg0 & ~mask) | ((bg0 + std::uint32_t(k + j)) & mask); };
  Rank& r = rank_[rank];
  const Cycle lat = write ? t_.write_delay : t_.read_delay;
  std::uint64_t m = max_n;
  if (Cycle(depth) * d < lat + burst_cycles_) m = std::min<std::uint64_t>(m, depth);

  // The first lanes bursts, one per lane (a continuing run: just its first burst).
  Cycle first[16];
  const std::uint32_t l0 = continues ? 1 : std::uint32_t(std::min<std::uint64_t>(lanes, m));
  if (continues) {
    const Cycle cas = std::max({arrival, queue_.slot_free(0), r.last_cas + d});
    if (cas >= next_ref_ || cas > cas_limit) return 0;  // the refresh due first goes the slow way
    first[0] = cas;
  } else {
    Cycle prev = r.last_cas, bus_end = bus_free_;
    // Completions leave the queue in bus order, so the window's oldest entries grow with j and
    // none exceeds bus_free_; every CAS here is at or after bus_free_ - lat. So unless the
    // l0-th oldest completes after that, queue admission cannot bind: skip the lookups.
    const bool queue_binds = queue_.slot_free(l0 - 1) > bus_free_ - lat;
    for (std::uint32_t j = 0; j < l0; ++j) {
      const std::uint32_t bg = lane_bg(j);
      const std::size_t rb = std::size_t(rank) * bank_groups_ + bg;
      const Bank& b = banks_[bank_index(rank, bg, bank)];
      const Cycle admit = queue_binds ? std::max(arrival, queue_.slot_free(j)) : arrival;
      Cycle cas = std::max(admit, std::max(b.next_cas, prev + t_.cas_to_cas_s));
      cas = std::max(cas, std::max(last_cas_bg_[rb] + t_.cas_to_cas_l, bus_end - lat));
      if (!write) {
        cas = std::max(cas, std::max(r.last_wr_end + t_.wr_data_to_rd_s, wr_end_bg_[rb] + t_.wr_data_to_rd_l));
      }
      if (cas >= next_ref_) {  // the refresh due first goes the slow way
        m = j;
        break;
      }
      first[j] = cas;
      prev = cas;
      bus_end = cas + lat + burst_cycles_;
    }
  }
  if (m == 0) return 0;
  // CAS of burst j of the run.
  auto cas_of = [&](std::uint64_t j) { return j < l0 ? first[j] : first[l0 - 1] + Cycle(j - l0 + 1) * d; };
  if (m > l0) {
    // Refresh: every CAS stays before the due cycle (dividing only when the run reaches it).
    if (first[l0 - 1] + Cycle(m - l0) * d >= next_ref_) {
      m = std::min<std::uint64_t>(m, l0 + std::uint64_t((next_ref_ - 1 - first[l0 - 1]) / d));
    }
    if (m > l0 && first[l0 - 1] + Cycle(m - l0) * d > cas_limit) {
      m = std::min<std::uint64_t>(m, l0 + std::uint64_t((cas_limit - first[l0 - 1]) / d));
    }
    // Queue admission of bursts l0 .. depth-1 against the ring (later ones against the run's own
    // completions, covered above). Completions are in bus order, so no ring entry exceeds the
    // newest, bus_free_: once a CAS reaches it, every later burst is admitted.
    for (std::uint64_t j = l0; j < depth && j < m; ++j) {
      const Cycle c = cas_of(j);
      if (c >= bus_free_) break;
      if (queue_.slot_free(std::size_t(j)) > c) {
        m = j;
        break;
      }
    }
  }
  if (whole_only && m < max_n) return 0;
  settle(std::min(arrival, settle_cap_));  // as access() does for each burst (a run performs no refresh)

  // Per lane, its last CAS in the run.
  for (std::uint64_t j = m > lanes ? m - lanes : 0; j < m; ++j) {
    const std::uint32_t bg = lane_bg(j);
    const std::size_t rb = std::size_t(rank) * bank_groups_ + bg;
    const Cycle c = cas_of(j);
    Bank& b = banks_[bank_index(rank, bg, bank)];
    last_cas_bg_[rb] = c;
    if (write) {
      b.next_pre = std::max(b.next_pre, c + lat + burst_cycles_ + t_.wr_data_to_pre);
      wr_end_bg_[rb] = c + lat + burst_cycles_;
    } else {
      b.next_pre = std::max(b.next_pre, c + t_.rd_to_pre);
    }
  }
  const Cycle cm = cas_of(m - 1);
  if (write) r.last_wr_end = cm + lat + burst_cycles_;
  r.last_cas = cm;
  bus_free_ = cm + lat + burst_cycles_;
  c_.row_hits += m;
  c_.bus_busy_cycles += m * burst_cycles_;
  if (write) {
    c_.wr += m;
    count(e_.wr, m);
    count(e_.io_wr_bytes, m * burst_bytes_);
  } else {
    c_.rd += m;
    count(e_.rd, m);
    count(e_.io_rd_bytes, m * burst_bytes_);
  }
  // The run's completions: the first l0 as computed, the rest every d (one formula).
  const Cycle tail = lat + burst_cycles_;
  for (std::uint64_t j = 0; j < l0 && j < m; ++j) queue_.push(first[j] + tail);
  if (m > l0) queue_.push_run(first[l0 - 1] + d + tail, d, m - l0);
  last_end = bus_free_;
  tail_.bursts = (continues ? tail_.bursts : 0) + m;
  tail_.valid = tail_.bursts >= lanes;
  tail_.write = write;
  tail_.rank = rank;
  tail_.bank = bank;
  tail_.row = row;
  tail_.lanes = lanes;
  tail_.next_bg = lane_bg(m);
  return m;
}

}  // namespace sushi::dram
