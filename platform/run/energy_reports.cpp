#include "energy_reports.h"

#include <yaml-cpp/yaml.h>

namespace sushi {

std::string actions_yaml(const EnergyLedger& ledger) {
  YAML::Emitter em;
  em << YAML::Comment("Action counts of this run. energy_pJ = count x pJ_per_unit (energy_table.yaml).");
  em << YAML::BeginMap << YAML::Key << "actions" << YAML::Value << YAML::BeginSeq;
  for (ActionId id = 0; id < ledger.size(); ++id) {
    const ActionInfo& a = ledger.info(id);
    em << YAML::Flow << YAML::BeginMap;
    em << YAML::Key << "name" << YAML::Value << a.name;
    em << YAML::Key << "category" << YAML::Value << to_string(a.category);
    em << YAML::Key << "kind" << YAML::Value << to_string(a.kind);
    em << YAML::Key << "count" << YAML::Value << ledger.count(id);
    em << YAML::Key << "unit" << YAML::Value << to_string(a.cost.unit);
    em << YAML::Key << "energy_pJ" << YAML::Value << ledger.energy_pj(id);
    em << YAML::EndMap;
  }
  em << YAML::EndSeq << YAML::EndMap;
  return std::string(em.c_str()) + "\n";
}

std::string energy_table_yaml(const EnergyLedger& ledger, const std::string& table_name) {
  YAML::Emitter em;
  em << YAML::Comment("Per-action energies used in this run, with the value as given and its source.");
  em << YAML::BeginMap;
  em << YAML::Key << "table" << YAML::Value << table_name;
  em << YAML::Key << "actions" << YAML::Value << YAML::BeginSeq;
  for (ActionId id = 0; id < ledger.size(); ++id) {
    const ActionInfo& a = ledger.info(id);
    em << YAML::BeginMap;
    em << YAML::Key << "name" << YAML::Value << a.name;
    em << YAML::Key << "pJ_per_unit" << YAML::Value << a.cost.pj_per_unit;
    em << YAML::Key << "unit" << YAML::Value << to_string(a.cost.unit);
    em << YAML::Key << "given" << YAML::Value << a.cost.given;
    em << YAML::Key << "source" << YAML::Value << a.cost.source;
    em << YAML::EndMap;
  }
  em << YAML::EndSeq << YAML::EndMap;
  return std::string(em.c_str()) + "\n";
}

Json energy_summary(const EnergyLedger& ledger) {
  Json j;
  const EnergyBreakdown e = ledger.breakdown_pj();
  Json cats = Json::object(), background = Json::object();
  for (int c = 0; c < kEnergyCategoryCount; ++c) {
    const auto cat = static_cast<EnergyCategory>(c);
    cats[std::string(to_string(cat)) + "_pJ"] = e.of(cat);
    background[std::string(to_string(cat)) + "_pJ"] = e.at(cat, EnergyKind::background);
  }
  j["total_pJ"] = e.total();
  j["by_category"] = std::move(cats);
  j["activity_pJ"] = e.of(EnergyKind::activity);
  j["background_pJ"] = e.of(EnergyKind::background);
  j["background_by_category"] = std::move(background);
  // Off-chip: DRAM access (ACT, PRE, RD, WR, I/O) and background (standby, refresh).
  j["dram_access_pJ"] = e.at(EnergyCategory::dram, EnergyKind::activity);
  j["dram_background_pJ"] = e.at(EnergyCategory::dram, EnergyKind::background);
  j["accrued_to_ps"] = ledger.accrued_ps();
  return j;
}

}  // namespace sushi
