// Static power that is on or off over simulated time (an accelerator's busy power, a core's
// floor power): the time it is on is counted, in ps, into one ps-counted ledger action, so its
// energy is power x time in closed form. A state change books the time since the last booking;
// a reading (EnergyLedger::accrue) books the time up to the reading. Nothing is done per cycle.
#pragma once

#include <cstdint>

#include "energy_ledger.h"

namespace sushi {

class TimedPower final : public StaticEnergySource {
 public:
  // Registers with `ledger` for its lifetime; `id` is a ps-counted action. On or off from since_ps.
  TimedPower(EnergyLedger& ledger, ActionId id, bool on, std::uint64_t since_ps = 0);
  ~TimedPower() override;
  TimedPower(const TimedPower&) = delete;
  TimedPower& operator=(const TimedPower&) = delete;

  // Switches on or off at at_ps (the time before it is booked in the previous state). A time
  // earlier than what is already booked switches at the booked time.
  void set(bool on, std::uint64_t at_ps);
  void accrue(std::uint64_t t_ps) override;

  bool on() const { return on_; }
  std::uint64_t on_ps() const { return on_ps_; }  // time booked while on

 private:
  EnergyLedger& ledger_;
  ActionId id_;
  bool on_;
  std::uint64_t booked_ps_;  // time booked up to
  std::uint64_t on_ps_ = 0;
};

}  // namespace sushi
