// The registry of accelerator kinds: builds the accelerator that `accel.kind` (or
// `accels.<name>.kind`) names, from its config keys, for the one SoC assembly (soc_assembly.h). A new kind is one
// row in the registry (accel_factory.cpp) and its name in accel::kAccelKindNames
// (models/accel/accel_kind.h); docs/architecture.md section 7, "An accelerator".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "accel/accel_kind.h"
#include "accel/accelerator.h"
#include "common/energy_ledger.h"
#include "common/energy_table.h"
#include "config/config.h"
#include "sram/sram_energy_table.h"

namespace sushi {

// What a kind's builder is handed besides its config keys.
struct AccelBuild {
  const config::Config& cfg;
  const EnergyTable& table;                // energy costs (accel.mac_energy, ...)
  const sram::SramEnergyTable& sram_table;  // for its on-chip buffers
  EnergyLedger& ledger;
  std::vector<accel::MemoryWindow> memory;  // the memories its DMA may reach
  std::string key = "accel";                 // its keys' prefix: "accel" or "accels.<name>"
};

// <key>.kind from the config.
accel::AccelKind accel_kind(const config::Config& cfg, const std::string& key = "accel");

// The accelerator `<b.key>.kind` names, as SystemC module `name`; a bad parameter is a
// config::ConfigError located at its key.
std::unique_ptr<accel::Accelerator> make_accelerator(const char* name, const AccelBuild& b);

}  // namespace sushi
