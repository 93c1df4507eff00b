#include "distribution.h"

#include <algorithm>
#include <cmath>

#include "workload_error.h"

namespace sushi::workload {

void ValueDist::validate(const std::string& what) const {
  auto fail = [&](const std::string& m) { throw WorkloadError(what + ": " + m); };
  switch (kind) {
    case Kind::constant: break;
    case Kind::uniform:
      if (!(min <= max)) fail("uniform needs min <= max");
      break;
    case Kind::normal:
      if (!(min <= max)) fail("normal needs min <= max (truncation range)");
      if (mean < min || mean > max) fail("normal needs min <= mean <= max");
      break;
    case Kind::choice:
      if (choices.empty()) fail("choice needs at least one value in 'choices'");
      if (!weights.empty() && weights.size() != choices.size()) {
        fail("choice has " + std::to_string(choices.size()) + " choices but " +
             std::to_string(weights.size()) + " weights");
      }
      {
        double total = 0;
        for (double w : weights) total += w;
        if (!weights.empty() && !(total > 0)) fail("choice weights must not all be 0");
      }
      break;
  }
}

double ValueDist::sample(Rng& rng) const {
  switch (kind) {
    case Kind::constant: return value;
    case Kind::uniform: return rng.uniform(min, max);
    case Kind::normal: {
      for (int i = 0; i < 10000; ++i) {
        const double x = mean + stddev * rng.normal();
        if (x >= min && x <= max) return x;
      }
      return std::clamp(mean, min, max);
    }
    case Kind::choice: {
      if (weights.empty()) {
        const auto i = static_cast<std::size_t>(rng.uniform() * static_cast<double>(choices.size()));
        return choices[std::min(i, choices.size() - 1)];
      }
      double total = 0;
      for (double w : weights) total += w;
      const double u = rng.uniform() * total;
      double acc = 0;
      for (std::size_t i = 0; i < choices.size(); ++i) {
        acc += weights[i];
        if (u < acc) return choices[i];
      }
      // Rounding left u at the top: the last choice with a non-zero weight.
      for (std::size_t i = choices.size(); i-- > 0;) {
        if (weights[i] > 0) return choices[i];
      }
      return choices.back();
    }
  }
  return value;
}

}  // namespace sushi::workload
