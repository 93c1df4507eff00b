// The energy ledger: every component counts named actions; energy = count x cost per unit.
//
// Actions are declared once at elaboration (name, category, cost with its source) and counted
// on the hot path through a small integer id, so counting is one array increment. Snapshots of
// the counts let callers attribute energy to an interval (e.g. one query) by difference.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "energy_table.h"

namespace sushi {

// Where an action's energy is reported in summaries. Fixed list so that summaries of
// different platforms stay comparable.
enum class EnergyCategory { dram, sram, noc, compute, cpu, other };
const char* to_string(EnergyCategory c);

struct ActionInfo {
  std::string name;  // full name: "<component path>.<action>", e.g. "soc.dram.ch0.act"
  EnergyCategory category = EnergyCategory::other;
  EnergyEntry cost;  // pJ per counted unit, with source
};

using ActionId = std::uint32_t;

class EnergyLedger {
 public:
  using Snapshot = std::vector<std::uint64_t>;

  // Declares an action. Declaring the same name twice is an error (two components clashing).
  ActionId declare(const std::string& component, const std::string& action,
                   EnergyCategory category, const EnergyEntry& cost);

  void add(ActionId id, std::uint64_t n = 1) { counts_[id] += n; }

  std::size_t size() const { return actions_.size(); }
  const ActionInfo& info(ActionId id) const { return actions_.at(id); }
  std::uint64_t count(ActionId id) const { return counts_.at(id); }
  double energy_pj(ActionId id) const { return static_cast<double>(counts_.at(id)) * actions_.at(id).cost.pj_per_unit; }
  // Looks an action up by full name; throws std::out_of_range if unknown.
  ActionId id_of(const std::string& name) const;

  Snapshot snapshot() const { return counts_; }
  // Energy of each category between two snapshots (later - earlier), in pJ.
  std::vector<double> energy_by_category_pj(const Snapshot& earlier, const Snapshot& later) const;
  // Total energy so far per category, in pJ (index = EnergyCategory).
  std::vector<double> energy_by_category_pj() const;
  double total_pj() const;

 private:
  std::vector<ActionInfo> actions_;
  std::vector<std::uint64_t> counts_;
  std::unordered_map<std::string, ActionId> by_name_;
};

constexpr int kEnergyCategoryCount = 6;

}  // namespace sushi
