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
#include "util/params.h"
#include "common/stats.h"
#include "request_trace.h"

namespace sushi {

enum class TrafficPattern { sequential, random };
inline constexpr params::Named<TrafficPattern> kTrafficPatternNames[] = {
    {TrafficPattern::sequential, "sequential"}, {TrafficPattern::random, "random"}};

// Every traffic.<name>.* key declared once in describe() (models/common/params.h): the schema,
// the config mapping (platform/soc/soc.cpp) and the defaults come from it.
struct TrafficGeneratorParams {
  TrafficGeneratorParams() { params::apply_defaults(*this); }

  using Pattern = TrafficPattern;
  std::uint64_t region_base = 0;      // absolute address of the first byte used
  std::uint64_t region_size;          // bytes (from config: 0 = up to the end of the memory)
  std::uint64_t transaction_bytes;
  std::uint64_t transactions;
  double read_fraction;               // 1 = all reads, 0 = all writes
  Pattern pattern;
  std::uint64_t interval_ps;          // issue-to-issue gap after completion (0 = back to back)
  std::uint64_t start_ps;
  std::uint64_t seed = 1;             // sim.seed
  std::uint32_t outstanding;          // requests in flight at most (1: one at a time, decoupled)
  // Replayed instead of the pattern when set (addresses relative to region_base).
  std::shared_ptr<const std::vector<TraceRequest>> trace;

  // Every key of one generator, under `k`: "traffic.*" (the schema) or an instance
  // ("traffic.dma"). The target, the region offset and the trace file are resolved by the SoC
  // (a memory name, an address in it, a file to load), so they are unbound here.
  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "traffic.*") {
    using params::Kind;
    v.section("traffic",
              "Traffic generators, one named instance each: initiators that stream reads "
              "and writes to a memory through the NoC (for memory and NoC studies).");
    v.string(k + ".target", params::unbound, std::nullopt,
             "Name of the memory to access (an instance of sram, dram or memories)");
    v.choice(k + ".pattern", p.pattern, kTrafficPatternNames, TrafficPattern::sequential,
             "Address pattern inside the region: sequential (wrapping) or uniform random");
    v.quantity(k + ".transaction_size", Kind::size, p.transaction_bytes, "64 B", "1 B", "16 MiB",
               "Bytes per TLM transaction");
    v.integer(k + ".transactions", p.transactions, 1000, 0, 1000000000, "Number of transactions to issue");
    v.real(k + ".read_fraction", p.read_fraction, 1.0, 0.0, 1.0, "Fraction of transactions that are reads");
    v.integer(k + ".outstanding", p.outstanding, 1, 1, 4096,
              "Requests in flight at most: 1 = one at a time (temporally decoupled); more = that many "
              "worker threads, each waiting for its request's completion (maximum rate with interval 0)");
    v.path(k + ".trace", params::unbound, "",
           "Request trace to replay instead of the pattern (docs/traffic.md): DRAMSys STL (*.stl) or CSV "
           "(*.csv), optionally gzip-compressed (*.gz); addresses are offsets in the region");
    v.quantity(k + ".trace_clock", Kind::frequency, params::unbound, "1 GHz", "1 kHz", "100 GHz",
               "Clock of the STL trace's cycle numbers (the initiator's clock)");
    v.quantity(k + ".interval", Kind::time, p.interval_ps, "0 ps", "0 ps", "1 s",
               "Gap between a transaction's completion and the next issue");
    v.quantity(k + ".start", Kind::time, p.start_ps, "0 ps", "0 ps", "1000 s", "Time of the first issue");
    v.quantity(k + ".region_offset", Kind::size, params::unbound, "0 B", "0 B", "1 TiB",
               "Offset of the accessed region inside the target memory");
    v.quantity(k + ".region_size", Kind::size, p.region_size, "0 B", "0 B", "1 TiB",
               "Size of the accessed region (0 B = up to the end of the memory)");
  }
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
