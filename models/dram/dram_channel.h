// Command timing of one DRAM channel, event-driven with no clock: every bank, rank and the
// data bus keep the earliest cycle at which their next command may issue, and each device burst
// is scheduled against that state in whole DRAM cycles.
//
// Policy: requests are served first-come first-served per channel. A burst's ACT (and the PRE of
// a row conflict) may issue while earlier bursts are still waiting on other banks (bank
// parallelism), but ACTs issue in arrival order and data bursts occupy the bus in arrival order.
// A burst enters the controller queue when the burst `queue_depth` places before it has
// completed, so the queue depth bounds how far ahead banks are opened.
// All-bank refresh is due every tREFI: the first command at or after the due cycle waits until
// open banks are precharged and tRFC has passed (refreshes during idle time are still counted).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "bank_open_events.h"
#include "common/energy_ledger.h"
#include "completion_window.h"
#include "dram_clock.h"
#include "dram_params.h"
#include "standard/timing_rules.h"

namespace sushi::dram {

enum class RowResult : std::uint8_t { hit, miss, conflict };

struct ChannelCounters {
  std::uint64_t act = 0, pre = 0, rd = 0, wr = 0, ref = 0;  // commands issued (ref: per rank)
  std::uint64_t row_hits = 0, row_misses = 0, row_conflicts = 0;
  std::uint64_t bus_busy_cycles = 0;  // cycles the data bus carries data
};

// Ledger action ids the channel counts into (absent ledger = no energy counting).
struct ChannelEnergyIds {
  EnergyLedger* ledger = nullptr;
  ActionId act = 0, pre = 0, rd = 0, wr = 0, ref = 0;
  ActionId pre_ref = 0;  // precharges that close banks for a refresh (same cost as pre, background)
  ActionId bg_active_ps = 0, bg_precharged_ps = 0;  // summed over ranks, in ps
  ActionId io_rd_bytes = 0, io_wr_bytes = 0;
};

class DramChannel {
 public:
  DramChannel(const DramSpec& spec, PagePolicy policy, std::uint32_t queue_depth,
              RefreshKind refresh = RefreshKind::all_bank);

  void set_energy(const ChannelEnergyIds& ids) { e_ = ids; }

  struct Result {
    Cycle data_end;  // cycle after the last data beat
    RowResult row;
  };
  // Schedules one device burst. `keep_open` (closed-page policy only): another burst of the
  // same request follows to this row, so it is not precharged yet.
  // `count_hit` false: an out-of-order scheduler already counted this burst's row result when
  // it issued the burst's PRE or ACT (a hit is then not counted again).
  Result access(std::uint32_t rank, std::uint32_t bank_group, std::uint32_t bank, std::uint32_t row,
                bool write, Cycle arrival, bool keep_open = false, bool count_hit = true);

  // Command by command, for an out-of-order scheduler (scheduler/buffered_channel.h): the cycle
  // the first command a burst needs (PRE on a row conflict, ACT on a miss, else RD/WR) could
  // issue at or after t, without issuing it (refreshes falling due are not included), and
  // whether that command is the RD/WR (a row hit). plan()'s first_cmd, computing only the
  // command asked for: a conflict's PRE and a miss's ACT do not depend on the CAS terms (the
  // arbiter asks this for every bank holding bursts, so it is inline).
  struct NextCommand {
    Cycle at;
    bool hit;
  };
  NextCommand next_command(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row, bool write,
                           Cycle t) const {
    const Bank& b = banks_[bank_index(rank, bg, bank)];
    const std::size_t rb = std::size_t(rank) * bank_groups_ + bg;
    if (!b.open) return {act_at(rank, rb, std::max(t, b.next_act)), false};
    if (b.row != row) return {std::max(t, b.next_pre), false};
    return {cas_at(rank, rb, write, std::max(t, b.next_cas)), true};
  }
  // Issues the PRE that closes the bank's open row (at or after t, refreshes due first); counts a
  // row conflict if `classify`. Nothing (false) if the bank is closed by then (a refresh closed it).
  bool precharge_row(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row, Cycle t,
                     bool classify);
  // Issues the ACT of `row` in a closed bank (at or after t); counts a row miss if `classify`.
  void activate_row(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row, Cycle t,
                    bool classify);
  // The same three commands at a cycle the caller worked out by the channel's own rules (a
  // LaneTimer over the bank's lanes), with no refresh due by then and the queue window free
  // (queue_admits): each issued at `at` exactly as precharge_row, activate_row or access (with
  // keep_open, count_hit) would issue it there, without planning it again (tests
  // DramLoneRequest.PlaceReplayed* and RememberedSteps* compare the schedule with the arbiter's).
  // The RD/WR returns its data end.
  void issue_pre_at(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, Cycle at, bool classify);
  void issue_act_at(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, std::uint32_t row, Cycle at,
                    bool classify);
  Cycle issue_cas_at(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank, bool write, Cycle at, bool keep_open,
                     bool count_hit);
  std::optional<std::uint32_t> open_row(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank) const {
    const Bank& b = banks_[bank_index(rank, bg, bank)];
    return b.open ? std::optional<std::uint32_t>(b.row) : std::nullopt;
  }

  // `n` consecutive bursts of one request to one row of (rank, bank) whose bank groups go round
  // robin: burst k uses bank group (bg0 & ~(lanes-1)) | ((bg0 + k) & (lanes-1)) (lanes a
  // power of two; 1 = one bank group). Same result as n calls of access(); whenever the row is
  // open in every lane's bank, the row hits are computed as a run (fast_forward: lanes bursts
  // by the hit rule, the rest arithmetically), so a 4 KiB DMA request costs O(lanes), also when
  // streams interleave or the bus went idle. Returns the data end of the last burst.
  Cycle access_stream(std::uint32_t rank, std::uint32_t bg0, std::uint32_t lanes, std::uint32_t bank,
                      std::uint32_t row, std::uint64_t n, bool write, Cycle arrival);

  // For an out-of-order scheduler whose last `lanes` commands on this channel were RD/WR (same
  // direction as `write`) to `row` of (rank, bank) in the bank groups of the lane group, round
  // robin, ending just before bank group bg_next: up to n further such row hits, continuing the
  // round robin, placed as a row-hit run (fast_forward) with every CAS at or before cas_limit and
  // before the next refresh. The same commands as issuing them one by one at their cycles.
  // whole_only: all n or none (0, and the channel is left as it was).
  struct RunPart {
    std::uint64_t n = 0;  // bursts placed (0: the run cannot continue here)
    Cycle first_cas = 0, spacing = 0, cas_to_end = 0;  // burst j: CAS first_cas + j x spacing
  };
  RunPart continue_row_hit_run(std::uint32_t rank, std::uint32_t bg_next, std::uint32_t lanes, std::uint32_t bank,
                               std::uint32_t row, std::uint64_t n, bool write, Cycle at, Cycle cas_limit,
                               bool whole_only = false);

  // Accounts background (standby) time up to the start of cycle `horizon` into the ledger. Called
  // with each request's arrival (at most the settle cap) and by readings (settle_to).
  void settle(Cycle horizon);
  // The same up to horizon_ps, which lies in cycle `horizon` (horizon_ps >= the cycle's start):
  // commands of cycles up to `horizon` count, the time up to horizon_ps is accounted.
  void settle_to(Cycle horizon, std::uint64_t horizon_ps);
  // Performs every all-bank refresh due at or before cycle `horizon` now rather than at the next
  // request, with the same result: a refresh is due regardless of traffic, and a request arriving
  // after its due cycle would perform it first with the same bank state. Only valid when no
  // request can arrive before `horizon` any more (the kernel's time has passed it).
  void catch_up_refresh(Cycle horizon);
  // Requests settle background time up to min(arrival, cap): the controller sets the cap to the
  // kernel's time, so that time after it is settled only by readings, in time order.
  void set_settle_cap(Cycle cap) { settle_cap_ = cap; }

  // The timing state a request over `lanes` bank groups of one bank touches (its lanes' banks and
  // bank-group histories, the rank's ACT and RD/WR history, the data bus), copied, so that an
  // out-of-order scheduler can try its commands without issuing them. next() uses the channel's
  // ACT and RD/WR rules (act_rule, cas_rule) as next_command does; precharge, activate and
  // read_write update the copy as close_bank, issue_act and issue_cas update the channel; refreshes
  // and the queue window are not modelled (the caller checks them). Test DramLoneRequest.*.
  class LaneTimer;  // defined below (it copies the private state)
  // What a LaneTimer over these lanes would answer from cycle `now` on for bursts to `row` in
  // direction `write`, as words: every time its rules read, relative to `now`, a time at least
  // reach() before it as -reach() (no rule carries it to `now`: the distances a rule adds are
  // below reach()), and a bank time its state cannot use (a closed bank's RD/WR and PRE limits,
  // an open bank's ACT limit when it holds `row`, its RD/WR limit when it holds another) as 0.
  // Two channel states with the same words give a LaneTimer the same commands from their `now`s
  // on, shifted by the difference, whatever precharge, activate and read_write it is asked
  // (each sets times at or after its cycle, itself at or after `now`). Writes state_words(lanes)
  // words; lanes <= kMaxStateLanes. The words are 16-bit (a key to compare and hash, short: one
  // is made for nearly every request of a DMA stream); false if a time does not fit one (then
  // nothing may be concluded from the words).
  static constexpr std::uint32_t kMaxStateLanes = 8;
  using StateWord = std::int16_t;
  static constexpr std::size_t state_words(std::uint32_t lanes) { return 10 + 6 * std::size_t(lanes); }
  bool relative_state(std::uint32_t rank, std::uint32_t bg_base, std::uint32_t lanes, std::uint32_t bank, Cycle now,
                      std::uint32_t row, bool write, StateWord* words) const;
  // Whether the queue window lets n bursts arriving at cycle `at` enter at once (it never holds
  // them back), and whether a row-hit run over `lanes` bank groups can form (fast_forward);
  // its RD/WR spacing.
  bool queue_admits(std::uint64_t n, Cycle at) const {
    return n > 0 && n < queue_.depth() && queue_.slot_free(std::size_t(n - 1)) <= at;
  }
  bool runs_possible(std::uint32_t lanes) const {
    return page_->keeps_rows_open() && lanes <= 16 && Cycle(lanes) * run_spacing(lanes) >= t_.cas_to_cas_l &&
           queue_.depth() >= lanes;
  }
  Cycle run_spacing_of(std::uint32_t lanes) const { return run_spacing(lanes); }
  // More than any distance a timing rule puts between a command and a later one (the sum of the
  // ACT, RD/WR and bus-gap distances): a command this long before `now` binds nothing from it on.
  Cycle reach() const { return reach_; }

  const ChannelCounters& counters() const { return c_; }
  std::uint64_t active_ps() const { return active_ps_; }        // summed over ranks
  std::uint64_t precharged_ps() const { return precharged_ps_; }  // summed over ranks
  Cycle settled_until() const { return settled_; }
  Cycle last_data_end() const { return bus_free_; }
  Cycle next_refresh_due() const { return next_ref_; }
  bool bank_open(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank) const {
    return banks_[bank_index(rank, bg, bank)].open;
  }

 private:
  struct Bank {
    bool open = false;
    std::uint32_t row = 0;
    Cycle next_act = 0;  // after tRP from PRE and tRC from ACT (and refresh)
    Cycle next_cas = 0;  // ACT + tRCD
    Cycle next_pre = 0;  // max(ACT + tRAS, RD + tRTP, write data end + tWR)
  };
  struct Rank {
    Cycle last_act = kNever;
    std::array<Cycle, 4> faw{kNever, kNever, kNever, kNever};  // last four ACTs (ring)
    std::uint32_t faw_idx = 0;
    Cycle last_cas = kNever;
    Cycle last_wr_end = kNever;
    // Background timeline: +1 when a bank opens (or refresh starts), -1 when it closes.
    BankOpenEvents events;
    int open_count = 0;
  };
  struct Plan {
    RowResult row;
    Cycle pre, act, cas, data_end, first_cmd;
  };

  std::size_t bank_index(std::uint32_t rank, std::uint32_t bg, std::uint32_t bank) const {
    return (std::size_t(rank) * bank_groups_ + bg) * banks_per_group_ + bank;
  }
  Plan plan(std::uint32_t rank, std::uint32_t bg, const Bank& b, std::uint32_t row, bool write,
            Cycle t) const;
  // The RD/WR rule: the earliest cycle at or after cas_min that the rank's and bank group's CAS
  // spacing, write-to-read turnaround and the data bus allow, from those histories as values
  // (the channel's own in cas_at, a LaneTimer's copy).
  static Cycle cas_rule(const TimingRules& t, std::uint32_t rank, bool write, Cycle cas_min, Cycle last_cas,
                        Cycle last_cas_bg, Cycle last_wr_end, Cycle wr_end_bg, Cycle bus_free, bool bus_used,
                        bool bus_last_write, std::uint32_t bus_last_rank) {
    Cycle cas = std::max({cas_min, last_cas + t.cas_to_cas_s, last_cas_bg + t.cas_to_cas_l});
    if (!write) cas = std::max({cas, last_wr_end + t.wr_data_to_rd_s, wr_end_bg + t.wr_data_to_rd_l});
    const Cycle lat = write ? t.write_delay : t.read_delay;
    Cycle bus_ready = bus_free;
    if (bus_used) bus_ready += t.bus_gap[TimingRules::bus_gap_index(rank != bus_last_rank, bus_last_write, write)];
    return std::max(cas, bus_ready - lat);
  }
  // The ACT rule: the earliest cycle at or after act_min that tRRD_S/L and tFAW allow.
  static Cycle act_rule(const TimingRules& t, Cycle act_min, Cycle last_act, Cycle last_act_bg, Cycle faw_oldest) {
    return std::max({act_min, last_act + t.act_to_act_s, last_act_bg + t.act_to_act_l, faw_oldest + t.faw});
  }
  // plan()'s RD/WR and ACT cycles on the channel's state.
  Cycle cas_at(std::uint32_t rank, std::size_t rank_bg, bool write, Cycle cas_min) const {
    const Rank& r = rank_[rank];
    return cas_rule(t_, rank, write, cas_min, r.last_cas, last_cas_bg_[rank_bg], r.last_wr_end, wr_end_bg_[rank_bg],
                    bus_free_, bus_used_, bus_last_write_, bus_last_rank_);
  }
  Cycle act_at(std::uint32_t rank, std::size_t rank_bg, Cycle act_min) const {
    const Rank& r = rank_[rank];
    return act_rule(t_, act_min, r.last_act, last_act_bg_[rank_bg], r.faw[r.faw_idx]);
  }
  void refresh();                     // performs the refresh due at next_ref_
  // Earliest start of a refresh covering banks [first, last) of every rank, from the bank and
  // rank state alone (before any precharge it needs): the covered banks may be activated, the
  // last refresh has ended and, for a per-bank refresh that counts as an ACT, tRRD and tFAW.
  Cycle refresh_ready(std::uint32_t first, std::uint32_t last) const;
  // A per-bank refresh at `at` counted as an ACT of rank r (standard rule refpb_is_act).
  void note_refpb_as_act(std::uint32_t r, std::uint32_t bank, Cycle at);
  // plan() once every refresh due before the burst's first command has been performed.
  Plan plan_after_refresh(std::uint32_t rank, std::uint32_t bg, const Bank& b, std::uint32_t row, bool write,
                          Cycle t);
  void issue_act(std::uint32_t rank, std::uint32_t bg, Bank& b, std::uint32_t row, Cycle at);
  void issue_cas(std::uint32_t rank, std::uint32_t bg, Bank& b, bool write, const Plan& p);
  void bound_events(const Rank& r);  // settles early when arrivals stall (bounds memory)
  void skip_idle_refreshes(Cycle until);  // arithmetic: refreshes in a quiet channel
  void close_bank(Bank& b, Cycle at);  // PRE at `at`: the bank state only
  // close_bank + event and counts; a precharge that closes banks for a refresh counts as refresh
  // (background) energy, apart from the requests' precharges.
  void precharge(std::uint32_t rank, Bank& b, Cycle at, bool for_refresh = false);
  void count(ActionId id, std::uint64_t n = 1) { if (e_.ledger) e_.ledger->add(id, n); }
  // Earliest cycle a not-yet-scheduled command could still open or close a bank: new ACTs
  // come after the last ACT (in order), PREs of open banks not before their next_pre,
  // refresh not before its due cycle. Background before it is final even if arrivals stall
  // (e.g. a DMA issuing everything at one local time).
  Cycle safe_horizon() const;
  // CAS spacing d of a row-hit run over `lanes` bank groups: tCCD to the next bank group (tCCD_L
  // with one), at least a burst.
  Cycle run_spacing(std::uint32_t lanes) const {
    return std::max<Cycle>(lanes == 1 ? t_.cas_to_cas_l : t_.cas_to_cas_s, burst_cycles_);
  }
  // Whether a row-hit run can start (see fast_forward); bg_base = bank group of lane 0.
  bool run_can_start(std::uint32_t rank, std::uint32_t bg_base, std::uint32_t lanes, std::uint32_t bank,
                     std::uint32_t row, bool write) const;
  // Tries to schedule up to `max_n` further row hits arithmetically; returns how many it did.
  // Only when run_can_start() (or `continues`, see RunTail) and access_stream's spacing and
  // queue conditions hold. whole_only: max_n or nothing (0 before any change).
  std::uint64_t fast_forward(std::uint32_t rank, std::uint32_t bg0, std::uint32_t lanes, std::uint32_t bank,
                             std::uint32_t row, std::uint64_t k, std::uint64_t max_n, bool write,
                             Cycle arrival, bool continues, Cycle& last_end,
                             Cycle cas_limit = std::numeric_limits<Cycle>::max(), bool whole_only = false);

  DramSpec spec_;
  TimingRules t_;  // the standard's rules for this memspec (standard/)
  Cycle reach_;    // see reach()
  DramClock clock_;
  std::unique_ptr<PagePolicyIF> page_;
  std::unique_ptr<RefreshPolicyIF> refresh_;
  std::uint64_t ref_count_ = 0;  // refreshes performed (per-bank refresh: which bank is next)
  std::uint32_t bank_groups_, banks_per_group_, ranks_;
  std::uint32_t burst_cycles_;
  std::uint32_t burst_bytes_;

  std::vector<Bank> banks_;
  std::vector<Rank> rank_;
  std::vector<Cycle> last_act_bg_;  // [rank * bank_groups + bg]
  std::vector<Cycle> last_cas_bg_;
  std::vector<Cycle> wr_end_bg_;

  Cycle bus_free_ = 0;
  bool bus_last_write_ = false;
  bool bus_used_ = false;
  std::uint32_t bus_last_rank_ = 0;

  Cycle next_ref_;
  Cycle last_ref_end_ = kNever;  // end of the last refresh: the next starts no earlier

  CompletionWindow queue_;  // completion cycles of the last queue_depth bursts

  // The row-hit run the channel's last commands formed (fast_forward), while nothing else has
  // issued since. Once the run has given every lane a CAS, a burst that continues it (same rank,
  // bank, row, direction, next bank group round robin) is bound only by the run's spacing, its
  // arrival and its queue slot: every other constraint of the hit rule was met by the run's
  // last `lanes` bursts (docs/dram.md, "Large transactions"). So it needs no per-lane placement.
  struct RunTail {
    bool valid = false;
    bool write = false;
    std::uint32_t rank = 0, bank = 0, row = 0, lanes = 0;
    std::uint32_t next_bg = 0;  // bank group of the burst that would continue the run
    std::uint64_t bursts = 0;   // bursts in the run so far
  };
  RunTail tail_;

  Cycle settled_ = 0;
  std::uint64_t settled_ps_ = 0;  // time accounted up to: in cycle settled_, at or after its start
  Cycle settle_cap_ = std::numeric_limits<Cycle>::max();
  std::uint64_t active_ps_ = 0, precharged_ps_ = 0;
  std::uint64_t ref_credit_ps_ = 0;
  std::size_t settle_threshold_ = 64;  // refresh time of skipped idle refreshes, not yet settled

  ChannelCounters c_;
  ChannelEnergyIds e_;

 public:
  class LaneTimer {
   public:
    LaneTimer(const DramChannel& ch, std::uint32_t rank, std::uint32_t bg_base, std::uint32_t lanes, std::uint32_t bank);
    std::optional<std::uint32_t> open_row(std::uint32_t l) const {
      return lane_[l].bank.open ? std::optional<std::uint32_t>(lane_[l].bank.row) : std::nullopt;
    }
    // As next_command for lane l's bank (inline: the arbiter's steps ask it for every lane).
    NextCommand next(std::uint32_t l, std::uint32_t row, bool write, Cycle t) const {
      const TimingRules& tr = ch_.t_;
      const Lane& ln = lane_[l];
      const Bank& b = ln.bank;
      if (!b.open) return {act_rule(tr, std::max(t, b.next_act), r_.last_act, ln.last_act_bg, r_.faw[r_.faw_idx]), false};
      if (b.row != row) return {std::max(t, b.next_pre), false};
      return {cas_rule(tr, rank_, write, std::max(t, b.next_cas), r_.last_cas, ln.last_cas_bg, r_.last_wr_end,
                       ln.wr_end_bg, bus_free_, bus_used_, bus_last_write_, bus_last_rank_),
              true};
    }
    void precharge(std::uint32_t l, Cycle at);
    void activate(std::uint32_t l, std::uint32_t row, Cycle at);
    Cycle read_write(std::uint32_t l, bool write, Cycle cas);  // returns the data end

   private:
    struct Lane {
      Bank bank;
      Cycle last_act_bg, last_cas_bg, wr_end_bg;
    };
    const DramChannel& ch_;
    std::uint32_t rank_;
    Lane lane_[16];
    struct RankHistory {  // Rank's ACT and RD/WR history (not its background events)
      Cycle last_act;
      std::array<Cycle, 4> faw;
      std::uint32_t faw_idx;
      Cycle last_cas, last_wr_end;
    } r_;
    Cycle bus_free_;
    bool bus_used_, bus_last_write_;
    std::uint32_t bus_last_rank_;
  };
};

}  // namespace sushi::dram
