// Helpers shared by the DRAM tests: parameter sets built from the shipped specs.
#pragma once

#include "dram/dram_controller.h"

namespace sushi::dram::test {

inline DramParams lpddr4(PagePolicy policy = PagePolicy::open, std::uint32_t queue_depth = 32) {
  DramParams p;
  p.spec = lpddr4_3200_x16_2ch();
  p.page_policy = policy;
  p.queue_depth = queue_depth;
  return p;
}

inline DramParams ddr4(PagePolicy policy = PagePolicy::open, std::uint32_t queue_depth = 32) {
  DramParams p;
  p.spec = ddr4_2400_x64();
  p.page_policy = policy;
  p.queue_depth = queue_depth;
  return p;
}

// The same parameters under the out-of-order scheduler.
inline DramParams with_fr_fcfs(DramParams p) {
  p.scheduler = SchedulerKind::fr_fcfs;
  return p;
}

// LPDDR4 default mapping (above 5 offset bits): co:1, ch:1, co:5, ba:3, ro:16, so
// bit 6 = channel, bits 12-14 = bank, bits 15-30 = row.
inline std::uint64_t lp_addr(std::uint32_t ch, std::uint32_t bank, std::uint32_t row, std::uint32_t burst = 0) {
  return (std::uint64_t(row) << 15) | (std::uint64_t(bank) << 12) | (std::uint64_t(ch) << 6) |
         (std::uint64_t(burst & 1) << 5) | (std::uint64_t(burst >> 1) << 7);
}

// DDR4 default mapping (above 6 offset bits): bg:2, co:7, ba:2, ro:15, so bits 6-7 = bank
// group, 8-14 = column burst, 15-16 = bank, 17-31 = row.
inline std::uint64_t d4_addr(std::uint32_t bg, std::uint32_t bank, std::uint32_t row, std::uint32_t col = 0) {
  return (std::uint64_t(row) << 17) | (std::uint64_t(bank) << 15) | (std::uint64_t(col) << 8) |
         (std::uint64_t(bg) << 6);
}

}  // namespace sushi::dram::test
