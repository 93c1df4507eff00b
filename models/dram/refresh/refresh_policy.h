// Which banks a refresh covers and how long it takes (DRAMSys's RefreshManagerIF idea). The
// channel performs refresh k when a command would issue at or after its due cycle
// k' x interval (k' counted from 1): it precharges the covered open banks, starts REF once
// they may be activated (and precharge_time after the last of those PREs), and blocks them
// for `duration` cycles.
//   all_bank: every bank of every rank, every tREFI, for tRFC(ab); the PREs before it are an
//             all-bank precharge, so REF waits tRPab (where the standard has it, else tRP).
//   per_bank: one bank per rank, banks in turn, every tREFIpb, for tRFCpb (LPDDR4 REFpb); the
//             other banks keep serving. The bank is precharged with tRP(pb).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "dram/dram_params_error.h"
#include "dram/policy_names.h"

namespace sushi::dram {

struct DramTiming;

enum class RefreshKind : std::uint8_t { all_bank, per_bank };
inline constexpr std::array<EnumName<RefreshKind>, 2> kRefreshNames{
    {{RefreshKind::all_bank, "all_bank"}, {RefreshKind::per_bank, "per_bank"}}};

class RefreshPolicyIF {
 public:
  virtual ~RefreshPolicyIF() = default;
  virtual std::uint32_t interval() const = 0;        // nCK between refreshes
  virtual std::uint32_t duration() const = 0;        // nCK a covered bank is blocked (tRFC)
  virtual std::uint32_t precharge_time() const = 0;  // PRE before it to REF (tRPab / tRP)
  // Banks (index within a rank) that refresh number k (0, 1, ...) covers: [first, first + count).
  virtual std::uint32_t first_bank(std::uint64_t k) const = 0;
  virtual std::uint32_t bank_count() const = 0;
};

// Throws DramParamError naming `key` (the refresh key) when the spec lacks the timings the
// policy needs.
std::unique_ptr<RefreshPolicyIF> make_refresh_policy(RefreshKind kind, const DramTiming& t,
                                                     std::uint32_t banks_per_rank,
                                                     const std::string& key = "dram.*.refresh");

}  // namespace sushi::dram
