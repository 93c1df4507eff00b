// The out-of-order front end of one channel (scheduler fr_fcfs): device bursts wait in a request
// buffer (scheduler_buffer/), and commands issue one at a time, each when it can:
//   1. per bank, the scheduler (scheduler.h) picks the burst whose commands go next;
//   2. the command arbiter takes, over all banks, the picked burst whose next command (PRE on a
//      row conflict, ACT on a miss, RD/WR on a hit) can issue first; on a tie RD/WR before row
//      commands, then the oldest;
//   3. that command issues if it can do so now; otherwise the front end waits for that cycle
//      (a burst arriving meanwhile may change the choice).
// So a bank whose PRE waits for tRAS does not hold back another bank's ACT, and a row miss to
// another bank is activated while the current bank streams its row hits (DRAMSys's bank
// machines and its "oldest" command multiplexer, without a per-cycle clock). A burst leaves the
// buffer when its RD/WR issues. Each bank's queue holds entries: a request's consecutive bursts
// to one row are one entry (BufferedBurst with a count), so a request costs O(lanes) entries
// however long it is; read burst by burst, the entries are the queue in arrival order. Kernel-free: the controller (or a test) admits bursts at their
// arrival cycle and calls advance() with the current cycle.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "dram/dram_channel.h"
#include "dram/page_policy/page_policy.h"
#include "dram/scheduler/lone_request_memo.h"
#include "dram/scheduler/scheduler.h"
#include "dram/scheduler_buffer/scheduler_buffer.h"

namespace sushi::dram {

class BufferedChannel {
 public:
  BufferedChannel(DramChannel& channel, const DramSpec& spec, SchedulerKind scheduler, BufferKind buffer,
                  std::uint32_t buffer_size, PagePolicy page);

  // A burst can enter when the buffer has space, or when it joins the burst admitted last to its
  // bank (same request, same row: they share one slot).
  bool can_admit(std::uint64_t tag, std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row) const {
    return joins_last(tag, rank, bg, bank, row) || buffer_->has_space(bank_slot(rank, bg, bank));
  }
  bool can_admit(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank) const {
    return buffer_->has_space(bank_slot(rank, bg, bank));
  }
  // Stores a burst arriving at cycle b.arrival (not before the last advance()); needs can_admit().
  void admit(BufferedBurst b);
  // Whether every bank of the lane group (bank groups (bg & ~(lanes-1)) + 0 .. lanes-1) of
  // (rank, bank) holds, as the burst admitted last to it, a burst of request `tag` to `row`.
  bool lanes_join_last(std::uint64_t tag, std::uint32_t rank, std::uint32_t bg, std::uint32_t lanes, std::uint32_t bank,
                       std::uint32_t row) const;
  // Stores `count` bursts like `b` whose bank groups go round robin over the lanes from
  // b.bank_group ((bg & ~(lanes-1)) | ((bg + k) & (lanes-1)) for the k-th): the same as admit()
  // for each, when lanes_join_last() holds (each then joins its bank's last burst's slot).
  void admit_joining(BufferedBurst b, std::uint32_t lanes, std::uint64_t count);
  // A request alone (the buffer is empty) whose `count` bursts, like `b` with bank groups round
  // robin from b.bank_group as admit_joining() lays them out, continue the row-hit run of the last
  // RD/WR: the arbiter would take them one after another as that run (place_run), so they are
  // placed so without entering the buffer, with what admit() of each and advance(now, ..,
  // run_limit) would leave (arrival orders, the run's tail, the command log; each lane's buffer
  // slot taken and handed back). Only when all of them are placed so; otherwise nothing changes
  // and kNever is returned (admit and advance as usual). Returns the last burst's data end.
  Cycle place_alone(const BufferedBurst& b, std::uint64_t count, Cycle now, Cycle run_limit);
  // A request alone (the buffer is empty), laid out as for place_alone, whose rows need opening or
  // whose run does not continue: the arbiter's choices are worked out on a copy of the state the
  // request touches (DramChannel::LaneTimer: its lanes' banks, the rank's ACT and RD/WR history,
  // the bus) until every burst is read or written, or until the RD/WRs since its last PRE/ACT
  // form a whole round in arrival order with every earlier burst done (the rest is then a row-hit
  // run, see place_run); or recalled, when a request of the same size and first lane met the
  // same relative state before (LoneRequestMemo). When every command is by run_limit and before
  // the next refresh, and the queue window holds no burst back, those commands are issued on the
  // channel at their cycles as the calls advance() makes for them would issue them
  // (DramChannel::issue_*_at), with what admit() and advance(now, .., run_limit) would leave
  // (arrival orders, the run's tail, slots, the command log): the same schedule without the
  // buffer and its scans (tests DramLoneRequest.PlaceReplayed*, RememberedSteps*). A refresh
  // already due is performed first, as advance(now) does. Otherwise nothing else changes and
  // kNever is returned. Returns the last burst's data end.
  // With `resume`: a request whose row-hit run meets a refresh falling due is placed up to it
  // too, as the arbiter places it (its run stops before the due cycle; its next RD/WR would
  // issue at resume->at, where advance() performs the refresh first and then chooses again):
  // resume->bursts are placed, the rest (from burst resume->bursts on, taken at cycle
  // resume->at) is the caller's, and the return value is the last placed burst's data end.
  // Only when resume->at is by run_limit. resume->at stays kNever when the request is placed
  // whole (or not at all).
  struct Resume {
    std::uint64_t bursts = 0;
    Cycle at = kNever;
  };
  Cycle place_replayed(const BufferedBurst& b, std::uint64_t count, Cycle now, Cycle run_limit,
                       Resume* resume = nullptr);
  // Issues every command that can issue at or before cycle `now`, in the order above, calling
  // done(tag, data end cycle, bursts) as bursts' RD/WR issue: `bursts` of request `tag` (one,
  // or a row-hit run's), the last of them ending at the cycle given. Returns the cycle at which the
  // next command could issue (kNever: the buffer is empty).
  // run_limit: the latest cycle up to which no burst can arrive any more (the caller knows no
  // request reaches the controller before it). Row hits that continue a row-hit run (below) are
  // then placed at their future cycles at once, up to it; kNoRuns: one cycle at a time only.
  using Done = std::function<void(std::uint64_t tag, Cycle data_end, std::uint64_t bursts)>;
  static constexpr Cycle kNoRuns = kNever;
  Cycle advance(Cycle now, const Done& done, Cycle run_limit = kNoRuns);
  // Bank groups a request's bursts visit round robin (the address mapping's block structure;
  // 0 = runs off): what a row-hit run continues.
  void set_run_lanes(std::uint32_t lanes) {
    lanes_ = lanes;
    memo_.reset();
    if (lanes != 0 && lanes <= DramChannel::kMaxStateLanes) {
      memo_ = std::make_unique<LoneRequestMemo>(2 + DramChannel::state_words(lanes));
    }
  }
  // Requests placed by remembered steps (place_replayed), and schedules remembered.
  std::uint64_t steps_recalled() const { return steps_recalled_; }
  std::size_t schedules_remembered() const { return memo_ ? memo_->size() : 0; }
  // Every command as it issues (tests compare the schedules of two paths).
  struct IssuedCommand {
    enum Kind : std::uint8_t { pre, act, cas } kind;
    std::uint64_t seq;  // the burst's arrival order
    std::size_t bank;   // bank index in the channel
    Cycle at;           // PRE/ACT: the cycle it issued; RD/WR: its data end
    bool operator==(const IssuedCommand& o) const {
      return kind == o.kind && seq == o.seq && bank == o.bank && at == o.at;
    }
  };
  void set_command_log(std::vector<IssuedCommand>* log) { log_ = log; }
  // true: the arbiter scans every bank at every step (the reference for Choice below).
  void set_rescan_every_step(bool on) { rescan_every_step_ = on; }
  bool empty() const { return held_ == 0; }
  std::size_t held() const { return held_; }

 private:
  bool joins_last(std::uint64_t tag, std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row) const {
    const auto& q = queues_[bank_slot(rank, bg, bank)];
    return !q.empty() && q.back().tag == tag && q.back().row == row;
  }
  std::size_t bank_slot(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank) const {
    return (std::size_t(rank) * bank_groups_ + bg) * banks_per_group_ + bank;
  }

  // Row-hit runs: when the buffer holds only row hits to the row of the last `lanes_` RD/WR
  // (one rank and bank, the lane group's bank groups, round robin, one direction) in arrival
  // order round robin, the arbiter would issue them one after another, each exactly d after the
  // previous (the argument of DramChannel::fast_forward: every lane has had its CAS since any
  // PRE, ACT or refresh, so only the run's own spacing binds). They are then placed at once.
  struct CasTail {
    std::uint64_t count = 0;  // consecutive round-robin RD/WR so far (0: none)
    std::uint32_t rank = 0, bank = 0, row = 0, next_bg = 0;
    bool write = false;
    std::uint64_t refreshes = 0;  // the channel's REF count when the tail started
  };
  void note_cas(const BufferedBurst& e, std::uint64_t refreshes_before);
  // Whether the tail can go on as a run at `now` (place_run, place_alone): runs are on, the tail
  // has a whole round, no refresh since it started, and run_limit leaves room.
  bool run_may_continue(Cycle now, Cycle run_limit) const {
    return lanes_ != 0 && run_limit > now && tail_.count >= lanes_ && tail_.refreshes == ch_.counters().ref;
  }
  bool place_run(Cycle now, Cycle run_limit, const Done& done);
  // Whether admit() would take a request alone (held_ == 0) laid out as place_alone's (`count`
  // bursts round robin over the lanes) without waiting for buffer space.
  bool lanes_admit(std::uint64_t count) const;
  // place_replayed's worked-out steps (kept to spare an allocation per request), and those
  // remembered by the relative state they depend on (lanes_ up to DramChannel::kMaxStateLanes).
  using Step = LoneRequestMemo::Step;
  std::vector<Step> steps_;
  std::unique_ptr<LoneRequestMemo> memo_;  // made for the lanes set_run_lanes() gives
  // The arbiter's steps for a request alone (place_replayed), worked out on a LaneTimer, into
  // steps_ (cycles relative to now); false if a burst's place or a cycle does not fit a Step.
  bool work_out_steps(const BufferedBurst& b, std::uint64_t count, Cycle now);
  // The channel placed a worked-out command elsewhere: a defect, never a silent other schedule.
  [[noreturn]] static void mismatch(const char* what, Cycle channel, Cycle worked_out);
  // Appends the bursts of `g` (not holding a slot unless g.holds_slot) to a bank's queue: to its
  // last entry when they continue it (same request, row, direction and arrival cycle, arrival
  // orders on at the entry's stride), else as an entry of their own.
  static void append(std::vector<BufferedBurst>& q, const BufferedBurst& g);

  // The arbiter's deferred choice. A command's earliest cycle at or after t is max(t, C) with C
  // fixed by the channel's state (DramChannel::plan), so when a scan at cycle `now` finds the
  // best command at a later cycle `at`, a scan at `at` finds every key unchanged (each was at
  // least `at`) and picks the same burst, as long as nothing was admitted and no command issued
  // or refresh happened in between (`state`). advance(at) then issues it without scanning.
  struct ChannelState {
    std::uint64_t seq, act, pre, rd, wr, ref;
    bool operator==(const ChannelState& o) const {
      return seq == o.seq && act == o.act && pre == o.pre && rd == o.rd && wr == o.wr && ref == o.ref;
    }
  };
  ChannelState state() const {
    const ChannelCounters& c = ch_.counters();
    return {next_seq_, c.act, c.pre, c.rd, c.wr, c.ref};
  }
  struct Choice {
    bool valid = false;
    Cycle at = 0;
    std::size_t slot = 0, idx = 0;
    ChannelState state{};
  };
  Choice choice_;
  bool rescan_every_step_ = false;

  DramChannel& ch_;
  std::uint32_t lanes_ = 0;
  CasTail tail_;
  std::vector<IssuedCommand>* log_ = nullptr;
  std::unique_ptr<SchedulerIF> scheduler_;
  std::unique_ptr<SchedulerBufferIF> buffer_;
  std::unique_ptr<PagePolicyIF> page_;
  std::uint32_t bank_groups_, banks_per_group_;
  std::vector<std::vector<BufferedBurst>> queues_;  // per bank, entries oldest first
  std::size_t held_ = 0;  // bursts (not entries)
  // Bit b: bank b's queue holds bursts (channels of up to 64 banks; more are scanned in full).
  std::uint64_t nonempty_ = 0;
  void mark_held(std::size_t slot) {
    if (slot < 64) nonempty_ |= std::uint64_t(1) << slot;
  }
  void mark_empty(std::size_t slot) {
    if (slot < 64) nonempty_ &= ~(std::uint64_t(1) << slot);
  }
  std::uint64_t next_seq_ = 0;
  std::uint64_t steps_recalled_ = 0;
};

}  // namespace sushi::dram
