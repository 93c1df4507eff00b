// Bounded nonlinear least squares on relative errors: minimises
//   cost(x) = sum over the fitted rows of ((model(x)_i - measured_i) / measured_i)^2
// by Gauss-Newton (each step a linear least-squares problem, solved with Eigen's column-pivoting
// QR) with central-difference Jacobians, a halving line search and box bounds (a parameter whose
// step leaves its range is put on the bound and the step is solved again without it). The VP's
// layer time is close to linear in the calibrated parameters (docs/accel.md "Calibration"), so it
// converges in a few steps; the model is a callback, so this file knows nothing of SystemC.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace sushi::calibrate {

struct FitParameter {
  std::string name;
  double value = 0.0;  // start; the result's values are within [lo, hi]
  double lo = 0.0, hi = 0.0;
  double scale = 1.0;  // a typical magnitude (finite-difference steps and convergence)
};

struct FitOptions {
  int max_iterations = 40;
  double relative_step = 0.01;  // finite-difference step, x scale
  double cost_tolerance = 1e-10;  // stop when an accepted step improves the cost by less (relative)
};

struct FitResult {
  std::vector<double> values;
  std::vector<bool> at_bound;  // the value sits on lo or hi
  double cost_start = 0.0, cost_end = 0.0;
  int iterations = 0;
  int model_evaluations = 0;
};

// model(x) returns one prediction per measurement (every row, fitted or not); `fit_rows` are the
// indices the cost sums over. measured values must be positive.
using Model = std::function<std::vector<double>(const std::vector<double>& x)>;
FitResult fit_relative_least_squares(const Model& model, const std::vector<double>& measured,
                                     const std::vector<std::size_t>& fit_rows, const std::vector<FitParameter>& params,
                                     const FitOptions& options = {});

}  // namespace sushi::calibrate
