// SubNet selection on hand-built catalogs where the right answer is known.
#include <gtest/gtest.h>

#include <vector>

#include "sched/sched.h"

namespace {

struct Catalog {
  std::vector<uint32_t> acc;
  std::vector<uint64_t> service;
  sushi_candidates view() const {
    return sushi_candidates{static_cast<uint32_t>(acc.size()), acc.data(), service.data()};
  }
};

// Three SubNets: 0 fast/inaccurate, 1 middle, 2 slow/accurate.
const Catalog kThree{{70000, 75000, 80000}, {1000, 2000, 4000}};

sushi_query_req query(uint64_t arrival, uint64_t slo, uint32_t min_acc) {
  return sushi_query_req{7, arrival, arrival + slo, min_acc};
}

}  // namespace

TEST(SchedSelect, MostAccurateThatMeetsTheDeadline) {
  const auto c = kThree.view();
  sushi_choice out{};
  const auto q = query(0, 5000, 0);
  ASSERT_EQ(sushi_select_subnet(&c, &q, 0, 0, &out), 0);
  EXPECT_EQ(out.subnet, 2u);  // 0 + 0 + 4000 <= 5000: the most accurate fits
  EXPECT_EQ(out.reason, SUSHI_CHOICE_MEETS_ALL);
  EXPECT_EQ(out.predicted_end_ns, 4000u);
  EXPECT_EQ(out.examined, 3u);
}

TEST(SchedSelect, DeadlineMetByExactlyOne) {
  const auto c = kThree.view();
  sushi_choice out{};
  const auto q = query(100, 1500, 0);   // deadline 1600
  ASSERT_EQ(sushi_select_subnet(&c, &q, 500, 0, &out), 0);
  EXPECT_EQ(out.subnet, 0u);            // 500 + 1000 = 1500 <= 1600; SubNet 1 ends at 2500
  EXPECT_EQ(out.reason, SUSHI_CHOICE_MEETS_ALL);
}

TEST(SchedSelect, QueuedWorkCountsAgainstTheDeadline) {
  const auto c = kThree.view();
  sushi_choice out{};
  const auto q = query(0, 5000, 0);
  ASSERT_EQ(sushi_select_subnet(&c, &q, 0, 2500, &out), 0);
  EXPECT_EQ(out.subnet, 1u);            // 2500 + 2000 = 4500 fits; 2500 + 4000 = 6500 does not
  EXPECT_EQ(out.predicted_end_ns, 4500u);
}

TEST(SchedSelect, AccuracyFloorExcludesTheFastest) {
  const auto c = kThree.view();
  sushi_choice out{};
  const auto q = query(0, 1500, 74000);  // only SubNet 0 fits the deadline, but it is too inaccurate
  ASSERT_EQ(sushi_select_subnet(&c, &q, 0, 0, &out), 0);
  EXPECT_EQ(out.subnet, 1u);             // fastest meeting the floor (2000 ns, misses the deadline)
  EXPECT_EQ(out.reason, SUSHI_CHOICE_MISS_DEADLINE);
}

TEST(SchedSelect, NothingFeasibleTakesTheFastest) {
  const auto c = kThree.view();
  sushi_choice out{};
  const auto q = query(0, 10, 90000);    // floor above every SubNet
  ASSERT_EQ(sushi_select_subnet(&c, &q, 0, 0, &out), 0);
  EXPECT_EQ(out.subnet, 0u);
  EXPECT_EQ(out.reason, SUSHI_CHOICE_MISS_ACCURACY);
}

TEST(SchedSelect, TiesGoToTheLowerId) {
  const Catalog same{{75000, 75000}, {2000, 2000}};
  const auto c = same.view();
  sushi_choice out{};
  const auto q = query(0, 5000, 0);
  ASSERT_EQ(sushi_select_subnet(&c, &q, 0, 0, &out), 0);
  EXPECT_EQ(out.subnet, 0u);
}

TEST(SchedSelect, EmptyCatalogIsRefused) {
  const sushi_candidates c{0, nullptr, nullptr};
  sushi_choice out{};
  const auto q = query(0, 1, 0);
  EXPECT_EQ(sushi_select_subnet(&c, &q, 0, 0, &out), -1);
}

TEST(SchedPredict, CyclesFromCoefficients) {
  // 1000 compute cycles + 10 KiB x 512 cycles/KiB (Q8: 131072) = 1000 + 5120 = 6120
  EXPECT_EQ(sushi_predict_cycles(1000, 512u * 256u, 10u * 1024u), 6120u);
  // rounding up: 1 byte at 1 cycle/KiB is 1/1024 cycle -> 1
  EXPECT_EQ(sushi_predict_cycles(0, 256u, 1u), 1u);
  EXPECT_EQ(sushi_predict_cycles(5, 256u, 0u), 5u);
}
