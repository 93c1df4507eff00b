// The accelerator's DMA: splits each stream into bursts of at most dma.burst_bytes (never crossing
// a burst_bytes-aligned boundary, like AXI's 4 KiB rule; a power of two, AccelParams::validate) and
// spreads them over the ports.
//
// Per port (loosely timed, times in ps, T = accelerator clock period):
//   serialisation  ser(n) = ceil(n / port_bytes) x T        (the port moves port_bytes per cycle)
//   issue          = max(ready, port data free, free time of the port's oldest request slot)
//   memory answer  m = issue + delay returned by b_transport (NoC + DRAM: state-dependent)
//   done           = max(m, issue + ser(n))
//   the port's data path is free again at issue + ser(n); its request slot at `done`
// so up to max_outstanding bursts per port are in flight, the next burst issues as soon as a
// slot is free, and throughput is the lesser of the port rate and what the memory system answers.
// A burst goes to the port of its stream's PortGroup that can issue it earliest (lowest index on
// ties). Weight streams use the weight group (the last TimingParams::weight_ports ports, each
// moving weight_bytes_per_cycle / weight_ports bytes per cycle); every other stream all ports at
// full width: ser(n) = ceil(ceil(n / port_bytes) x beat_ps) with beat_ps the group's time per
// port_bytes beat (= T at full width).
//
// The payload always carries a valid data pointer: the caller's buffer in functional mode and for
// PB loads, otherwise a scratch buffer (no per-byte work in the accelerator) and the TimingOnly
// extension, so memories may skip the copy (common/timing_only.h).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <systemc>
#include <tlm>

#include "accel/sushi/accel_params.h"
#include "common/held_call.h"
#include "common/timing_only.h"

namespace sushi::accel {

// The ports a stream may use, [first, first + count), and the time one port_bytes beat occupies
// a port of the group (T at full width; longer when the stream is slower than the port).
struct PortGroup {
  std::uint32_t first = 0;
  std::uint32_t count = 1;
  double beat_ps = 0.0;
};
// All ports at full width.
PortGroup all_ports(const AccelParams& p);
// The weight streams' ports and rate (TimingParams::weight_ports, weight_bytes_per_cycle).
PortGroup weight_ports(const AccelParams& p);

class DmaEngine {
 public:
  // Forwards a timed transaction to the memory system (the initiator socket).
  using Transport = std::function<void(tlm::tlm_generic_payload&, sc_core::sc_time&)>;
  // Called with each burst's issue time (absolute ps) before the burst goes to the memory system,
  // so that the owner can synchronise with SystemC time inside a long stream (the quantum of
  // temporal decoupling). Only for streams whose bursts issue in time order and after which the
  // owner issues nothing earlier: a later stream at an earlier time would be served from the
  // synchronised time.
  using IssueGate = std::function<void(std::uint64_t issue_ps)>;

  DmaEngine(const AccelParams& p, Transport transport);
  ~DmaEngine();
  DmaEngine(const DmaEngine&) = delete;
  DmaEngine& operator=(const DmaEngine&) = delete;

  // Moves [addr, addr + bytes) (read: memory -> data, write: data -> memory), the first burst
  // ready at ready_ps (absolute). `data` may be null (scratch). Returns the completion time of
  // the last burst (ready_ps if bytes == 0). On a TLM error response the failure is latched
  // (failed(), failed_addr()) and the rest of the stream is not issued.
  std::uint64_t transfer(bool write, std::uint64_t addr, std::uint64_t bytes, std::uint8_t* data,
                         std::uint64_t ready_ps, const PortGroup& group, const IssueGate& gate = {});

  // The same for data produced at a steady rate over [first_ps, first_ps + window_ps] (outputs
  // leaving the DPE array during a pass): a burst is ready when its last byte is produced,
  // first_ps + ceil(window_ps x (offset + n) / bytes). window_ps = 0 is transfer().
  std::uint64_t transfer_paced(bool write, std::uint64_t addr, std::uint64_t bytes, std::uint8_t* data,
                               std::uint64_t first_ps, std::uint64_t window_ps, const PortGroup& group,
                               const IssueGate& gate = {});

  bool failed() const { return failed_; }
  std::uint64_t failed_addr() const { return failed_addr_; }
  void clear_failure() { failed_ = false; }
  void reset();  // ports idle (soft reset)

  std::uint64_t bursts() const { return bursts_; }
  std::uint64_t read_bytes() const { return read_bytes_; }
  std::uint64_t write_bytes() const { return write_bytes_; }
  std::uint64_t port_wait_ps() const { return port_wait_ps_; }  // time bursts waited for a port
  // The time the owner's thread stands at: the kernel's time, or later when a target answered a
  // burst early in place of holding the call (common/held_call.h) — the thread acts as if it had
  // been held until then (its next burst arrives no earlier; the owner synchronises from there).
  std::uint64_t thread_time_ps() const;

 private:
  struct Port {
    std::uint64_t data_free_ps = 0;
    std::vector<std::uint64_t> slot_free_ps;  // ring of max_outstanding request slots
    std::size_t head = 0;
  };
  std::uint64_t burst(bool write, std::uint64_t addr, std::uint64_t n, std::uint8_t* data, std::uint64_t ready_ps,
                      const PortGroup& group, const IssueGate& gate);

  AccelParams p_;
  Transport transport_;
  std::vector<Port> ports_;
  std::vector<std::uint8_t> scratch_;
  tlm::tlm_generic_payload gp_;
  TimingOnly timing_only_;  // attached while a burst moves scratch data
  HeldCall held_;           // attached to gp_ for good: the target may answer any burst early
  std::uint64_t held_until_ps_ = 0;  // the latest HeldCall::until_ps (see thread_time_ps)
  bool failed_ = false;
  std::uint64_t failed_addr_ = 0;
  std::uint64_t bursts_ = 0, read_bytes_ = 0, write_bytes_ = 0, port_wait_ps_ = 0;
};

}  // namespace sushi::accel
