// DRAM weight layout: centre-first taps, whole blocks, byte ranges of nested regions.
#include <gtest/gtest.h>

#include <set>

#include "supernet/layout.h"
#include "supernet/supernet.h"

using namespace sushi::supernet;

namespace {
size_t layer_named(const SuperNet& net, const std::string& name) {
  for (size_t i = 0; i < net.size(); ++i)
    if (net.layers()[i].name == name) return i;
  ADD_FAILURE() << "no layer " << name;
  return 0;
}
bool covered(const std::vector<ByteRange>& rs, uint64_t off) {
  for (const ByteRange& r : rs)
    if (off >= r.offset && off < r.offset + r.bytes) return true;
  return false;
}
}  // namespace

TEST(SnLayout, CentreFirstTapsArePrefixesOfCentreKernels) {
  const auto t = centre_first_taps(7, 3);
  ASSERT_EQ(t.size(), 49u);
  const std::set<std::pair<int, int>> unique(t.begin(), t.end());
  EXPECT_EQ(unique.size(), 49u);
  for (size_t i = 0; i < t.size(); ++i) {
    const int ring = std::max(std::abs(t[i].first), std::abs(t[i].second));
    if (i < 9) EXPECT_LE(ring, 1);
    else if (i < 25) EXPECT_EQ(ring, 2);
    else EXPECT_EQ(ring, 3);
  }
  EXPECT_EQ(t[4], std::make_pair(0, 0));  // centre of the 3x3 core
  EXPECT_EQ(centre_first_taps(1, 1).size(), 1u);
}

TEST(SnLayout, Zcu104BlockGeometry) {
  const SuperNet& net = SuperNet::get(parse_arch("ofa-mbv3-w1.0"));
  const WeightLayout lay(net);  // ZCU104 preset 16 x 9, int8
  const size_t dw = layer_named(net, "s1.b0.dw");  // 96 channels, 7x7 depthwise
  const LayerLayout& l = lay.layer(dw);
  EXPECT_EQ(l.k_tiles, 6u);       // ceil(96 / 16)
  EXPECT_EQ(l.c_tiles, 1u);       // depthwise: one input channel per output channel
  EXPECT_EQ(l.tap_bytes, 16u);    // 16 channels x 1 x int8
  EXPECT_EQ(l.unit_bytes, 784u);  // 49 taps x 16
  EXPECT_EQ(l.bytes, 4704u);      // 6 x 784
  const size_t pw = layer_named(net, "s1.b0.project");  // 96 -> 24, 1x1
  EXPECT_EQ(lay.layer(pw).k_tiles, 2u);     // ceil(24 / 16)
  EXPECT_EQ(lay.layer(pw).c_tiles, 11u);    // ceil(96 / 9)
  EXPECT_EQ(lay.layer(pw).tap_bytes, 144u);  // 16 x 9
  EXPECT_EQ(lay.layer(pw).bytes, 2u * 11u * 144u);
  EXPECT_EQ(lay.layer(pw).offset % 64, 0u);
}

TEST(SnLayout, SmallerKernelIsAPrefixOfEachUnit) {
  const SuperNet& net = SuperNet::get(parse_arch("ofa-mbv3-w1.0"));
  const WeightLayout lay(net);
  const size_t dw = layer_named(net, "s1.b0.dw");
  const uint64_t base = lay.layer(dw).offset;
  // K' = 48 (3 K-tiles), k' = 5: the first 25 taps (400 B) of each 784-B unit
  const auto r = lay.region_ranges(dw, Region{true, 48, 48, 5});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0], (ByteRange{base, 400}));
  EXPECT_EQ(r[1], (ByteRange{base + 784, 400}));
  EXPECT_EQ(r[2], (ByteRange{base + 1568, 400}));
  // full kernel: the units are adjacent and merge into one range
  const auto f = lay.region_ranges(dw, Region{true, 48, 48, 7});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (ByteRange{base, 3 * 784}));
}

TEST(SnLayout, NestedRegionsAreWholeBlocksCoveringEveryElement) {
  Rng rng(99);
  for (Arch a : all_archs()) {
    const SuperNet& net = SuperNet::get(a);
    const WeightLayout lay(net);
    for (int n = 0; n < 5; ++n) {
      const SubGraph g = net.region_of(random_subnet(a, rng));
      uint64_t sum = 0;
      for (size_t i = 0; i < net.size(); ++i) {
        const auto rs = lay.region_ranges(i, g.regions[i]);
        uint64_t b = 0;
        for (const ByteRange& r : rs) {
          EXPECT_EQ((r.offset - lay.layer(i).offset) % lay.layer(i).tap_bytes, 0u);
          EXPECT_EQ(r.bytes % lay.layer(i).tap_bytes, 0u);
          b += r.bytes;
        }
        EXPECT_EQ(b, lay.region_bytes(i, g.regions[i]));
        sum += b;
        // spot-check corners of the region lie inside its ranges
        const Region& r = g.regions[i];
        if (!r.included) continue;
        const bool dw = net.layers()[i].kind == LayerKind::DwConv;
        const uint32_t cmax = dw ? 1 : r.c;
        for (uint32_t k : {0u, r.k - 1})
          for (uint32_t c : {0u, cmax - 1})
            for (uint32_t t : {0u, r.kernel * r.kernel - 1}) EXPECT_TRUE(covered(rs, lay.element_offset(i, k, c, t)));
      }
      EXPECT_EQ(sum, lay.region_bytes(g));
      EXPECT_GE(sum, size_bytes(net, g));
    }
  }
}

TEST(SnLayout, ElementOffsetsAreUniqueWithinALayer) {
  const SuperNet& net = SuperNet::get(parse_arch("ofa-mbv3-w1.0"));
  const WeightLayout lay(net);
  const size_t i = layer_named(net, "s2.b0.se_reduce");  // 40 x 144, 1x1
  std::set<uint64_t> seen;
  const SuperLayer& l = net.layers()[i];
  for (uint32_t k = 0; k < l.k_max; ++k)
    for (uint32_t c = 0; c < l.c_max; ++c) {
      const uint64_t off = lay.element_offset(i, k, c, 0);
      EXPECT_LT(off, lay.layer(i).offset + lay.layer(i).bytes);
      EXPECT_TRUE(seen.insert(off).second);
    }
  EXPECT_THROW(lay.element_offset(i, l.k_max, 0, 0), std::out_of_range);
}
