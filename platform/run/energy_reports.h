// Energy outputs of a run: actions.yaml (counts per component and action, Accelergy style),
// energy_table.yaml (the per-action energies used, each with unit and source), and the
// energy part of summary.json.
#pragma once

#include <string>

#include "common/energy_ledger.h"
#include "common/stats.h"

namespace sushi {

std::string actions_yaml(const EnergyLedger& ledger);
std::string energy_table_yaml(const EnergyLedger& ledger, const std::string& table_name);
Json energy_summary(const EnergyLedger& ledger);

}  // namespace sushi
