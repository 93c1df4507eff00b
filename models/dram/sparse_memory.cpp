#include "sparse_memory.h"

#include <algorithm>

namespace sushi::dram {

const std::uint8_t* SparseMemory::find(std::uint64_t page) const {
  if (page == last_page_) return last_ptr_;
  auto it = pages_.find(page);
  if (it == pages_.end()) return nullptr;
  last_page_ = page;
  last_ptr_ = it->second.get();
  return last_ptr_;
}

std::uint8_t* SparseMemory::get(std::uint64_t page) {
  if (page == last_page_) return last_ptr_;
  auto& slot = pages_[page];
  if (!slot) {
    slot.reset(new std::uint8_t[kPageBytes]);
    std::memset(slot.get(), 0, kPageBytes);
  }
  last_page_ = page;
  last_ptr_ = slot.get();
  return last_ptr_;
}

void SparseMemory::read(std::uint64_t addr, std::uint8_t* dst, std::uint64_t len) const {
  while (len > 0) {
    const std::uint64_t page = addr / kPageBytes, off = addr % kPageBytes;
    const std::uint64_t n = std::min(len, kPageBytes - off);
    const std::uint8_t* p = find(page);
    if (p) std::memcpy(dst, p + off, n);
    else std::memset(dst, 0, n);
    addr += n; dst += n; len -= n;
  }
}

void SparseMemory::write(std::uint64_t addr, const std::uint8_t* src, std::uint64_t len) {
  while (len > 0) {
    const std::uint64_t page = addr / kPageBytes, off = addr % kPageBytes;
    const std::uint64_t n = std::min(len, kPageBytes - off);
    std::memcpy(get(page) + off, src, n);
    addr += n; src += n; len -= n;
  }
}

void SparseMemory::read_masked(std::uint64_t addr, std::uint8_t* dst, std::uint64_t len,
                               const std::uint8_t* be, std::uint64_t be_len) const {
  for (std::uint64_t i = 0; i < len; ++i) {
    if (be && be_len && be[i % be_len] == 0) continue;
    const std::uint8_t* p = find((addr + i) / kPageBytes);
    dst[i] = p ? p[(addr + i) % kPageBytes] : 0;
  }
}

void SparseMemory::write_masked(std::uint64_t addr, const std::uint8_t* src, std::uint64_t len,
                                const std::uint8_t* be, std::uint64_t be_len) {
  for (std::uint64_t i = 0; i < len; ++i) {
    if (be && be_len && be[i % be_len] == 0) continue;
    get((addr + i) / kPageBytes)[(addr + i) % kPageBytes] = src[i];
  }
}

}  // namespace sushi::dram
