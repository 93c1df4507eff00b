#include "lone_request_memo.h"

#include <cstring>
#include <stdexcept>

namespace sushi::dram {

LoneRequestMemo::LoneRequestMemo(std::size_t words) : words_(words), slots_(kSlots), first_step_{0} {
  if (words == 0 || words > kWords) throw std::logic_error("LoneRequestMemo: key length out of range");
}

std::uint32_t LoneRequestMemo::hash(const Key& key) const {
  // Multiply-xorshift over the words two at a time, in two independent chains (their multiplies
  // overlap), then mixed so that every word reaches the high bits kept.
  std::uint64_t a = 0x9E3779B97F4A7C15ull, b = 0xC2B2AE3D27D4EB4Full;
  const auto pair = [&](std::size_t i) {
    std::uint64_t x;
    std::memcpy(&x, &key[i], sizeof x);
    return x;
  };
  std::size_t i = 0;
  for (; i + 4 <= words_; i += 4) {
    a = (a ^ pair(i)) * 0xFF51AFD7ED558CCDull;
    b = (b ^ pair(i + 2)) * 0xC4CEB9FE1A85EC53ull;
    a ^= a >> 32;
    b ^= b >> 29;
  }
  for (; i < words_; ++i) a = (a ^ std::uint32_t(key[i])) * 0xFF51AFD7ED558CCDull;
  const std::uint64_t h = (a ^ (b >> 1) ^ (a >> 31)) * 0x9E3779B97F4A7C15ull;
  return std::uint32_t(h >> 32);
}

std::size_t LoneRequestMemo::probe(const Key& key, std::uint32_t h) const {
  for (std::size_t s = h & (kSlots - 1);; s = (s + 1) & (kSlots - 1)) {
    const Slot& slot = slots_[s];
    if (slot.entry == 0 ||
        (slot.hash == h && std::memcmp(&keys_[std::size_t(slot.entry - 1) * words_], key, words_ * sizeof(Word)) == 0)) {
      return s;
    }
  }
}

bool LoneRequestMemo::find(const Key& key, Steps& steps) const {
  const Slot& slot = slots_[probe(key, hash(key))];
  if (slot.entry == 0) return false;
  const Step* all = steps_.data();
  steps = {all + first_step_[slot.entry - 1], all + first_step_[slot.entry]};
  return true;
}

void LoneRequestMemo::remember(const Key& key, const std::vector<Step>& steps) {
  if (size() >= kCapacity) return;
  const std::uint32_t h = hash(key);
  Slot& slot = slots_[probe(key, h)];
  if (slot.entry != 0) return;
  keys_.insert(keys_.end(), key, key + words_);
  steps_.insert(steps_.end(), steps.begin(), steps.end());
  first_step_.push_back(std::uint32_t(steps_.size()));
  slot = {h, std::uint32_t(size())};
}

}  // namespace sushi::dram
