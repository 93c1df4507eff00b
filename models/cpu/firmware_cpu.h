// What the platform needs from a core that runs the SushiSched firmware, whichever core it is
// (HostCpu: host-compiled; Rv32Cpu: the cross-compiled ELF on the ISS): its fault record, the end
// of the firmware, and the simulated time the firmware has taken so far.
#pragma once

#include <cstdint>
#include <string>

#include <systemc>

namespace sushi {

struct FirmwareFault {
  bool raised = false;
  std::uint32_t code = 0;
  std::string message;
  std::uint64_t time_ps = 0;
};

class FirmwareCpu {
 public:
  virtual ~FirmwareCpu() = default;
  virtual const FirmwareFault& fault() const = 0;
  virtual bool finished() const = 0;
  virtual const sc_core::sc_event& finished_event() const = 0;
  // Simulated time the core has spent running firmware (awake: not asleep in WFI), up to its
  // current local time: the firmware's own execution time, bus waits included (FirmwareClock).
  // Its difference over an interval (e.g. a query's service) is the firmware's part of that
  // interval; always 0 under cpu.firmware_time: zero.
  virtual std::uint64_t firmware_ps() const = 0;
};

}  // namespace sushi
