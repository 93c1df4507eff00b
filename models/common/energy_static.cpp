#include "energy_static.h"

namespace sushi {

TimedPower::TimedPower(EnergyLedger& ledger, ActionId id, bool on, std::uint64_t since_ps)
    : ledger_(ledger), id_(id), on_(on), booked_ps_(since_ps) {
  ledger_.add_source(this);
}

TimedPower::~TimedPower() { ledger_.remove_source(this); }

void TimedPower::accrue(std::uint64_t t_ps) {
  if (t_ps <= booked_ps_) return;
  if (on_) {
    ledger_.add(id_, t_ps - booked_ps_);
    on_ps_ += t_ps - booked_ps_;
  }
  booked_ps_ = t_ps;
}

void TimedPower::set(bool on, std::uint64_t at_ps) {
  accrue(at_ps);
  on_ = on;
}

}  // namespace sushi
