#include "page_policy.h"

namespace sushi::dram {
namespace {

class OpenPage final : public PagePolicyIF {
 public:
  bool keeps_rows_open() const override { return true; }
  bool precharge_after(bool) const override { return false; }
};

class ClosedPage final : public PagePolicyIF {
 public:
  bool keeps_rows_open() const override { return false; }
  bool precharge_after(bool more_to_row) const override { return !more_to_row; }
};

}  // namespace

std::unique_ptr<PagePolicyIF> make_page_policy(PagePolicy kind) {
  if (kind == PagePolicy::closed) return std::make_unique<ClosedPage>();
  return std::make_unique<OpenPage>();
}

}  // namespace sushi::dram
