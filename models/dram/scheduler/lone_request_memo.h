// The arbiter's steps for a request alone in the buffer (BufferedChannel::place_replayed),
// remembered by what they depend on: the request's size, its first lane and the lanes' timing
// state relative to its cycle (DramChannel::relative_state). Serving traffic repeats a few such
// states (a DMA stream's requests after a refresh, after another stream's, ...), so most
// requests find their steps here instead of working them out command by command. The steps are
// a function of the key, so a remembered schedule is the one the arbiter would choose (tests
// DramLoneRequest.RememberedSteps* place streams of requests both ways). Bounded: once it holds
// kCapacity schedules it takes no more (a run's outputs never depend on what it holds).
//
// Looked up for nearly every request of a DMA stream, so it is laid out flat: an open-addressing
// table of (hash, entry) slots and one array holding each entry's key (16-bit words) and its
// steps side by side. A lookup reads one slot run and one stretch of that array, where a
// node-based map chased a pointer per bucket entry and separate key and step arrays cost a cache
// miss each (docs/dram.md, "Serving presets stay on `fcfs`").
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <boost/range/iterator_range.hpp>

#include "dram/dram_channel.h"

namespace sushi::dram {

class LoneRequestMemo {
 public:
  static constexpr std::size_t kCapacity = 4096;
  using Word = DramChannel::StateWord;
  static constexpr std::size_t kWords = 2 + DramChannel::state_words(DramChannel::kMaxStateLanes);
  // One command of the schedule, in 4 bytes (a schedule is read for every request placed by
  // it; BufferedChannel::work_out_steps declines a request whose steps do not fit). Its burst is
  // its lane's next one, and an RD/WR's data end follows from its cycle: neither is kept.
  struct Step {
    enum Kind : std::uint8_t { pre, act, cas } kind;
    std::uint8_t lane;
    std::int16_t at;  // the command's cycle, relative to the request's
  };
  static_assert(sizeof(Step) == 4, "a step is 4 bytes (docs/dram.md)");
  // A schedule: its steps in issue order.
  using Steps = boost::iterator_range<const Step*>;
  // A key: the request's size, its first lane, the lanes' state (w[0 .. words())).
  using Key = Word[kWords];

  // `words`: the words a key uses (2 + DramChannel::state_words(lanes)), at most kWords.
  explicit LoneRequestMemo(std::size_t words);
  std::size_t words() const { return words_; }

  // The schedule remembered for `key`, if any.
  bool find(const Key& key, Steps& steps) const;
  // Remembers `steps` (cycles relative to the request's) for `key`, unless full or already held.
  void remember(const Key& key, const std::vector<Step>& steps);
  std::size_t size() const { return size_; }

 private:
  static constexpr std::size_t kSlots = 2 * kCapacity;  // a power of 2; at most half full
  struct Slot {
    std::uint32_t hash = 0;   // 32 bits of the key's hash (their low bits choose the first slot)
    std::uint32_t at = 0;     // 1 + the entry's first cell in cells_; 0: empty
    std::uint32_t steps = 0;  // the entry's steps, after its key
  };
  std::uint32_t hash(const Key& key) const;
  // The slot holding `key`, or the empty slot where it would go (the table is never full).
  std::size_t probe(const Key& key, std::uint32_t h) const;
  std::size_t words_;
  std::size_t key_cells_;  // cells a key takes (its bytes rounded up to a Step's)
  std::size_t size_ = 0;
  std::vector<Slot> slots_;
  // Entry after entry: its key's bytes in key_cells_ cells (the rest zero), then its steps.
  std::vector<Step> cells_;
};

}  // namespace sushi::dram
