// Parameters of the generic memories (memories.<name>) from the config, shared by the SoC and the
// accelerator testbed.
#pragma once

#include <string>

#include "common/energy_table.h"
#include "common/port_memory.h"
#include "config/config.h"

namespace sushi {

// The energy-table entry named by the string key `key` (a ConfigError at `key` if missing).
EnergyEntry table_entry(const config::Config& cfg, const EnergyTable& table, const std::string& key);

// memories.<name>.* -> PortMemoryParams (`prefix` = "memories.<name>").
PortMemoryParams port_memory_params(const config::Config& cfg, const EnergyTable& table, const std::string& prefix);

}  // namespace sushi
