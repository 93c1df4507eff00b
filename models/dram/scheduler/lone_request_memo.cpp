#include "lone_request_memo.h"

#include <cstring>
#include <functional>
#include <string_view>
#include <stdexcept>

namespace sushi::dram {

LoneRequestMemo::LoneRequestMemo(std::size_t words)
    : words_(words), key_cells_((words * sizeof(Word) + sizeof(Step) - 1) / sizeof(Step)), slots_(kSlots) {
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
    if (slot.at == 0 || (slot.hash == h && std::memcmp(&cells_[slot.at - 1], key, words_ * sizeof(Word)) == 0)) {
      return s;
    }
  }
}

bool LoneRequestMemo::find(const Key& key, Steps& steps) const {
  const Slot& slot = slots_[probe(key, hash(key))];
  if (slot.at == 0) return false;
  const Step* first = cells_.data() + (slot.at - 1) + key_cells_;
  steps = Steps(first, first + slot.steps);
  return true;
}

void LoneRequestMemo::remember(const Key& key, const std::vector<Step>& steps) {
  if (size_ >= kCapacity) return;
  const std::uint32_t h = hash(key);
  Slot& slot = slots_[probe(key, h)];
  if (slot.at != 0) return;
  const std::size_t at = cells_.size();
  cells_.resize(at + key_cells_);  // zero cells, then the key's bytes over them
  std::memcpy(&cells_[at], key, words_ * sizeof(Word));
  cells_.insert(cells_.end(), steps.begin(), steps.end());
  slot = {h, std::uint32_t(at + 1), std::uint32_t(steps.size())};
  ++size_;
}

}  // namespace sushi::dram
