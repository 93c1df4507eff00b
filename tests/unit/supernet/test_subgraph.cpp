// SubGraph algebra: property tests on random SubNets of every SuperNet.
#include <gtest/gtest.h>

#include "supernet/subgraph.h"
#include "supernet/supernet.h"

using namespace sushi::supernet;

TEST(SnSubGraph, RegionOfMaxIsFullAndMinIsInsideEverything) {
  Rng rng(11);
  for (Arch a : all_archs()) {
    const SuperNet& net = SuperNet::get(a);
    const SubGraph lo = net.region_of(min_subnet(a));
    for (int i = 0; i < 50; ++i) {
      const SubGraph g = net.region_of(random_subnet(a, rng));
      EXPECT_TRUE(contains(net.full(), g));
      // every SubNet runs all mandatory layers at >= min width
      EXPECT_TRUE(contains(g, intersect(g, lo)));
      EXPECT_EQ(size_bytes(net, g), totals(net, g).weight_params);
    }
  }
}

TEST(SnSubGraph, Properties) {
  Rng rng(2024);
  for (Arch a : all_archs()) {
    const SuperNet& net = SuperNet::get(a);
    for (int i = 0; i < 200; ++i) {
      const SubGraph x = net.region_of(random_subnet(a, rng));
      const SubGraph y = net.region_of(random_subnet(a, rng));
      const SubGraph z = union_bound(net.region_of(random_subnet(a, rng)), y);  // a general SubGraph
      const uint64_t sx = size_bytes(net, x), sy = size_bytes(net, y), sz = size_bytes(net, z);
      // overlap is symmetric
      EXPECT_EQ(overlap_bytes(net, x, y), overlap_bytes(net, y, x));
      EXPECT_EQ(overlap_bytes(net, z, y), overlap_bytes(net, y, z));
      // never exceeds either size
      EXPECT_LE(overlap_bytes(net, x, y), std::min(sx, sy));
      EXPECT_LE(overlap_bytes(net, z, x), std::min(sz, sx));
      // intersection is idempotent and commutative; union bound contains both
      EXPECT_EQ(intersect(x, x), x);
      EXPECT_EQ(intersect(intersect(x, y), y), intersect(x, y));
      EXPECT_EQ(intersect(x, y), intersect(y, x));
      EXPECT_TRUE(contains(union_bound(x, y), x));
      EXPECT_TRUE(contains(union_bound(x, y), y));
      EXPECT_TRUE(contains(x, intersect(x, y)));
      // a SubGraph containing y overlaps y completely
      EXPECT_EQ(overlap_bytes(net, z, y), sy);
      // int16 weights double every size
      EXPECT_EQ(overlap_bytes(net, x, y, 2), 2 * overlap_bytes(net, x, y));
    }
  }
}

TEST(SnSubGraph, OverlapOfSubNetWithSubGraph) {
  const SuperNet& net = SuperNet::get(parse_arch("ofa-mbv3-w1.0"));
  const SubNetConfig lo = min_subnet(parse_arch("ofa-mbv3-w1.0"));
  // the whole SuperNet cached: overlap = the SubNet's own weights (3395856 B at int8)
  EXPECT_EQ(overlap_bytes(net, net.full(), lo), 3395856u);
  EXPECT_EQ(overlap_bytes(net, empty_subgraph(net), lo), 0u);
}

TEST(SnSubGraph, RejectsMismatchedOrOversizedGraphs) {
  const SuperNet& r = SuperNet::get(parse_arch("ofa-resnet50"));
  const SuperNet& m = SuperNet::get(parse_arch("ofa-mbv3-w1.0"));
  EXPECT_THROW(intersect(r.full(), m.full()), std::invalid_argument);
  SubGraph g = r.full();
  g.regions[0].k += 1;
  EXPECT_THROW(size_bytes(r, g), std::invalid_argument);
}
