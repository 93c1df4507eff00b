#include <gtest/gtest.h>

#include "common/energy_attribution.h"
#include "common/energy_ledger.h"
#include "common/energy_static.h"

using namespace sushi;

namespace {
EnergyEntry cost(double pj, CountUnit u = CountUnit::event) {
  EnergyEntry e;
  e.pj_per_unit = pj;
  e.unit = u;
  e.source = "test";
  return e;
}
}  // namespace

TEST(EnergyLedger, EnergyIsCountTimesCost) {
  EnergyLedger l;
  const ActionId mac = l.declare("soc.accel", "mac", EnergyCategory::compute, cost(0.315));
  const ActionId rd = l.declare("soc.dram", "read_bytes", EnergyCategory::dram, cost(64.0, CountUnit::byte));
  l.add(mac, 1296);
  l.add(rd, 4096);
  EXPECT_EQ(l.count(mac), 1296u);
  EXPECT_DOUBLE_EQ(l.energy_pj(mac), 408.24);      // 1296 x 0.315
  EXPECT_DOUBLE_EQ(l.energy_pj(rd), 262144.0);     // 4096 B x 64 pJ/B (8 pJ/bit)
  EXPECT_DOUBLE_EQ(l.total_pj(), 262552.24);       // 408.24 + 262144
  const auto cats = l.energy_by_category_pj();
  EXPECT_DOUBLE_EQ(cats[static_cast<int>(EnergyCategory::compute)], 408.24);
  EXPECT_DOUBLE_EQ(cats[static_cast<int>(EnergyCategory::dram)], 262144.0);
  EXPECT_DOUBLE_EQ(cats[static_cast<int>(EnergyCategory::sram)], 0.0);
  EXPECT_EQ(l.info(rd).name, "soc.dram.read_bytes");
  EXPECT_EQ(l.id_of("soc.accel.mac"), mac);
}

TEST(EnergyLedger, SnapshotsAttributeAnInterval) {
  EnergyLedger l;
  const ActionId a = l.declare("c", "a", EnergyCategory::sram, cost(2.5));
  l.add(a, 10);
  const auto before = l.snapshot();
  l.add(a, 4);
  const auto after = l.snapshot();
  l.add(a, 100);
  const auto interval = l.energy_by_category_pj(before, after);
  EXPECT_DOUBLE_EQ(interval[static_cast<int>(EnergyCategory::sram)], 10.0);  // 4 x 2.5
  EXPECT_DOUBLE_EQ(l.energy_pj(a), 285.0);                                   // 114 x 2.5
}

TEST(EnergyLedger, ActionsDeclaredLaterStillAttribute) {
  EnergyLedger l;
  const ActionId a = l.declare("c", "a", EnergyCategory::noc, cost(1.0));
  const auto before = l.snapshot();
  const ActionId b = l.declare("c", "b", EnergyCategory::noc, cost(3.0));
  l.add(a, 1);
  l.add(b, 2);
  EXPECT_DOUBLE_EQ(l.energy_by_category_pj(before, l.snapshot())[static_cast<int>(EnergyCategory::noc)], 7.0);  // 1 + 2 x 3
}

TEST(EnergyLedger, DuplicateOrNegativeActionsAreRejected) {
  EnergyLedger l;
  l.declare("c", "a", EnergyCategory::other, cost(1.0));
  EXPECT_THROW(l.declare("c", "a", EnergyCategory::other, cost(1.0)), std::logic_error);
  EXPECT_THROW(l.declare("c", "n", EnergyCategory::other, cost(-1.0)), std::logic_error);
  EXPECT_THROW(l.id_of("c.none"), std::out_of_range);
}

TEST(EnergyLedger, KindFollowsTheUnitUnlessDeclared) {
  EnergyLedger l;
  const ActionId rd = l.declare("c", "rd", EnergyCategory::dram, cost(1.0));
  const ActionId leak = l.declare("c", "leak", EnergyCategory::sram, cost(0.5, CountUnit::ps));
  const ActionId ref = l.declare("c", "ref", EnergyCategory::dram, cost(100.0), EnergyKind::background);
  EXPECT_EQ(l.info(rd).kind, EnergyKind::activity);
  EXPECT_EQ(l.info(leak).kind, EnergyKind::background);
  EXPECT_EQ(l.info(ref).kind, EnergyKind::background);
  l.add(rd, 3);
  l.add(leak, 10);
  l.add(ref, 2);
  const EnergyBreakdown e = l.breakdown_pj();
  EXPECT_DOUBLE_EQ(e.at(EnergyCategory::dram, EnergyKind::activity), 3.0);      // 3 x 1 pJ
  EXPECT_DOUBLE_EQ(e.at(EnergyCategory::dram, EnergyKind::background), 200.0);  // 2 refreshes x 100 pJ
  EXPECT_DOUBLE_EQ(e.of(EnergyCategory::sram), 5.0);                            // 10 ps x 0.5 W
  EXPECT_DOUBLE_EQ(e.of(EnergyKind::background), 205.0);
  EXPECT_DOUBLE_EQ(e.total(), 208.0);
}

TEST(EnergyLedger, AccrueBooksStaticPowerUpToTheReadingInClosedForm) {
  // A 2 W power (2 pJ/ps), on from 0; a 0.5 W busy power switched on at 100 ps and off at 400 ps.
  EnergyLedger l;
  TimedPower floor_power(l, l.declare("c", "static", EnergyCategory::compute, cost(2.0, CountUnit::ps)), true);
  TimedPower busy(l, l.declare("c", "busy", EnergyCategory::compute, cost(0.5, CountUnit::ps)), false);
  busy.set(true, 100);
  l.accrue(250);
  EXPECT_EQ(l.accrued_ps(), 250u);
  EXPECT_DOUBLE_EQ(l.total_pj(), 2.0 * 250 + 0.5 * 150);  // 500 + 75 = 575 pJ
  busy.set(false, 400);
  l.accrue(1000);
  EXPECT_DOUBLE_EQ(l.total_pj(), 2.0 * 1000 + 0.5 * 300);  // 2000 + 150 = 2150 pJ
  l.accrue(600);  // an earlier reading books nothing
  EXPECT_DOUBLE_EQ(l.total_pj(), 2150.0);
  EXPECT_EQ(busy.on_ps(), 300u);
}

TEST(EnergyAttribution, QueriesAndIdleAddUpToTheTotal) {
  // 1 W floor (1 pJ/ps) plus 10 pJ events. Service intervals [100, 300] and [500, 600]; the run
  // ends at 1000. Query 1: 200 ps x 1 pJ + 2 events = 220 pJ; query 2: 100 + 1 event = 110 pJ;
  // idle: [0,100] + [300,500] + [600,1000] = 700 ps + 1 event = 710 pJ; total 1040 pJ.
  EnergyLedger l;
  TimedPower p(l, l.declare("c", "static", EnergyCategory::cpu, cost(1.0, CountUnit::ps)), true);
  const ActionId ev = l.declare("c", "ev", EnergyCategory::dram, cost(10.0));
  EnergyAttribution a(l);
  l.add(ev);  // idle, before any query
  a.begin(1, 100);
  l.add(ev, 2);
  const EnergyBreakdown q1 = a.end(1, 300);
  a.begin(2, 500);
  l.add(ev);
  const EnergyBreakdown q2 = a.end(2, 600);
  a.finish(1000);
  EXPECT_DOUBLE_EQ(q1.total(), 220.0);
  EXPECT_DOUBLE_EQ(q1.of(EnergyCategory::dram), 20.0);
  EXPECT_DOUBLE_EQ(q2.total(), 110.0);
  EXPECT_DOUBLE_EQ(a.idle().total(), 710.0);
  EXPECT_DOUBLE_EQ(a.idle().at(EnergyCategory::cpu, EnergyKind::background), 700.0);
  EXPECT_EQ(a.idle_ps(), 700u);
  EXPECT_DOUBLE_EQ(q1.total() + q2.total() + a.idle().total(), l.total_pj());
  EXPECT_DOUBLE_EQ(l.total_pj(), 1040.0);
}

TEST(EnergyAttribution, OverlappingIntervalsShareEachStretchEqually) {
  // 1 W floor. Query 1 in [0, 300], query 2 in [100, 400]: [0,100] is query 1's (100 pJ),
  // [100,300] is shared (200 pJ: 100 each), [300,400] is query 2's (100 pJ). A query still in
  // service at the end (3, from 450) keeps its share in unfinished(): [450, 500] = 50 pJ.
  EnergyLedger l;
  TimedPower p(l, l.declare("c", "static", EnergyCategory::other, cost(1.0, CountUnit::ps)), true);
  EnergyAttribution a(l);
  a.begin(1, 0);
  a.begin(2, 100);
  EXPECT_EQ(a.in_service(), 2u);
  EXPECT_DOUBLE_EQ(a.end(1, 300).total(), 200.0);  // 100 alone + 100 shared
  EXPECT_DOUBLE_EQ(a.end(2, 400).total(), 200.0);  // 100 shared + 100 alone
  a.begin(3, 450);
  a.finish(500);
  EXPECT_DOUBLE_EQ(a.idle().total(), 50.0);  // [400, 450]
  EXPECT_DOUBLE_EQ(a.unfinished().total(), 50.0);
  EXPECT_DOUBLE_EQ(l.total_pj(), 500.0);
}
