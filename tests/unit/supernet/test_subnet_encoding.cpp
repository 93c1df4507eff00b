// SubNet text/JSON encodings: round trip, broadcast, canonical form, and clear errors.
#include <gtest/gtest.h>

#include <string>

#include "supernet/subnet.h"

using namespace sushi::supernet;

namespace {
SubNetConfig at(SubNetConfig s, int r) {
  s.r = r;
  return s;
}
std::string error_of(Arch a, const std::string& text) {
  try {
    parse_subnet(a, text);
  } catch (const SubNetError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(SnSubNetEncoding, MaxMinKeywords) {
  EXPECT_EQ(parse_subnet(parse_arch("ofa-mbv3-w1.0"), "max"), max_subnet(parse_arch("ofa-mbv3-w1.0")));
  EXPECT_EQ(parse_subnet(parse_arch("ofa-resnet50"), " min "), min_subnet(parse_arch("ofa-resnet50")));
  EXPECT_EQ(format_subnet(max_subnet(parse_arch("ofa-resnet50"))),
            "d=2,2,2,2,2;e=0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35;"
            "w=2,2,2,2,2,2");
}

TEST(SnSubNetEncoding, BroadcastAndSeparators) {
  EXPECT_EQ(parse_subnet(parse_arch("ofa-mbv3-w1.2"), "ks=7;e=6;d=4"), max_subnet(parse_arch("ofa-mbv3-w1.2")));
  EXPECT_EQ(parse_subnet(parse_arch("ofa-mbv3-w1.2"), "ks=7 / e=6.0 / d=[4]"), max_subnet(parse_arch("ofa-mbv3-w1.2")));
  EXPECT_EQ(parse_subnet(parse_arch("ofa-resnet50"), "w=0;e=.2;d=0"), min_subnet(parse_arch("ofa-resnet50")));
}

TEST(SnSubNetEncoding, OfaJsonForm) {
  EXPECT_EQ(parse_subnet(parse_arch("ofa-mbv3-w1.0"), R"({"ks": 3, "e": [3], "d": 2})"), min_subnet(parse_arch("ofa-mbv3-w1.0")));
  EXPECT_EQ(parse_subnet(parse_arch("ofa-resnet50"), R"({"d": [2,2,2,2,2], "e": 0.35, "w": [2,2,2,2,2,2]})"),
            max_subnet(parse_arch("ofa-resnet50")));
}

TEST(SnSubNetEncoding, RoundTripRandom) {
  Rng rng(7);
  for (Arch a : all_archs())
    for (int i = 0; i < 200; ++i) {
      const SubNetConfig s = random_subnet(a, rng);
      EXPECT_EQ(parse_subnet(a, format_subnet(s)), s);
    }
}

TEST(SnSubNetEncoding, CanonicalFormIgnoresSkippedBlocks) {
  // Stage 1 has depth 2: blocks 2 and 3 are skipped, so their ks/e do not matter.
  const SubNetConfig a = parse_subnet(parse_arch("ofa-mbv3-w1.0"), "ks=3,3,7,7,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3;e=3;d=2");
  const SubNetConfig b = parse_subnet(parse_arch("ofa-mbv3-w1.0"), "ks=3;e=3;d=2");
  EXPECT_EQ(a, b);
}

TEST(SnSubNetEncoding, ErrorsNameTheProblemAndAllowedValues) {
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "ks=4;e=6;d=4").find("ks[0] = 4 is not allowed (allowed: {3, 5, 7})"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-resnet50"), "d=2;e=0.3;w=2").find("allowed: {0.2, 0.25, 0.35}"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-resnet50"), "d=2;e=0.35;w=3").find("w[0] = 3"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "ks=7,7;e=6;d=4").find("has 2 values, expected 20"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "ks=7;e=6").find("misses field 'd'"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "ks=7;e=6;d=4;w=1").find("unknown SubNet field 'w'"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-resnet50"), "ks=3;d=2;e=0.35;w=2").find("allowed: d, e, w"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "ks=x;e=6;d=4").find("'x' is not a non-negative integer"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "bogus").find("not key=values"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "").find("empty SubNet encoding"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "{\"ks\": [3,").find("JSON does not parse"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-resnet50"), "d=2;e=0.355;w=2").find("more than two decimals"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "ks=7;ks=7;e=6;d=4").find("given twice"), std::string::npos);
  EXPECT_THROW(parse_arch("resnet"), std::invalid_argument);
}

TEST(SnSubNetEncoding, RngIsDeterministic) {
  Rng a(123), b(123);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
  Rng c(5);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(c.below(3), 3u);
}

// Input resolution (OFA's r / image_size, docs/supernet.md section 1.4).
TEST(SnSubNetEncoding, ResolutionField) {
  const SubNetConfig min160 = at(min_subnet(parse_arch("ofa-resnet50")), 160);
  EXPECT_EQ(parse_subnet(parse_arch("ofa-resnet50"), "min;r=160"), min160);
  EXPECT_EQ(parse_subnet(parse_arch("ofa-resnet50"), "r=160 min"), min160);
  EXPECT_EQ(parse_subnet(parse_arch("ofa-resnet50"), "d=0;e=0.2;w=0;image_size=160"), min160);
  EXPECT_EQ(parse_subnet(parse_arch("ofa-resnet50"), format_subnet(min160)), min160);
  EXPECT_EQ(format_subnet(min160).substr(format_subnet(min160).size() - 6), ";r=160");
  // 224 stays implicit, so every encoding (and catalog) written before resolutions is unchanged.
  EXPECT_EQ(format_subnet(at(max_subnet(parse_arch("ofa-mbv3-w1.0")), 224)).find("r="), std::string::npos);
  EXPECT_EQ(parse_subnet(parse_arch("ofa-mbv3-w1.0"), "max;r=224"), max_subnet(parse_arch("ofa-mbv3-w1.0")));
  // OFA arch dicts ("r": [R], as the arch encoders sample them) and run configs ("image_size": R).
  EXPECT_EQ(parse_subnet(parse_arch("ofa-mbv3-w1.0"), R"({"ks": [3], "e": [3], "d": [2], "r": [160]})"),
            at(min_subnet(parse_arch("ofa-mbv3-w1.0")), 160));
  EXPECT_EQ(parse_subnet(parse_arch("ofa-mbv3-w1.0"), R"({"ks": 7, "e": 6, "d": 4, "image_size": 192})"),
            at(max_subnet(parse_arch("ofa-mbv3-w1.0")), 192));
  EXPECT_NE(min160, min_subnet(parse_arch("ofa-resnet50")));
  EXPECT_TRUE(min_subnet(parse_arch("ofa-resnet50")) < min160 || min160 < min_subnet(parse_arch("ofa-resnet50")));
}

TEST(SnSubNetEncoding, BadResolutionsNameTheAllowedRange) {
  EXPECT_NE(error_of(parse_arch("ofa-resnet50"), "min;r=150").find("resolution 150 is not allowed (allowed: 128..224 in steps of 4"),
            std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "max;r=228").find("allowed: 128..224"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "max;r=124").find("allowed: 128..224"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "ks=7;e=6;d=4;r=160;image_size=160").find("twice"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "max;min").find("only be combined with r=R"), std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), R"({"ks": 7, "e": 6, "d": 4, "r": [160, 192]})").find("one integer"),
            std::string::npos);
  EXPECT_NE(error_of(parse_arch("ofa-mbv3-w1.0"), "max;r=abc").find("not a non-negative integer"), std::string::npos);
}
