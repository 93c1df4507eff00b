// Accuracy proxy fit and measured-accuracy CSV loading.
#include <gtest/gtest.h>

#include <sstream>

#include "supernet/accuracy.h"
#include "supernet/supernet.h"

using namespace sushi::supernet;

TEST(SnAccuracy, ProxyFitToPublishedFigures) {
  // Least squares of top1 = a + b ln(MMACs) over the 8 ResNet50D points of the OFA README
  // (computed independently in Python): a = 59.2469, b = 2.50418, rms 0.2006.
  const AccuracyProxy r = fit_proxy(parse_arch("ofa-resnet50"));
  EXPECT_EQ(r.points, 8u);
  EXPECT_NEAR(r.a, 59.2469, 1e-3);
  EXPECT_NEAR(r.b, 2.50418, 1e-4);
  EXPECT_NEAR(r.rms_error, 0.2006, 1e-3);
  // 34 MobileNetV3 points (FLOPs + phone-latency nets): a = 53.4251, b = 4.20507, rms 0.4025
  const AccuracyProxy m = fit_proxy(parse_arch("ofa-mbv3-w1.0"));
  EXPECT_EQ(m.points, 34u);
  EXPECT_NEAR(m.a, 53.4251, 1e-3);
  EXPECT_NEAR(m.b, 4.20507, 1e-4);
  EXPECT_NEAR(m.rms_error, 0.4025, 1e-3);
  // min ResNet SubNet: 59.2469 + 2.50418 ln(962.192128) = 76.449
  EXPECT_NEAR(r.predict(962192128), 76.449, 1e-3);
}

TEST(SnAccuracy, MeasuredCsv) {
  std::istringstream in(
      "# measured on ImageNet val\n"
      "arch,subnet,top1,notes\n"
      "ofa-mbv3-w1.0,min,70.12,x\n"
      "ofa-mbv3-w1.0,\"ks=7;e=6;d=4\",77.5,\n"
      "ofa-resnet50,max,80.0,other arch row is skipped\n");
  const MeasuredAccuracy m = MeasuredAccuracy::load_csv(in, parse_arch("ofa-mbv3-w1.0"), "acc.csv");
  EXPECT_EQ(m.size(), 2u);
  EXPECT_DOUBLE_EQ(*m.lookup(min_subnet(parse_arch("ofa-mbv3-w1.0"))), 70.12);
  EXPECT_DOUBLE_EQ(*m.lookup(max_subnet(parse_arch("ofa-mbv3-w1.0"))), 77.5);
  EXPECT_FALSE(m.lookup(parse_subnet(parse_arch("ofa-mbv3-w1.0"), "ks=5;e=6;d=4")).has_value());
}

TEST(SnAccuracy, MeasuredCsvErrorsNameTheLine) {
  auto err = [](const std::string& text) {
    std::istringstream in(text);
    try {
      MeasuredAccuracy::load_csv(in, parse_arch("ofa-mbv3-w1.0"), "acc.csv");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(err("arch,subnet\n").find("acc.csv:1: header must name the columns arch, subnet, top1"), std::string::npos);
  EXPECT_NE(err("arch,subnet,top1\nofa-mbv3-w1.0,min,abc\n").find("acc.csv:2: top1 'abc' is not a number"), std::string::npos);
  EXPECT_NE(err("arch,subnet,top1\nofa-mbv3-w1.0,min,101\n").find("outside [0, 100]"), std::string::npos);
  EXPECT_NE(err("arch,subnet,top1\nofa-mbv3-w1.0,\"ks=4;e=6;d=4\",70\n").find("acc.csv:2:"), std::string::npos);
  EXPECT_NE(err("arch,subnet,top1\nofa-mbv3-w1.0,min,70\nofa-mbv3-w1.0,min,71\n").find("listed twice"), std::string::npos);
  EXPECT_NE(err("arch,subnet,top1\nfoo,min,70\n").find("unknown SuperNet 'foo'"), std::string::npos);
}
