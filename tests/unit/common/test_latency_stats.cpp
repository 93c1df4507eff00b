#include <gtest/gtest.h>

#include "common/latency_stats.h"

using sushi::LatencyStats;

TEST(LatencyStats, NearestRankPercentilesAreExact) {
  LatencyStats s;
  for (std::uint64_t v = 1; v <= 100; ++v) s.add(v * 10);  // 10, 20, ..., 1000
  EXPECT_EQ(s.count(), 100u);
  EXPECT_DOUBLE_EQ(s.mean(), 505.0);         // 10 x (1+...+100)/100
  EXPECT_EQ(s.min(), 10u);
  EXPECT_EQ(s.max(), 1000u);
  EXPECT_EQ(s.percentile(50), 500u);         // rank ceil(0.50 x 100) = 50 -> 500
  EXPECT_EQ(s.percentile(95), 950u);         // rank 95
  EXPECT_EQ(s.percentile(99), 990u);         // rank 99
  EXPECT_EQ(s.percentile(100), 1000u);
  EXPECT_EQ(s.percentile(0), 10u);           // rank clamps to 1
  EXPECT_TRUE(s.exact());
}

TEST(LatencyStats, EmptyIsZero) {
  LatencyStats s;
  EXPECT_EQ(s.count(), 0u);
  EXPECT_EQ(s.percentile(99), 0u);
  EXPECT_DOUBLE_EQ(s.mean(), 0.0);
}

TEST(LatencyStats, HistogramModeStaysWithinOnePercent) {
  LatencyStats s(/*exact_capacity=*/16);
  for (std::uint64_t v = 1; v <= 1000; ++v) s.add(v * 1000);  // 1 ns .. 1 us in ps
  EXPECT_FALSE(s.exact());
  EXPECT_EQ(s.count(), 1000u);
  EXPECT_EQ(s.max(), 1000000u);
  const double p50 = static_cast<double>(s.percentile(50));  // exact answer 500000
  EXPECT_GE(p50, 500000.0);
  EXPECT_LE(p50, 500000.0 * 1.01);
  const double p99 = static_cast<double>(s.percentile(99));  // exact answer 990000
  EXPECT_GE(p99, 990000.0);
  EXPECT_LE(p99, 990000.0 * 1.01);
}

TEST(LatencyStats, JsonCarriesUnitsAndMethod) {
  LatencyStats s;
  s.add(2000);
  s.add(4000);
  sushi::Json j;
  s.to_json(j, "lat_", "ns", 1000.0);
  EXPECT_DOUBLE_EQ(j["lat_mean_ns"].get<double>(), 3.0);  // (2 + 4) / 2 ns
  EXPECT_DOUBLE_EQ(j["lat_p50_ns"].get<double>(), 2.0);   // rank ceil(0.5 x 2) = 1
  EXPECT_EQ(j["lat_percentile_method"], "exact");
}
