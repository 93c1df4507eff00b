// A request alone in an fr_fcfs controller. First against the in-order path
// (DramChannel::access_stream, what fcfs does with it): an ACT constrains only ACTs (tRRD, tFAW)
// and its own bank, an RD/WR only RD/WRs (tCCD, tWTR, the data bus) and its own bank, and a PRE
// only its own bank; each command issues at the earliest cycle its predecessors allow. So when
// the arbiter issues the request's ACTs in arrival order and its RD/WRs in arrival order, and no
// refresh falls due, every command lands where the in-order path puts it: why a serving
// platform's DMA streams (lanes alike) give much the same numbers with either scheduler
// (docs/dram.md, "Serving presets stay on fcfs"). Checked on random channel states (the same
// earlier traffic through both channels) and random lone requests over a block's four bank
// groups, DDR4-2400. Then BufferedChannel::place_replayed, which places such a request by the
// arbiter's worked-out steps whether or not they keep arrival order, against the arbiter; and
// streams of such requests on one channel, where most steps are remembered ones.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <utility>
#include <vector>

#include "dram/scheduler/buffered_channel.h"
#include "dram_test_util.h"

namespace sushi::dram::test {
namespace {

// Everything a later command could see of a channel: counters, bus end, and for every bank
// its open row and the earliest cycle of a read and of a write to a row it holds and to one
// it does not (bank, rank, bank-group and bus state).
std::vector<Cycle> observe(const DramChannel& ch, const DramSpec& spec) {
  const ChannelCounters& c = ch.counters();
  std::vector<Cycle> v{Cycle(c.act), Cycle(c.pre), Cycle(c.rd), Cycle(c.wr), Cycle(c.ref), Cycle(c.row_hits),
                       Cycle(c.row_misses), Cycle(c.row_conflicts), Cycle(c.bus_busy_cycles), ch.last_data_end()};
  for (std::uint32_t bg = 0; bg < spec.org.bank_groups; ++bg) {
    for (std::uint32_t ba = 0; ba < spec.org.banks_per_group; ++ba) {
      const auto open = ch.open_row(0, bg, ba);
      v.push_back(open ? Cycle(*open) : -1);
      for (std::uint32_t row : {open ? *open : 0u, 1000u}) {
        for (bool write : {false, true}) v.push_back(ch.next_command(0, bg, ba, row, write, 0).at);
      }
    }
  }
  return v;
}

// A burst of request 1 to (bank group, bank, row) of rank 0.
BufferedBurst burst(std::uint32_t bg, std::uint32_t bank, std::uint32_t row, bool write, Cycle at) {
  BufferedBurst b;
  b.tag = 1;
  b.bank_group = bg;
  b.bank = bank;
  b.row = row;
  b.write = write;
  b.arrival = at;
  return b;
}

TEST(DramLoneRequest, ArbiterMatchesInOrderWhenActsAndCasesKeepArrivalOrder) {
  const DramSpec spec = ddr4_2400_x64();
  ASSERT_EQ(spec.org.bank_groups, 4u);
  std::mt19937_64 rng(20261204);
  int matched = 0, reordered = 0, refreshed = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    DramChannel fr(spec, PagePolicy::open, 4096), in_order(spec, PagePolicy::open, 4096);
    BufferedChannel bc(fr, spec, SchedulerKind::fr_fcfs, BufferKind::bankwise, 8, PagePolicy::open);
    std::vector<BufferedChannel::IssuedCommand> log;
    bc.set_command_log(&log);
    // Earlier traffic, in order through both: rows 0..3 of every bank, so the request finds
    // its lanes open at its row, at another row or closed, with recent ACTs and RD/WRs around.
    Cycle t = rng() % 30000;  // tREFI is 9360 cycles: some requests meet a refresh
    const int earlier = int(rng() % 40);
    for (int i = 0; i < earlier; ++i) {
      const std::uint32_t bg = rng() % 4, ba = rng() % 4, row = rng() % 4;
      const bool write = rng() % 3 == 0;
      fr.access(0, bg, ba, row, write, t);
      in_order.access(0, bg, ba, row, write, t);
      t += Cycle(rng() % 40);
    }
    // The lone request: n bursts of one row, bank groups round robin from bg0.
    const std::uint32_t bg0 = rng() % 4, bank = rng() % 4, row = rng() % 4;
    const std::uint64_t n = 1 + rng() % 24;
    const bool write = rng() % 3 == 0;
    const Cycle arrival = t + Cycle(rng() % 120);
    const std::uint64_t refs = fr.counters().ref;
    for (std::uint64_t k = 0; k < n; ++k) bc.admit(burst((bg0 + std::uint32_t(k)) & 3, bank, row, write, arrival));
    Cycle fr_end = kNever;
    for (Cycle now = arrival; !bc.empty();) {
      const Cycle next = bc.advance(now, [&](std::uint64_t, Cycle end, std::uint64_t) { fr_end = std::max(fr_end, end); });
      if (next == kNever) break;
      now = next;
    }
    const Cycle in_order_end = in_order.access_stream(0, bg0, 4, bank, row, n, write, arrival);
    if (fr.counters().ref != refs || in_order.counters().ref != refs) {
      ++refreshed;
      continue;
    }
    // Arrival order within each kind (a burst's arrival order is its index k here).
    bool in_arrival_order = true;
    std::uint64_t last_act = 0, last_cas = 0;
    bool any_act = false, any_cas = false;
    for (const auto& c : log) {
      if (c.kind == BufferedChannel::IssuedCommand::act) {
        in_arrival_order &= !any_act || c.seq > last_act;
        last_act = c.seq;
        any_act = true;
      } else if (c.kind == BufferedChannel::IssuedCommand::cas) {
        in_arrival_order &= !any_cas || c.seq > last_cas;
        last_cas = c.seq;
        any_cas = true;
      }
    }
    if (!in_arrival_order) {
      ++reordered;
      continue;
    }
    ++matched;
    ASSERT_EQ(fr_end, in_order_end) << "trial " << trial;
    ASSERT_EQ(observe(fr, spec), observe(in_order, spec)) << "trial " << trial;
  }
  std::printf("lone requests: %d in arrival order (identical), %d reordered, %d met a refresh\n", matched, reordered,
              refreshed);
  // The draw covers both sides of the condition (random states make lanes unlike each other, so
  // most requests reorder; a DMA stream's lanes are alike) and requests that meet a refresh.
  EXPECT_GT(matched, 400);
  EXPECT_GT(reordered, 100);
  EXPECT_GT(refreshed, 10);
}

// Two fr_fcfs channels alike, DDR4-2400 with row-hit runs over four lanes, each logging its
// commands: `arb` places every request by the arbiter, `io` by the path under test.
struct Twins {
  Twins(const DramSpec& spec, PagePolicy page)
      : arb_ch(spec, page, 4096),
        io_ch(spec, page, 4096),
        arb(arb_ch, spec, SchedulerKind::fr_fcfs, BufferKind::bankwise, 8, page),
        io(io_ch, spec, SchedulerKind::fr_fcfs, BufferKind::bankwise, 8, page) {
    arb.set_run_lanes(4);
    io.set_run_lanes(4);
    arb.set_command_log(&arb_log);
    io.set_command_log(&io_log);
  }
  DramChannel arb_ch, io_ch;
  BufferedChannel arb, io;
  std::vector<BufferedChannel::IssuedCommand> arb_log, io_log;
};

// BufferedChannel::place_replayed against the arbiter on the same random states, with row-hit
// runs on (four lanes) and a horizon, open and closed page: wherever it places a request, every
// command (kind, burst, bank, cycle), the request's end, the channel's state and the next
// request's schedule are the arbiter's; where it declines, nothing changed but a refresh already
// due (which advance performs first too), and the arbiter runs as ever. The draw covers requests
// the arbiter reorders, since random states make lanes unlike.
void expect_replay_matches_arbiter(PagePolicy page, std::uint64_t seed) {
  const DramSpec spec = ddr4_2400_x64();
  std::mt19937_64 rng(seed);
  int placed = 0, declined = 0, reordered = 0, next_alone = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    Twins tw(spec, page);
    auto &arb_ch = tw.arb_ch, &io_ch = tw.io_ch;
    auto &arb = tw.arb, &io = tw.io;
    auto &arb_log = tw.arb_log, &io_log = tw.io_log;
    // Earlier requests through both schedulers' arbiters alike (runs and tails included).
    Cycle t = rng() % 30000;
    const Cycle horizon = 1000000;
    const auto drain = [&](BufferedChannel& bc, Cycle now) {
      Cycle end = kNever;
      while (!bc.empty()) {
        const Cycle next =
            bc.advance(now, [&](std::uint64_t, Cycle e, std::uint64_t) { end = std::max(end, e); }, horizon);
        if (next == kNever) break;
        now = next;
      }
      return end;
    };
    const auto request = [&](BufferedChannel& bc, std::uint32_t bg0, std::uint32_t bank, std::uint32_t row,
                             std::uint64_t n, bool write, Cycle at) {
      for (std::uint64_t k = 0; k < n; ++k) bc.admit(burst((bg0 + std::uint32_t(k)) & 3, bank, row, write, at));
      return drain(bc, at);
    };
    for (int i = int(rng() % 8); i > 0; --i) {
      const std::uint32_t bg0 = rng() % 4, bank = rng() % 4, row = rng() % 3;
      const std::uint64_t n = 1 + rng() % 16;
      const bool write = rng() % 3 == 0;
      const Cycle e1 = request(arb, bg0, bank, row, n, write, t);
      const Cycle e2 = request(io, bg0, bank, row, n, write, t);
      ASSERT_EQ(e1, e2);
      t = e1 - Cycle(rng() % 30);
    }
    // The request under test: by its worked-out steps where place_replayed takes it, by the
    // arbiter elsewhere.
    const std::uint32_t bg0 = rng() % 4, bank = rng() % 4, row = rng() % 3;
    const std::uint64_t n = 1 + rng() % 24;
    const bool write = rng() % 3 == 0;
    const Cycle at = t + Cycle(rng() % 60);
    const Cycle limit = rng() % 4 == 0 ? at + Cycle(rng() % 200) : horizon;
    const Cycle arb_end = request(arb, bg0, bank, row, n, write, at);
    const std::size_t io_logged = io_log.size();
    const Cycle io_end = io.place_replayed(burst(bg0, bank, row, write, at), n, at, limit);
    if (io_end == kNever) {
      ++declined;
      ASSERT_EQ(io_log.size(), io_logged);
      ASSERT_TRUE(io.empty());
      ASSERT_EQ(request(io, bg0, bank, row, n, write, at), arb_end);
    } else {
      ++placed;
      ASSERT_EQ(io_end, arb_end) << "trial " << trial;
      // Placed with its ACTs or its RD/WRs out of arrival order (what the in-order path could not
      // place).
      bool out_of_order = false;
      for (const auto kind : {BufferedChannel::IssuedCommand::act, BufferedChannel::IssuedCommand::cas}) {
        std::uint64_t last_seq = 0;
        bool first = true;
        for (std::size_t i = io_logged; i < io_log.size(); ++i) {
          if (io_log[i].kind != kind) continue;
          out_of_order |= !first && io_log[i].seq < last_seq;
          last_seq = io_log[i].seq;
          first = false;
        }
      }
      reordered += out_of_order;
    }
    ASSERT_EQ(io_log, arb_log) << "trial " << trial;
    ASSERT_EQ(observe(io_ch, spec), observe(arb_ch, spec)) << "trial " << trial;
    // The next request finds the same scheduler state (tails, arrival orders, slots).
    const Cycle next_at = arb_end + Cycle(rng() % 20);
    const std::uint32_t nbg = rng() % 4, nbank = rng() % 2 ? bank : rng() % 4, nrow = rng() % 2 ? row : rng() % 3;
    const std::uint64_t nn = 1 + rng() % 16;
    // Placed as the controller does (a run's continuation, then the worked-out steps, else the
    // arbiter): the same path on both sides shows the run's tail was left alike.
    const auto next = [&](BufferedChannel& bc) {
      const BufferedBurst nb = burst(nbg, nbank, nrow, write, next_at);
      if (const Cycle e = bc.place_alone(nb, nn, next_at, horizon); e != kNever) return std::pair{e, 1};
      if (const Cycle e = bc.place_replayed(nb, nn, next_at, horizon); e != kNever) return std::pair{e, 2};
      return std::pair{request(bc, nbg, nbank, nrow, nn, write, next_at), 3};
    };
    const auto io_next = next(io), arb_next = next(arb);
    ASSERT_EQ(io_next, arb_next) << "trial " << trial;
    next_alone += io_next.second == 1;
    ASSERT_EQ(io_log, arb_log) << "trial " << trial << " (next request)";
    ASSERT_EQ(observe(io_ch, spec), observe(arb_ch, spec)) << "trial " << trial << " (next request)";
  }
  std::printf("place_replayed (%s page): %d placed (%d with ACTs or RD/WRs out of arrival order), %d declined; next "
              "request continued the run: %d\n",
              page == PagePolicy::open ? "open" : "closed", placed, reordered, declined, next_alone);
  // Declined: a quarter of the requests have a short horizon, and some meet a refresh.
  EXPECT_GT(placed, 1500);
  EXPECT_GT(reordered, 150);
  EXPECT_GT(declined, 200);
  if (page == PagePolicy::open) {
    EXPECT_GT(next_alone, 50);
  }
}

// A stream of lone requests on one channel, placed on one side as the controller does (a run's
// continuation, then the worked-out or remembered steps, else the arbiter), on the other by the
// arbiter alone: every command, end and channel state must be the arbiter's. Two streams:
//   - a DMA engine's: 8 to 64 bursts, gaps of 0 or 4 cycles, now and then an idle stretch that
//     lets a refresh close the banks. The states repeat: most steps placed are remembered ones
//     (LoneRequestMemo).
//   - overlapping: 1 to 16 bursts arriving up to 24 cycles before the previous request's data
//     end, so its ACTs, RD/WRs and write data still bind (tFAW, tCCD, tWTR, the bus): the
//     remembered steps must tell those states apart (a key that lumps times up to tRRD_L old
//     together fails here, tried).
void expect_remembered_steps_match_arbiter(PagePolicy page, bool overlapping, std::uint64_t seed) {
  const DramSpec spec = ddr4_2400_x64();
  std::mt19937_64 rng(seed);
  Twins tw(spec, page);
  auto &arb_ch = tw.arb_ch, &io_ch = tw.io_ch;
  auto &arb = tw.arb, &io = tw.io;
  auto &arb_log = tw.arb_log, &io_log = tw.io_log;
  const Cycle horizon = Cycle(1) << 40;
  int replayed = 0, resumed = 0;
  Cycle at = 100;
  for (int i = 0; i < 6000; ++i) {
    const std::uint32_t bg0 = rng() % 4, bank = rng() % 2, row = rng() % 2;
    const std::uint64_t n = overlapping ? std::uint64_t(1) << (rng() % 5) : std::uint64_t(8) << (rng() % 4);
    const bool write = rng() % 4 == 0;
    // Bursts k0 .. n-1 of the request, admitted at cycle `from` and served by the arbiter.
    const auto by_arbiter = [&](BufferedChannel& bc, std::uint64_t k0, Cycle from) {
      for (std::uint64_t k = k0; k < n; ++k) bc.admit(burst((bg0 + std::uint32_t(k)) & 3, bank, row, write, from));
      Cycle end = kNever;
      for (Cycle now = from; !bc.empty();) {
        now = bc.advance(now, [&](std::uint64_t, Cycle e, std::uint64_t) { end = std::max(end, e); }, horizon);
        if (now == kNever) break;
      }
      return end;
    };
    const Cycle arb_end = by_arbiter(arb, 0, at);
    const BufferedBurst b = burst(bg0, bank, row, write, at);
    Cycle io_end = io.place_alone(b, n, at, horizon);
    if (io_end == kNever) {
      // As the controller: a run that meets a refresh is placed up to it, and the rest is a
      // request alone at the cycle the arbiter takes it (the refresh first).
      BufferedChannel::Resume resume;
      io_end = io.place_replayed(b, n, at, horizon, &resume);
      replayed += io_end != kNever;
      if (resume.at != kNever) {
        ++resumed;
        const std::uint64_t k0 = resume.bursts;
        io_end = io.place_replayed(burst((bg0 + std::uint32_t(k0)) & 3, bank, row, write, resume.at), n - k0,
                                   resume.at, horizon);
        if (io_end == kNever) io_end = by_arbiter(io, k0, resume.at);
      }
    }
    if (io_end == kNever) io_end = by_arbiter(io, 0, at);  // a refresh falls due before its last command
    ASSERT_EQ(io_end, arb_end) << "request " << i;
    ASSERT_EQ(io_log, arb_log) << "request " << i;
    ASSERT_EQ(observe(io_ch, spec), observe(arb_ch, spec)) << "request " << i;
    const Cycle gap = overlapping ? Cycle(8 * (rng() % 4)) - 24 : Cycle(4 * (rng() % 2));
    at = arb_end + (rng() % 32 == 0 ? 3000 + Cycle(rng() % 12000) : gap);
  }
  std::printf("%s stream (%s page): %d of 6000 requests by worked-out steps (%d of them up to a refresh, then "
              "the rest), %llu remembered (%zu schedules)\n",
              overlapping ? "overlapping" : "DMA", page == PagePolicy::open ? "open" : "closed", replayed, resumed,
              static_cast<unsigned long long>(io.steps_recalled()), io.schedules_remembered());
  EXPECT_GT(replayed, 5000);
  if (page == PagePolicy::open && !overlapping) {
    EXPECT_GT(resumed, 20);
  }
  EXPECT_GT(io.steps_recalled(), overlapping ? 200 : std::uint64_t(replayed) / 2);
}

TEST(DramLoneRequest, RememberedStepsGiveTheArbitersScheduleOpenPage) {
  expect_remembered_steps_match_arbiter(PagePolicy::open, false, 6122026);
  expect_remembered_steps_match_arbiter(PagePolicy::open, true, 8122026);
}

TEST(DramLoneRequest, RememberedStepsGiveTheArbitersScheduleClosedPage) {
  expect_remembered_steps_match_arbiter(PagePolicy::closed, false, 7122026);
  expect_remembered_steps_match_arbiter(PagePolicy::closed, true, 9122026);
}

TEST(DramLoneRequest, PlaceReplayedGivesTheArbitersScheduleOpenPage) {
  expect_replay_matches_arbiter(PagePolicy::open, 4122026);
}

TEST(DramLoneRequest, PlaceReplayedGivesTheArbitersScheduleClosedPage) {
  expect_replay_matches_arbiter(PagePolicy::closed, 5122026);
}

}  // namespace
}  // namespace sushi::dram::test
