// The DRAM subsystem as a TLM-2.0 target: controller + devices of every channel, with timing
// from bank/bus state (dram_channel.h), DRAMPower-style energy (dram_energy.h) counted into the
// EnergyLedger, a sparse backing store, and statistics per channel.
//
// LT b_transport: the request arrives at sc_time_stamp() + delay; it is split into device bursts
// (BL x bus width bytes) that are scheduled on their channels; delay is set to the completion of
// the last burst minus sc_time_stamp(). Several initiators may bind to `socket` (multi-socket);
// they share banks and buses, so they contend. transport_dbg reads/writes contents, untimed.
// A payload with the TimingOnly extension is timed and counted as any other, without the copy.
// Addresses are local (0 .. capacity-1); beyond that the answer is TLM_ADDRESS_ERROR_RESPONSE.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "common/energy_ledger.h"
#include "common/held_call.h"
#include "common/latency_stats.h"
#include "common/stats.h"
#include "common/timing_only.h"
#include "common/trace_hooks.h"
#include "address_mapper.h"
#include "dram_channel.h"
#include "dram_clock.h"
#include "dram_energy.h"
#include "dram_params.h"
#include "scheduler/buffered_channel.h"
#include "sparse_memory.h"

namespace sushi::dram {

struct DramEnergyBreakdown {
  double act_pj = 0, pre_pj = 0, rd_pj = 0, wr_pj = 0, ref_pj = 0;
  double pre_refresh_pj = 0;  // PREs that closed banks for a refresh (not in pre_pj)
  double bg_active_pj = 0, bg_precharged_pj = 0;
  double io_pj = 0;
  double core_pj() const {
    return act_pj + pre_pj + rd_pj + wr_pj + ref_pj + pre_refresh_pj + bg_active_pj + bg_precharged_pj;
  }
  double access_pj() const { return act_pj + pre_pj + rd_pj + wr_pj + io_pj; }  // caused by requests
  double background_pj() const { return ref_pj + pre_refresh_pj + bg_active_pj + bg_precharged_pj; }
  double total_pj() const { return core_pj() + io_pj; }
};

// Background (standby) and refresh energy accrue with simulated time: the controller is a static
// energy source of its ledger (accrue), which catches up the refreshes due by the kernel's time
// and settles standby time up to each reading.
class DramController : public sc_core::sc_module, public StatsProvider, public StaticEnergySource {
 public:
  tlm_utils::multi_passthrough_target_socket<DramController> socket;

  // Validates params (throws DramParamError naming the key) and declares the energy actions
  // "<name>.ch<i>.<action>" in `ledger`.
  DramController(sc_core::sc_module_name name, const DramParams& params, EnergyLedger& ledger);

  // Timing of one request without data, as b_transport uses it: arrival and completion in ps.
  // Throws std::out_of_range outside 0 .. capacity-1.
  std::uint64_t access_ps(std::uint64_t addr, std::uint64_t len, bool write, std::uint64_t arrival_ps);

  ~DramController() override;
  // Books refresh and standby energy up to t_ps (EnergyLedger::accrue): refreshes due by
  // min(t_ps, now) are performed, standby time is settled up to t_ps.
  void accrue(std::uint64_t t_ps) override;
  // Accounts standby time up to the later of now and the last scheduled data transfer (for tests
  // and tools that drive the controller without a kernel; runs read through the ledger).
  void settle() const;
  DramEnergyBreakdown energy(int channel = -1) const;  // -1: all channels; what is booked so far

  const DramParams& params() const { return params_; }
  const AddressMapper& mapper() const { return mapper_; }
  std::uint64_t capacity() const { return mapper_.capacity(); }
  double peak_bandwidth_bps() const { return params_.spec.peak_channel_bandwidth_bps() * params_.spec.org.channels; }
  const DramChannel& channel(std::size_t i) const { return *channels_[i]; }
  std::size_t channel_count() const { return channels_.size(); }
  const DramClock& clock() const { return clock_; }
  const LatencyStats& latency() const { return latency_; }
  std::uint64_t bytes_read() const;
  std::uint64_t bytes_written() const;
  SparseMemory& memory() { return mem_; }

  void report_stats(Json& out) const override;
  // fr_fcfs: true = wake the kernel for every command (the reference schedule; tests compare
  // the default, which runs ahead while no request can arrive, against it).
  // It also makes the arbiter scan every bank at every step (BufferedChannel::set_rescan_every_step).
  void set_event_per_command(bool on) {
    event_per_command_ = on;
    for (auto& b : buffered_) b->set_rescan_every_step(on);
  }
  // fr_fcfs: true = decode every burst's address on admission (the reference; the default
  // decodes once per block of the mapping's block structure).
  void set_decode_every_burst(bool on) { decode_every_burst_ = on; }
  // fr_fcfs: every command issued on channel i, in order (tests).
  void set_command_log(std::size_t i, std::vector<BufferedChannel::IssuedCommand>* log) {
    buffered_.at(i)->set_command_log(log);
  }
  // fr_fcfs: requests admitted and scheduled at their arrival before the kernel got there
  // (inline_limit_ps; tests check the comparisons with the reference cover them).
  std::uint64_t requests_taken_inline() const { return requests_inline_; }
  // Of those, the ones placed as the continuation of a row-hit run without being buffered
  // (BufferedChannel::place_alone).
  std::uint64_t requests_placed_alone() const { return requests_alone_; }
  // Of those, the others placed without being buffered, the arbiter's steps worked out for them
  // (BufferedChannel::place_replayed).
  std::uint64_t requests_placed_replayed() const { return requests_replayed_; }
  // Requests answered without holding the call (common/held_call.h): taken at their arrival,
  // placed whole, and nothing else in the kernel before their end.
  std::uint64_t requests_answered_early() const { return requests_answered_; }
  // Optional per-transaction observer (traces/); null = off.
  void set_trace_observer(DramObserver* o) { observer_ = o; }

 private:
  struct ChannelStats {
    std::uint64_t bytes_read = 0, bytes_written = 0;
    std::uint64_t requests_read = 0, requests_written = 0;  // (parts of) TLM requests
    LatencyStats latency{1u << 16};
    std::uint64_t first_arrival_ps = ~std::uint64_t(0), last_end_ps = 0;
    Cycle txn_end = 0;      // scratch: end of this channel's part of the current request
    bool txn_touched = false;
  };

  void b_transport(int id, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  // Out-of-order scheduling (scheduler fr_fcfs): the request's bursts wait in the channels'
  // buffers; b_transport returns when its last data beat has been transferred (it waits).
  struct BufferedRequest {
    std::uint64_t remaining = 0;   // bursts whose RD/WR has not issued yet
    std::vector<Cycle> ch_end;     // per channel: data end of its last burst (kNever: none)
    std::vector<std::uint64_t> ch_bytes;
    sc_core::sc_event done;
  };
  // Finished requests' records, reused (the controller owns every record it made).
  std::vector<std::unique_ptr<BufferedRequest>> requests_;
  std::vector<BufferedRequest*> free_requests_;
  struct RequestLease {  // a record taken from the pool for one request, returned at its end
    DramController& owner;
    BufferedRequest* req;
    explicit RequestLease(DramController& o) : owner(o), req(o.take_request()) {}
    ~RequestLease() { owner.free_requests_.push_back(req); }
    RequestLease(const RequestLease&) = delete;
    RequestLease& operator=(const RequestLease&) = delete;
  };
  BufferedRequest* take_request() {
    if (free_requests_.empty()) {
      requests_.push_back(std::make_unique<BufferedRequest>());
      requests_.back()->ch_end.resize(channels_.size());
      requests_.back()->ch_bytes.resize(channels_.size());
      return requests_.back().get();
    }
    BufferedRequest* r = free_requests_.back();
    free_requests_.pop_back();
    return r;
  }
  // Returns the end in ps. inline_limit_ps: 0, or inline_limit_ps(arrival_ps) (the kernel is
  // still before the arrival). held: the initiator's HeldCall, if it attached one (then the call
  // may be answered without waiting, see common/held_call.h).
  std::uint64_t access_buffered(std::uint64_t addr, std::uint64_t len, bool write, std::uint64_t arrival_ps,
                                std::uint64_t inline_limit_ps, HeldCall* held);
  void schedule_method();  // issues the commands due now on every channel, then sleeps
  // The scheduler's steps from start_ps (>= now, the kernel's time): running ahead up to
  // limit_ps when `ahead`, else one step; then a wake-up for the next command.
  void schedule_from(std::uint64_t now, std::uint64_t start_ps, bool ahead, std::uint64_t limit_ps);
  std::uint64_t next_activity_ps() const;  // the kernel's next pending activity, ps
  // The channels' settle cap for a step at step_ps: cap = clock_.cycle_at_or_before(step_ps).
  void settle_cap_at(std::uint64_t step_ps, Cycle cap);
  // The latest cycle a run placed at step_ps may issue in, limit_ps being the horizon (kNoRuns: none).
  Cycle run_limit_at(std::uint64_t limit_ps, std::uint64_t step_ps) const;
  // r's initiator is woken at the first tick at or after end_ps (now: the kernel's time).
  void notify_done(BufferedRequest& r, std::uint64_t end_ps, std::uint64_t now);
  std::uint64_t inline_limit_ps(std::uint64_t arrival_ps) const;
  unsigned transport_dbg(int id, tlm::tlm_generic_payload& gp);
  std::uint64_t now_ps() const;
  bool keep_row_open(std::uint64_t burst, std::uint64_t last_burst, const DramCoord& c) const;
  void report_channel(Json& out, std::size_t i) const;
  void note_part(std::uint32_t channel, bool write, std::uint64_t bytes, Cycle data_end);
  // A request's part on a channel is done: its latency, count and the channel's time window.
  void note_done(ChannelStats& s, bool write, std::uint64_t arrival_ps, std::uint64_t end_ps);
  // Burst-by-burst path (any mapping, any policy).
  void access_bursts(std::uint64_t addr, std::uint64_t len, std::uint64_t first, std::uint64_t last,
                     bool write, Cycle arrival);
  // Block path: see the constructor; same schedule, fewer steps.
  void access_blocks(std::uint64_t addr, std::uint64_t len, std::uint64_t first, std::uint64_t last,
                     bool write, Cycle arrival);

  DramParams params_;
  AddressMapper mapper_;
  DramClock clock_;
  EnergyLedger& ledger_;
  std::vector<std::unique_ptr<DramChannel>> channels_;
  std::vector<ChannelEnergyIds> energy_ids_;
  std::vector<ChannelStats> stats_;
  LatencyStats latency_;
  SparseMemory mem_;
  std::uint64_t ps_per_tick_ = 1;  // SystemC time resolution in ps
  std::uint64_t cap_now_ps_ = ~std::uint64_t(0);  // kernel time the channels' settle cap was set for
  // Block structure of the mapping: the lowest block_bits_ burst-index bits hold only bank
  // group, channel and column bits (bank-group bits below all column bits), so inside an
  // aligned block of 2^block_bits_ bursts rank, bank and row are fixed and each channel's
  // bursts visit `lanes_` bank groups round robin.
  bool block_path_ = false;
  std::uint32_t block_bits_ = 0, lanes_ = 1, block_ch_bits_ = 0;
  struct ChBits { std::uint32_t pos, bits, shift; };
  std::vector<ChBits> block_ch_;  // where the channel bits sit inside the block
  DramObserver* observer_ = nullptr;
  std::vector<std::unique_ptr<BufferedChannel>> buffered_;  // empty: in-order (fcfs)
  sc_core::sc_event wake_;   // schedule_method: a burst arrived or a command falls due
  sc_core::sc_event space_;  // a burst left a buffer (or was admitted: the next in line may try)
  std::uint64_t tickets_issued_ = 0, tickets_admitted_ = 0;  // admission order of waiting bursts
  bool event_per_command_ = false;
  std::uint64_t requests_inline_ = 0, requests_alone_ = 0, requests_replayed_ = 0, requests_answered_ = 0;
  std::uint64_t held_until_ps_ = 0;  // the latest time an early answer told its initiator to act from
  bool decode_every_burst_ = false;
  double dynamic_energy_pj() const;  // command + I/O energy so far (for the observer)
};

}  // namespace sushi::dram
