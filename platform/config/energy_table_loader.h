// Reads energy tables (vp_configs/energy/*.yaml) into a sushi::EnergyTable.
//
// File format:
//   name: default-45nm
//   entries:
//     compute.mac_int8:  {energy: 0.315 pJ, source: "Accelergy reference tables, 45 nm"}
//     dram.lpddr4.io:    {energy: 8 pJ/bit, source: "..."}
//     sram.leak_256KiB:  {power: 40 mW, source: "..."}
// `energy` is per event unless it ends in /bit or /B (then per byte: /bit is multiplied by 8);
// `power` is a static power, counted per picosecond of simulated time. Every entry must name
// its source. Several tables load in order; later entries override earlier ones.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/energy_table.h"
#include "config/config_error.h"

namespace sushi::config {

// Throws ConfigError (file, line, key) on a missing source, a bad unit or an unknown field.
// `from` and `key`: the config key that names the tables, where an unreadable file is reported.
void load_energy_table(const std::string& path, EnergyTable& into, const SourceLoc& from = {},
                       const std::string& key = "");
EnergyTable load_energy_tables(const std::vector<std::string>& paths, const SourceLoc& from = {},
                               const std::string& key = "");

// Parses "0.315 pJ", "8 pJ/bit", "2.5 pJ/B" (energy) into an entry's value and unit.
EnergyEntry parse_energy_text(const std::string& text);

class Config;
// The power entry named by the string key `key` (e.g. accel.static_power); nullopt when the key
// is empty (no such power). ConfigError at `key` when the table lacks the entry or the entry is
// an energy, not a power.
std::optional<EnergyEntry> power_entry(const Config& cfg, const EnergyTable& table, const std::string& key);

}  // namespace sushi::config
