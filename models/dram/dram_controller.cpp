#include "dram_controller.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/observation_horizon.h"

namespace sushi::dram {
namespace {

const DramParams& validated(const DramParams& p) {
  validate(p);
  return p;
}

}  // namespace

DramController::DramController(sc_core::sc_module_name name, const DramParams& params,
                               EnergyLedger& ledger)
    : sc_core::sc_module(name),
      socket("socket"),
      params_(validated(params)),
      mapper_(params.spec, params.mapping),
      clock_(params.spec.clock_hz),
      ledger_(ledger),
      stats_(params.spec.org.channels) {
  socket.register_b_transport(this, &DramController::b_transport);
  socket.register_transport_dbg(this, &DramController::transport_dbg);
  const bool in_order = make_scheduler(params_.scheduler)->in_order();
  for (std::uint32_t i = 0; i < params_.spec.org.channels; ++i) {
    // Out of order, the request buffer bounds what the controller holds, not the queue window.
    channels_.push_back(std::make_unique<DramChannel>(params_.spec, params_.page_policy,
                                                      in_order ? params_.queue_depth : 4096, params_.refresh));
    if (!in_order) {
      buffered_.push_back(std::make_unique<BufferedChannel>(*channels_.back(), params_.spec, params_.scheduler,
                                                            params_.buffer, params_.buffer_size, params_.page_policy));
    }
    energy_ids_.push_back(declare_channel_energy(ledger_, std::string(this->name()) + ".ch" + std::to_string(i),
                                                 params_.spec, params_.refresh));
    channels_.back()->set_energy(energy_ids_.back());
  }
  if (!in_order) {
    SC_HAS_PROCESS(DramController);
    SC_METHOD(schedule_method);
    sensitive << wake_;
    dont_initialize();
  }
  const double res_ps = sc_core::sc_get_time_resolution().to_seconds() * 1e12;
  if (res_ps < 1.0 || std::fabs(res_ps - std::round(res_ps)) > 1e-6) {
    throw std::logic_error(std::string(this->name()) + ": SystemC time resolution must be a whole number of ps");
  }
  ps_per_tick_ = static_cast<std::uint64_t>(std::llround(res_ps));
  ledger_.add_source(this);

  if (params_.page_policy == PagePolicy::open) {
    bool seen_col = false, ok = true;
    std::uint32_t pos = 0, bg_bits = 0, ch_bits = 0;
    for (const auto& seg : mapper_.spec().segments) {
      if (seg.field == AddrField::column) {
        seen_col = true;
      } else if (seg.field == AddrField::bank_group) {
        if (seen_col) { ok = false; break; }
        bg_bits += seg.bits;
      } else if (seg.field == AddrField::channel) {
        block_ch_.push_back({pos, seg.bits, ch_bits});
        ch_bits += seg.bits;
      } else {
        break;
      }
      pos += seg.bits;
    }
    // XOR hashing permutes the bank groups a block visits: such blocks go burst by burst.
    block_path_ = ok && pos > 0 && bg_bits <= 4 && mapper_.spec().hashing == BankHashing::none;
    block_bits_ = pos;
    lanes_ = 1u << bg_bits;
    block_ch_bits_ = ch_bits;
  }
  for (auto& b : buffered_) b->set_run_lanes(block_path_ ? lanes_ : 0);
}

void DramController::note_part(std::uint32_t channel, bool write, std::uint64_t bytes, Cycle data_end) {
  ChannelStats& s = stats_[channel];
  (write ? s.bytes_written : s.bytes_read) += bytes;
  if (!s.txn_touched || data_end > s.txn_end) s.txn_end = data_end;
  s.txn_touched = true;
}

void DramController::note_done(ChannelStats& s, bool write, std::uint64_t arrival_ps, std::uint64_t end_ps) {
  s.latency.add(end_ps - arrival_ps);
  ++(write ? s.requests_written : s.requests_read);
  s.first_arrival_ps = std::min(s.first_arrival_ps, arrival_ps);
  s.last_end_ps = std::max(s.last_end_ps, end_ps);
}

void DramController::access_bursts(std::uint64_t addr, std::uint64_t len, std::uint64_t first,
                                   std::uint64_t last, bool write, Cycle arrival) {
  const std::uint32_t ob = mapper_.offset_bits();
  const bool closed = params_.page_policy == PagePolicy::closed;
  for (std::uint64_t b = first; b <= last; ++b) {
    const DramCoord c = mapper_.decode(b << ob);
    const bool keep = closed && keep_row_open(b, last, c);
    const DramChannel::Result r =
        channels_[c.channel]->access(c.rank, c.bank_group, c.bank, c.row, write, arrival, keep);
    const std::uint64_t lo = std::max(addr, b << ob), hi = std::min(addr + len, (b + 1) << ob);
    note_part(c.channel, write, hi - lo, r.data_end);
  }
}

void DramController::access_blocks(std::uint64_t addr, std::uint64_t len, std::uint64_t first,
                                   std::uint64_t last, bool write, Cycle arrival) {
  // Channels are independent, so each channel's bursts of a block can be scheduled together
  // (in address order) without changing any result.
  const std::uint32_t ob = mapper_.offset_bits();
  const std::uint64_t block = std::uint64_t(1) << block_bits_;
  for (std::uint64_t b = first; b <= last;) {
    const std::uint64_t bs = b & ~(block - 1), be = bs + block - 1;
    const std::uint64_t e = std::min(last, be);
    if (block_ch_bits_ == 0) {
      const DramCoord c = mapper_.decode(b << ob);
      const Cycle end = channels_[c.channel]->access_stream(c.rank, c.bank_group, lanes_, c.bank, c.row,
                                                             e - b + 1, write, arrival);
      const std::uint64_t lo = std::max(addr, b << ob), hi = std::min(addr + len, (e + 1) << ob);
      note_part(c.channel, write, hi - lo, end);
    } else if (b == bs && e == be && (bs << ob) >= addr && ((be + 1) << ob) <= addr + len) {
      // A whole block: 2^(block_bits - channel bits) bursts per channel value.
      const std::uint64_t n = block >> block_ch_bits_;
      for (std::uint32_t cv = 0; cv < (1u << block_ch_bits_); ++cv) {
        std::uint64_t fb = bs;
        for (const auto& cb : block_ch_) fb |= std::uint64_t((cv >> cb.shift) & ((1u << cb.bits) - 1)) << cb.pos;
        const DramCoord c = mapper_.decode(fb << ob);
        const Cycle end = channels_[c.channel]->access_stream(c.rank, c.bank_group, lanes_, c.bank, c.row, n,
                                                               write, arrival);
        note_part(c.channel, write, n << ob, end);
      }
    } else {
      access_bursts(addr, len, b, e, write, arrival);
    }
    b = e + 1;
  }
}

std::uint64_t DramController::access_buffered(std::uint64_t addr, std::uint64_t len, bool write,
                                              std::uint64_t arrival_ps, std::uint64_t inline_limit_ps,
                                              HeldCall* held) {
  // inline_limit_ps != 0: the request is taken at its arrival while the kernel is still before
  // it (see inline_limit_ps()); the first wait, if any, brings the kernel there.
  bool at_arrival = inline_limit_ps == 0;
  const std::uint32_t ob = mapper_.offset_bits();
  const std::uint64_t first = addr >> ob, last = (addr + len - 1) >> ob;
  // A request's record comes from the pool of finished ones (its event and vectors are built
  // once, not per request) and goes back when the request is done. Its address is the bursts'
  // tag: unique among the requests in flight, as the stack record's address was.
  RequestLease lease(*this);
  BufferedRequest& req = *lease.req;
  req.remaining = last - first + 1;  // before any burst can complete
  std::fill(req.ch_end.begin(), req.ch_end.end(), kNever);
  std::fill(req.ch_bytes.begin(), req.ch_bytes.end(), 0);
  const std::uint64_t ticket = tickets_issued_++;
  const std::uint64_t tag = reinterpret_cast<std::uintptr_t>(&req);
  // With the mapping's block structure on one channel (see the constructor), a block's bursts
  // share channel, rank, bank and row and visit the lanes' bank groups round robin: one decode
  // per block gives every burst's coordinates (the same as decoding each; test
  // DramRunAhead.BlockAdmissionMatchesDecodingEveryBurst).
  const bool by_block = block_path_ && block_ch_bits_ == 0 && !decode_every_burst_;
  const std::uint64_t block_mask = (std::uint64_t(1) << block_bits_) - 1;
  const std::uint32_t lane_mask = lanes_ - 1;
  DramCoord c{};
  std::uint32_t bg0 = 0;
  std::uint64_t b0 = first;
  Cycle arrival = clock_.cycle_at_or_after(arrival_ps);
  const auto burst_at = [&] {  // the burst at coordinates c arriving now
    BufferedBurst burst;
    burst.tag = tag;
    burst.rank = c.rank;
    burst.bank_group = c.bank_group;
    burst.bank = c.bank;
    burst.row = c.row;
    burst.write = write;
    burst.arrival = arrival;
    return burst;
  };
  // Alone in the controller (taken at its arrival, see inline_limit_ps) and inside one block:
  // when its bursts continue the last row-hit run, the scheduler's step at the arrival would
  // admit them and place them all as that run; BufferedChannel::place_alone does so without
  // buffering them, with that step's settle cap and run limit. Otherwise BufferedChannel::
  // place_replayed works out the scheduler's steps for it and issues the same commands without
  // buffering it, when they all fall before the run limit and the next refresh. With one tick
  // per ps, a row-hit run that meets a refresh is placed up to it, and the rest from the
  // arbiter's next wake-up on (the step schedule_from would take there: its settle cap, the
  // refresh first): by its steps again, or else admitted there and scheduled from there.
  bool placed = false;
  std::uint64_t b_from = first;  // the first burst the admission below takes
  std::uint64_t start_ps = arrival_ps;  // where schedule_from starts with them
  if (!at_arrival && block_path_ && block_ch_bits_ == 0 && (first >> block_bits_) == (last >> block_bits_)) {
    c = mapper_.decode(first << ob);
    bg0 = c.bank_group;
    settle_cap_at(arrival_ps, clock_.cycle_at_or_before(arrival_ps));
    BufferedChannel& bc = *buffered_[c.channel];
    const Cycle run_limit = run_limit_at(inline_limit_ps, arrival_ps);
    const std::uint64_t n = last - first + 1;
    std::uint64_t k0 = 0;  // bursts placed
    Cycle end = bc.place_alone(burst_at(), n, arrival, run_limit);
    if (end != kNever) {
      ++requests_alone_;
      k0 = n;
    } else {
      BufferedChannel::Resume resume;
      BufferedBurst from = burst_at();
      for (Cycle e; (e = bc.place_replayed(from, n - k0, arrival, run_limit, ps_per_tick_ == 1 ? &resume : nullptr)) !=
                    kNever;) {
        end = e;
        if (resume.at == kNever) {
          k0 = n;
          ++requests_replayed_;
          break;
        }
        k0 += resume.bursts;
        arrival = resume.at;
        start_ps = clock_.edge_ps(arrival);
        settle_cap_at(start_ps, arrival);
        from.bank_group = (bg0 & ~lane_mask) | ((bg0 + std::uint32_t(k0)) & lane_mask);
        from.arrival = arrival;
      }
    }
    if (k0 > 0) {
      placed = k0 == n;
      req.remaining = n - k0;
      req.ch_end[c.channel] = end;
      req.ch_bytes[c.channel] = std::min(addr + len, (first + k0) << ob) - addr;
      b_from = first + k0;
    }
  }
  for (std::uint64_t b = b_from; !placed && b <= last; ++b) {
    if (!by_block || b == b_from || (b & block_mask) == 0) {
      c = mapper_.decode(b << ob);
      bg0 = c.bank_group;
      b0 = b;
    } else {
      c.bank_group = (bg0 & ~lane_mask) | ((bg0 + std::uint32_t(b - b0)) & lane_mask);
    }
    BufferedChannel& bc = *buffered_[c.channel];
    if (by_block && b - b0 >= lanes_ && bc.lanes_join_last(tag, c.rank, c.bank_group, lanes_, c.bank, c.row)) {
      // The rest of the block: every lane's bank holds this request's burst to the row as its
      // last, so each burst joins it (no slot, no wait): admitted at once, as one by one.
      const std::uint64_t e = std::min(last, b | block_mask);
      bc.admit_joining(burst_at(), lanes_, e - b + 1);
      req.ch_bytes[c.channel] += std::min(addr + len, (e + 1) << ob) - std::max(addr, b << ob);
      b = e;
      continue;
    }
    // Back-pressure, first come first served: requests enter in the order they reached the
    // controller, all bursts of one before the next (a controller's input FIFO).
    if (ticket != tickets_admitted_ || !bc.can_admit(tag, c.rank, c.bank_group, c.bank, c.row)) {
      if (!at_arrival) {  // the kernel goes to the arrival first, as the wait in b_transport would have
        at_arrival = true;
        if (arrival_ps > now_ps()) sc_core::wait(sc_core::sc_time::from_value((arrival_ps - now_ps()) / ps_per_tick_));
      }
      do {
        if (b > first) wake_.notify(sc_core::SC_ZERO_TIME);  // the bursts admitted so far
        sc_core::wait(space_);
      } while (ticket != tickets_admitted_ || !bc.can_admit(tag, c.rank, c.bank_group, c.bank, c.row));
      arrival = clock_.cycle_at_or_after(now_ps());
    }
    bc.admit(burst_at());
    req.ch_bytes[c.channel] += std::min(addr + len, (b + 1) << ob) - std::max(addr, b << ob);
  }
  ++tickets_admitted_;
  // Answered early (common/held_call.h): taken at its arrival and placed whole there, the request's
  // end is final, and when nothing else in the kernel happens up to it (inline_limit_ps, taken
  // before this request's own notifications), holding the call changes nothing but the thread
  // switch: the initiator is told to act from the end on instead, and its wake-up is dropped
  // (a request placed alone or by its steps: never notified).
  const auto answer_early = [&] {
    if (!held || at_arrival || req.remaining != 0) return false;
    const std::uint64_t end_ps = clock_.edge_ps(*std::max_element(req.ch_end.begin(), req.ch_end.end()));  // (kNever < any end)
    const std::uint64_t resume_ps = (end_ps + ps_per_tick_ - 1) / ps_per_tick_ * ps_per_tick_;
    if (resume_ps >= inline_limit_ps) return false;
    held->until_ps = resume_ps;
    held_until_ps_ = std::max(held_until_ps_, resume_ps);
    ++requests_answered_;
    return true;
  };
  bool answered = false;
  if (placed) {
    answered = answer_early();
    if (!answered) notify_done(req, clock_.edge_ps(req.ch_end[c.channel]), now_ps());
  } else if (at_arrival) {
    wake_.notify(sc_core::SC_ZERO_TIME);  // the scheduler looks at the new bursts in the next delta
    space_.notify(sc_core::SC_ZERO_TIME);  // the next request in line may fit as well
  } else {
    // What schedule_method would do at the arrival (running ahead: nothing else is pending, no
    // one waits for space), done here; the initiator is woken at its data end as ever.
    schedule_from(now_ps(), start_ps, true, inline_limit_ps);
    answered = answer_early();
    if (answered) req.done.cancel();
  }
  if (!answered) sc_core::wait(req.done);
  std::uint64_t end_ps = 0;  // the last channel's end (edge_ps is monotonic); the kernel's time is its first tick now
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    if (req.ch_end[i] == kNever) continue;
    ChannelStats& s = stats_[i];
    (write ? s.bytes_written : s.bytes_read) += req.ch_bytes[i];
    const std::uint64_t ch_end_ps = clock_.edge_ps(req.ch_end[i]);
    note_done(s, write, arrival_ps, ch_end_ps);
    end_ps = std::max(end_ps, ch_end_ps);
  }
  latency_.add(end_ps - arrival_ps);
  return end_ps;
}

void DramController::schedule_method() {
  // Issues the commands due now; then sleeps until the next one falls due, where a request
  // arriving in between could change the choice. When nothing else in the kernel can run before
  // that command (no other process runnable now, no initiator waiting for buffer space, the
  // kernel's next activity and the end of every request completed here are later), no request
  // can arrive before it: the same step is taken at once instead of waking the kernel, with the
  // settle cap and arrival cycle the wake-up would have had, and row-hit runs are placed up to
  // that horizon (BufferedChannel::advance). Initiators are notified as the wake-ups would have
  // (they wait until their data end either way). So the schedule is the same command by command
  // (tests DramRunAhead.MatchesEventPerCommand*), with a kernel event per request
  // rather than per command.
  const std::uint64_t now = now_ps();
  const bool ahead = !event_per_command_ && tickets_issued_ == tickets_admitted_ &&
                     !sc_core::sc_pending_activity_at_current_time();
  // A reading from outside the kernel (power window, stop time) is a horizon too.
  schedule_from(now, now, ahead, ahead ? std::min(next_activity_ps(), std::max(ObservationHorizon::ps(), now)) : 0);
}

void DramController::settle_cap_at(std::uint64_t step_ps, Cycle cap) {
  if (step_ps == cap_now_ps_) return;
  cap_now_ps_ = step_ps;
  for (auto& ch : channels_) ch->set_settle_cap(cap);
}

Cycle DramController::run_limit_at(std::uint64_t limit_ps, std::uint64_t step_ps) const {
  // A run's commands must be issued by wake-ups before limit_ps: cycles starting by limit - tick.
  return limit_ps >= step_ps + ps_per_tick_ ? clock_.cycle_at_or_before(limit_ps - ps_per_tick_)
                                            : BufferedChannel::kNoRuns;
}

void DramController::notify_done(BufferedRequest& r, std::uint64_t end_ps, std::uint64_t now) {
  // The initiator resumes at the first tick at or after the data end.
  r.done.notify(end_ps > now ? sc_core::sc_time::from_value((end_ps - now + ps_per_tick_ - 1) / ps_per_tick_)
                             : sc_core::SC_ZERO_TIME);
}

std::uint64_t DramController::next_activity_ps() const {
  const std::uint64_t now = now_ps();
  const std::uint64_t to = sc_core::sc_time_to_pending_activity().value();
  const std::uint64_t max = ~std::uint64_t(0);
  return to > (max - now) / ps_per_tick_ ? max : now + to * ps_per_tick_;
}

std::uint64_t DramController::inline_limit_ps(std::uint64_t arrival_ps) const {
  // The request may be taken at its arrival without the kernel going there when the kernel
  // would do nothing else up to then: no initiator waits for buffer space, no burst is
  // buffered (so no scheduler wake-up is pending), nothing else can run now, and the kernel's
  // next activity and the next outside reading are later than the arrival. schedule_method at
  // the arrival would then run ahead up to the earlier of the two, which is returned (0: not so).
  if (event_per_command_ || tickets_issued_ != tickets_admitted_) return 0;
  for (const auto& b : buffered_) {
    if (!b->empty()) return 0;
  }
  // (Activity pending now makes next_activity_ps() now, which is not after the arrival.)
  const std::uint64_t limit = std::min(next_activity_ps(), ObservationHorizon::ps());
  return limit > arrival_ps ? limit : 0;
}

void DramController::schedule_from(std::uint64_t now, std::uint64_t start_ps, bool ahead, std::uint64_t limit_ps) {
  using sc_core::sc_time;
  // What the completions of one step see and change; the callback captures only it and this
  // (no allocation per call). now_ps is the kernel's time (notifications are relative to it).
  struct StepState {
    std::uint64_t now_ps;
    std::uint64_t limit_ps = 0;  // a request may arrive from then on
    std::size_t channel = 0;
    bool freed = false;
  } st{now, limit_ps};
  const BufferedChannel::Done on_done = [this, &st](std::uint64_t tag, Cycle data_end, std::uint64_t bursts) {
    auto* r = reinterpret_cast<BufferedRequest*>(static_cast<std::uintptr_t>(tag));
    r->ch_end[st.channel] = std::max(r->ch_end[st.channel], data_end);
    if ((r->remaining -= bursts) == 0) {
      // Its initiator resumes at its data end (the first tick at or after it) and may send
      // the next request then: woken there directly (access_buffered).
      const Cycle end = *std::max_element(r->ch_end.begin(), r->ch_end.end());
      const std::uint64_t end_ps = clock_.edge_ps(end);
      notify_done(*r, end_ps, st.now_ps);
      st.limit_ps = std::min(st.limit_ps, end_ps);
    }
    st.freed = true;
  };
  // A step at step_ps works at cycle c (the first at or after it) with the settle cap `cap` (the
  // last at or before it). Steps after the first are at the edge of a cycle, where both are that
  // cycle when a tick is 1 ps (the wake-up is the edge itself): no conversion per step then.
  std::uint64_t step_ps = start_ps;
  Cycle c = clock_.cycle_at_or_after(step_ps), cap = clock_.cycle_at_or_before(step_ps);
  std::uint64_t run_limit_for = 0;  // the limit run_limit_cycle was found for (0: none yet)
  Cycle run_limit_cycle = BufferedChannel::kNoRuns;
  for (;;) {
    settle_cap_at(step_ps, cap);
    Cycle next = kNever;
    st.freed = false;
    for (std::size_t i = 0; i < buffered_.size(); ++i) {
      Cycle run_limit = BufferedChannel::kNoRuns;  // run_limit_at(st.limit_ps, step_ps), converted once per limit
      if (ahead && st.limit_ps >= step_ps + ps_per_tick_) {
        if (st.limit_ps != run_limit_for) {
          run_limit_for = st.limit_ps;
          run_limit_cycle = clock_.cycle_at_or_before(st.limit_ps - ps_per_tick_);
        }
        run_limit = run_limit_cycle;
      }
      st.channel = i;
      const Cycle n = buffered_[i]->advance(c, on_done, run_limit);
      if (n != kNever && (next == kNever || n < next)) next = n;
    }
    // (Only initiators waiting for buffer space listen: none when every ticket is admitted.)
    if (st.freed && tickets_issued_ != tickets_admitted_) space_.notify(sc_core::SC_ZERO_TIME);
    if (next == kNever) return;
    const std::uint64_t at = clock_.edge_ps(next);
    const std::uint64_t wake_ps =
        ps_per_tick_ == 1 ? at : step_ps + (at - step_ps + ps_per_tick_ - 1) / ps_per_tick_ * ps_per_tick_;
    if (!ahead || wake_ps >= st.limit_ps) {
      wake_.notify(sc_time::from_value((wake_ps - now) / ps_per_tick_));
      return;
    }
    step_ps = wake_ps;
    if (ps_per_tick_ == 1) {
      c = cap = next;  // step_ps is where cycle `next` starts (cycles are >= 1 ps: none else starts there)
    } else {
      c = clock_.cycle_at_or_after(step_ps);
      cap = clock_.cycle_at_or_before(step_ps);
    }
  }
}

DramController::~DramController() { ledger_.remove_source(this); }

std::uint64_t DramController::now_ps() const { return sc_core::sc_time_stamp().value() * ps_per_tick_; }

bool DramController::keep_row_open(std::uint64_t burst, std::uint64_t last_burst, const DramCoord& c) const {
  // Closed-page policy keeps a row open while the same request has another burst to it within
  // the next 8 bursts (the controller sees them queued together).
  const std::uint64_t stop = std::min(last_burst, burst + 8);
  for (std::uint64_t b = burst + 1; b <= stop; ++b) {
    const DramCoord n = mapper_.decode(b << mapper_.offset_bits());
    if (n.channel == c.channel && n.rank == c.rank && n.bank_group == c.bank_group && n.bank == c.bank &&
        n.row == c.row) {
      return true;
    }
  }
  return false;
}

std::uint64_t DramController::access_ps(std::uint64_t addr, std::uint64_t len, bool write,
                                        std::uint64_t arrival_ps) {
  if (len == 0 || addr >= capacity() || len > capacity() - addr) {
    throw std::out_of_range("DRAM access outside 0 .. capacity-1");
  }
  const Cycle arrival = clock_.cycle_at_or_after(arrival_ps);
  const std::uint32_t ob = mapper_.offset_bits();
  const std::uint64_t first = addr >> ob, last = (addr + len - 1) >> ob;
  if (block_path_ && block_ch_bits_ == 0 && last > first && (first >> block_bits_) == (last >> block_bits_)) {
    // One block of one channel (a DMA burst, typically): what access_blocks and the loop below
    // do for it, without their generality.
    const DramCoord c = mapper_.decode(first << ob);
    const Cycle data_end = channels_[c.channel]->access_stream(c.rank, c.bank_group, lanes_, c.bank, c.row,
                                                                last - first + 1, write, arrival);
    ChannelStats& s = stats_[c.channel];
    (write ? s.bytes_written : s.bytes_read) += len;
    const std::uint64_t end_ps = clock_.edge_ps(data_end);  // data ends after the arrival
    note_done(s, write, arrival_ps, end_ps);
    latency_.add(end_ps - arrival_ps);
    return end_ps;
  }
  if (block_path_ && last > first) access_blocks(addr, len, first, last, write, arrival);
  else access_bursts(addr, len, first, last, write, arrival);
  Cycle end = arrival;
  std::uint64_t end_ps = 0;  // edge_ps(end) once end passes arrival (each edge converted once)
  for (auto& s : stats_) {
    if (!s.txn_touched) continue;
    s.txn_touched = false;
    const std::uint64_t e = clock_.edge_ps(s.txn_end);
    if (s.txn_end > end) {
      end = s.txn_end;
      end_ps = e;
    }
    note_done(s, write, arrival_ps, e);
  }
  if (end == arrival) end_ps = clock_.edge_ps(end);
  latency_.add(end_ps - arrival_ps);
  return end_ps;
}

void DramController::b_transport(int, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const tlm::tlm_command cmd = gp.get_command();
  if (cmd == tlm::TLM_IGNORE_COMMAND) {
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return;
  }
  const std::uint64_t addr = gp.get_address();
  const std::uint64_t len = gp.get_data_length();
  if (len == 0 || addr >= capacity() || len > capacity() - addr) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  if (gp.get_streaming_width() < len) {
    gp.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  const bool write = cmd == tlm::TLM_WRITE_COMMAND;
  unsigned char* data = gp.get_data_ptr();
  const unsigned char* be = gp.get_byte_enable_ptr();
  const unsigned be_len = gp.get_byte_enable_length();
  if (gp.get_extension<TimingOnly>() == nullptr) {  // timing-only: contents stay as they are
    if (be) {
      if (write) mem_.write_masked(addr, data, len, be, be_len);
      else mem_.read_masked(addr, data, len, be, be_len);
    } else {
      if (write) mem_.write(addr, data, len);
      else mem_.read(addr, data, len);
    }
  }
  const std::uint64_t now = now_ps();
  const std::uint64_t arrival = now + delay.value() * ps_per_tick_;
  // Requests settle standby time up to the kernel's time at most: the time the calling thread
  // stands at, which is later than the kernel's while it goes on after an early answer (no other
  // thread can call before the kernel gets there).
  const std::uint64_t thread_now = std::max(now, held_until_ps_);
  if (thread_now != cap_now_ps_) {
    cap_now_ps_ = thread_now;
    const Cycle cap = clock_.cycle_at_or_before(thread_now);
    for (auto& ch : channels_) ch->set_settle_cap(cap);
  }
  const double e0 = observer_ ? dynamic_energy_pj() : 0.0;
  std::uint64_t done;
  std::uint64_t arrival_at = arrival;
  if (buffered_.empty()) {
    done = access_ps(addr, len, write, arrival);
  } else {
    // Out of order needs the kernel at the arrival, unless nothing else happens before it
    // (inline_limit_ps): then the request is admitted and scheduled at its arrival from here.
    delay = sc_core::SC_ZERO_TIME;
    if (const std::uint64_t limit = inline_limit_ps(arrival)) {
      ++requests_inline_;
      done = access_buffered(addr, len, write, arrival, limit, gp.get_extension<HeldCall>());
    } else {
      if (arrival > now) sc_core::wait(sc_core::sc_time::from_value((arrival - now) / ps_per_tick_));
      arrival_at = now_ps();
      done = access_buffered(addr, len, write, arrival_at, 0, nullptr);
    }
  }
  const std::uint64_t now_end = now_ps();
  if (observer_) {
    DramTransactionRecord r;
    r.dram = name();
    r.arrival_ps = arrival_at;
    r.done_ps = done;
    r.addr = addr;
    r.bytes = len;
    r.write = write;
    r.energy_pj = dynamic_energy_pj() - e0;
    r.tag = gp.get_extension<TraceTag>();
    observer_->on_dram_transaction(r);
  }
  delay = sc_core::sc_time::from_value(ps_per_tick_ == 1 ? done - now_end : (done - now_end) / ps_per_tick_);
  gp.set_dmi_allowed(false);
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned DramController::transport_dbg(int, tlm::tlm_generic_payload& gp) {
  const std::uint64_t addr = gp.get_address();
  std::uint64_t len = gp.get_data_length();
  if (addr >= capacity()) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return 0;
  }
  len = std::min<std::uint64_t>(len, capacity() - addr);
  if (gp.get_command() == tlm::TLM_WRITE_COMMAND) mem_.write(addr, gp.get_data_ptr(), len);
  else if (gp.get_command() == tlm::TLM_READ_COMMAND) mem_.read(addr, gp.get_data_ptr(), len);
  else len = 0;
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return static_cast<unsigned>(len);
}

void DramController::settle() const {
  Cycle horizon = clock_.cycle_at_or_after(now_ps());
  for (const auto& ch : channels_) horizon = std::max(horizon, ch->last_data_end());
  for (const auto& ch : channels_) ch->settle(horizon);
}

void DramController::accrue(std::uint64_t t_ps) {
  // Refresh only up to the kernel's time: a request may still arrive at any later time.
  const Cycle refresh_to = clock_.cycle_at_or_before(std::min(t_ps, now_ps()));
  const Cycle horizon = clock_.cycle_at_or_before(t_ps);
  for (auto& ch : channels_) {
    ch->catch_up_refresh(refresh_to);
    ch->settle_to(horizon, t_ps);
  }
}

DramEnergyBreakdown DramController::energy(int channel) const {
  DramEnergyBreakdown e;
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    if (channel >= 0 && std::size_t(channel) != i) continue;
    const auto& id = energy_ids_[i];
    e.act_pj += ledger_.energy_pj(id.act);
    e.pre_pj += ledger_.energy_pj(id.pre);
    e.rd_pj += ledger_.energy_pj(id.rd);
    e.wr_pj += ledger_.energy_pj(id.wr);
    e.ref_pj += ledger_.energy_pj(id.ref);
    e.pre_refresh_pj += ledger_.energy_pj(id.pre_ref);
    e.bg_active_pj += ledger_.energy_pj(id.bg_active_ps);
    e.bg_precharged_pj += ledger_.energy_pj(id.bg_precharged_ps);
    e.io_pj += ledger_.energy_pj(id.io_rd_bytes) + ledger_.energy_pj(id.io_wr_bytes);
  }
  return e;
}

double DramController::dynamic_energy_pj() const {
  double e = 0.0;
  for (const auto& id : energy_ids_) {
    for (ActionId a : {id.act, id.pre, id.rd, id.wr, id.io_rd_bytes, id.io_wr_bytes}) e += ledger_.energy_pj(a);
  }
  return e;
}

std::uint64_t DramController::bytes_read() const {
  std::uint64_t n = 0;
  for (const auto& s : stats_) n += s.bytes_read;
  return n;
}

std::uint64_t DramController::bytes_written() const {
  std::uint64_t n = 0;
  for (const auto& s : stats_) n += s.bytes_written;
  return n;
}

namespace {

void write_energy(Json& out, const DramEnergyBreakdown& e, std::uint64_t bytes) {
  out["energy_act_pJ"] = e.act_pj;
  out["energy_pre_pJ"] = e.pre_pj;
  out["energy_rd_pJ"] = e.rd_pj;
  out["energy_wr_pJ"] = e.wr_pj;
  out["energy_ref_pJ"] = e.ref_pj;
  out["energy_pre_refresh_pJ"] = e.pre_refresh_pj;
  out["energy_bg_active_pJ"] = e.bg_active_pj;
  out["energy_bg_precharged_pJ"] = e.bg_precharged_pj;
  out["energy_core_pJ"] = e.core_pj();
  out["energy_io_pJ"] = e.io_pj;
  out["energy_access_pJ"] = e.access_pj();
  out["energy_background_pJ"] = e.background_pj();
  out["energy_total_pJ"] = e.total_pj();
  out["energy_per_bit_pJ"] = bytes ? e.total_pj() / (8.0 * double(bytes)) : 0.0;
}

}  // namespace

void DramController::report_channel(Json& out, std::size_t i) const {
  const ChannelStats& s = stats_[i];
  const DramChannel& ch = *channels_[i];
  const ChannelCounters& c = ch.counters();
  const std::uint64_t bytes = s.bytes_read + s.bytes_written;
  const double window_ps = s.last_end_ps > s.first_arrival_ps ? double(s.last_end_ps - s.first_arrival_ps) : 0.0;
  out["bytes_read_B"] = s.bytes_read;
  out["bytes_written_B"] = s.bytes_written;
  out["requests_read_count"] = s.requests_read;
  out["requests_written_count"] = s.requests_written;
  out["bandwidth_GBps"] = window_ps > 0 ? double(bytes) / window_ps * 1e3 : 0.0;  // B/ps x 1e12 / 1e9
  out["bus_utilisation_pct"] =
      window_ps > 0 ? 100.0 * double(c.bus_busy_cycles) * clock_.tck_ps() / window_ps : 0.0;
  s.latency.to_json(out, "latency_", "ns", 1000.0);
  out["row_hits_count"] = c.row_hits;
  out["row_misses_count"] = c.row_misses;
  out["row_conflicts_count"] = c.row_conflicts;
  const std::uint64_t accesses = c.row_hits + c.row_misses + c.row_conflicts;
  out["row_hit_rate_pct"] = accesses ? 100.0 * double(c.row_hits) / double(accesses) : 0.0;
  out["cmd_act_count"] = c.act;
  out["cmd_pre_count"] = c.pre;
  out["cmd_rd_count"] = c.rd;
  out["cmd_wr_count"] = c.wr;
  out["cmd_ref_count"] = c.ref;
  out["time_active_standby_ns"] = double(ch.active_ps()) / 1000.0;
  out["time_precharged_standby_ns"] = double(ch.precharged_ps()) / 1000.0;
  write_energy(out, energy(int(i)), bytes);
}

void DramController::report_stats(Json& out) const {
  const auto& sp = params_.spec;
  out["memspec"] = sp.name;
  out["memory_type"] = sp.memory_type;
  out["page_policy"] = to_string(params_.page_policy);
  out["address_mapping"] = to_string(mapper_.spec());
  if (mapper_.spec().hashing != BankHashing::none) out["bank_hashing"] = name_of(kBankHashingNames, mapper_.spec().hashing);
  out["queue_depth_count"] = params_.queue_depth;
  if (!buffered_.empty()) {  // written only for the out-of-order scheduler (fcfs outputs stay as they were)
    out["scheduler"] = name_of(kSchedulerNames, params_.scheduler);
    out["scheduler_buffer"] = name_of(kBufferNames, params_.buffer);
    out["request_buffer_size_count"] = params_.buffer_size;
  }
  if (params_.refresh != RefreshKind::all_bank) out["refresh"] = name_of(kRefreshNames, params_.refresh);
  out["capacity_B"] = capacity();
  out["peak_bandwidth_GBps"] = peak_bandwidth_bps() / 1e9;
  out["bytes_read_B"] = bytes_read();
  out["bytes_written_B"] = bytes_written();
  std::uint64_t first = ~std::uint64_t(0), last = 0;
  ChannelCounters tot;
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    first = std::min(first, stats_[i].first_arrival_ps);
    last = std::max(last, stats_[i].last_end_ps);
    const auto& c = channels_[i]->counters();
    tot.act += c.act; tot.pre += c.pre; tot.rd += c.rd; tot.wr += c.wr; tot.ref += c.ref;
    tot.row_hits += c.row_hits; tot.row_misses += c.row_misses; tot.row_conflicts += c.row_conflicts;
  }
  const std::uint64_t bytes = bytes_read() + bytes_written();
  out["bandwidth_GBps"] = last > first ? double(bytes) / double(last - first) * 1e3 : 0.0;
  latency_.to_json(out, "latency_", "ns", 1000.0);
  out["row_hits_count"] = tot.row_hits;
  out["row_misses_count"] = tot.row_misses;
  out["row_conflicts_count"] = tot.row_conflicts;
  out["cmd_act_count"] = tot.act;
  out["cmd_pre_count"] = tot.pre;
  out["cmd_rd_count"] = tot.rd;
  out["cmd_wr_count"] = tot.wr;
  out["cmd_ref_count"] = tot.ref;
  write_energy(out, energy(-1), bytes);
  Json chans = Json::object();
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    Json c = Json::object();
    report_channel(c, i);
    chans["ch" + std::to_string(i)] = std::move(c);
  }
  out["channels"] = std::move(chans);
}

}  // namespace sushi::dram
