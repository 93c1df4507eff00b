// fr_fcfs without a kernel event per command (DramController::schedule_method runs ahead while
// no request can arrive, and BufferedChannel places row-hit runs at once) against the reference,
// a kernel wake-up for every command (set_event_per_command). Each case runs the same traffic
// through both in two child processes (one SystemC simulation per process) and compares every
// command issued (kind, burst, bank, cycle), the controller's and initiators' statistics with
// energy, and the end time; they must be identical.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <sstream>
#include <utility>

#include "child_process.h"
#include "common/observation_horizon.h"
#include "dram_test_util.h"
#include "periph/traffic_generator.h"

namespace sushi::dram::test {
namespace {

struct Stream {
  std::uint64_t base, bytes;   // address window and request size
  std::uint32_t outstanding;
  double read_fraction;
  bool sequential;             // consecutive requests (DMA-like) or uniform random
  std::uint64_t max_gap_ps;    // issue times advance by 0 .. max_gap_ps
};

std::shared_ptr<const std::vector<TraceRequest>> trace(const Stream& s, std::uint64_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto v = std::make_shared<std::vector<TraceRequest>>();
  std::uint64_t t = 0, addr = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    t += s.max_gap_ps ? rng() % (s.max_gap_ps + 1) : 0;
    if (!s.sequential) addr = (rng() % ((64ull << 20) / s.bytes)) * s.bytes;
    const bool write = double(rng() % 1000) >= 1000.0 * s.read_fraction;
    v->push_back({t, s.base + addr, static_cast<std::uint32_t>(s.bytes), write});
    if (s.sequential) addr += s.bytes;
  }
  return v;
}

// The whole run as text: every command per channel, then statistics and the end time.
// observe_every_ps > 0: the run is cut into sc_start calls of that length, as the power windows
// cut a run, with ObservationHorizon set to each cut, and the commands issued by each cut are
// printed: what a power window would book.
// decode_every_burst: admission decodes each burst's address (the reference for the block path).
std::string simulate(const DramParams& p, const std::vector<Stream>& streams, std::uint64_t n, std::uint64_t seed,
                     bool event_per_command, std::uint64_t observe_every_ps = 0, bool decode_every_burst = false) {
  EnergyLedger ledger;
  DramController dram("dram", p, ledger);
  dram.set_event_per_command(event_per_command);
  dram.set_decode_every_burst(decode_every_burst);
  std::vector<std::vector<BufferedChannel::IssuedCommand>> logs(dram.channel_count());
  for (std::size_t i = 0; i < logs.size(); ++i) dram.set_command_log(i, &logs[i]);
  std::vector<std::unique_ptr<TrafficGenerator>> gens;
  for (std::size_t i = 0; i < streams.size(); ++i) {
    TrafficGeneratorParams g;
    g.region_size = dram.capacity();
    g.outstanding = streams[i].outstanding;
    g.trace = trace(streams[i], n, seed * 16 + i);
    gens.push_back(std::make_unique<TrafficGenerator>(("gen" + std::to_string(i)).c_str(), g));
    gens.back()->socket.bind(dram.socket);
  }
  std::ostringstream out;
  if (observe_every_ps == 0) {
    sc_core::sc_start();
  } else {
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    for (std::uint64_t cut = observe_every_ps; sc_core::sc_pending_activity(); cut += observe_every_ps) {
      ObservationHorizon::set_ps(cut);  // ps: the tests' time resolution is 1 ps
      sc_core::sc_start(sc_core::sc_time::from_value(cut) - sc_core::sc_time_stamp(), sc_core::SC_RUN_TO_TIME);
      std::size_t issued = 0;
      for (const auto& l : logs) issued += l.size();
      out << "cut " << cut << ' ' << issued << '\n';
    }
    ObservationHorizon::set_ps(ObservationHorizon::kNever);
  }
  ledger.accrue(sc_core::sc_time_stamp().value());
  for (std::size_t i = 0; i < logs.size(); ++i) {
    for (const auto& c : logs[i]) out << "ch" << i << ' ' << int(c.kind) << ' ' << c.seq << ' ' << c.bank << ' ' << c.at << '\n';
  }
  Json j;
  dram.report_stats(j);
  out << j.dump() << '\n';
  for (const auto& g : gens) {
    Json s;
    g->report_stats(s);
    out << s.dump() << '\n';
  }
  out << "end " << sc_core::sc_time_stamp().value() << '\n';
  out << "deltas " << sc_core::sc_delta_count() << " inline " << dram.requests_taken_inline() << " alone "
      << dram.requests_placed_alone() << " replayed " << dram.requests_placed_replayed() << '\n';
  return out.str();
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

// The last line's counts: "deltas D inline I alone A replayed R".
struct KernelCounts {
  std::uint64_t deltas = 0, taken_inline = 0, placed_alone = 0, placed_replayed = 0;
};
KernelCounts kernel_counts(const std::string& l) {
  std::istringstream in(l);
  std::string w;
  KernelCounts k;
  in >> w >> k.deltas >> w >> k.taken_inline >> w >> k.placed_alone >> w >> k.placed_replayed;
  return k;
}

// Same commands, statistics and end time; the run-ahead needs far fewer kernel activations.
// Some requests are taken at their arrival before the kernel gets there, and some of those are
// placed as a run or by their worked-out steps without being buffered (the reference does none of these), so the
// comparison covers those paths too.
// placed_alone: such requests (as a run and replayed) must occur (DDR4 here: its mapping has the
// block structure on one channel; the two-channel LPDDR4 mapping interleaves channels inside a
// block, so none there).
void expect_same(const DramParams& p, const std::vector<Stream>& streams, std::uint64_t n, std::uint64_t seed,
                 bool placed_alone, std::uint64_t observe_every_ps = 0) {
  const auto ref = lines(in_child([&] { return simulate(p, streams, n, seed, true, observe_every_ps); }));
  const auto fast = lines(in_child([&] { return simulate(p, streams, n, seed, false, observe_every_ps); }));
  ASSERT_GT(ref.size(), 100u);
  ASSERT_EQ(ref.size(), fast.size());
  for (std::size_t i = 0; i + 1 < ref.size(); ++i) ASSERT_EQ(ref[i], fast[i]) << "line " << i;
  const KernelCounts r = kernel_counts(ref.back()), f = kernel_counts(fast.back());
  EXPECT_LT(f.deltas, r.deltas);
  EXPECT_EQ(r.taken_inline, 0u);
  EXPECT_EQ(r.placed_alone, 0u);
  EXPECT_EQ(r.placed_replayed, 0u);
  EXPECT_GT(f.taken_inline, 0u);
  if (placed_alone) {
    EXPECT_GT(f.placed_alone, 0u);
    EXPECT_GT(f.placed_replayed, 0u);
  } else {
    EXPECT_EQ(f.placed_alone, 0u);
    EXPECT_EQ(f.placed_replayed, 0u);
  }
}

// Admission by blocks (one address decode per block of the mapping's block structure) against
// decoding every burst: the same commands, statistics, end time and kernel activity.
void expect_same_admission(const DramParams& p, const std::vector<Stream>& streams, std::uint64_t n,
                           std::uint64_t seed) {
  const auto ref = lines(in_child([&] { return simulate(p, streams, n, seed, false, 0, true); }));
  const auto fast = lines(in_child([&] { return simulate(p, streams, n, seed, false, 0, false); }));
  ASSERT_GT(ref.size(), 100u);
  ASSERT_EQ(ref.size(), fast.size());
  for (std::size_t i = 0; i < ref.size(); ++i) ASSERT_EQ(ref[i], fast[i]) << "line " << i;
  // Refreshes fall inside the run: it lasts many tREFI (7.8 us).
  const auto end = std::stoull(ref[ref.size() - 2].substr(4));
  EXPECT_GT(end, 100'000'000u);  // ps
}

DramParams fr_fcfs(DramParams p, BufferKind buffer = BufferKind::bankwise, std::uint32_t size = 8) {
  p.scheduler = SchedulerKind::fr_fcfs;
  p.buffer = buffer;
  p.buffer_size = size;
  return p;
}

// DDR4 (4 bank groups: row-hit runs over 4 lanes): two DMA-like 4 KiB streams (reads, writes)
// and random 64 B traffic, with idle gaps across refreshes.
TEST(DramRunAhead, MatchesEventPerCommandDdr4MixedInitiators) {
  const std::vector<Stream> s{{0, 4096, 1, 1.0, true, 3000000},
                              {256u << 20, 4096, 2, 0.0, true, 2000000},
                              {0, 64, 4, 0.7, false, 400000}};
  for (std::uint64_t seed : {1, 2, 3}) expect_same(fr_fcfs(ddr4()), s, 400, seed, true);
}

// One blocking DMA stream back to back (the serving platform's pattern: runs continue from
// request to request) plus a sparse random reader.
TEST(DramRunAhead, MatchesEventPerCommandDdr4Stream) {
  const std::vector<Stream> s{{0, 4096, 1, 0.8, true, 0}, {0, 64, 1, 1.0, false, 5000000}};
  expect_same(fr_fcfs(ddr4()), s, 2000, 7, true);
}

// LPDDR4, two channels, no bank groups (runs of one lane), 1 KiB and 32 B requests.
TEST(DramRunAhead, MatchesEventPerCommandLpddr4TwoChannels) {
  const std::vector<Stream> s{{0, 1024, 2, 0.5, true, 1000000}, {0, 32, 8, 0.6, false, 200000}};
  for (std::uint64_t seed : {4, 5}) expect_same(fr_fcfs(lpddr4()), s, 500, seed, false);
}

// Back-pressure: a shared buffer of 4 bursts and many requests in flight (initiators wait for
// space; the controller then takes one step at a time).
TEST(DramRunAhead, MatchesEventPerCommandUnderBackPressure) {
  const std::vector<Stream> s{{0, 4096, 2, 1.0, true, 500000}, {0, 64, 8, 0.5, false, 100000}};
  expect_same(fr_fcfs(ddr4(), BufferKind::shared, 4), s, 300, 9, true);
}

// A run read from outside the kernel every 1 us (as trace.power's windows read it): at every cut
// the run-ahead has issued exactly the commands the wake-per-command reference has, because the
// cut is a horizon (ObservationHorizon) like the kernel's next pending activity. Without it, the
// run-ahead would count commands of the next window in this one.
TEST(DramRunAhead, MatchesEventPerCommandAtEveryObservationCut) {
  const std::vector<Stream> s{{0, 4096, 1, 0.8, true, 0}, {0, 64, 2, 1.0, false, 2000000}};
  expect_same(fr_fcfs(ddr4()), s, 300, 11, true, 1000000);
}

// Mixed traffic through the block admission: DMA-like 4 KiB streams of reads and of writes, one
// starting 192 B into a block (its requests straddle blocks, so blocks are entered mid-way),
// 1 KiB requests, random 64 B traffic, idle gaps across refreshes; DDR4 (four lanes) with a
// bank-wise and a shared buffer (back-pressure stops admission mid-request).
TEST(DramRunAhead, BlockAdmissionMatchesDecodingEveryBurst) {
  const std::vector<Stream> s{{0, 4096, 1, 1.0, true, 3000000},
                              {(256u << 20) + 192, 4096, 2, 0.0, true, 2000000},
                              {512u << 20, 1024, 2, 0.5, true, 1000000},
                              {0, 64, 4, 0.7, false, 400000}};
  for (std::uint64_t seed : {1, 2}) expect_same_admission(fr_fcfs(ddr4()), s, 300, seed);
  expect_same_admission(fr_fcfs(ddr4(), BufferKind::shared, 4), s, 200, 3);
}

}  // namespace
}  // namespace sushi::dram::test
