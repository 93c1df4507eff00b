// SramArray timing, conflicts, capacity, occupancy and leakage, with the arithmetic beside each
// expected number (T = clock period).
#include <gtest/gtest.h>

#include "common/energy_ledger.h"
#include "sram/sram_array.h"

using namespace sushi;
using namespace sushi::sram;

namespace {
SramEnergy fixed_energy() {
  SramEnergy e;
  e.read = {10.0, CountUnit::event, "10 pJ", "test", ""};
  e.write = {12.0, CountUnit::event, "12 pJ", "test", ""};
  e.leakage = {0.01, CountUnit::ps, "10 mW", "test", ""};  // 10 mW = 0.01 pJ/ps
  return e;
}
SramParams base() {
  SramParams p;
  p.capacity_bytes = 64 * 1024;
  p.word_bytes = 8;
  p.banks = 4;
  p.ports = 1;
  p.clock_period_ps = 1000;  // 1 GHz
  p.read_latency_cycles = 2;
  p.write_latency_cycles = 1;
  p.bank_busy_cycles = 1;
  return p;
}
}  // namespace

TEST(SramArray, SingleWordReadLatencyAndEnergy) {
  SramArray a("pb", base(), fixed_energy());
  auto r = a.access(AccessKind::read, 0, 8, 0);
  EXPECT_EQ(r.words, 1u);
  EXPECT_EQ(r.start_ps, 0u);
  EXPECT_EQ(r.done_ps, 2000u);  // issue at 0 + read latency 2 x 1000 ps
  EXPECT_DOUBLE_EQ(a.read_energy_pj(), 10.0);  // 1 word x 10 pJ
  auto w = a.access(AccessKind::write, 8, 8, 5000);
  EXPECT_EQ(w.done_ps, 6000u);  // issue at 5000 + write latency 1 x 1000 ps
  EXPECT_DOUBLE_EQ(a.write_energy_pj(), 12.0);  // 1 word x 12 pJ
}

TEST(SramArray, RequestBetweenEdgesStartsAtNextEdge) {
  SramArray a("pb", base(), fixed_energy());
  auto r = a.access(AccessKind::read, 0, 8, 1500);
  EXPECT_EQ(r.start_ps, 2000u);  // next clock edge after 1500 ps
  EXPECT_EQ(r.done_ps, 4000u);   // 2000 + 2 x 1000
}

TEST(SramArray, UnalignedAccessCoversEveryTouchedWord) {
  SramArray a("pb", base(), fixed_energy());
  auto r = a.access(AccessKind::read, 6, 4, 0);  // bytes 6..9 touch words 0 and 1
  EXPECT_EQ(r.words, 2u);
  EXPECT_EQ(r.done_ps, 3000u);  // words issue at 0 and 1000; last + 2 x 1000
}

TEST(SramArray, TileBurstIsOneAccountedAccess) {
  SramParams p = base();
  p.capacity_bytes = 256 * 1024;
  p.word_bytes = 32;  // 256-bit words
  p.banks = 8;
  SramArray a("wbuf", p, fixed_energy());
  auto r = a.access(AccessKind::read, 0, 16 * 1024, 0);
  EXPECT_EQ(r.words, 512u);          // 16384 B / 32 B
  EXPECT_EQ(r.done_ps, 513000u);     // last word issues at (512-1) x 1000 ps, + 2 x 1000 ps latency
  EXPECT_EQ(r.conflict_cycles, 0u);  // word-interleaved over 8 banks, 1-cycle bank busy
  EXPECT_EQ(a.counters().reads, 1u);
  EXPECT_EQ(a.counters().read_words, 512u);
  EXPECT_EQ(a.counters().read_bytes, 16384u);
  EXPECT_DOUBLE_EQ(a.read_energy_pj(), 5120.0);  // 512 words x 10 pJ
  // The port is free one cycle after the last issue: the next tile starts at 512000 ps.
  auto r2 = a.access(AccessKind::read, 16 * 1024, 16 * 1024, 0);
  EXPECT_EQ(r2.start_ps, 512000u);
  EXPECT_EQ(r2.done_ps, 1025000u);  // 512000 + 511 x 1000 + 2 x 1000
  EXPECT_EQ(a.counters().port_wait_ps, 512000u);
}

TEST(SramArray, LongBurstLeavesExactBankState) {
  // Words past the first `banks` are computed in closed form; the bank state they leave behind
  // must be exact for the next access.
  SramParams p = base();
  p.ports = 2;
  p.bank_busy_cycles = 4;  // == banks: closed form
  SramArray a("a", p, fixed_energy());
  a.access(AccessKind::read, 0, 8 * 10, 0);  // words 0..9 issue at 0..9000 on port 0
  // Word 9 is in bank 1 (9 % 4), issued at 9000, busy until 9000 + 4 x 1000 = 13000.
  auto r = a.access(AccessKind::read, 8, 8, 0);  // bank 1 on port 1
  EXPECT_EQ(r.start_ps, 0u);
  EXPECT_EQ(r.conflict_cycles, 13u);  // waits from 0 to 13000
  EXPECT_EQ(r.done_ps, 15000u);       // 13000 + 2 x 1000
}

TEST(SramArray, CountChargesLikeAnAccessWithoutTakingThePort) {
  SramArray a("act_in", base(), fixed_energy());
  // 1 KiB counted at bytes 4..1027: words 0..128 = 129 words, 129 x 10 pJ; no port taken, so a
  // timed access at 0 right after starts at 0 (a timed 1 KiB access would hold the port for 129
  // cycles: the next would wait 129,000 ps).
  EXPECT_EQ(a.count(AccessKind::read, 4, 1024), 129u);
  EXPECT_DOUBLE_EQ(a.read_energy_pj(), 1290.0);
  EXPECT_EQ(a.access(AccessKind::read, 0, 8, 0).start_ps, 0u);
  EXPECT_EQ(a.count(AccessKind::write, 0, 64), 8u);  // 8 words x 12 pJ
  EXPECT_DOUBLE_EQ(a.write_energy_pj(), 96.0);
  const SramCounters& c = a.counters();
  EXPECT_EQ(c.reads, 2u);
  EXPECT_EQ(c.read_words, 130u);
  EXPECT_EQ(c.read_bytes, 1032u);
  EXPECT_EQ(c.writes, 1u);
  EXPECT_EQ(c.occupancy_hwm_bytes, 64u);
  EXPECT_EQ(c.port_wait_ps, 0u);
  EXPECT_EQ(c.bank_conflicts, 0u);
  EXPECT_THROW(a.count(AccessKind::read, 64 * 1024 - 8, 16), SramError);  // past the capacity
}

TEST(SramArray, BankConflictAddsTheBankBusyCycles) {
  SramParams p = base();
  p.ports = 2;
  p.bank_busy_cycles = 3;
  SramArray a("a", p, fixed_energy());
  auto r1 = a.access(AccessKind::read, 0, 8, 0);  // word 0 -> bank 0 on port 0, bank busy to 3000
  EXPECT_EQ(r1.done_ps, 2000u);
  // Same cycle, other port, word 4 -> bank 4 % 4 = 0: waits the 3 busy cycles.
  auto r2 = a.access(AccessKind::read, 32, 8, 0);
  EXPECT_EQ(r2.port, 1u);
  EXPECT_EQ(r2.conflict_cycles, 3u);
  EXPECT_EQ(r2.done_ps, 5000u);  // issue at 0 + 3 x 1000 (conflict) + 2 x 1000 latency
  // Same cycle, word 1 -> bank 1: no conflict. Both ports are busy until 1000 / 4000 -> port 0.
  auto r3 = a.access(AccessKind::read, 8, 8, 0);
  EXPECT_EQ(r3.port, 0u);
  EXPECT_EQ(r3.start_ps, 1000u);  // port 0 free one cycle after its issue at 0
  EXPECT_EQ(r3.conflict_cycles, 0u);
  EXPECT_EQ(r3.done_ps, 3000u);
  EXPECT_EQ(a.counters().bank_conflicts, 1u);
  EXPECT_EQ(a.counters().bank_conflict_cycles, 3u);
}

TEST(SramArray, CapacityOverflowIsAnError) {
  SramArray a("pb", base(), fixed_energy());
  EXPECT_NO_THROW(a.access(AccessKind::write, 64 * 1024 - 8, 8, 0));  // last word fits
  try {
    a.access(AccessKind::write, 64 * 1024 - 4, 8, 0);
    FAIL() << "expected SramError";
  } catch (const SramError& e) {
    EXPECT_NE(std::string(e.what()).find("overflows the capacity of 65536 B"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("pb"), std::string::npos);
  }
  EXPECT_THROW(a.access(AccessKind::read, 0, 0, 0), SramError);
  EXPECT_THROW(a.note_occupancy(64 * 1024 + 1), SramError);
  EXPECT_EQ(a.counters().writes, 1u);  // failed accesses are not counted
}

TEST(SramArray, OccupancyHighWaterMark) {
  SramArray a("pb", base(), fixed_energy());
  a.access(AccessKind::write, 1024, 512, 0);
  EXPECT_EQ(a.counters().occupancy_hwm_bytes, 1536u);  // end of the written range 1024 + 512
  a.access(AccessKind::write, 0, 8, 0);
  EXPECT_EQ(a.counters().occupancy_hwm_bytes, 1536u);  // lower writes do not lower it
  a.note_occupancy(4096);
  EXPECT_EQ(a.counters().occupancy_hwm_bytes, 4096u);
}

TEST(SramArray, LeakageScalesWithSimulatedTime) {
  EnergyLedger ledger;
  SramArray a("soc.pb", base(), fixed_energy(), &ledger);
  a.accrue(1'000'000);  // 1 us
  EXPECT_DOUBLE_EQ(a.leakage_energy_pj(), 10'000.0);  // 10 mW x 1 us = 10 nJ = 10000 pJ
  a.accrue(500'000);  // earlier time: ignored (monotonic)
  a.accrue(3'000'000);
  EXPECT_DOUBLE_EQ(a.leakage_energy_pj(), 30'000.0);  // 10 mW x 3 us
  EXPECT_DOUBLE_EQ(ledger.energy_pj(ledger.id_of("soc.pb.leakage")), 30'000.0);
  EXPECT_EQ(ledger.info(ledger.id_of("soc.pb.leakage")).category, EnergyCategory::sram);
}

TEST(SramArray, LedgerCountsWordsPerAction) {
  EnergyLedger ledger;
  SramArray a("soc.abuf", base(), fixed_energy(), &ledger);
  a.access(AccessKind::read, 0, 64, 0);    // 8 words
  a.access(AccessKind::write, 0, 24, 0);   // 3 words
  EXPECT_EQ(ledger.count(ledger.id_of("soc.abuf.read")), 8u);
  EXPECT_EQ(ledger.count(ledger.id_of("soc.abuf.write")), 3u);
  EXPECT_DOUBLE_EQ(ledger.total_pj(), 8 * 10.0 + 3 * 12.0);  // 80 + 36 = 116 pJ
  EXPECT_DOUBLE_EQ(a.total_energy_pj(), 116.0);
}

TEST(SramParams, ValidationNamesTheKey) {
  auto expect_key = [](SramParams p, const std::string& key) {
    try {
      p.validate("accel.pb");
      FAIL() << "expected an error for " << key;
    } catch (const SramError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(key + ":", 0), 0u) << e.what();
    }
  };
  SramParams p = base();
  p.banks = 3;
  expect_key(p, "accel.pb.banks");
  p = base();
  p.word_bytes = 0;
  expect_key(p, "accel.pb.word");
  p = base();
  p.capacity_bytes = 1000;  // not a multiple of 8 B x 4 banks
  expect_key(p, "accel.pb.size");
  p = base();
  p.ports = 0;
  expect_key(p, "accel.pb.ports");
  p = base();
  p.clock_period_ps = 0;
  expect_key(p, "accel.pb.clock");
}

TEST(SramArray, StatsCarryUnits) {
  SramArray a("pb", base(), fixed_energy());
  a.access(AccessKind::read, 0, 64, 0);
  Json j;
  a.report_stats(j);
  EXPECT_EQ(j["read_B"], 64);
  EXPECT_EQ(j["reads_count"], 1);
  EXPECT_EQ(j["read_words_count"], 8);
  EXPECT_DOUBLE_EQ(j["energy_pJ"].get<double>(), 80.0);  // 8 words x 10 pJ
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string k = it.key();
    bool unit = false;
    for (const char* s : {"_B", "_ps", "_pJ", "_pct", "_count"}) {
      if (k.size() > std::string(s).size() && k.compare(k.size() - std::string(s).size(), std::string::npos, s) == 0) unit = true;
    }
    EXPECT_TRUE(unit) << k;
  }
}
