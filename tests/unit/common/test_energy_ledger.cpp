#include <gtest/gtest.h>

#include "common/energy_ledger.h"

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
