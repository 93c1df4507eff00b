#include "energy_ledger.h"

#include <stdexcept>

namespace sushi {

const char* to_string(EnergyCategory c) {
  switch (c) {
    case EnergyCategory::dram: return "dram";
    case EnergyCategory::sram: return "sram";
    case EnergyCategory::noc: return "noc";
    case EnergyCategory::compute: return "compute";
    case EnergyCategory::cpu: return "cpu";
    case EnergyCategory::other: return "other";
  }
  return "?";
}

ActionId EnergyLedger::declare(const std::string& component, const std::string& action,
                               EnergyCategory category, const EnergyEntry& cost) {
  std::string name = component.empty() ? action : component + "." + action;
  if (by_name_.count(name) != 0) {
    throw std::logic_error("energy ledger: action '" + name + "' declared twice");
  }
  if (cost.pj_per_unit < 0.0) {
    throw std::logic_error("energy ledger: action '" + name + "' has a negative cost");
  }
  auto id = static_cast<ActionId>(actions_.size());
  actions_.push_back(ActionInfo{name, category, cost});
  counts_.push_back(0);
  by_name_.emplace(std::move(name), id);
  return id;
}

ActionId EnergyLedger::id_of(const std::string& name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) throw std::out_of_range("energy ledger: no action '" + name + "'");
  return it->second;
}

std::vector<double> EnergyLedger::energy_by_category_pj(const Snapshot& earlier,
                                                        const Snapshot& later) const {
  std::vector<double> out(kEnergyCategoryCount, 0.0);
  for (std::size_t i = 0; i < actions_.size(); ++i) {
    std::uint64_t a = i < earlier.size() ? earlier[i] : 0;
    std::uint64_t b = i < later.size() ? later[i] : 0;
    out[static_cast<int>(actions_[i].category)] +=
        static_cast<double>(b - a) * actions_[i].cost.pj_per_unit;
  }
  return out;
}

std::vector<double> EnergyLedger::energy_by_category_pj() const {
  return energy_by_category_pj(Snapshot(counts_.size(), 0), counts_);
}

double EnergyLedger::total_pj() const {
  double sum = 0.0;
  for (double e : energy_by_category_pj()) sum += e;
  return sum;
}

}  // namespace sushi
