#include "scheduler_buffer.h"

namespace sushi::dram {
namespace {

class SharedBuffer final : public SchedulerBufferIF {
 public:
  explicit SharedBuffer(std::uint32_t size) : size_(size) {}
  bool has_space(std::size_t) const override { return used_ < size_; }
  void store(std::size_t) override { ++used_; }
  void remove(std::size_t) override { --used_; }
  bool empty_takes(std::size_t banks) const override { return banks <= size_; }

 private:
  std::uint32_t size_, used_ = 0;
};

class BankwiseBuffer final : public SchedulerBufferIF {
 public:
  BankwiseBuffer(std::size_t banks, std::uint32_t size) : size_(size), used_(banks, 0) {}
  bool has_space(std::size_t bank) const override { return used_[bank] < size_; }
  void store(std::size_t bank) override { ++used_[bank]; }
  void remove(std::size_t bank) override { --used_[bank]; }
  bool empty_takes(std::size_t banks) const override { return banks == 0 || size_ >= 1; }

 private:
  std::uint32_t size_;
  std::vector<std::uint32_t> used_;
};

}  // namespace

std::unique_ptr<SchedulerBufferIF> make_scheduler_buffer(BufferKind kind, std::size_t banks, std::uint32_t size) {
  if (kind == BufferKind::bankwise) return std::make_unique<BankwiseBuffer>(banks, size);
  return std::make_unique<SharedBuffer>(size);
}

}  // namespace sushi::dram
