// The project's one pseudo-random generator: xoshiro256** (Blackman & Vigna 2018) seeded through
// SplitMix64 (Steele, Lea & Flood 2014). Every transform is written here or by its users, never
// taken from std::*_distribution, whose algorithms differ between standard libraries: a seed must
// give the same stream on every platform. Users: the SuperNet library's sampling and catalog
// search (supernet::Rng) and the workload's named streams (workload::Rng).
#pragma once

#include <cstdint>

namespace sushi::util {

// One SplitMix64 step: advances `state` and returns the next output.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Xoshiro256ss {
 public:
  // The four state words are four SplitMix64 outputs from `seed`.
  explicit Xoshiro256ss(std::uint64_t seed) {
    for (auto& w : s_) w = splitmix64(seed);
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
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n), n > 0: Lemire's multiply-shift on the upper 32 bits, with
  // rejection so that every value is equally likely.
  std::uint32_t below(std::uint32_t n) {
    std::uint64_t m = (next() >> 32) * n;
    std::uint32_t l = static_cast<std::uint32_t>(m);
    if (l < n) {
      const std::uint32_t t = static_cast<std::uint32_t>(-n) % n;
      while (l < t) {
        m = (next() >> 32) * n;
        l = static_cast<std::uint32_t>(m);
      }
    }
    return static_cast<std::uint32_t>(m >> 32);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace sushi::util
