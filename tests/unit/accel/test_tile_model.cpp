// The tile model's arithmetic (no simulation): mappings, cycles, utilisation, and agreement of
// the weight geometry with supernet's DRAM layout for every layer of the shipped SuperNets.
#include <gtest/gtest.h>

#include "accel/sushi/tile_model.h"
#include "layer_desc.h"
#include "supernet/layout.h"
#include "supernet/supernet.h"

namespace sushi::accel {
namespace {

namespace sn = sushi::supernet;
using test::full_layer;

sushi_layer_desc desc_of(const sn::SuperLayer& l, const sn::Region& r, const AccelParams& p) {
  sushi_layer_desc d{};
  switch (l.kind) {
    case sn::LayerKind::Conv: d.op = SUSHI_OP_CONV; break;
    case sn::LayerKind::DwConv: d.op = SUSHI_OP_DWCONV; break;
    case sn::LayerKind::Pointwise: d.op = SUSHI_OP_CONV1X1; break;
    case sn::LayerKind::SeReduce: d.op = SUSHI_OP_SE_REDUCE; break;
    case sn::LayerKind::SeExpand: d.op = SUSHI_OP_SE_EXPAND; break;
    case sn::LayerKind::Linear: d.op = SUSHI_OP_FC; break;
  }
  d.kernel = static_cast<std::uint8_t>(r.kernel);
  d.kernel_max = static_cast<std::uint8_t>(l.kernel_max);
  d.stride = static_cast<std::uint8_t>(l.stride);
  d.k_out = static_cast<std::uint16_t>(r.k);
  d.c_in = static_cast<std::uint16_t>(r.c);
  d.k_max = static_cast<std::uint16_t>(l.k_max);
  d.c_max = static_cast<std::uint16_t>(l.c_max);
  d.in_h = static_cast<std::uint16_t>(l.in_h);
  d.in_w = static_cast<std::uint16_t>(l.in_w);
  d.out_h = static_cast<std::uint16_t>(l.out_h);
  d.out_w = static_cast<std::uint16_t>(l.out_w);
  d.groups = static_cast<std::uint16_t>(l.kind == sn::LayerKind::DwConv ? r.k : 1);
  d.weight_bytes = static_cast<std::uint32_t>(weight_geometry(d, p).region_bytes(r.k, r.c, r.kernel, p.k_par, p.c_par));
  return d;
}

// Same block geometry, byte counts and tap order as the layout the model image is written with.
TEST(TileModel, GeometryMatchesSupernetLayout) {
  const AccelParams p;
  for (sn::Arch a : {sn::parse_arch("ofa-resnet50"), sn::parse_arch("ofa-mbv3-w1.0"), sn::parse_arch("ofa-mbv3-w1.2")}) {
    const sn::SuperNet& net = sn::SuperNet::get(a);
    const sn::WeightLayout lay(net, sn::LayoutParams{p.k_par, p.c_par, 1, 64});
    const sn::SubGraph full = net.full();
    const sn::SubGraph min = net.region_of(sn::min_subnet(a));
    for (std::size_t i = 0; i < net.size(); ++i) {
      const sn::SuperLayer& l = net.layers()[i];
      const sushi_layer_desc d = desc_of(l, full.regions[i], p);
      const WeightGeometry g = weight_geometry(d, p);
      EXPECT_EQ(g.layer_bytes(), lay.layer(i).bytes) << l.name;
      EXPECT_EQ(g.unit_bytes, lay.layer(i).unit_bytes) << l.name;
      EXPECT_EQ(check_descriptor(d, p), 0u) << l.name;
      if (min.regions[i].included) {
        const sn::Region& r = min.regions[i];
        EXPECT_EQ(g.region_bytes(r.k, r.c, r.kernel, p.k_par, p.c_par), lay.region_bytes(i, r)) << l.name;
      }
      EXPECT_EQ(centre_first_taps(l.kernel_max), sn::centre_first_taps(l.kernel_max, l.kernel_min)) << l.name;
      // Element (k, c, tap) offsets agree.
      const std::uint32_t k = l.k_max - 1, c = l.kind == sn::LayerKind::DwConv ? 0 : l.c_max - 1;
      const std::uint32_t t = g.taps_max - 1;
      const std::uint64_t mine = g.unit_offset(k / p.k_par, c / g.c_par_eff) + t * g.tap_bytes +
                                 (k % p.k_par) * g.c_par_eff + c % g.c_par_eff;
      EXPECT_EQ(lay.layer(i).offset + mine, lay.element_offset(i, k, c, t)) << l.name;
    }
  }
}

// 3x3 conv: K-tiles x C-tiles x passes x positions.
// K=64, C=64, 56x56, stride 1: 4 x ceil(64/9)=8 x 1 x 3136 = 100,352 cycles;
// useful MACs 64 x 64 x 9 x 3136 = 115,605,504; utilisation = 115,605,504 / (100,352 x 1296)
// = 0.888... (= 64/72: C padded to 72).
TEST(TileModel, Conv3x3) {
  const AccelParams p;
  const sushi_layer_desc d = full_layer(SUSHI_OP_CONV, 3, 64, 64, 56, 56);
  const LayerPlan l = plan_layer(d, p);
  EXPECT_EQ(l.compute_cycles(), 100352u);
  EXPECT_EQ(l.macs_useful, 115605504u);
  EXPECT_NEAR(l.utilisation(p), 64.0 / 72.0, 1e-12);
}

// Stride 2 costs like stride 1 on the same input: stem conv0 K=64, C=3, 224 -> 112:
// 4 K-tiles x 1 C-tile x 1 pass x (112 x 112 x 4 = 50,176) positions = 200,704 cycles;
// useful MACs 64 x 3 x 9 x 12,544 = 21,676,032; utilisation 21,676,032 / (200,704 x 1296) = 1/12.
TEST(TileModel, StrideTwoComputesEveryInputPosition) {
  const AccelParams p;
  const sushi_layer_desc d = full_layer(SUSHI_OP_CONV, 3, 64, 3, 224, 112, 2);
  const LayerPlan l = plan_layer(d, p);
  EXPECT_EQ(l.compute_cycles(), 200704u);
  EXPECT_EQ(l.macs_useful, 21676032u);
  EXPECT_NEAR(l.utilisation(p), 1.0 / 12.0, 1e-12);
}

// 1x1 folding: C-tiles ceil(ceil(C/9)/9): K=256, C=64, 56x56: 16 x ceil(8/9)=1 x 3136 = 50,176
// cycles; utilisation 256 x 64 x 3136 / (50,176 x 1296) = 64/81 = 0.790.
TEST(TileModel, PointwiseFoldsNineCTilesIntoTheTaps) {
  const AccelParams p;
  const sushi_layer_desc d = full_layer(SUSHI_OP_CONV1X1, 1, 256, 64, 56, 56);
  const LayerPlan l = plan_layer(d, p);
  EXPECT_EQ(l.groups, 1u);
  EXPECT_EQ(l.compute_cycles(), 50176u);
  EXPECT_NEAR(l.utilisation(p), 64.0 / 81.0, 1e-12);
}

// Depthwise: channels on K, one input channel per lane; 7x7 runs ceil(49/9) = 6 passes.
// K=C=120, 7x7 kernel, 28x28: 8 K-tiles x 6 passes x 784 = 37,632 cycles;
// useful MACs 120 x 49 x 784 = 4,609,920; utilisation 4,609,920 / (37,632 x 1296) = 0.0945.
TEST(TileModel, DepthwiseUsesOneInputChannelPerLane) {
  const AccelParams p;
  const sushi_layer_desc d = full_layer(SUSHI_OP_DWCONV, 7, 120, 120, 28, 28);
  const LayerPlan l = plan_layer(d, p);
  EXPECT_EQ(l.kernel_passes, 6u);
  EXPECT_EQ(l.compute_cycles(), 37632u);
  EXPECT_NEAR(l.utilisation(p), 4609920.0 / (37632.0 * 1296.0), 1e-12);
  // Weights: 8 K-tiles x 49 taps x 16 B = 6272 B.
  EXPECT_EQ(weight_geometry(d, p).region_bytes(120, 120, 7, 16, 9), 6272u);
}

// FC = 1x1 on a 1x1 map; one position per pass, so the DPE weight-register load (1296 B at
// 144 B/cycle = 9 cycles) bounds each pass: 1000 x 2048: 63 K-tiles x ceil(228/9) = 26 groups
// x max(1, 9) = 14,742 cycles.
TEST(TileModel, FullyConnectedIsWeightFeedBound) {
  const AccelParams p;
  const sushi_layer_desc d = full_layer(SUSHI_OP_FC, 1, 1000, 2048, 1, 1);
  const LayerPlan l = plan_layer(d, p);
  EXPECT_EQ(l.pass_cycles, 9u);
  EXPECT_EQ(l.compute_cycles(), 14742u);
  EXPECT_EQ(l.macs_useful, 2048000u);
}

// A pipeline slower than one position per cycle (accel.timing.cycles_per_position = 1.15):
// K=64, C=64, 56x56: a K-tile's 8 passes sweep 8 x 3136 = 25,088 positions in
// ceil(25,088 x 1.15) = ceil(28,851.2) = 28,852 cycles (rounded once per run of passes, not per
// pass), 4 K-tiles = 115,408 cycles; one pass alone ceil(3136 x 1.15) = ceil(3606.4) = 3607.
// At 1.0 the same plan is exactly the ideal one (Conv3x3: 100,352).
TEST(TileModel, CyclesPerPositionStretchesTheSweepRoundedPerRunOfPasses) {
  AccelParams p;
  p.timing.cycles_per_position = 1.15;
  const sushi_layer_desc d = full_layer(SUSHI_OP_CONV, 3, 64, 64, 56, 56);
  const LayerPlan l = plan_layer(d, p);
  EXPECT_EQ(l.ktile_cycles(), 28852u);
  EXPECT_EQ(l.compute_cycles(), 115408u);
  EXPECT_EQ(l.pass_cycles, 3607u);
  EXPECT_EQ(l.passes_cycles(2), 7213u);  // ceil(6272 x 1.15) = ceil(7212.8)
  // FC (one position per pass) stays bound by the 9-cycle weight-register load:
  // max(ceil(26 x 1.15) = 30, 26 x 9 = 234) = 234 cycles per K-tile.
  const LayerPlan fc = plan_layer(full_layer(SUSHI_OP_FC, 1, 1000, 2048, 1, 1), p);
  EXPECT_EQ(fc.ktile_cycles(), 234u);
  EXPECT_EQ(fc.compute_cycles(), 14742u);
}

TEST(TileModel, DescriptorChecks) {
  const AccelParams p;
  sushi_layer_desc d = full_layer(SUSHI_OP_CONV, 3, 16, 9, 8, 8);
  d.weight_bytes = 1296;
  EXPECT_EQ(check_descriptor(d, p), 0u);
  sushi_layer_desc bad = d;
  bad.weight_bytes = 1295;  // not the active region's whole blocks
  EXPECT_EQ(check_descriptor(bad, p), static_cast<std::uint32_t>(SUSHI_ERR_BAD_DESCRIPTOR));
  bad = d;
  bad.k_out = 17;  // larger than the layer
  EXPECT_EQ(check_descriptor(bad, p), static_cast<std::uint32_t>(SUSHI_ERR_BAD_DESCRIPTOR));
  bad = d;
  bad.kernel = 2;
  EXPECT_EQ(check_descriptor(bad, p), static_cast<std::uint32_t>(SUSHI_ERR_BAD_DESCRIPTOR));
  bad = d;
  bad.op = 0;
  EXPECT_EQ(check_descriptor(bad, p), static_cast<std::uint32_t>(SUSHI_ERR_BAD_DESCRIPTOR));
}

}  // namespace
}  // namespace sushi::accel
