// The timing rules of one DRAM standard as numbers the channel applies (DRAMSys's one checker
// per standard, CheckerDDR4 / CheckerLPDDR4, as an idea; none of its code).
//
// A standard turns a memspec's timings (DramTiming, as the datasheet gives them) into distances
// between the first cycles of two commands, plus the data-path delays and data-bus gaps.
// DramChannel applies these numbers and knows no standard: adding one (DDR5, LPDDR5) means a
// rules file here, a name in kDramStandardNames and a memspec, not a branch in the channel.
// Each rules file says where every formula comes from; docs/dram.md lists them against
// DRAMSys's checkers.
#pragma once

#include <array>
#include <cstdint>

#include "dram/dram_clock.h"
#include "dram/policy_names.h"

namespace sushi::dram {

struct DramSpec;

// Chosen by the memspec's memory_type.
enum class DramStandard : std::uint8_t { ddr4, lpddr4 };
inline constexpr std::array<EnumName<DramStandard>, 2> kDramStandardNames{
    {{DramStandard::ddr4, "DDR4"}, {DramStandard::lpddr4, "LPDDR4"}}};

// All in clock cycles, from the first cycle of the first command to the first cycle of the
// second, unless said otherwise.
struct TimingRules {
  Cycle burst = 0;        // data-bus cycles of one burst (BL/2)
  Cycle read_delay = 0;   // RD to the first read data beat
  Cycle write_delay = 0;  // WR to the first write data beat
  // Same bank.
  Cycle act_to_cas = 0;       // ACT to RD/WR
  Cycle act_to_pre = 0;       // ACT to PRE
  Cycle pre_to_act = 0;       // PRE to ACT
  Cycle act_to_act = 0;       // ACT to ACT
  Cycle rd_to_pre = 0;        // RD to PRE
  Cycle wr_data_to_pre = 0;   // end of the write data to PRE
  // Same rank: short = another bank group (or no bank groups), long = the same bank group.
  Cycle act_to_act_s = 0, act_to_act_l = 0;
  Cycle faw = 0;              // window holding at most four ACTs (REFpb counts where refpb_is_act)
  Cycle cas_to_cas_s = 0, cas_to_cas_l = 0;
  Cycle wr_data_to_rd_s = 0, wr_data_to_rd_l = 0;  // end of the write data to RD
  // Idle data-bus cycles between the end of one burst and the start of the next, indexed
  // [rank changes][previous burst is a write][this burst is a write] (bus_gap_index).
  std::array<Cycle, 8> bus_gap{};
  // Refresh. REF may start act_to_ref_extra after the cycle a covered bank could next be
  // activated (PRE to REF and ACT to REF exceed PRE to ACT and ACT to ACT by the same amount
  // when ACT's timings count from a later cycle than REF's); a covered bank may be activated
  // ref_to_act_less before the refresh duration is over.
  Cycle act_to_ref_extra = 0;
  Cycle ref_to_act_less = 0;
  // Per-bank refresh (REFpb): it counts as an ACT issued refpb_act_offset before it for ACT to
  // ACT spacing and the four-activate window (false: it does not constrain other banks).
  bool refpb_is_act = false;
  Cycle refpb_act_offset = 0;

  static constexpr std::size_t bus_gap_index(bool rank_changes, bool prev_write, bool write) {
    return (std::size_t(rank_changes) << 2) | (std::size_t(prev_write) << 1) | std::size_t(write);
  }
};

DramStandard standard_of(const DramSpec& spec);  // throws DramParamError("memory_type")
TimingRules timing_rules(const DramSpec& spec);

// One function per standard (standard/<name>_rules.cpp).
TimingRules ddr4_timing_rules(const DramSpec& spec);
TimingRules lpddr4_timing_rules(const DramSpec& spec);

}  // namespace sushi::dram
