// An initiator that issues a configured stream of reads and writes, for exercising memories
// and interconnects (and for the SoC skeleton before the CPU and accelerator exist).
//
// Loosely timed with temporal decoupling: the thread keeps a local time offset in a
// tlm_quantumkeeper and synchronises with the kernel once per quantum. Addresses are
// sequential (wrapping inside the region) or uniformly random at transaction-size alignment,
// drawn from a SplitMix64 generator seeded from (seed, name), so runs are reproducible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "common/latency_stats.h"
#include "common/stats.h"

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
  std::uint64_t next_random();

  TrafficGeneratorParams params_;
  std::uint64_t rng_state_;
  std::vector<std::uint8_t> buffer_;
  bool done_ = false;
  sc_core::sc_event done_event_;
  std::uint64_t issued_ = 0, reads_ = 0, writes_ = 0, bytes_ = 0, errors_ = 0;
  std::uint64_t first_issue_ps_ = 0, last_done_ps_ = 0;
  LatencyStats latency_;
};

}  // namespace sushi
