// An initiator that issues a configured stream of reads and writes, for exercising memories
// and interconnects (and for the SoC skeleton before the CPU and accelerator exist).
//
// Loosely timed with temporal decoupling: the thread keeps a local time offset in a
// tlm_quantumkeeper and synchronises with the kernel once per quantum. Addresses are
// sequential (wrapping inside the region) or uniformly random at transaction-size alignment,
// drawn from a SplitMix64 generator seeded from (seed, name), so runs are reproducible.
//
// With `outstanding` > 1 or a trace, the generator keeps up to `outstanding` requests in flight
// (one worker thread each, synchronised with the kernel after every request, so that requests
// reach the target in time order): maximum rate when the interval is 0. A trace (request_trace.h)
// gives each request's issue time, command, address and length; a request is issued at its time
// or, when all workers are busy, as soon as one is free.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "common/latency_stats.h"
#include "common/stats.h"
#include "request_trace.h"

namespace sushi {

struct TrafficGeneratorParams {
  enum class Pattern { sequential, random };
  std::uint64_t region_base = 0;      // absolute address of the first byte used
  std::uint64_t region_size = 0;      // bytes
  std::uint64_t transaction_bytes = 64;
  std::uint64_t transactions = 0;
  double read_fraction = 1.0;         // 1 = all reads, 0 = all writes
  Pattern pattern = Pattern::sequential;
  std::uint64_t interval_ps = 0;      // issue-to-issue gap after completion (0 = back to back)
  std::uint64_t start_ps = 0;
  std::uint64_t seed = 1;
  std::uint32_t outstanding = 1;      // requests in flight at most (1: one at a time, decoupled)
  // Replayed instead of the pattern when set (addresses relative to region_base).
  std::shared_ptr<const std::vector<TraceRequest>> trace;
};

class TrafficGenerator : public sc_core::sc_module, public StatsProvider {
 public:
  tlm_utils::simple_initiator_socket<TrafficGenerator> socket;

  TrafficGenerator(const sc_core::sc_module_name& name, const TrafficGeneratorParams& params);

  bool done() const { return done_; }
  std::uint64_t issued() const { return issued_; }
  const sc_core::sc_event& done_event() const { return done_event_; }
  void report_stats(Json& out) const override;

 private:
  void run();
  void run_workers();  // outstanding > 1 or a trace
  void worker();
  std::uint64_t next_random();
  struct Request {
    std::uint64_t address, issue_ps;
    std::uint32_t bytes;
    bool write;
  };
  Request request(std::uint64_t i);  // the i-th request (pattern draws in index order)
  void finish();

  TrafficGeneratorParams params_;
  std::uint64_t rng_state_;
  std::vector<std::uint8_t> buffer_;
  bool done_ = false;
  sc_core::sc_event done_event_;
  std::uint64_t issued_ = 0, reads_ = 0, writes_ = 0, bytes_ = 0, errors_ = 0;
  std::uint64_t first_issue_ps_ = 0, last_done_ps_ = 0;
  std::uint64_t next_index_ = 0;   // workers: the next request to issue
  std::uint32_t running_ = 0;      // workers still running
  LatencyStats latency_;
};

}  // namespace sushi
