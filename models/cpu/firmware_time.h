// How the firmware's own execution advances simulated time (cpu.firmware_time, docs/cpu.md).
//
// One rule for every core that runs the firmware (HostCpu, Rv32Cpu): the core's own work (host:
// the cost model's charged cycles; rv32: the CPI of each instruction) and the time the core waits
// for the answer of a bus access are converted to simulated time here, and nowhere else.
//
//  - modelled: work takes cycles x clock period, a bus access keeps the core until the bus's
//    answered delay has passed (temporal decoupling carries both as the core's local time);
//  - zero: an infinitely fast core. Work takes no simulated time and the core does not wait for
//    a bus answer, so the firmware's decisions happen at the instants of the hardware events
//    that woke it (query arrival, accelerator completion, timer). The bus access itself still
//    happens at that instant: targets, the NoC and DRAM account for it (data, energy, their own
//    occupancy) as in modelled mode. Sleeping (WFI / hal_wait_for_interrupt) still waits, and
//    is the only way simulated time passes while the firmware runs: a firmware that polls
//    hardware without sleeping would never see time advance.
#pragma once

#include <cstdint>
#include <string>

#include "util/params.h"

namespace sushi {

enum class FirmwareTimeMode { modelled, zero };
inline constexpr params::Named<FirmwareTimeMode> kFirmwareTimeNames[] = {{FirmwareTimeMode::modelled, "modelled"},
                                                                         {FirmwareTimeMode::zero, "zero"}};

inline const char* to_string(FirmwareTimeMode m) { return params::name_of(kFirmwareTimeNames, m); }

class FirmwareClock {
 public:
  FirmwareClock(double clock_hz, FirmwareTimeMode mode)
      : cycle_ps_(static_cast<std::uint64_t>(1e12 / clock_hz + 0.5)), mode_(mode) {}

  // The core's clock period: cycle counts, energy per cycle. Not simulated time (see work_ps).
  std::uint64_t cycle_ps() const { return cycle_ps_; }
  FirmwareTimeMode mode() const { return mode_; }
  // True when the firmware's work advances simulated time (modelled).
  bool advances() const { return mode_ == FirmwareTimeMode::modelled; }

  // Simulated time of `cycles` of the core's own work.
  std::uint64_t work_ps(std::uint64_t cycles) const { return advances() ? cycles * cycle_ps_ : 0; }

  // When the core goes on after a bus access issued at `issued_ps` whose answer is due at
  // `answered_ps` (absolute simulated times): at the answer, or at once (zero).
  std::uint64_t resume_ps(std::uint64_t issued_ps, std::uint64_t answered_ps) const {
    return advances() && answered_ps > issued_ps ? answered_ps : issued_ps;
  }

 private:
  std::uint64_t cycle_ps_;
  FirmwareTimeMode mode_;
};

}  // namespace sushi
