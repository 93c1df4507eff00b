// The workload's random numbers: xoshiro256** (Blackman & Vigna 2018) seeded through SplitMix64
// (Steele, Lea & Flood 2014), with hand-written transforms. std::*_distribution is not used: its
// algorithms differ between standard libraries, and a seed must give the same stream anywhere.
//
// Independent streams (arrivals, SLOs, accuracy floors) come from one seed and a stream name, so
// changing the SLO distribution does not move a single arrival.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace sushi::workload {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // Stream `stream` of seed `seed`: the name is hashed (FNV-1a) into the SplitMix64 seed.
  Rng(std::uint64_t seed, std::string_view stream) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : stream) h = (h ^ c) * 1099511628211ull;
    std::uint64_t sm = seed ^ h;
    for (auto& w : s_) w = splitmix64(sm);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
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
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace sushi::workload
