// The packed overlap engine agrees with the SubGraph algebra (exact bytes) and the layout
// (whole-block bytes).
#include <gtest/gtest.h>

#include "supernet/overlap.h"
#include "supernet/supernet.h"

using namespace sushi::supernet;

TEST(SnOverlap, EngineMatchesSlowPath) {
  Rng rng(5);
  for (Arch a : all_archs()) {
    const SuperNet& net = SuperNet::get(a);
    const LayoutParams lp;
    const WeightLayout lay(net, lp);
    const OverlapEngine exact(net, lp, OverlapUnit::ExactBytes);
    const OverlapEngine blocks(net, lp, OverlapUnit::BlockBytes);
    for (int i = 0; i < 100; ++i) {
      const SubGraph g = union_bound(net.region_of(random_subnet(a, rng)), net.region_of(random_subnet(a, rng)));
      const SubGraph s = net.region_of(random_subnet(a, rng));
      EXPECT_EQ(exact.overlap(exact.pack(g), exact.pack(s)), overlap_bytes(net, g, s));
      EXPECT_EQ(exact.overlap(exact.pack(s), exact.pack(g)), overlap_bytes(net, g, s));
      EXPECT_EQ(exact.size(exact.pack(s)), size_bytes(net, s));
      EXPECT_EQ(blocks.overlap(blocks.pack(g), blocks.pack(s)), lay.region_bytes(intersect(g, s)));
      EXPECT_EQ(blocks.size(blocks.pack(g)), lay.region_bytes(g));
    }
  }
}

TEST(SnOverlap, Int16WeightsScale) {
  const SuperNet& net = SuperNet::get(parse_arch("ofa-resnet50"));
  LayoutParams lp;
  lp.bytes_per_weight = 2;
  const OverlapEngine e(net, lp, OverlapUnit::ExactBytes);
  // max SubNet at int16: 2 * 48037856 bytes
  EXPECT_EQ(e.size(e.pack(net.full())), 96075712u);
}
