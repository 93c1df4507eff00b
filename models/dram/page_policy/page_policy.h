// When the controller closes a row (DRAMSys's page policies):
//   open:   rows stay open until a conflict or a refresh closes them;
//   closed: the bank is precharged after an access unless the controller holds another burst
//           to the same row (the same request's next bursts, or a buffered request).
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "dram/policy_names.h"

namespace sushi::dram {

enum class PagePolicy : std::uint8_t { open, closed };
inline constexpr std::array<EnumName<PagePolicy>, 2> kPagePolicyNames{
    {{PagePolicy::open, "open"}, {PagePolicy::closed, "closed"}}};

class PagePolicyIF {
 public:
  virtual ~PagePolicyIF() = default;
  // Whether rows stay open after an access (runs of row hits may be computed as one).
  virtual bool keeps_rows_open() const = 0;
  // Whether to precharge right after an access, given whether another burst to the row is held.
  virtual bool precharge_after(bool more_to_row) const = 0;
};

std::unique_ptr<PagePolicyIF> make_page_policy(PagePolicy kind);

}  // namespace sushi::dram
