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
  const auto by_cat = ledger.energy_by_category_pj();
  Json cats = Json::object();
  double total = 0.0;
  for (int c = 0; c < kEnergyCategoryCount; ++c) {
    cats[std::string(to_string(static_cast<EnergyCategory>(c))) + "_pJ"] = by_cat[static_cast<std::size_t>(c)];
    total += by_cat[static_cast<std::size_t>(c)];
  }
  j["total_pJ"] = total;
  j["by_category"] = std::move(cats);
  return j;
}

}  // namespace sushi
