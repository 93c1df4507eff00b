#include "energy_ledger.h"

#include <algorithm>
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

const char* to_string(EnergyKind k) { return k == EnergyKind::activity ? "activity" : "background"; }

double EnergyBreakdown::of(EnergyKind k) const {
  double s = 0.0;
  for (const auto& c : pj) s += c[static_cast<int>(k)];
  return s;
}

double EnergyBreakdown::total() const {
  double s = 0.0;
  for (const auto& c : pj) s += c[0] + c[1];
  return s;
}

std::vector<double> EnergyBreakdown::by_category() const {
  std::vector<double> out(kEnergyCategoryCount, 0.0);
  for (int c = 0; c < kEnergyCategoryCount; ++c) out[static_cast<std::size_t>(c)] = pj[c][0] + pj[c][1];
  return out;
}

EnergyBreakdown& EnergyBreakdown::operator+=(const EnergyBreakdown& o) {
  for (int c = 0; c < kEnergyCategoryCount; ++c) {
    for (int k = 0; k < kEnergyKindCount; ++k) pj[c][k] += o.pj[c][k];
  }
  return *this;
}

EnergyBreakdown EnergyBreakdown::scaled(double f) const {
  EnergyBreakdown out = *this;
  for (auto& c : out.pj) {
    for (double& v : c) v *= f;
  }
  return out;
}

ActionId EnergyLedger::declare(const std::string& component, const std::string& action,
                               EnergyCategory category, const EnergyEntry& cost, std::optional<EnergyKind> kind) {
  std::string name = component.empty() ? action : component + "." + action;
  if (by_name_.count(name) != 0) {
    throw std::logic_error("energy ledger: action '" + name + "' declared twice");
  }
  if (cost.pj_per_unit < 0.0) {
    throw std::logic_error("energy ledger: action '" + name + "' has a negative cost");
  }
  const EnergyKind k = kind.value_or(cost.unit == CountUnit::ps ? EnergyKind::background : EnergyKind::activity);
  auto id = static_cast<ActionId>(actions_.size());
  actions_.push_back(ActionInfo{name, category, k, cost});
  counts_.push_back(0);
  by_name_.emplace(std::move(name), id);
  return id;
}

void EnergyLedger::add_source(StaticEnergySource* s) {
  if (std::find(sources_.begin(), sources_.end(), s) == sources_.end()) sources_.push_back(s);
}

void EnergyLedger::remove_source(StaticEnergySource* s) {
  sources_.erase(std::remove(sources_.begin(), sources_.end(), s), sources_.end());
}

void EnergyLedger::accrue(std::uint64_t t_ps) {
  for (StaticEnergySource* s : sources_) s->accrue(t_ps);
  accrued_ps_ = std::max(accrued_ps_, t_ps);
}

ActionId EnergyLedger::id_of(const std::string& name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) throw std::out_of_range("energy ledger: no action '" + name + "'");
  return it->second;
}

EnergyBreakdown EnergyLedger::breakdown_pj(const Snapshot& earlier, const Snapshot& later) const {
  EnergyBreakdown out;
  for (std::size_t i = 0; i < actions_.size(); ++i) {
    const std::uint64_t a = i < earlier.size() ? earlier[i] : 0;
    const std::uint64_t b = i < later.size() ? later[i] : 0;
    if (b == a) continue;
    out.pj[static_cast<int>(actions_[i].category)][static_cast<int>(actions_[i].kind)] +=
        static_cast<double>(b - a) * actions_[i].cost.pj_per_unit;
  }
  return out;
}

}  // namespace sushi
