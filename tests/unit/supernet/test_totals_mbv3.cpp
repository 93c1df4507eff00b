// OFA-MobileNetV3 weight params and MACs (224x224, 1000 classes), derived by hand from the rules
// in docs/supernet.md. P = weights, M = MACs; SE convs count at 1x1 (P = M); biases, BN and the
// kernel-transform matrices are excluded.
#include <gtest/gtest.h>

#include "supernet/supernet.h"

using namespace sushi::supernet;

TEST(SnTotalsMbv3, W10Max) {
  // first_conv 3->16 k3 s2 @112: P=432 M=5419008
  // block0 dw3 16 + pw 16->16 @112: P=144+256=400 M=5017600
  // per block: expand C->m @H_in, dw k @H_out, [SE m->se->m], project m->W @H_out, m = C*6
  // stage1 (W=24, s2 112->56): b0 16->96(k7)->24 P=8544 M=41244672; b1..b3 24->144(k7)->24
  //   P=13968 M=43803648 each; stage P=50448 M=172655616
  // stage2 (W=40, s2 ->28, SE): b0 24->144 (se make_divisible(144//4)=40) ->40 P=27792 M=20897280;
  //   b1..b3 40->240 (se 64) P=61680 M=24303360 each; stage P=212832 M=93807360
  // stage3 (W=80, s2 ->14): b0 40->240->80 P=40560 M=13594560; b1..b3 80->480 P=100320
  //   M=19662720 each; stage P=341520 M=72582720
  // stage4 (W=112, s1 @14, SE): b0 80->480 (se 120) P=230880 M=22788480; b1..b3 112->672 (se 168)
  //   P=409248 M=36183168 each; stage P=1458624 M=131337984
  // stage5 (W=160, s2 ->7, SE): b0 112->672 (se 168) P=441504 M=21859488; b1..b3 160->960 (se 240)
  //   P=815040 M=17818560 each; stage P=2886624 M=75315168
  // final_expand 160->960 @7 P=153600 M=7526400; feature_mix 960->1280 P=M=1228800;
  // classifier 1280->1000 P=M=1280000
  // total P = 432+400+50448+212832+341520+1458624+2886624+153600+1228800+1280000 = 7613280
  // total M = 5419008+5017600+172655616+93807360+72582720+131337984+75315168+7526400+1228800
  //         + 1280000 = 566170656
  const Totals t = totals(max_subnet(parse_arch("ofa-mbv3-w1.0")));
  EXPECT_EQ(t.weight_params, 7613280u);
  EXPECT_EQ(t.macs, 566170656u);
  EXPECT_EQ(t.transform_params, 0u);
}

TEST(SnTotalsMbv3, W10Min) {
  // ks=3, e=3, d=2: stem and head as in W10Max (P 432+400, 153600+1228800+1280000).
  // stage1: b0 16->48(k3)->24 P=2352 M=14601216; b1 24->72->24 P=4104 M=12870144; P=6456 M=27471360
  // stage2: b0 24->72 (se 24)->40 P=8712 M=8188416; b1 40->120 (se 32) P=18360 M=8380800;
  //   P=27072 M=16569216
  // stage3: b0 40->120->80 P=15480 M=5856480; b1 80->240->80 P=40560 M=7949760; P=56040 M=13806240
  // stage4: b0 80->240 (se 64)->112 P=78960 M=9485760; b1 112->336 (se 88) P=137424 M=15403584;
  //   P=216384 M=24889344
  // stage5: b0 112->336 (se 88)->160 P=153552 M=10217424; b1 160->480 (se 120) P=273120 M=7853280;
  //   P=426672 M=18070704
  // total P = 432+400+6456+27072+56040+216384+426672+153600+1228800+1280000 = 3395856
  // total M = 5419008+5017600+27471360+16569216+13806240+24889344+18070704+7526400+1228800
  //         + 1280000 = 121278672
  const Totals t = totals(min_subnet(parse_arch("ofa-mbv3-w1.0")));
  EXPECT_EQ(t.weight_params, 3395856u);
  EXPECT_EQ(t.macs, 121278672u);
  // 10 depthwise layers at k=3 of a 7x7 SuperNet kernel: 10 * (25*25 + 9*9) = 7060 matrix entries
  EXPECT_EQ(t.transform_params, 7060u);
}

TEST(SnTotalsMbv3, W12Max) {
  // widths make_divisible(x * 1.2, 8): 16->24, 16->24, 24->32, 40->48, 80->96, 112->136,
  // 160->192, 960->1152, 1280->1536.
  // first_conv 3->24 P=648 M=8128512; block0 dw3 24 + pw 24->24 P=792 M=9934848
  // stage1: b0 24->144(k7)->32 P=15120 M=79930368; b1..b3 32->192->32 P=21696 M=68038656;
  //   P=80208 M=284046336
  // stage2: b0 32->192 (se 48)->48 P=43200 M=33887232; b1..b3 48->288 (se 72) P=83232 M=32781312;
  //   P=292896 M=132231168
  // stage3: b0 48->288->96 P=55584 M=19022976; b1..b3 96->576 P=138816 M=27207936;
  //   P=472032 M=100646784
  // stage4: b0 96->576 (se 144)->136 P=327744 M=31889664; b1..b3 136->816 (se 208) P=601392
  //   M=51678912; P=2131920 M=186926400
  // stage5: b0 136->816 (se 208)->192 P=647088 M=31726896; b1..b3 192->1152 (se 288) P=1162368
  //   M=25105536; P=4134192 M=107043504
  // final_expand 192->1152 @7 P=221184 M=10838016; feature_mix 1152->1536 P=M=1769472;
  // classifier 1536->1000 P=M=1536000
  // total P = 648+792+80208+292896+472032+2131920+4134192+221184+1769472+1536000 = 10639344
  // total M = 8128512+9934848+284046336+132231168+100646784+186926400+107043504+10838016
  //         + 1769472+1536000 = 843101040
  const Totals t = totals(max_subnet(parse_arch("ofa-mbv3-w1.2")));
  EXPECT_EQ(t.weight_params, 10639344u);
  EXPECT_EQ(t.macs, 843101040u);
}

TEST(SnTotalsMbv3, W12Min) {
  // stage1: b0 24->72->32 P=4680 M=30933504; b1 32->96->32 P=7008 M=21977088; P=11688 M=52910592
  // stage2: b0 32->96 (se 24)->48 P=13152 M=13928448; b1 48->144 (se 40) P=26640 M=11865600;
  //   P=39792 M=25794048
  // stage3: b0 48->144->96 P=22032 M=8382528; b1 96->288 P=57888 M=11346048; P=79920 M=19728576
  // stage4: b0 96->288 (se 72)->136 P=110880 M=13645440; b1 136->408 (se 104) P=199512 M=22555872;
  //   P=310392 M=36201312
  // stage5: b0 136->408 (se 104)->192 P=222360 M=14978904; b1 192->576 (se 144) P=392256
  //   M=11257920; P=614616 M=26236824
  // total P = 648+792+11688+39792+79920+310392+614616+221184+1769472+1536000 = 4584504
  // total M = 8128512+9934848+52910592+25794048+19728576+36201312+26236824+10838016+1769472
  //         + 1536000 = 193078200
  const Totals t = totals(min_subnet(parse_arch("ofa-mbv3-w1.2")));
  EXPECT_EQ(t.weight_params, 4584504u);
  EXPECT_EQ(t.macs, 193078200u);
}

TEST(SnTotalsMbv3, FixedRandomSubNets) {
  // Drawn once with Python random.Random(42) (after the ResNet draws) and evaluated with the same
  // per-block rules as W10Max (docs/supernet.md, "Verification").
  struct Case {
    Arch a;
    const char* enc;
    uint64_t params, macs;
  };
  const Case cases[] = {
      {parse_arch("ofa-mbv3-w1.0"), "ks=3,7,7,3,7,7,3,3,5,5,5,7,7,7,3,7,5,3,3,3;e=4,4,4,3,3,6,6,4,3,6,4,4,6,4,3,4,3,3,6,6;d=4,3,4,4,3",
       5069032, 331698064},
      {parse_arch("ofa-mbv3-w1.0"), "ks=7,5,5,3,3,7,5,3,3,3,3,7,3,7,5,7,3,5,5,7;e=4,6,4,6,3,6,6,3,6,6,4,6,4,3,4,4,3,4,3,6;d=4,3,4,2,4",
       5028824, 316790768},
      {parse_arch("ofa-mbv3-w1.0"), "ks=3,7,5,7,7,7,3,3,5,3,7,7,3,7,5,5,3,3,5,5;e=3,3,3,6,3,3,6,4,3,6,3,3,6,4,6,3,4,6,6,4;d=2,4,4,4,2",
       4958416, 271472416},
      {parse_arch("ofa-mbv3-w1.2"), "ks=7,5,5,7,7,5,5,7,5,3,3,3,3,5,3,7,7,3,7,3;e=3,3,6,6,3,3,3,3,4,3,6,3,4,6,4,3,6,3,6,6;d=4,3,2,3,3",
       6998824, 452252848},
      {parse_arch("ofa-mbv3-w1.2"), "ks=3,3,3,7,5,5,5,5,5,7,3,7,7,7,3,3,5,7,5,3;e=3,3,3,6,4,3,4,3,4,4,3,3,4,6,3,3,6,6,3,3;d=2,2,3,3,3",
       6947120, 323271824},
      {parse_arch("ofa-mbv3-w1.2"), "ks=3,5,3,3,5,3,5,5,5,5,5,7,7,7,7,7,5,3,3,5;e=3,3,6,6,6,3,6,4,3,3,6,4,6,6,3,3,6,3,3,3;d=4,2,4,2,3",
       6280104, 420554928},
  };
  for (const Case& c : cases) {
    const Totals t = totals(parse_subnet(c.a, c.enc));
    EXPECT_EQ(t.weight_params, c.params) << c.enc;
    EXPECT_EQ(t.macs, c.macs) << c.enc;
  }
}

TEST(SnTotalsMbv3, MaxRegionIsTheWholeSuperNet) {
  for (Arch a : {parse_arch("ofa-mbv3-w1.0"), parse_arch("ofa-mbv3-w1.2")}) {
    const SuperNet& net = SuperNet::get(a);
    EXPECT_EQ(net.region_of(max_subnet(a)), net.full());
    EXPECT_EQ(net.size(), 3u + 20u * 3u + 12u * 2u + 3u);  // stem, 20 blocks, 12 SE pairs, head
  }
}
