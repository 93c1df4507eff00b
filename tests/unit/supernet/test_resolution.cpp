// Elastic input resolution (OFA's `r` / `image_size`): spatial sizes, exact MACs at 160 derived by
// hand, catalogs and model images that carry the resolution (encodings: test_subnet_encoding.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <sstream>
#include <string>

#include "supernet/accuracy.h"
#include "supernet/catalog.h"
#include "supernet/catalog_search.h"
#include "supernet/model_image_io.h"
#include "supernet/supernet.h"

using namespace sushi::supernet;

TEST(SnResolution, SpatialSizesFollowTheStrides) {
  // Every strided op is ceil(h / 2) (3x3 and k x k convs with padding k // 2, max-pool 3x3/2 pad 1,
  // AvgPool ceil_mode): at 132 the MBv3 maps are 66 (first conv), 33, 17, 9 (stage 3), 9, 5.
  const SuperNet& m = SuperNet::get(parse_arch("ofa-mbv3-w1.0"), 132);
  EXPECT_EQ(m.resolution(), 132);
  EXPECT_EQ(m.layers()[0].in_h, 132u);
  EXPECT_EQ(m.layers()[0].out_h, 66u);
  uint32_t last_out = 0;
  for (const SuperLayer& l : m.layers())
    if (l.name == "final_expand") last_out = l.out_h;
  EXPECT_EQ(last_out, 5u);
  for (const SuperLayer& l : m.layers()) {
    if (l.name == "s3.b0.dw") {
      EXPECT_EQ(l.out_h, 9u);  // 33 -> 17 (stage 2) -> 9 (stage 3)
    }
  }
  // ResNet50 at 160: 80 after the stem, 40 after the max-pool, then 40, 20, 10, 5.
  const SuperNet& r = SuperNet::get(parse_arch("ofa-resnet50"), 160);
  EXPECT_EQ(r.layers()[2].out_h, 80u);
  EXPECT_EQ(r.layers()[3].in_h, 40u);  // s1.b0.downsample after the max-pool
  EXPECT_EQ(r.layers()[r.size() - 2].out_h, 5u);
  // Resolution never changes channels or kernels: same layer list, same regions.
  const SuperNet& r224 = SuperNet::get(parse_arch("ofa-resnet50"));
  ASSERT_EQ(r.size(), r224.size());
  for (size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r.layers()[i].k_max, r224.layers()[i].k_max);
    EXPECT_EQ(r.layers()[i].c_max, r224.layers()[i].c_max);
  }
  EXPECT_EQ(&SuperNet::get(parse_arch("ofa-resnet50"), 160), &r);  // one instance per (arch, resolution)
  EXPECT_THROW(SuperNet::get(parse_arch("ofa-resnet50"), 100), std::invalid_argument);
}

TEST(SnResolution, ResNet50MinAt160ExactMacs) {
  // d=0, e=0.2, w=0.65 (weights as in SnTotalsResNet50.MinSubNet), maps 80 / 40 / 40 / 20 / 10 / 5:
  // stem0 3->24 k3 s2 @80: P=648, M=80*80*648=4147200
  // stem2 24->40 k3 @80: P=8640, M=6400*8640=55296000
  // stage1 @40 (stride 1, ds included): P=42560, M=40*40*42560=68096000
  // stage2: b0 ds 168->336 @20 P=56448 M=400*56448=22579200; conv1 168->64 @40 P=10752
  //   M=1600*10752=17203200; conv2 3x3 s2 64 @20 P=36864 M=14745600; conv3 64->336 @20 P=21504
  //   M=8601600 -> b0 M=63129600; b1 P=79872 @20 M=31948800; stage M=95078400
  // stage3: b0 ds 336->664 @10 P=223104 M=22310400; conv1 336->136 @20 P=45696 M=18278400;
  //   conv2 136 s2 @10 P=166464 M=16646400; conv3 136->664 @10 P=90304 M=9030400 -> 66265600;
  //   3 further blocks P=347072 @10 M=3*34707200=104121600; stage M=170387200
  // stage4: b0 ds 664->1328 @5 P=881792 M=22044800; conv1 664->264 @10 P=175296 M=17529600;
  //   conv2 264 s2 @5 P=627264 M=15681600; conv3 264->1328 @5 P=350592 M=8764800 -> 64020800;
  //   b1 P=1328448 @5 M=33211200; stage M=97232000
  // classifier 1328->1000: M=1328000 (1x1 output: independent of the resolution)
  // total M = 4147200+55296000+68096000+95078400+170387200+97232000+1328000 = 491564800
  // Cross-check: every map at 224 is 7*2^k and at 160 5*2^k, so the spatial part scales by 25/49:
  // (962192128 - 1328000) * 25 / 49 + 1328000 = 491564800.
  const Totals t = totals(parse_subnet(parse_arch("ofa-resnet50"), "min;r=160"));
  EXPECT_EQ(t.macs, 491564800u);
  EXPECT_EQ(t.weight_params, 6515464u);  // weights do not depend on the resolution
}

TEST(SnResolution, Mbv3W10MinAt160ExactMacs) {
  // ks=3, e=3, d=2 (weights as in SnTotalsMbv3.W10Min), maps 80 / 40 / 20 / 10 / 10 / 5:
  // first_conv 3->16 s2 @80: M=6400*432=2764800; b0 dw+project @80: M=6400*400=2560000
  // stage1: b0 expand 16->48 @80 M=4915200, dw 48 s2 @40 M=691200, project 48->24 @40 M=1843200
  //   (7449600); b1 @40 P=4104 M=6566400; stage M=14016000
  // stage2 (SE): b0 expand 24->72 @40 M=2764800, dw 72 s2 @20 M=259200, SE 72->24->72 M=3456,
  //   project 72->40 @20 M=1152000 (4179456); b1 @20 expand+dw+project P=10680 M=4272000 + SE
  //   120->32->120 M=7680 (4279680); stage M=8459136
  // stage3: b0 expand 40->120 @20 M=1920000, dw s2 @10 M=108000, project 120->80 @10 M=960000
  //   (2988000); b1 @10 P=40560 M=4056000; stage M=7044000
  // stage4 (SE, stride 1) @10: b0 P(no SE)=48240 M=4824000 + SE 30720 (4854720); b1 P(no SE)=78288
  //   M=7828800 + SE 59136 (7887936); stage M=12742656
  // stage5 (SE): b0 expand 112->336 @10 M=3763200, dw s2 @5 M=75600, SE M=59136, project 336->160 @5
  //   M=1344000 (5241936); b1 @5 P(no SE)=157920 M=3948000 + SE 115200 (4063200); stage M=9305136
  // final_expand 160->960 @5 M=25*153600=3840000; feature_mix 1228800; classifier 1280000
  // total M = 2764800+2560000+14016000+8459136+7044000+12742656+9305136+3840000+1228800+1280000
  //         = 63240528
  // Cross-check: SE, feature mix and classifier (1x1 maps) sum to 2784128;
  // (121278672 - 2784128) * 25 / 49 + 2784128 = 63240528.
  const Totals t = totals(parse_subnet(parse_arch("ofa-mbv3-w1.0"), "ks=3;e=3;d=2;r=160"));
  EXPECT_EQ(t.macs, 63240528u);
  EXPECT_EQ(t.weight_params, 3395856u);
  EXPECT_EQ(t.transform_params, 7060u);
}

TEST(SnResolution, ProxyAccuracyFollowsTheMacs) {
  // The proxy is a function of MACs (docs/supernet.md, "Accuracy"), so a SubNet at 160 is predicted
  // at its 160 MACs: lower than the same SubNet at 224 by b * ln(491564800 / 962192128).
  const AccuracyProxy p = fit_proxy(parse_arch("ofa-resnet50"));
  const Catalog c = make_catalog(parse_arch("ofa-resnet50"),
                                 {min_subnet(parse_arch("ofa-resnet50")), parse_subnet(parse_arch("ofa-resnet50"), "min;r=160")});
  EXPECT_DOUBLE_EQ(c.entries[1].accuracy, p.predict(491564800));
  EXPECT_NEAR(c.entries[0].accuracy - c.entries[1].accuracy, p.b * std::log(962192128.0 / 491564800.0), 2e-3);
}

TEST(SnResolution, CatalogSearchSamplesResolutions) {
  SearchParams sp;
  sp.samples = 300;
  sp.generations = 2;
  sp.target = 20;
  sp.resolutions = {160, 192, 224};
  const auto a = search_catalog(parse_arch("ofa-mbv3-w1.0"), sp);
  const auto b = search_catalog(parse_arch("ofa-mbv3-w1.0"), sp);
  ASSERT_EQ(a.size(), 20u);
  std::set<int> seen;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].subnet, b[i].subnet);  // deterministic for a seed
    seen.insert(a[i].subnet.r);
    EXPECT_TRUE(a[i].subnet.r == 160 || a[i].subnet.r == 192 || a[i].subnet.r == 224);
  }
  EXPECT_GT(seen.size(), 1u);
  sp.resolutions = {150};
  EXPECT_THROW(search_catalog(parse_arch("ofa-mbv3-w1.0"), sp), std::invalid_argument);
}

TEST(SnResolution, CatalogFilesAndModelImageCarryTheResolution) {
  const Catalog c = make_catalog(parse_arch("ofa-mbv3-w1.0"), {max_subnet(parse_arch("ofa-mbv3-w1.0")), parse_subnet(parse_arch("ofa-mbv3-w1.0"), "min;r=160")});
  std::ostringstream csv;
  write_catalog_csv(c, csv);
  std::istringstream in(csv.str());
  const Catalog back = read_catalog_csv(in, "mem.csv");
  ASSERT_EQ(back.entries.size(), 2u);
  EXPECT_EQ(back.entries[1].subnet.r, 160);
  EXPECT_EQ(back.entries[1].macs, 63240528u);

  const auto img = write_model_image(c);
  const ModelImage m = read_model_image(img.data(), img.size());
  EXPECT_EQ(m.subnets[0].resolution, 224u);
  EXPECT_EQ(m.subnets[1].resolution, 160u);
  EXPECT_EQ(m.subnets[1].macs, 63240528u);
  // Descriptors carry the spatial sizes at the SubNet's resolution: first conv 160 -> 80, the last
  // (classifier) on a 1x1 map; the layer table keeps the SuperNet at 224.
  const sushi_layer_desc* d = m.descriptors.data() + m.subnets[1].desc_offset / sizeof(sushi_layer_desc);
  EXPECT_EQ(d[0].in_h, 160u);
  EXPECT_EQ(d[0].out_h, 80u);
  EXPECT_EQ(m.layers[0].in_h, 224u);
  // The analytic cached cycles of the first conv scale with its positions: 80^2 / 112^2.
  const auto& ll = m.layer_latency;
  const size_t L = m.layers.size();
  EXPECT_EQ(ll[L + 0].cached_cycles * 49, ll[0].cached_cycles * 25);  // entry 0 (max) also k3 first conv
}
