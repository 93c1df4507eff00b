#include "lone_request_memo.h"

#include <cstring>
#include <functional>
#include <string_view>
#include <stdexcept>

namespace sushi::dram {

LoneRequestMemo::LoneRequestMemo(std::size_t words) : words_(words), slots_(kSlots), first_step_{0} {
  if (words == 0 || words > kWords) throw std::logic_error("LoneRequestMemo: key length out of range");
}

std::uint32_t LoneRequestMemo::hash(const Key& key) const {
  // The standard library's byte hash over the key's words; its high half (the multiplies mix
  // upwards) leaves every word in the low bits that choose the slot.
  const std::size_t h =
      std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(key), words_ * sizeof(Word)));
  return std::uint32_t(std::uint64_t(h) >> 32 ^ std::uint64_t(h));
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
  steps = Steps(all + first_step_[slot.entry - 1], all + first_step_[slot.entry]);
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
