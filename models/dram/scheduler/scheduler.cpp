#include "scheduler.h"

namespace sushi::dram {
namespace {

class FcfsScheduler final : public SchedulerIF {
 public:
  bool in_order() const override { return true; }
  std::size_t pick(const std::vector<BufferedBurst>&, std::optional<std::uint32_t>) const override { return 0; }
};

class FrFcfsScheduler final : public SchedulerIF {
 public:
  bool in_order() const override { return false; }
  std::size_t pick(const std::vector<BufferedBurst>& q, std::optional<std::uint32_t> open_row) const override {
    if (open_row) {
      for (std::size_t i = 0; i < q.size(); ++i) {
        if (q[i].row == *open_row) return i;  // the oldest row hit
      }
    }
    return 0;  // no hit: the oldest
  }
};

}  // namespace

std::unique_ptr<SchedulerIF> make_scheduler(SchedulerKind kind) {
  if (kind == SchedulerKind::fr_fcfs) return std::make_unique<FrFcfsScheduler>();
  return std::make_unique<FcfsScheduler>();
}

}  // namespace sushi::dram
