#include "energy_attribution.h"

#include <algorithm>

namespace sushi {

void EnergyAttribution::boundary(std::uint64_t t_ps) {
  t_ps = std::max(t_ps, last_ps_);  // boundaries come in time order; a late one closes nothing
  ledger_.accrue(t_ps);
  EnergyLedger::Snapshot now = ledger_.snapshot();
  const EnergyBreakdown stretch = ledger_.breakdown_pj(last_, now);
  if (open_.empty()) {
    idle_ += stretch;
    idle_ps_ += t_ps - last_ps_;
  } else {
    const EnergyBreakdown share = open_.size() == 1 ? stretch : stretch.scaled(1.0 / static_cast<double>(open_.size()));
    for (auto& [id, e] : open_) e += share;
  }
  last_ = std::move(now);
  last_ps_ = t_ps;
}

void EnergyAttribution::begin(std::uint64_t id, std::uint64_t t_ps) {
  if (open_.count(id) != 0) return;
  boundary(t_ps);
  open_.emplace(id, EnergyBreakdown{});
}

EnergyBreakdown EnergyAttribution::end(std::uint64_t id, std::uint64_t t_ps) {
  auto it = open_.find(id);
  if (it == open_.end()) return {};
  boundary(t_ps);
  it = open_.find(id);
  EnergyBreakdown e = it->second;
  open_.erase(it);
  return e;
}

void EnergyAttribution::finish(std::uint64_t t_ps) {
  boundary(t_ps);
  for (const auto& [id, e] : open_) unfinished_ += e;
  open_.clear();
}

}  // namespace sushi
