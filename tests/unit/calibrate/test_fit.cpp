// The bounded relative least-squares fit on models with known answers.
#include <gtest/gtest.h>

#include <cmath>

#include "calibrate/fit.h"

namespace sushi::calibrate {
namespace {

// y_i = a + b x_i + c / x_i: linear in (a, b, c); data generated from a=80, b=1.15, c=300.
std::vector<double> model3(const std::vector<double>& p, const std::vector<double>& xs) {
  std::vector<double> y;
  for (double x : xs) y.push_back(p[0] + p[1] * x + p[2] / x);
  return y;
}

TEST(Fit, RecoversTheParametersOfALinearModel) {
  const std::vector<double> xs{1, 2, 5, 10, 20, 50, 100, 200};
  const std::vector<double> truth{80, 1.15, 300};
  const std::vector<double> measured = model3(truth, xs);
  std::vector<std::size_t> rows(xs.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const std::vector<FitParameter> params{{"a", 0, 0, 1000, 100}, {"b", 1, 1, 4, 1}, {"c", 0, 0, 1000, 100}};
  const FitResult r = fit_relative_least_squares([&](const std::vector<double>& p) { return model3(p, xs); }, measured,
                                                 rows, params);
  ASSERT_EQ(r.values.size(), 3u);
  EXPECT_NEAR(r.values[0], 80.0, 1e-6);
  EXPECT_NEAR(r.values[1], 1.15, 1e-9);
  EXPECT_NEAR(r.values[2], 300.0, 1e-6);
  EXPECT_LT(r.cost_end, 1e-20);
  EXPECT_GT(r.cost_start, 0.0);
  for (bool b : r.at_bound) EXPECT_FALSE(b);
}

// The best b is 1.15, but b may not exceed 1.1: it sits on its bound and a, c absorb the rest.
TEST(Fit, APhysicalBoundHoldsAndIsReported) {
  const std::vector<double> xs{1, 2, 5, 10, 20, 50, 100, 200};
  const std::vector<double> measured = model3({80, 1.15, 300}, xs);
  std::vector<std::size_t> rows(xs.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const std::vector<FitParameter> params{{"a", 0, 0, 1000, 100}, {"b", 1, 1, 1.1, 1}, {"c", 0, 0, 1000, 100}};
  const FitResult r = fit_relative_least_squares([&](const std::vector<double>& p) { return model3(p, xs); }, measured,
                                                 rows, params);
  EXPECT_DOUBLE_EQ(r.values[1], 1.1);
  EXPECT_TRUE(r.at_bound[1]);
  EXPECT_FALSE(r.at_bound[0]);
  EXPECT_GT(r.cost_end, 0.0);
}

// Only the fitted rows count: rows 0..3 follow b = 2, the others b = 3; fitting rows 0..3 gives 2.
TEST(Fit, OnlyTheFittedRowsEnterTheCost) {
  const std::vector<double> xs{1, 2, 3, 4, 5, 6};
  const std::vector<double> measured{2, 4, 6, 8, 15, 18};
  const std::vector<FitParameter> params{{"b", 1, 0, 10, 1}};
  const FitResult r = fit_relative_least_squares(
      [&](const std::vector<double>& p) {
        std::vector<double> y;
        for (double x : xs) y.push_back(p[0] * x);
        return y;
      },
      measured, {0, 1, 2, 3}, params);
  EXPECT_NEAR(r.values[0], 2.0, 1e-9);
}

TEST(Fit, NoRowsIsAnError) {
  EXPECT_THROW(fit_relative_least_squares([](const std::vector<double>&) { return std::vector<double>{1}; }, {1}, {},
                                          {{"a", 1, 0, 2, 1}}),
               std::invalid_argument);
}

}  // namespace
}  // namespace sushi::calibrate
