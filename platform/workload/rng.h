// The workload's random numbers: the project's xoshiro256** generator (util/xoshiro.h) with
// hand-written transforms. std::*_distribution is not used: its algorithms differ between standard
// libraries, and a seed must give the same stream anywhere.
//
// Independent streams (arrivals, SLOs, accuracy floors) come from one seed and a stream name, so
// changing the SLO distribution does not move a single arrival.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include "util/xoshiro.h"

namespace sushi::workload {

class Rng : public util::Xoshiro256ss {
 public:
  // Stream `stream` of seed `seed`: the name is hashed (FNV-1a) into the SplitMix64 seed.
  Rng(std::uint64_t seed, std::string_view stream) : Xoshiro256ss(seed ^ fnv1a(stream)) {}

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return uniform01(); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Exponential with the given mean: -ln(1 - u) * mean (1 - u is in (0, 1], so finite).
  double exponential(double mean) { return -std::log1p(-uniform()) * mean; }
  // Standard normal by Box-Muller (one of the pair is used: simpler state, same distribution).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Pareto with scale xm and shape alpha: xm * (1 - u)^(-1/alpha), >= xm.
  double pareto(double xm, double alpha) { return xm * std::pow(1.0 - uniform(), -1.0 / alpha); }

 private:
  static std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return h;
  }
};

}  // namespace sushi::workload
