// The arbiter's steps for a request alone in the buffer (BufferedChannel::place_replayed),
// remembered by what they depend on: the request's size, its first lane and the lanes' timing
// state relative to its cycle (DramChannel::relative_state). Serving traffic repeats a few such
// states (a DMA stream's requests after a refresh, after another stream's, ...), so most
// requests find their steps here instead of working them out command by command. The steps are
// a function of the key, so a remembered schedule is the one the arbiter would choose (tests
// DramLoneRequest.RememberedSteps* place streams of requests both ways). Bounded: once it holds
// kCapacity schedules it takes no more (a run's outputs never depend on what it holds).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "dram/dram_channel.h"

namespace sushi::dram {

class LoneRequestMemo {
 public:
  static constexpr std::size_t kCapacity = 4096;
  static constexpr std::size_t kWords = 2 + DramChannel::state_words(DramChannel::kMaxStateLanes);
  // One command of the schedule.
  struct Step {
    enum Kind : std::uint8_t { pre, act, cas } kind;
    std::uint32_t lane;
    std::uint64_t k;  // the burst's place in the request
    Cycle at;         // the command's cycle, relative to the request's
    Cycle end;        // RD/WR: its data end, relative to the request's cycle (PRE/ACT: at)
  };
  struct Key {
    std::size_t n = 0;            // words used (the memo's words())
    std::array<Cycle, kWords> w;  // w[0 .. n): the request's size, its first lane, the lanes' state
    bool operator==(const Key& o) const { return n == o.n && std::memcmp(w.data(), o.w.data(), n * sizeof(Cycle)) == 0; }
  };

  // `words`: the words a key uses (2 + DramChannel::state_words(lanes)).
  explicit LoneRequestMemo(std::size_t words) : words_(words), map_(64) {}
  std::size_t words() const { return words_; }

  // The schedule remembered for `key`, or nullptr.
  const std::vector<Step>* find(const Key& key) const {
    const auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }
  // Remembers `steps` (cycles relative to the request's) for `key`.
  void remember(const Key& key, const std::vector<Step>& steps) {
    if (map_.size() < kCapacity) map_.emplace(key, steps);
  }
  std::size_t size() const { return map_.size(); }

 private:
  struct Hash {
    std::size_t operator()(const Key& k) const {
      std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the used words
      for (std::size_t i = 0; i < k.n; ++i) h = (h ^ std::uint64_t(k.w[i])) * 1099511628211ull;
      return std::size_t(h ^ (h >> 29));
    }
  };
  std::size_t words_;
  std::unordered_map<Key, std::vector<Step>, Hash> map_;
};

}  // namespace sushi::dram
