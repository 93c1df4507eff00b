// The weight-streaming plan of a layer (chunk_plan.h): chunks that fill half the streaming
// buffer, DRAM ranges that skip the PB-resident taps, the PB reads, and the plan cache's key.
#include <gtest/gtest.h>

#include "accel/sushi/chunk_plan.h"
#include "layer_desc.h"

namespace sushi::accel {
namespace {

// 3x3 conv, K = C = 64: 4 K-tiles (k_par 16) x 8 C-tile units (c_par 9), one unit per group;
// a tap is 16 x 9 = 144 B, a unit 9 taps = 1296 B, unit (i, j) at (i x 8 + j) x 1296.
sushi_layer_desc conv3x3() { return test::full_layer(SUSHI_OP_CONV, 3, 64, 64, 56, 56); }

// PB region: K_c 32 (K-tiles 0, 1) x C_c 36 (units 0..3) x all 9 taps, from PB offset 4096.
sushi_pb_map_entry cached_corner() {
  sushi_pb_map_entry e{};
  e.pb_offset = 4096;
  e.k_cached = 32;
  e.c_cached = 36;
  e.kernel_cached = 3;
  e.flags = SUSHI_PB_VALID;
  return e;
}

TEST(ChunkPlan, ChunksFillHalfTheBufferAndSkipThePbResidentTaps) {
  const AccelParams p;
  const sushi_layer_desc d = conv3x3();
  const LayerPlan L = plan_layer(d, p);
  const sushi_pb_map_entry e = cached_corner();
  const ChunkPlan plan = plan_chunks(L, pb_coverage(&e, d, p), 3000, true);
  // Half = 3000 B holds two 1296 B groups (2592; a third makes 3888). K-tiles 0 and 1: units
  // 0..3 stream nothing, so the first chunk takes groups 0..5 (DRAM 2 x 1296 = 2592, PB
  // 4 x 1296 = 5184) and the second groups 6, 7; K-tiles 2 and 3: four chunks of two groups.
  ASSERT_EQ(plan.chunks.size(), 2u + 2u + 4u + 4u);
  const WeightChunk& c0 = plan.chunks[0];
  EXPECT_EQ(c0.ktile, 0u);
  EXPECT_EQ(c0.groups, 6u);
  EXPECT_EQ(c0.dram_b, 2592u);
  EXPECT_EQ(c0.pb_b, 5184u);
  EXPECT_TRUE(c0.first);
  EXPECT_FALSE(c0.last);
  ASSERT_EQ(c0.ranges.size(), 1u);
  EXPECT_EQ(c0.ranges[0].offset, 4u * 1296);  // units 4 and 5, contiguous: one range
  EXPECT_EQ(c0.ranges[0].bytes, 2592u);
  const WeightChunk& c1 = plan.chunks[1];
  EXPECT_EQ(c1.groups, 2u);
  EXPECT_TRUE(c1.last);
  EXPECT_EQ(c1.ranges[0].offset, 6u * 1296);
  const WeightChunk& c4 = plan.chunks[4];  // first chunk of K-tile 2
  EXPECT_EQ(c4.ktile, 2u);
  EXPECT_EQ(c4.pb_b, 0u);
  EXPECT_EQ(c4.ranges[0].offset, (2u * 8 + 0) * 1296);
  EXPECT_EQ(c4.ranges[0].bytes, 2592u);
  // One PB read per cached chunk: units 0..3 of K-tile i at 4096 + (i x 4 + j) x 1296.
  ASSERT_EQ(plan.pb_reads.size(), 2u);
  EXPECT_EQ(plan.pb_reads[0].pb_offset, 4096u);
  EXPECT_EQ(plan.pb_reads[0].bytes, 5184u);
  EXPECT_EQ(plan.pb_reads[1].pb_offset, 4096u + 5184);
  EXPECT_EQ(plan.copies.size(), 8u);  // 2 K-tiles x 4 units
  EXPECT_EQ(plan.copies[5].weight_offset, (1u * 8 + 1) * 1296);
  EXPECT_EQ(plan.copies[5].pb_offset, 4096u + (1 * 4 + 1) * 1296);
  EXPECT_TRUE(plan_chunks(L, pb_coverage(&e, d, p), 3000, false).copies.empty());  // timing only
}

TEST(ChunkPlanCache, KeyIsTheGeometryAndCoverageNotTheAddresses) {
  const AccelParams p;
  sushi_layer_desc d = conv3x3();
  const LayerPlan L = plan_layer(d, p);
  const sushi_pb_map_entry e = cached_corner();
  const PbCoverage cov = pb_coverage(&e, d, p);
  ChunkPlanCache cache;
  const ChunkPlan& a = cache.get(d, L, cov, 3000);
  d.weight_addr = 1u << 20;  // the same layer elsewhere: same plan
  d.in_addr = 2u << 20;
  d.out_addr = 3u << 20;
  EXPECT_EQ(&cache.get(d, L, cov, 3000), &a);
  EXPECT_EQ(cache.size(), 1u);
  const ChunkPlan& none = cache.get(d, L, PbCoverage{}, 3000);  // nothing cached: another plan
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(none.chunks.size(), 4u * 4);
  EXPECT_TRUE(none.pb_reads.empty());
  d.k_out = 48;  // another active region: another plan
  const LayerPlan L48 = plan_layer(d, p);
  EXPECT_EQ(cache.get(d, L48, cov, 3000).chunks.size(), 2u + 2u + 4u);
  EXPECT_EQ(cache.size(), 3u);
}

}  // namespace
}  // namespace sushi::accel
