#include "buffered_channel.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
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

void BufferedChannel::append(std::vector<BufferedBurst>& q, const BufferedBurst& g) {
  if (!q.empty()) {
    BufferedBurst& last = q.back();
    const std::uint64_t gap = g.seq - last.last_seq();
    if (last.tag == g.tag && last.row == g.row && last.write == g.write && last.arrival == g.arrival &&
        !g.holds_slot && (last.count == 1 || last.stride == gap) && (g.count == 1 || g.stride == gap)) {
      last.stride = gap;
      last.count += g.count;
      return;
    }
  }
  q.push_back(g);
}

void BufferedChannel::admit(BufferedBurst b) {
  const std::size_t slot = bank_slot(b.rank, b.bank_group, b.bank);
  b.holds_slot = !joins_last(b.tag, b.rank, b.bank_group, b.bank, b.row);
  if (b.holds_slot) buffer_->store(slot);
  b.seq = next_seq_++;
  b.count = 1;
  b.stride = 1;
  b.classified = false;
  append(queues_[slot], b);
  mark_held(slot);
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
  // Lane k (k-th from b.bank_group) takes bursts k, k + lanes, k + 2 lanes, ...: one entry of
  // stride `lanes` per lane, appended to its bank's last entry where it continues it.
  const std::uint32_t mask = lanes - 1, bg0 = b.bank_group;
  b.holds_slot = false;
  b.classified = false;
  b.stride = lanes;
  for (std::uint64_t k = 0; k < lanes && k < count; ++k) {
    b.bank_group = (bg0 & ~mask) | ((bg0 + std::uint32_t(k)) & mask);
    b.seq = next_seq_ + k;
    b.count = (count - k + lanes - 1) / lanes;
    const std::size_t slot = bank_slot(b.rank, b.bank_group, b.bank);
    append(queues_[slot], b);
    mark_held(slot);
  }
  next_seq_ += count;
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
  if (!run_may_continue(now, run_limit)) return false;
  const std::uint32_t mask = lanes_ - 1, base = tail_.next_bg & ~mask;
  // Every held burst sits in the lane group's banks and is a row hit of the run's direction
  // that has arrived: each bank's pick is its oldest, and every lane's next CAS is at least d
  // after the last one, the round-robin next lane's exactly d (DramChannel::fast_forward). The
  // arbiter breaks that tie by age, so the run goes on while its next burst is older than
  // every other lane's oldest; and it holds one request's bursts at most: when that completes,
  // its initiator may send the next request.
  std::size_t lane_slot[16];
  std::uint64_t total = 0;
  if (lanes_ > 16) return false;
  std::uint64_t lane_banks = 0;  // the lane group's banks, a bit each as in nonempty_
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    lane_slot[l] = bank_slot(tail_.rank, base | l, tail_.bank);
    if (lane_slot[l] < 64) lane_banks |= std::uint64_t(1) << lane_slot[l];
  }
  // A bank outside the group holds bursts (mixed traffic): the count below would fall short.
  if (queues_.size() <= 64 && (nonempty_ & ~lane_banks) != 0) return false;
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    for (const BufferedBurst& b : queues_[lane_slot[l]]) {
      if (b.row != tail_.row || b.write != tail_.write || b.classified || b.arrival > now) return false;
      total += b.count;
    }
  }
  if (total != held_) return false;
  // Per lane a cursor on its oldest burst not yet in the run (entry, place in it) and that
  // burst's arrival order (kNone: none left). The next burst is older than every other lane's
  // oldest exactly when its own is the least of them (arrival orders are unique).
  constexpr std::uint64_t kNone = ~std::uint64_t(0);
  std::size_t entry[16] = {};
  std::uint64_t place[16] = {}, front[16];
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    const auto& q = queues_[lane_slot[l]];
    front[l] = q.empty() ? kNone : q.front().seq;
  }
  const auto step = [&](std::uint32_t l, std::uint64_t k) {  // lane l's cursor k bursts on, in its entry
    const auto& q = queues_[lane_slot[l]];
    if ((place[l] += k) == q[entry[l]].count) {
      ++entry[l];
      place[l] = 0;
    }
    front[l] = entry[l] < q.size() ? q[entry[l]].seq + place[l] * q[entry[l]].stride : kNone;
  };
  std::uint64_t n = 0, tag = 0;
  while (n < total) {
    const std::uint32_t l = (tail_.next_bg + std::uint32_t(n)) & mask;
    if (front[l] == kNone) break;
    if (n == 0) tag = queues_[lane_slot[l]][entry[l]].tag;
    // Whole rounds at once: when the lanes' fronts, in round-robin order from l, rise within
    // one stride of `lanes` and every lane's entry is of this request with that stride, each
    // round keeps that order, so every burst is the oldest when its turn comes, for as long
    // as each lane's entry lasts. In the last of those rounds a lane whose entry ends there
    // moves on to its next entry before the later lanes' turns: that round is taken too when
    // each such next entry is younger than the round's last burst (else it goes burst by
    // burst as before).
    std::uint64_t rounds = kNone;
    bool whole = true;
    for (std::uint32_t i = 0; i < lanes_ && whole; ++i) {
      const std::uint32_t li = (l + i) & mask, next = (l + i + 1) & mask;
      if (front[li] == kNone) {
        whole = false;
        break;
      }
      const BufferedBurst& e = queues_[lane_slot[li]][entry[li]];
      const bool rising = i + 1 < lanes_ ? front[li] < front[next] : front[li] < front[l] + lanes_;
      if (e.tag != tag || e.stride != lanes_ || !rising) whole = false;
      else rounds = std::min(rounds, e.count - place[li]);
    }
    if (whole && rounds != kNone) {
      const std::uint64_t last_seq = front[(l + lanes_ - 1) & mask] + (rounds - 1) * lanes_;
      for (std::uint32_t li = 0; li < lanes_; ++li) {
        const auto& q = queues_[lane_slot[li]];
        if (q[entry[li]].count - place[li] == rounds && entry[li] + 1 < q.size() && q[entry[li] + 1].seq < last_seq) {
          --rounds;  // a lane's next entry is older than the last round's last burst
          break;
        }
      }
      if (rounds > 0) {
        for (std::uint32_t li = 0; li < lanes_; ++li) step(li, rounds);
        n += rounds * lanes_;
        continue;
      }
    }
    bool oldest = queues_[lane_slot[l]][entry[l]].tag == tag;
    for (std::uint32_t o = 0; o < lanes_; ++o) oldest &= front[o] >= front[l];
    if (!oldest) break;
    step(l, 1);
    ++n;
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
  std::uint64_t taken[16];
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    const std::uint64_t k = (l - tail_.next_bg) & mask;  // the lane's first place in the run
    taken[l] = part.n > k ? (part.n - 1 - k) / lanes_ + 1 : 0;
  }
  if (log_) {
    std::fill(std::begin(entry), std::end(entry), std::size_t(0));
    std::fill(std::begin(place), std::end(place), std::uint64_t(0));
    for (std::uint64_t j = 0; j < part.n; ++j) {
      const std::uint32_t l = (tail_.next_bg + std::uint32_t(j)) & mask;
      const BufferedBurst& e = queues_[lane_slot[l]][entry[l]];
      log_->push_back({IssuedCommand::cas, e.seq + place[l] * e.stride, lane_slot[l],
                       part.first_cas + Cycle(j) * part.spacing + part.cas_to_end});
      step(l, 1);
    }
  }
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    auto& q = queues_[lane_slot[l]];
    std::uint64_t left = taken[l];
    std::size_t whole = 0;  // entries taken whole
    bool held = false;
    for (; left > 0 && left >= q[whole].count; ++whole) {
      held |= q[whole].holds_slot;
      left -= q[whole].count;
    }
    if (left > 0) {  // the front part of the next entry
      BufferedBurst& e = q[whole];
      held |= e.holds_slot;
      e.holds_slot = false;
      e.seq += left * e.stride;
      e.count -= left;
    }
    q.erase(q.begin(), q.begin() + std::ptrdiff_t(whole));
    if (q.empty()) mark_empty(lane_slot[l]);
    if (held) {
      auto mate = std::find_if(q.begin(), q.end(), [&](const BufferedBurst& o) { return o.tag == tag && o.row == tail_.row; });
      if (mate != q.end()) mate->holds_slot = true;
      else buffer_->remove(lane_slot[l]);
    }
  }
  done(tag, part.first_cas + Cycle(part.n - 1) * part.spacing + part.cas_to_end, part.n);
  held_ -= part.n;
  tail_.count += part.n;
  tail_.next_bg = base | ((tail_.next_bg + std::uint32_t(part.n)) & mask);
  return true;
}

bool BufferedChannel::lanes_admit(std::uint64_t count) const {
  // Each lane's first burst takes a slot (the others join it), each in its own bank (the lanes
  // are distinct bank groups); placed whole, they hand them back. Asked with the buffer empty.
  return buffer_->empty_takes(std::min<std::uint64_t>(count, lanes_));
}

Cycle BufferedChannel::place_alone(const BufferedBurst& b, std::uint64_t count, Cycle now, Cycle run_limit) {
  // advance(now) with only these bursts held: the run is tried first (place_run) and takes them
  // all exactly when the tail continues into b's bank group with b's rank, bank, row and
  // direction (then each burst is the oldest when its turn comes: arrival order is the round
  // robin order), nothing refreshed since, and DramChannel places all of them (no refresh due,
  // CAS by run_limit). After it the scan finds nothing.
  if (held_ != 0 || !run_may_continue(now, run_limit) || lanes_ > 16 || count == 0 || b.arrival > now ||
      b.rank != tail_.rank || b.bank != tail_.bank ||
      b.row != tail_.row || b.write != tail_.write || b.bank_group != tail_.next_bg) {
    return kNever;
  }
  const std::uint32_t mask = lanes_ - 1, base = b.bank_group & ~mask;
  const auto lane_slot = [&](std::uint64_t k) {  // bank slot of the request's k-th burst
    return bank_slot(b.rank, base | ((b.bank_group + std::uint32_t(k)) & mask), b.bank);
  };
  if (!lanes_admit(count)) return kNever;  // admission would wait for space
  const DramChannel::RunPart part =
      ch_.continue_row_hit_run(b.rank, b.bank_group, lanes_, b.bank, b.row, count, b.write, now, run_limit, true);
  if (part.n != count) return kNever;
  if (log_) {
    for (std::uint64_t k = 0; k < count; ++k) {
      log_->push_back({IssuedCommand::cas, next_seq_ + k, lane_slot(k),
                       part.first_cas + Cycle(k) * part.spacing + part.cas_to_end});
    }
  }
  next_seq_ += count;
  tail_.count += count;
  tail_.next_bg = base | ((tail_.next_bg + std::uint32_t(count)) & mask);
  choice_.valid = false;
  return part.first_cas + Cycle(count - 1) * part.spacing + part.cas_to_end;
}

Cycle BufferedChannel::place_replayed(const BufferedBurst& b, std::uint64_t count, Cycle now, Cycle run_limit,
                                      Resume* resume) {
  if (resume) *resume = {};
  if (held_ != 0 || lanes_ == 0 || lanes_ > 16 || count == 0 || b.arrival > now || run_limit == kNoRuns ||
      run_limit < now || !ch_.queue_admits(count, now)) {
    return kNever;
  }
  const std::uint32_t mask = lanes_ - 1, base = b.bank_group & ~mask;
  const auto lane_slot = [&](std::uint32_t l) { return bank_slot(b.rank, base | l, b.bank); };
  if (!lanes_admit(count)) return kNever;
  ch_.catch_up_refresh(now);  // as advance(now) does first
  // 1. The arbiter's steps (cycles relative to now), remembered for the state they depend on or
  // worked out on a copy.
  LoneRequestMemo::Steps steps;
  LoneRequestMemo::Key key;
  const bool keyed = memo_ && count <= std::uint64_t(std::numeric_limits<LoneRequestMemo::Word>::max()) &&
                     ch_.relative_state(b.rank, base, lanes_, b.bank, now, b.row, b.write, key + 2);
  key[0] = LoneRequestMemo::Word(count);
  key[1] = LoneRequestMemo::Word(b.bank_group & mask);
  if (keyed && memo_->find(key, steps)) {
    ++steps_recalled_;
  } else {
    if (!work_out_steps(b, count, now)) return kNever;  // a cycle too far for a Step: the arbiter
    if (keyed) memo_->remember(key, steps_);
    steps = LoneRequestMemo::Steps(steps_.data(), steps_.data() + steps_.size());
  }
  // A later wake-up (a request may arrive before the last command), or a refresh first: the
  // steps' cycles never decrease.
  const Cycle refresh_due = ch_.next_refresh_due();
  if (!steps.empty() && (now + steps.back().at > run_limit || now + steps.back().at >= refresh_due)) return kNever;
  std::uint64_t cas_done = 0;
  Cycle last_cas = 0;
  for (const Step& s : steps) {
    if (s.kind == Step::cas) {
      ++cas_done;
      last_cas = now + s.at;
    }
  }
  std::uint64_t left[16];  // lane l's bursts not yet read or written (step 2)
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    const std::uint64_t k = (l - (b.bank_group & mask)) & mask;
    left[l] = k < count ? (count - k + lanes_ - 1) / lanes_ : 0;
  }
  // The rest: a row-hit run continuing round robin from burst cas_done, one RD/WR every d (every
  // lane has had its RD/WR since the request's last PRE/ACT; place_run's argument).
  const Cycle d = ch_.run_spacing_of(lanes_);
  std::uint64_t rest = count - cas_done;
  const Cycle run_last = last_cas + Cycle(rest) * d;  // the last RD/WR of the whole run
  Cycle resume_at = kNever;
  if (rest > 0 && run_last >= refresh_due && resume) {
    // The run stops before the refresh (place_run, fast_forward); the arbiter's next wake-up is
    // the next RD/WR's cycle, the run's next: the refresh goes first there.
    rest = std::min<std::uint64_t>(rest, std::uint64_t((refresh_due - 1 - last_cas) / d));
    resume_at = last_cas + Cycle(rest + 1) * d;
    if (resume_at > run_limit) return kNever;
  } else if (rest > 0 && (run_last > run_limit || run_last >= refresh_due)) {
    return kNever;
  }

  // 2. The steps on the channel, by the calls advance() makes for them, at their cycles.
  bool classified[16] = {};  // the lane's front burst had its PRE or ACT (its row result is counted)
  // The command log's arrival orders: a step's burst is its lane's next (work_out_steps).
  std::uint64_t front[16];
  for (std::uint32_t l = 0; log_ && l < lanes_; ++l) front[l] = next_seq_ + ((l - (b.bank_group & mask)) & mask);
  BufferedBurst e = b;
  Cycle end = 0;
  for (const Step& s : steps) {
    e.bank_group = base | s.lane;
    const Cycle at = now + s.at;
    if (s.kind == Step::pre) {
      if (log_) log_->push_back({IssuedCommand::pre, front[s.lane], lane_slot(s.lane), at});
      tail_.count = 0;
      ch_.issue_pre_at(b.rank, e.bank_group, b.bank, at, !classified[s.lane]);
      classified[s.lane] = true;
    } else if (s.kind == Step::act) {
      if (log_) log_->push_back({IssuedCommand::act, front[s.lane], lane_slot(s.lane), at});
      tail_.count = 0;
      ch_.issue_act_at(b.rank, e.bank_group, b.bank, b.row, at, !classified[s.lane]);
      classified[s.lane] = true;
    } else {
      const std::uint64_t refs = ch_.counters().ref;
      end = ch_.issue_cas_at(b.rank, e.bank_group, b.bank, b.write, at, !page_->precharge_after(left[s.lane] > 1),
                             !classified[s.lane]);
      if (log_) {
        log_->push_back({IssuedCommand::cas, front[s.lane], lane_slot(s.lane), end});
        front[s.lane] += lanes_;
      }
      note_cas(e, refs);
      classified[s.lane] = false;
      --left[s.lane];
    }
  }
  if (rest > 0) {
    const std::uint32_t next_bg = base | ((b.bank_group + std::uint32_t(cas_done)) & mask);
    const DramChannel::RunPart part =
        ch_.continue_row_hit_run(b.rank, next_bg, lanes_, b.bank, b.row, rest, b.write, now, run_limit, true);
    if (part.n != rest || part.first_cas != last_cas + d) mismatch("a row-hit run", part.first_cas, last_cas + d);
    for (std::uint64_t j = 0; log_ && j < rest; ++j) {
      log_->push_back({IssuedCommand::cas, next_seq_ + cas_done + j,
                       lane_slot((b.bank_group + std::uint32_t(cas_done + j)) & mask),
                       part.first_cas + Cycle(j) * d + part.cas_to_end});
    }
    end = part.first_cas + Cycle(rest - 1) * d + part.cas_to_end;
    tail_.count += rest;  // as place_run leaves it
    tail_.next_bg = base | ((tail_.next_bg + std::uint32_t(rest)) & mask);
  }
  next_seq_ += cas_done + rest;
  choice_.valid = false;
  if (resume_at != kNever) *resume = {cas_done + rest, resume_at};
  return end;
}

bool BufferedChannel::work_out_steps(const BufferedBurst& b, std::uint64_t count, Cycle now) {
  // Cycles relative to now. Among the lanes' next commands the earliest, RD/WR before PRE/ACT on a tie, then the oldest
  // (a lane's next burst is its front: burst k is in lane (b.bank_group + k) & mask, arrival
  // order k). Nothing else is held, so each bank's pick is its front and these are advance()'s
  // choices, command by command, until every burst is read or written, or until the RD/WRs
  // since the last PRE/ACT form a whole round in arrival order with every earlier burst done.
  const std::uint32_t mask = lanes_ - 1;
  const std::uint32_t first_lane = b.bank_group & mask;
  DramChannel::LaneTimer timer(ch_, b.rank, b.bank_group & ~mask, lanes_, b.bank);
  std::uint64_t front[16];  // lane l's next burst (count: none)
  for (std::uint32_t l = 0; l < lanes_; ++l) {
    const std::uint64_t k = (l - first_lane) & mask;
    front[l] = k < count ? k : count;
  }
  const bool runs = ch_.runs_possible(lanes_);
  steps_.clear();
  bool fits = true;  // every step's cycle fits a Step
  const auto step = [&](Step::Kind kind, std::uint32_t lane, Cycle at) {
    fits &= at - now <= std::numeric_limits<decltype(Step::at)>::max();  // now <= at
    steps_.push_back({kind, std::uint8_t(lane), decltype(Step::at)(at - now)});
  };
  // round: the RD/WRs since the last PRE/ACT that issued in arrival order, one after another,
  // up to the last one (k_last). Once they make a whole round and every earlier burst is done,
  // the rest follows as a row-hit run (place_replayed).
  std::uint64_t cas_done = 0, round = 0, k_last = 0;
  Cycle t = now;
  while (cas_done < count && !(runs && round >= lanes_ && cas_done == k_last + 1)) {
    // The least (cycle, RD/WR before PRE/ACT, arrival order).
    std::uint32_t best_lane = 16;
    Cycle at = 0;
    bool hit = false;  // the best's is an RD/WR
    for (std::uint32_t l = 0; l < lanes_; ++l) {
      if (front[l] >= count) continue;
      const DramChannel::NextCommand c = timer.next(l, b.row, b.write, b.arrival);
      const Cycle a = std::max(t, c.at);
      if (best_lane == 16 || a < at || (a == at && (c.hit > hit || (c.hit == hit && front[l] < front[best_lane])))) {
        best_lane = l;
        at = a;
        hit = c.hit;
      }
    }
    const std::uint64_t k = front[best_lane];
    t = at;
    if (!hit && timer.open_row(best_lane)) {
      timer.precharge(best_lane, at);
      step(Step::pre, best_lane, at);
      round = 0;
    } else if (!hit) {
      timer.activate(best_lane, b.row, at);
      step(Step::act, best_lane, at);
      round = 0;
    } else {
      timer.read_write(best_lane, b.write, at);
      step(Step::cas, best_lane, at);
      round = round > 0 && k == k_last + 1 ? round + 1 : 1;
      k_last = k;
      ++cas_done;
      front[best_lane] += lanes_;
    }
  }
  return fits;
}

void BufferedChannel::mismatch(const char* what, Cycle channel, Cycle worked_out) {
  throw std::logic_error(std::string("fr_fcfs: ") + what + " of a request placed alone lands at cycle " +
                         std::to_string(channel) + ", the arbiter's steps worked out " + std::to_string(worked_out));
}

Cycle BufferedChannel::advance(Cycle now, const Done& done, Cycle run_limit) {
  // A refresh due by now is performed before any choice (it has priority, as DRAMSys's refresh
  // manager's), so the arbiter chooses on the banks as the refresh leaves them.
  ch_.catch_up_refresh(now);
  bool run_placed = false;
  for (;;) {
    // A row-hit run that can continue now needs no scan: its next burst is the arbiter's
    // choice (place_run), at now or later. Once per call; otherwise tried below when no
    // command can issue now.
    const bool try_run_first = !run_placed && lanes_ != 0 && tail_.count >= lanes_;
    if (try_run_first && place_run(now, run_limit, done)) {
      run_placed = true;
      continue;
    }
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
    const auto consider = [&](std::size_t slot) {
      const auto& q = queues_[slot];
      std::size_t i = 0;  // one entry: the only choice
      if (q.size() > 1) {
        const BufferedBurst& f = q.front();
        i = scheduler_->pick(q, ch_.open_row(f.rank, f.bank_group, f.bank));
      }
      const BufferedBurst& e = q[i];
      const DramChannel::NextCommand c =
          ch_.next_command(e.rank, e.bank_group, e.bank, e.row, e.write, std::max(e.arrival, now));
      const std::tuple<Cycle, int, std::uint64_t> key{c.at, c.hit ? 0 : 1, e.seq};
      if (!found || key < best) {
        best = key;
        best_slot = slot;
        best_idx = i;
        found = true;
      }
    };
    if (!chosen && queues_.size() <= 64) {  // the banks holding bursts, in bank order
      for (std::uint64_t m = nonempty_; m != 0; m &= m - 1) consider(std::size_t(__builtin_ctzll(m)));
    } else {
      for (std::size_t slot = 0; !chosen && slot < queues_.size(); ++slot) {
        if (!queues_[slot].empty()) consider(slot);
      }
    }
    if (!found) return kNever;
    if (std::get<0>(best) > now) {
      if (!run_placed && !try_run_first) {  // (tried above if the tail allowed it: nothing changed since)
        run_placed = true;
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
      bool more = e.count > 1;
      for (std::size_t j = 0; j < q.size(); ++j) more |= j != best_idx && q[j].row == e.row;
      const std::uint64_t refs = ch_.counters().ref;
      const DramChannel::Result r = ch_.access(e.rank, e.bank_group, e.bank, e.row, e.write, t,
                                               !page_->precharge_after(more), !e.classified);
      note_cas(e, refs);
      if (log_) log_->push_back({IssuedCommand::cas, e.seq, best_slot, r.data_end});
      const std::uint64_t tag = e.tag;
      const std::uint32_t row = e.row;
      const bool slot_held = e.holds_slot;
      if (e.count > 1) {  // the entry's next burst is its front now
        e.seq += e.stride;
        --e.count;
        e.classified = false;
        e.holds_slot = false;
      } else {
        q.erase(q.begin() + std::ptrdiff_t(best_idx));
        if (q.empty()) mark_empty(best_slot);
      }
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
