// Sparse backing store for DRAM contents: 4 KiB pages allocated on first write; bytes never
// written read as 0. A 4 GiB DRAM costs nothing until it is used.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace sushi::dram {

class SparseMemory {
 public:
  static constexpr std::uint64_t kPageBytes = 4096;

  void read(std::uint64_t addr, std::uint8_t* dst, std::uint64_t len) const;
  void write(std::uint64_t addr, const std::uint8_t* src, std::uint64_t len);
  // Byte-enabled accesses (TLM byte enable pattern repeats every be_len bytes; 0 = disabled).
  void read_masked(std::uint64_t addr, std::uint8_t* dst, std::uint64_t len, const std::uint8_t* be,
                   std::uint64_t be_len) const;
  void write_masked(std::uint64_t addr, const std::uint8_t* src, std::uint64_t len, const std::uint8_t* be,
                    std::uint64_t be_len);
  std::uint64_t allocated_bytes() const { return pages_.size() * kPageBytes; }

 private:
  const std::uint8_t* find(std::uint64_t page) const;
  std::uint8_t* get(std::uint64_t page);
  std::unordered_map<std::uint64_t, std::unique_ptr<std::uint8_t[]>> pages_;
  mutable std::uint64_t last_page_ = ~std::uint64_t(0);
  mutable std::uint8_t* last_ptr_ = nullptr;
};

}  // namespace sushi::dram
