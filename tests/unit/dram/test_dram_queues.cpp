// The channel's bookkeeping structures and the address decoder, against plain reference models:
// CompletionWindow (queue admission: completion of the burst `depth` places back, with row-hit
// runs kept as a formula) and BankOpenEvents (open-bank count changes, consumed in time order).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "dram/bank_open_events.h"
#include "dram/address_mapper.h"
#include "dram/completion_window.h"

using sushi::dram::BankOpenEvents;
using sushi::dram::CompletionWindow;
using sushi::dram::Cycle;
using sushi::dram::kNever;

TEST(CompletionWindow, RunsAndSingleBurstsGiveTheSameWindowAsAPlainList) {
  for (const std::size_t depth : {1u, 2u, 7u, 32u}) {
    CompletionWindow w(depth);
    std::vector<Cycle> all;  // every completion in order (reference)
    std::mt19937_64 rng(depth);
    Cycle t = 0;
    for (int step = 0; step < 4000; ++step) {
      if (rng() % 3 == 0) {
        t += Cycle(rng() % 50);
        w.push(t);
        all.push_back(t);
      } else {
        // Runs shorter and longer than the window, so old runs are kept partly in the ring.
        const std::uint64_t n = 1 + rng() % (2 * depth + 3);
        const Cycle d = 1 + Cycle(rng() % 8);
        const Cycle c0 = t + Cycle(rng() % 20);
        w.push_run(c0, d, n);
        for (std::uint64_t k = 0; k < n; ++k) all.push_back(c0 + Cycle(k) * d);
        t = all.back();
      }
      for (std::size_t j = 0; j < depth; ++j) {
        // Burst number all.size() + j waits for burst all.size() + j - depth.
        const std::ptrdiff_t back = std::ptrdiff_t(all.size() + j) - std::ptrdiff_t(depth);
        const Cycle want = back >= 0 ? all[std::size_t(back)] : kNever;
        ASSERT_EQ(w.slot_free(j), want) << "depth " << depth << " step " << step << " j " << j;
      }
    }
  }
}

// The out-of-order controller's window (4096 bursts) holds many runs of a DMA request's length
// at once, with single bursts between them: the lookups near the window's start (the ones the
// channel makes) and a sample across it against the plain list.
TEST(CompletionWindow, ALongWindowHoldsManyRuns) {
  const std::size_t depth = 4096;
  CompletionWindow w(depth);
  std::vector<Cycle> all;
  std::mt19937_64 rng(7);
  Cycle t = 0;
  for (int step = 0; step < 3000; ++step) {
    const std::uint64_t singles = rng() % 5;  // a request's first bursts, one by one
    for (std::uint64_t k = 0; k < singles; ++k) {
      t += Cycle(rng() % 9);
      w.push(t);
      all.push_back(t);
    }
    const std::uint64_t n = 1 + rng() % 70;
    const Cycle d = 1 + Cycle(rng() % 8);
    const Cycle c0 = t + Cycle(rng() % 20);
    w.push_run(c0, d, n);
    for (std::uint64_t k = 0; k < n; ++k) all.push_back(c0 + Cycle(k) * d);
    t = all.back();
    for (int probe = 0; probe < 24; ++probe) {
      const std::size_t j = probe < 16 ? std::size_t(probe) : std::size_t(rng() % depth);
      const std::ptrdiff_t back = std::ptrdiff_t(all.size() + j) - std::ptrdiff_t(depth);
      const Cycle want = back >= 0 ? all[std::size_t(back)] : kNever;
      ASSERT_EQ(w.slot_free(j), want) << "step " << step << " j " << j;
    }
  }
}

TEST(BankOpenEvents, PopsInTimeOrderWhateverThePushOrder) {
  BankOpenEvents ev;
  std::vector<Cycle> pending;  // reference: a multiset of times
  std::mt19937_64 rng(7);
  Cycle now = 0;
  for (int step = 0; step < 20000; ++step) {
    if (rng() % 2 == 0) {
      // Mostly in order, sometimes earlier than events already queued (as PREs of refresh).
      const Cycle at = now + Cycle(rng() % 100) - (rng() % 5 == 0 ? 60 : 0);
      ev.push(at, rng() % 2 ? +1 : -1);
      pending.push_back(at);
    } else {
      now += Cycle(rng() % 40);
      std::sort(pending.begin(), pending.end());
      while (!ev.empty() && ev.front().at <= now) {
        ASSERT_FALSE(pending.empty());
        ASSERT_EQ(ev.front().at, pending.front()) << "step " << step;
        pending.erase(pending.begin());
        ev.pop();
      }
      ASSERT_TRUE(pending.empty() || pending.front() > now) << "step " << step;
      ASSERT_EQ(ev.size(), pending.size());
    }
  }
}

// AddressMapper::decode against a bit-by-bit reference: the two-piece fast decoder (bank group
// split in two) and the general one (column in three pieces).
namespace {
sushi::dram::DramCoord reference_decode(const sushi::dram::AddressMappingSpec& m, std::uint64_t addr,
                                        std::uint32_t offset_bits) {
  sushi::dram::DramCoord c;
  std::uint32_t* dst[6] = {&c.channel, &c.rank, &c.bank_group, &c.bank, &c.row, &c.column};
  std::uint32_t used[6] = {};
  std::uint64_t bit = offset_bits;
  for (const auto& seg : m.segments) {
    const auto f = static_cast<std::size_t>(seg.field);
    for (std::uint32_t k = 0; k < seg.bits; ++k, ++bit) *dst[f] |= std::uint32_t((addr >> bit) & 1) << used[f]++;
  }
  return c;
}
}  // namespace

TEST(AddressMapper, DecodeMatchesABitByBitReference) {
  const sushi::dram::DramSpec spec = sushi::dram::ddr4_2400_x64();  // 64 B bursts: offset 6 bits
  for (const char* text : {"bg:1,co:7,bg:1,ba:2,ro:15", "co:3,bg:2,co:2,ba:2,co:2,ro:15"}) {
    const auto m = sushi::dram::parse_address_mapping(text, "address_mapping");
    const sushi::dram::AddressMapper mapper(spec, m);
    std::mt19937_64 rng(1);
    for (int i = 0; i < 10000; ++i) {
      const std::uint64_t addr = rng() % mapper.capacity();
      const auto got = mapper.decode(addr);
      const auto want = reference_decode(m, addr, mapper.offset_bits());
      ASSERT_EQ(got.channel, want.channel) << text;
      ASSERT_EQ(got.rank, want.rank) << text;
      ASSERT_EQ(got.bank_group, want.bank_group) << text << " " << addr;
      ASSERT_EQ(got.bank, want.bank) << text;
      ASSERT_EQ(got.row, want.row) << text;
      ASSERT_EQ(got.column, want.column) << text << " " << addr;
    }
  }
}
