#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <boost/histogram.hpp>

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

TEST(LatencyStats, MinAndMaxAreExactIntegers) {
  // 2^53 + 1 has no double of its own (it rounds to 2^53), and 2^64 - 1 rounds to 2^64, which
  // does not convert back to an integer: min and max must not go through a double.
  LatencyStats s;
  const std::uint64_t big = (std::uint64_t(1) << 53) + 1, top = ~std::uint64_t(0);
  s.add(top);
  s.add(big);
  EXPECT_EQ(s.min(), big);
  EXPECT_EQ(s.max(), top);
  EXPECT_EQ(s.percentile(100), top);
  EXPECT_EQ(LatencyStats().min(), 0u);
  EXPECT_EQ(LatencyStats().max(), 0u);
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

// add() finds histogram bins from integer edges instead of a log() per sample; the bins must be
// exactly Boost's. Reference: the same log axis filled through Boost with the sample as double,
// read back with the same nearest-rank walk.
TEST(LatencyStats, HistogramBinsMatchBoostLogAxisExactly) {
  namespace bh = boost::histogram;
  const double lo = 1.0, hi = 1e15;
  const auto bins = static_cast<unsigned>(std::ceil(std::log(hi / lo) / std::log(1.01)));
  auto ref = bh::make_histogram(bh::axis::regular<double, bh::axis::transform::log>(bins, lo, hi));
  LatencyStats s(/*exact_capacity=*/0);
  std::vector<std::uint64_t> values;
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;                 // xorshift64
    const int bits = 1 + int(x % 52);                         // 1 ps .. 2^52 ps, all octaves
    values.push_back(x >> (64 - bits));                       // includes 0 (clamped to 1)
  }
  for (std::uint64_t v = 1; v < 4096; ++v) values.push_back(v);  // every small integer
  values.push_back(1000000000000000ull);                      // 1e15: first overflow value
  values.push_back(999999999999999ull);
  for (std::uint64_t v : values) {
    s.add(v);
    ref(std::max(1.0, static_cast<double>(v)));
  }
  // Every 0.1 % quantile: any sample binned differently shifts the rank walk somewhere.
  const std::uint64_t n = values.size();
  for (int permille = 1; permille <= 1000; ++permille) {
    const double q = permille / 10.0;
    auto rank = std::clamp<std::uint64_t>(std::uint64_t(std::ceil(q / 100.0 * double(n))), 1, n);
    std::uint64_t seen = 0, expect = s.max();
    for (auto&& bin : bh::indexed(ref, bh::coverage::all)) {
      seen += static_cast<std::uint64_t>(*bin);
      if (seen >= rank) {
        expect = std::min(s.max(), static_cast<std::uint64_t>(std::ceil(bin.bin().upper())));
        break;
      }
    }
    ASSERT_EQ(s.percentile(q), expect) << "q = " << q;
  }
}
