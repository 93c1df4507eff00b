#include "calibrate/fit.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Dense>

namespace sushi::calibrate {

namespace {

double cost_of(const std::vector<double>& pred, const std::vector<double>& measured, const std::vector<std::size_t>& rows) {
  double c = 0.0;
  for (std::size_t i : rows) {
    const double r = (pred.at(i) - measured[i]) / measured[i];
    c += r * r;
  }
  return c;
}

}  // namespace

namespace {

FitResult fit_from(const Model& model, const std::vector<double>& measured, const std::vector<std::size_t>& fit_rows,
                   const std::vector<FitParameter>& params, const std::vector<double>& start, const FitOptions& options) {
  const std::size_t n = params.size(), m = fit_rows.size();
  FitResult res;
  std::vector<double> x(n);
  for (std::size_t j = 0; j < n; ++j) x[j] = std::clamp(start[j], params[j].lo, params[j].hi);
  auto eval = [&](const std::vector<double>& at) {
    ++res.model_evaluations;
    std::vector<double> p = model(at);
    if (p.size() != measured.size()) throw std::logic_error("model returned the wrong number of predictions");
    return p;
  };
  std::vector<double> pred = eval(x);
  double cost = cost_of(pred, measured, fit_rows);
  res.cost_start = cost;

  for (int it = 0; it < options.max_iterations && n > 0; ++it) {
    // Jacobian of the relative residuals (rows x parameters), central differences inside the bounds.
    Eigen::MatrixXd J(m, n);
    Eigen::VectorXd r(m);
    for (std::size_t k = 0; k < m; ++k) r(k) = (pred[fit_rows[k]] - measured[fit_rows[k]]) / measured[fit_rows[k]];
    for (std::size_t j = 0; j < n; ++j) {
      const double h = options.relative_step * std::max(std::abs(x[j]), params[j].scale);
      std::vector<double> up = x, down = x;
      up[j] = std::min(x[j] + h, params[j].hi);
      down[j] = std::max(x[j] - h, params[j].lo);
      const std::vector<double> pu = eval(up), pd = eval(down);
      const double dx = up[j] - down[j];
      for (std::size_t k = 0; k < m; ++k) {
        const std::size_t i = fit_rows[k];
        J(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(j)) = dx > 0 ? (pu[i] - pd[i]) / dx / measured[i] : 0.0;
      }
    }
    // Gauss-Newton step with an active set: parameters pushed out of range sit on their bound.
    std::vector<bool> fixed(n, false);
    std::vector<double> step(n, 0.0);
    for (std::size_t pass = 0; pass <= n; ++pass) {
      std::vector<Eigen::Index> cols;
      Eigen::VectorXd rhs = -r;
      for (std::size_t j = 0; j < n; ++j) {
        if (fixed[j]) {
          rhs -= J.col(static_cast<Eigen::Index>(j)) * step[j];
        } else {
          cols.push_back(static_cast<Eigen::Index>(j));
        }
      }
      if (cols.empty()) break;
      Eigen::MatrixXd A(m, static_cast<Eigen::Index>(cols.size()));
      Eigen::VectorXd colscale(static_cast<Eigen::Index>(cols.size()));
      for (std::size_t c = 0; c < cols.size(); ++c) {
        const double s = params[static_cast<std::size_t>(cols[c])].scale;  // columns of similar size for the QR
        colscale(static_cast<Eigen::Index>(c)) = s;
        A.col(static_cast<Eigen::Index>(c)) = J.col(cols[c]) * s;
      }
      const Eigen::VectorXd d = A.colPivHouseholderQr().solve(rhs).cwiseProduct(colscale);
      bool clipped = false;
      for (std::size_t c = 0; c < cols.size(); ++c) {
        const std::size_t j = static_cast<std::size_t>(cols[c]);
        step[j] = d(static_cast<Eigen::Index>(c));
        const double to = x[j] + step[j];
        if (to < params[j].lo || to > params[j].hi) {
          step[j] = std::clamp(to, params[j].lo, params[j].hi) - x[j];
          fixed[j] = true;
          clipped = true;
        }
      }
      if (!clipped) break;
    }
    // Halving line search: accept the first step that lowers the cost.
    double alpha = 1.0;
    bool accepted = false;
    std::vector<double> xn(n), pn;
    double cn = cost;
    for (int ls = 0; ls < 12; ++ls, alpha *= 0.5) {
      for (std::size_t j = 0; j < n; ++j) xn[j] = std::clamp(x[j] + alpha * step[j], params[j].lo, params[j].hi);
      pn = eval(xn);
      cn = cost_of(pn, measured, fit_rows);
      if (cn < cost) {
        accepted = true;
        break;
      }
    }
    ++res.iterations;
    if (!accepted) break;  // no descent left: a minimum within the model's resolution
    const double gain = (cost - cn) / std::max(cost, 1e-300);
    x = xn;
    pred = std::move(pn);
    cost = cn;
    if (gain < options.cost_tolerance) break;
  }
  res.values = x;
  res.cost_end = cost;
  res.at_bound.resize(n);
  for (std::size_t j = 0; j < n; ++j) res.at_bound[j] = x[j] <= params[j].lo || x[j] >= params[j].hi;
  return res;
}

}  // namespace

FitResult fit_relative_least_squares(const Model& model, const std::vector<double>& measured,
                                     const std::vector<std::size_t>& fit_rows, const std::vector<FitParameter>& params,
                                     const FitOptions& options) {
  if (fit_rows.empty()) throw std::invalid_argument("no rows to fit");
  // Two starts, the given values and the centre of the box: the model's resource contention
  // (bursts spread over ports) can leave a local minimum on a bound. The lower cost wins
  // (the given start on ties), so the result is deterministic.
  std::vector<double> given, centre;
  for (const FitParameter& p : params) {
    given.push_back(p.value);
    centre.push_back(0.5 * (p.lo + p.hi));
  }
  FitResult best = fit_from(model, measured, fit_rows, params, given, options);
  FitResult other = fit_from(model, measured, fit_rows, params, centre, options);
  const int evaluations = best.model_evaluations + other.model_evaluations;
  const int iterations = best.iterations + other.iterations;
  if (other.cost_end < best.cost_end) {
    other.cost_start = best.cost_start;  // the cost at the given values
    best = std::move(other);
  }
  best.model_evaluations = evaluations;
  best.iterations = iterations;
  return best;
}

}  // namespace sushi::calibrate
