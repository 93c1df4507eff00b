// SubGraph arithmetic, planning, PB layout and the caching policies on a hand-built SuperNet
// whose bytes can be derived by hand.
//
// Geometry: k_par = c_par = 4, int8, kernel_max 3: tap = 4 x 4 x 1 = 16 B, unit = 9 x 16 = 144 B.
//   layer 0: 8 out x 8 in   -> 2 K-tiles x 2 C-tiles, 576 B at weight offset 0
//   layer 1: 16 out x 8 in  -> 4 K-tiles x 2 C-tiles, 1152 B at 576
//   layer 2: 8 out x 16 in  -> 2 K-tiles x 4 C-tiles, 1152 B at 1728
// SubNets:
//   A (0): every layer whole                              576 + 1152 + 1152 = 2880 B
//   B (1): L0 k4 c8 (1x2 units = 288 B), L1 k8 c4 (2x1 = 288 B), no L2       = 576 B
//   C (2): L2 whole (1152 B) and L0 k4 c8 (288 B)                            = 1440 B
#include <gtest/gtest.h>

#include <vector>

#include "sched/cache_policy.h"
#include "sched/pb_layout.h"
#include "sched/plan.h"
#include "sched/sched_model.h"

namespace {

sushi_img_region R(uint16_t k, uint16_t c) { return sushi_img_region{k, c, 3, 1, 0}; }
const sushi_img_region kNone{0, 0, 0, 0, 0};

struct Model {
  std::vector<sushi_sched_layer> layers{
      {0, 16, 144, 4, 4, 2, 0}, {576, 16, 144, 4, 4, 2, 0}, {1728, 16, 144, 4, 4, 4, 0}};
  std::vector<sushi_img_region> regions{R(8, 8), R(16, 8), R(8, 16),  // A
                                        R(4, 8), R(8, 4), kNone,      // B
                                        R(4, 8), kNone, R(8, 16)};    // C
  std::vector<uint32_t> acc{80000, 75000, 77000};
  std::vector<uint64_t> fixed{100, 100, 100};
  // 1000 cycles per layer with its weights in the PB, 64 cycles per uncached KiB (Q24.8: 16384).
  std::vector<sushi_layer_latency> lat = std::vector<sushi_layer_latency>(9, sushi_layer_latency{1000, 16384});
  sushi_sched_model view() const {
    return sushi_sched_model{3, 3, layers.data(), regions.data(), acc.data(), fixed.data(), lat.data()};
  }
};

}  // namespace

TEST(SchedSubgraph, RegionBytesAndOverlapInWholeBlocks) {
  const Model m;
  const auto v = m.view();
  EXPECT_EQ(sushi_region_bytes(&v.layers[1], &m.regions[1]), 1152u);  // 4 K x 2 C x 144
  EXPECT_EQ(sushi_region_bytes(&v.layers[1], &m.regions[4]), 288u);   // 2 K x 1 C x 144
  EXPECT_EQ(sushi_region_overlap(&v.layers[1], &m.regions[1], &m.regions[4]), 288u);
  // k 5 rounds up to 2 K-tiles; kernel 1 keeps one tap per unit: 2 x 2 x 1 x 16 = 64
  const sushi_img_region odd{5, 8, 1, 1, 0};
  EXPECT_EQ(sushi_region_bytes(&v.layers[0], &odd), 64u);
  EXPECT_EQ(sushi_subgraph_bytes(&v, &m.regions[0]), 2880u);
  EXPECT_EQ(sushi_subnet_cached_bytes(&v, 2, &m.regions[3]), 288u);  // C and B share L0 k4 c8
  EXPECT_TRUE(sushi_region_covers(&v.layers[0], &m.regions[0], &m.regions[3]));
  EXPECT_FALSE(sushi_region_covers(&v.layers[0], &m.regions[3], &m.regions[0]));
}

TEST(SchedSubgraph, PredictionChargesOnlyUncachedBytes) {
  const Model m;
  const auto v = m.view();
  // A, nothing cached: 100 + 3 x 1000 + 2880 B x 64 cycles/KiB = 3100 + 180 = 3280
  EXPECT_EQ(sushi_predict_subnet_cycles(&v, 0, nullptr), 3280u);
  // A with B's SubGraph cached: uncached 2880 - 576 = 2304 B -> 2304 x 64 / 1024 = 144: 3244
  EXPECT_EQ(sushi_predict_subnet_cycles(&v, 0, &m.regions[3]), 3244u);
  // B with A cached: everything hit: 100 + 2 x 1000 = 2100
  EXPECT_EQ(sushi_predict_subnet_cycles(&v, 1, &m.regions[0]), 2100u);
}

TEST(SchedPlan, IdenticalWindowCachesTheLargestPrefixThatFits) {
  const Model m;
  const auto v = m.view();
  sushi_plan_ws ws;
  sushi_img_region out[3];
  const uint32_t window[] = {0, 0, 0, 0};
  // Every K-tile row is worth 4x its cost, so ties go in layer order: L0 (2 rows x 288 = 576),
  // then L1 rows of 288: 1000 - 576 = 424 fits one row, the second does not: stop.
  const sushi_plan_result r = sushi_plan_subgraph(&v, window, 4, 1000, &ws, out);
  EXPECT_EQ(out[0].k, 8u);
  EXPECT_EQ(out[1].k, 4u);
  EXPECT_EQ(out[1].c, 8u);
  EXPECT_EQ(out[2].included, 0u);
  EXPECT_EQ(r.bytes, 864u);
  EXPECT_EQ(r.reuse_bytes, 4u * 864u);
}

TEST(SchedPlan, NeverExceedsThePbAndPrefersSharedBlocks) {
  const Model m;
  const auto v = m.view();
  sushi_plan_ws ws;
  sushi_img_region out[3];
  const uint32_t window[] = {0, 1, 2, 1};
  for (uint64_t cap : {0u, 100u, 288u, 500u, 1000u, 2000u, 5000u}) {
    const sushi_plan_result r = sushi_plan_subgraph(&v, window, 4, cap, &ws, out);
    EXPECT_LE(r.bytes, cap);
    EXPECT_EQ(r.bytes, sushi_subgraph_bytes(&v, out));
  }
  // With 288 B: L0's first K-tile row is used by all four queries (value 4 x 288, ratio 4), the
  // best row of any layer; it alone fills the PB.
  sushi_plan_subgraph(&v, window, 4, 288, &ws, out);
  EXPECT_EQ(out[0].k, 4u);
  EXPECT_EQ(out[1].included + out[2].included, 0u);
}

TEST(SchedPbLayout, LoadsOnlyChangedRowsAndMergesContiguousEntries) {
  const Model m;
  const auto v = m.view();
  sushi_pb_layout pb;
  sushi_pb_layout_init(&pb, 1200);
  sushi_img_region target[3] = {R(8, 8), R(4, 8), kNone};
  // L0 whole (576 B at PB 0) and L1's first row (288 B at PB 576): DRAM [0, 864) is contiguous
  // and so is the PB: one entry.
  EXPECT_EQ(sushi_pb_layout_change(&pb, &v, target), 864u);
  sushi_pb_load_entry e[8];
  uint64_t cursor = 0;
  ASSERT_EQ(sushi_pb_layout_emit(&pb, &v, 0x1000, &cursor, e, 8), 1u);
  EXPECT_EQ(e[0].dram_addr, 0x1000u);
  EXPECT_EQ(e[0].pb_offset, 0u);
  EXPECT_EQ(e[0].bytes, 864u);
  EXPECT_EQ(sushi_pb_layout_emit(&pb, &v, 0x1000, &cursor, e, 8), 0u);
  sushi_pb_layout_loaded(&pb, &v);

  // L1 grows to 2 rows in place: only row 1 (2 units, DRAM 576 + 2 x 144 = 864, PB 864) loads.
  target[1] = R(8, 8);
  EXPECT_EQ(sushi_pb_layout_change(&pb, &v, target), 288u);
  cursor = 0;
  ASSERT_EQ(sushi_pb_layout_emit(&pb, &v, 0, &cursor, e, 8), 1u);
  EXPECT_EQ(e[0].dram_addr, 864u);
  EXPECT_EQ(e[0].pb_offset, 864u);
  EXPECT_EQ(e[0].bytes, 288u);
  sushi_pb_layout_loaded(&pb, &v);

  // Shrinking loads nothing and keeps places; the PB map follows.
  target[0] = R(4, 8);
  EXPECT_EQ(sushi_pb_layout_change(&pb, &v, target), 0u);
  sushi_pb_map_entry map[3];
  sushi_pb_layout_map(&pb, &v, map);
  EXPECT_EQ(map[0].bytes, 288u);
  EXPECT_EQ(map[0].pb_offset, 0u);
  EXPECT_EQ(map[1].pb_offset, 576u);
  EXPECT_EQ(map[1].bytes, 576u);
  EXPECT_EQ(map[2].flags, 0u);

  // A target larger than the PB is refused and changes nothing.
  const sushi_img_region too_big[3] = {R(8, 8), R(16, 8), R(8, 16)};
  EXPECT_EQ(sushi_pb_layout_change(&pb, &v, too_big), UINT64_MAX);
  EXPECT_EQ(pb.bytes[0], 288u);
}

TEST(SchedPbLayout, EmitResumesAcrossSmallLists) {
  const Model m;
  const auto v = m.view();
  sushi_pb_layout pb;
  sushi_pb_layout_init(&pb, 4096);
  // L2 with 2 of its 4 C-tiles: units are not contiguous in DRAM (rows are 4 units long), so
  // each row is one entry of 2 x 144 = 288 B; 2 rows -> 2 entries, one per emit call of max 1.
  const sushi_img_region target[3] = {kNone, kNone, R(8, 8)};
  EXPECT_EQ(sushi_pb_layout_change(&pb, &v, target), 576u);
  sushi_pb_load_entry e[1];
  uint64_t cursor = 0;
  ASSERT_EQ(sushi_pb_layout_emit(&pb, &v, 0, &cursor, e, 1), 1u);
  EXPECT_EQ(e[0].dram_addr, 1728u);
  EXPECT_EQ(e[0].bytes, 288u);
  ASSERT_EQ(sushi_pb_layout_emit(&pb, &v, 0, &cursor, e, 1), 1u);
  EXPECT_EQ(e[0].dram_addr, 1728u + 4u * 144u);  // row 1 starts 4 units later in DRAM
  EXPECT_EQ(e[0].pb_offset, 288u);
  EXPECT_EQ(sushi_pb_layout_emit(&pb, &v, 0, &cursor, e, 1), 0u);
}

namespace {

// Off-chip weight bytes of a query sequence under a policy: bytes each job streams from DRAM plus
// PB load bytes, the way the firmware drives the policy.
uint64_t offchip_bytes(uint32_t policy, const std::vector<uint32_t>& seq, uint64_t cap, uint32_t window) {
  const Model m;
  const auto v = m.view();
  static sushi_cache c;
  static sushi_pb_layout pb;
  sushi_pb_layout_init(&pb, cap);
  sushi_cache_init(&c, &v, policy, window, 0, cap);
  uint64_t off = 0;
  auto apply = [&] {
    off += sushi_pb_layout_change(&pb, &v, c.target);
    sushi_pb_layout_loaded(&pb, &v);
  };
  auto future = [&](size_t from) {
    std::vector<uint32_t> f;
    for (size_t i = from; i < seq.size() && f.size() < window; ++i) f.push_back(seq[i]);
    return f;
  };
  if (sushi_cache_boot(&c, &v)) apply();
  if (policy == SUSHI_POLICY_ORACLE) {
    const auto f = future(0);
    sushi_cache_plan(&c, &v, f.data(), static_cast<uint32_t>(f.size()), 0);
    apply();
  }
  for (size_t i = 0; i < seq.size(); ++i) {
    if (sushi_cache_before_job(&c, &v, seq[i], pb.cached)) apply();
    off += sushi_subgraph_bytes(&v, &m.regions[seq[i] * 3]) - sushi_subnet_cached_bytes(&v, seq[i], pb.cached);
    const auto f = future(i + 1);
    if (sushi_cache_after_query(&c, &v, seq[i], i * 1000, f.data(), static_cast<uint32_t>(f.size()))) apply();
  }
  return off;
}

}  // namespace

TEST(SchedPolicies, OracleNeverWorseThanSgsAndBothBeatNone) {
  // Phases: 24 x B, 24 x C, 24 x B (a phase-changing workload), PB 1500 B, window 4.
  std::vector<uint32_t> seq;
  for (uint32_t p : {1u, 2u, 1u}) seq.insert(seq.end(), 24, p);
  const uint64_t none = offchip_bytes(SUSHI_POLICY_NONE, seq, 1500, 4);
  const uint64_t sgs = offchip_bytes(SUSHI_POLICY_SGS, seq, 1500, 4);
  const uint64_t oracle = offchip_bytes(SUSHI_POLICY_ORACLE, seq, 1500, 4);
  // none: 48 x 576 + 24 x 1440 = 62208
  EXPECT_EQ(none, 62208u);
  EXPECT_LE(oracle, sgs);
  EXPECT_LT(sgs, none);
  // sgs misses the first window of each phase; the oracle loads ahead of it.
  EXPECT_LT(oracle, sgs);
}

TEST(SchedPolicies, StaticPlansOnceFromTheCatalog) {
  const Model m;
  const auto v = m.view();
  sushi_cache c;
  sushi_cache_init(&c, &v, SUSHI_POLICY_STATIC, 16, 0, 600);
  ASSERT_EQ(sushi_cache_boot(&c, &v), 1);
  // The catalog {A, B, C} as the mix. Row costs: L0 2 x 144 = 288, L1 (shape c8) 288, L2 (c16)
  // 576. First rows' values: L0 A+B+C = 3 x 288 (ratio 3), L1 A 288 + B 144 (1.5), L2 A+C 2 x 576
  // (2). L0 row 0 is taken (288; B and C end there); next best is L2's row (576 B) which does not
  // fit in the 312 B left: the plan stops.
  EXPECT_EQ(c.target[0].k, 4u);
  EXPECT_EQ(c.target[1].included + c.target[2].included, 0u);
  EXPECT_EQ(sushi_subgraph_bytes(&v, c.target), 288u);
  EXPECT_EQ(sushi_cache_after_query(&c, &v, 0, 1000000, nullptr, 0), 0);  // never re-plans
}

TEST(SchedPolicies, LruBringsTheQueryInAndEvictsTheOldest) {
  const Model m;
  const auto v = m.view();
  sushi_cache c;
  sushi_cache_init(&c, &v, SUSHI_POLICY_LRU, 0, 0, 1500);
  sushi_img_region cached[3] = {kNone, kNone, kNone};
  // B: L0 288 + L1 288 come in.
  ASSERT_EQ(sushi_cache_before_job(&c, &v, 1, cached), 1);
  EXPECT_EQ(sushi_subgraph_bytes(&v, c.target), 576u);
  for (int i = 0; i < 3; ++i) cached[i] = c.target[i];
  // B again: all hits, nothing changes.
  EXPECT_EQ(sushi_cache_before_job(&c, &v, 1, cached), 0);
  // C: L0 is covered (k4 c8), L2 (1152) needs 1152 + 576 > 1500: evict L1 (least recent, not C's).
  ASSERT_EQ(sushi_cache_before_job(&c, &v, 2, cached), 1);
  EXPECT_EQ(c.target[1].included, 0u);
  EXPECT_EQ(c.target[2].k, 8u);
  EXPECT_EQ(sushi_subgraph_bytes(&v, c.target), 288u + 1152u);
}

// Reload guard (docs/sched.md, "Reload guard"), 64 cycles per uncached KiB in every layer:
//   * PB empty, window A x 4, plan = all of A (2880 B): saves 4 x 2880 = 11,520 B > 2880 B reloaded
//     and 4 x 2880 x 64 / 1024 = 720 cycles > 2880 x 64 / 1024 = 180 cycles: loaded.
//   * PB holds B (L0 k4 c8, L1 k8 c4: 576 B), window C x 1: the plan caches C (L0 k4 c8 + L2 whole,
//     1440 B); L0 is already there, so the reload is L2's 1152 B (72 cycles). C then reads 1440 B
//     from the PB instead of 288 B: 1152 B and 72 cycles saved, not more than the reload: kept.
//   * the same with the window C x 2: 2304 B and 144 cycles saved > 1152 B and 72 cycles: loaded.
TEST(SchedPolicies, ReloadGuardLoadsOnlyPlansThatPayForTheirReload) {
  const Model m;
  const auto v = m.view();
  sushi_img_region empty[3] = {kNone, kNone, kNone};
  sushi_plan_ws ws;
  sushi_img_region plan[3];
  const uint32_t aaaa[] = {0, 0, 0, 0};
  sushi_plan_subgraph(&v, aaaa, 4, 2880, &ws, plan);
  sushi_reload_verdict r = sushi_reload_worth(&v, aaaa, 4, empty, plan);
  EXPECT_EQ(r.saved_bytes, 11520);
  EXPECT_EQ(r.saved_cycles, 720);
  EXPECT_EQ(r.reload_bytes, 2880u);
  EXPECT_EQ(r.reload_cycles, 180u);
  EXPECT_TRUE(r.worth);

  const sushi_img_region* held_b = &m.regions[3];
  const uint32_t c1[] = {2}, c2[] = {2, 2};
  sushi_plan_subgraph(&v, c1, 1, 2880, &ws, plan);
  r = sushi_reload_worth(&v, c1, 1, held_b, plan);
  EXPECT_EQ(r.saved_bytes, 1152);
  EXPECT_EQ(r.saved_cycles, 72);
  EXPECT_EQ(r.reload_bytes, 1152u);
  EXPECT_EQ(r.reload_cycles, 72u);
  EXPECT_FALSE(r.worth);
  r = sushi_reload_worth(&v, c2, 2, held_b, plan);
  EXPECT_EQ(r.saved_bytes, 2304);
  EXPECT_EQ(r.saved_cycles, 144);
  EXPECT_TRUE(r.worth);

  // Through the sgs policy: one C after B is not loaded (the target stays the PB's contents),
  // a window of two C's is.
  sushi_img_region pb[3] = {m.regions[3], m.regions[4], m.regions[5]};
  sushi_cache c;
  sushi_cache_init(&c, &v, SUSHI_POLICY_SGS, 1, 0, 2880);
  sushi_cache_set_guard(&c, 1, pb);
  EXPECT_EQ(sushi_cache_after_query(&c, &v, 2, 0, nullptr, 0), 0);
  EXPECT_EQ(c.guard_skips, 1u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.target[i].k, pb[i].k);
  sushi_cache_init(&c, &v, SUSHI_POLICY_SGS, 2, 0, 2880);
  sushi_cache_set_guard(&c, 1, pb);
  EXPECT_EQ(sushi_cache_after_query(&c, &v, 2, 0, nullptr, 0), 0);  // not due yet
  EXPECT_EQ(sushi_cache_after_query(&c, &v, 2, 0, nullptr, 0), 1);
  EXPECT_EQ(c.guard_skips, 0u);
  EXPECT_EQ(c.target[2].k, 8u);
  // Off, or for lru/static/none, the guard never runs.
  sushi_cache_init(&c, &v, SUSHI_POLICY_LRU, 1, 0, 2880);
  sushi_cache_set_guard(&c, 1, pb);
  EXPECT_EQ(c.guard, 0u);
}
