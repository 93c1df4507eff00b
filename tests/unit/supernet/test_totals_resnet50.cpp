// OFA-ResNet50 weight params and MACs (224x224, 1000 classes), derived by hand from the rules in
// docs/supernet.md. P = weights (K*C*k*k), M = MACs (out_h*out_w*P); biases/BN excluded.
#include <gtest/gtest.h>

#include "supernet/supernet.h"
#include "supernet/subgraph.h"

using namespace sushi::supernet;

namespace {
Totals of(const char* enc) { return totals(parse_subnet(parse_arch("ofa-resnet50"), enc)); }
}  // namespace

TEST(SnTotalsResNet50, MaxSubNet) {
  // d=2 (stem conv1 on, 4/4/6/4 blocks), e=0.35, w=1.0 everywhere.
  // stem0 3->32 k3: P=32*3*9=864, M=112*112*864=10838016
  // stem1 32->32 k3: P=9216, M=112*112*9216=115605504
  // stem2 32->64 k3: P=18432, M=112*112*18432=231211008
  // stage1: W=256, mid=make_divisible(round(256*0.35))=88, 4 blocks @56: first block ds 64->256 +
  //   conv1 64->88 + conv2 3x3 88 + conv3 88->256: P=16384+5632+69696+22528=114240, M=56^2*P=358256640;
  //   each further block P=256*88*2+88^2*9=114752, M=56^2*114752=359862272;
  //   stage P=114240+3*114752=458496, M=358256640+3*359862272=1437843456
  // stage2: W=512, mid=176, 56->28: first block ds 256->512 @28 (P=131072, M=102760448) + conv1
  //   256->176 @56 (P=45056, M=141295616) + conv2 3x3 s2 @28 (P=278784, M=218566656) + conv3 176->512
  //   @28 (P=90112, M=70647808): P=545024, M=533270528; further blocks P=459008, M=28^2*459008=
  //   359862272; stage P=1922048, M=1612857344
  // stage3: W=1024, mid=360, 6 blocks, 28->14: first P=2243648 M=548135168; further P=1903680
  //   M=14^2*1903680=373121280; stage P=11762048 M=2413741568
  // stage4: W=2048, mid=720, 4 blocks, 14->7: first P=8974592 M=548135168; further P=7614720
  //   M=7^2*7614720=373121280; stage P=31818752 M=1667499008
  // classifier 2048->1000: P=M=2048000
  // total P = 864+9216+18432+458496+1922048+11762048+31818752+2048000 = 48037856
  // total M = 10838016+115605504+231211008+1437843456+1612857344+2413741568+1667499008+2048000
  //         = 7491643904
  const Totals t = totals(max_subnet(parse_arch("ofa-resnet50")));
  EXPECT_EQ(t.weight_params, 48037856u);
  EXPECT_EQ(t.macs, 7491643904u);
  EXPECT_EQ(t.layers, 62u);  // 3 stem + 18 blocks * 3 + 4 downsample + classifier
}

TEST(SnTotalsResNet50, MinSubNet) {
  // d=0 (stem conv1 skipped, 2/2/4/2 blocks), e=0.2, w=0.65 everywhere.
  // stem0 3->24 (mid = make_divisible(40 // 2) = 24) k3: P=648, M=112*112*648=8128512
  // stem2 24->40 k3: P=8640, M=112*112*8640=108380160
  // stage1: W=168, mid=make_divisible(round(168*0.2)=34)=32, 2 blocks @56: first block ds 40->168 +
  //   conv1 40->32 + conv2 3x3 32 + conv3 32->168: P=6720+1280+9216+5376=22592, M=56^2*22592=
  //   70848512; second P=168*32*2+32^2*9=19968, M=62619648; stage P=42560, M=133468160
  // stage2: W=336, mid=make_divisible(round(67.2)=67)=64, 56->28: first P=125568 M=123734016;
  //   second P=79872 M=28^2*79872=62619648; stage P=205440, M=186353664
  // stage3: W=664, mid=make_divisible(round(132.8)=133)=136, 4 blocks, 28->14: first P=525568
  //   M=129880576; further P=347072 M=14^2*347072=68026112; stage P=1566784 M=333958912
  // stage4: W=1328, mid=make_divisible(round(265.6)=266)=264, 2 blocks, 14->7: first P=2034944
  //   M=125480768; second P=1328448 M=7^2*1328448=65093952; stage P=3363392 M=190574720
  // classifier 1328->1000: P=M=1328000
  // total P = 648+8640+42560+205440+1566784+3363392+1328000 = 6515464
  // total M = 8128512+108380160+133468160+186353664+333958912+190574720+1328000 = 962192128
  const Totals t = totals(min_subnet(parse_arch("ofa-resnet50")));
  EXPECT_EQ(t.weight_params, 6515464u);
  EXPECT_EQ(t.macs, 962192128u);
  EXPECT_EQ(t.layers, 2u + 10u * 3u + 4u + 1u);
}

TEST(SnTotalsResNet50, FixedRandomSubNets) {
  // Drawn once with Python random.Random(42) and evaluated with the same rules (per-stage
  // breakdown as in MaxSubNet; the script is described in docs/supernet.md, "Verification").
  // w=2,0,2,2,2,2: stem mid 32, stem out 40; stem conv1 skipped (d0=0); stage depths 2+0, 2+2, 4+1, 2+0;
  // stage widths 256, 512, 1024, 2048.
  EXPECT_EQ(of("d=0,0,2,1,0;e=0.2,0.2,0.35,0.2,0.35,0.35,0.35,0.2,0.35,0.25,0.2,0.2,0.2,0.2,0.2,0.35,0.35,0.2;"
               "w=2,0,2,2,2,2").weight_params, 22085024u);
  EXPECT_EQ(of("d=0,0,2,1,0;e=0.2,0.2,0.35,0.2,0.35,0.35,0.35,0.2,0.35,0.25,0.2,0.2,0.2,0.2,0.2,0.35,0.35,0.2;"
               "w=2,0,2,2,2,2").macs, 3772049984u);
  // stem conv1 on (d0=2): stem mid 32 (w0=2), stem out 48 (w1=1); stage depths 2, 3, 6, 3;
  // stage widths 256 (w=2), 336 (w=0), 816 (w=1), 1328 (w=0).
  const Totals b = of("d=2,0,1,2,1;e=0.2,0.2,0.35,0.25,0.25,0.25,0.2,0.2,0.25,0.2,0.2,0.25,0.2,0.25,0.25,0.35,0.25,0.2;"
                      "w=2,1,2,0,1,0");
  EXPECT_EQ(b.weight_params, 13595360u);
  EXPECT_EQ(b.macs, 2192300672u);
  const Totals c = of("d=2,2,2,1,2;e=0.2,0.35,0.2,0.2,0.35,0.2,0.25,0.2,0.2,0.2,0.25,0.25,0.25,0.35,0.25,0.2,0.25,0.25;"
                      "w=0,2,1,2,2,2");
  EXPECT_EQ(c.weight_params, 26945544u);
  EXPECT_EQ(c.macs, 3913822272u);
}

TEST(SnTotalsResNet50, StemDepthOneSkipsLikeZero) {
  // OFA: input_stem_skipping = (d[0] != max(depth_list)), so d0 = 1 builds the same net as 0.
  const SubNetConfig a = parse_subnet(parse_arch("ofa-resnet50"), "d=1,2,2,2,2;e=0.35;w=2");
  const SubNetConfig b = parse_subnet(parse_arch("ofa-resnet50"), "d=0,2,2,2,2;e=0.35;w=2");
  EXPECT_EQ(a, b);
  // max minus stem conv1: P=48037856-9216=48028640, M=7491643904-115605504=7376038400
  EXPECT_EQ(totals(a).weight_params, 48028640u);
  EXPECT_EQ(totals(a).macs, 7376038400u);
}

TEST(SnTotalsResNet50, MaxRegionIsTheWholeSuperNet) {
  const SuperNet& net = SuperNet::get(parse_arch("ofa-resnet50"));
  EXPECT_EQ(net.region_of(max_subnet(parse_arch("ofa-resnet50"))), net.full());
}
