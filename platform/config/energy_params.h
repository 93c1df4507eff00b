// The energy.* keys, declared once (util/params.h): the files the energy costs come from. Paths
// are relative to the config file that sets them (`<vp_configs>/...` names the shipped folder).
// The platform reads them once where it builds a run or a testbed and hands the struct on: the
// per-action tables to energy_table_from_config (below), the SRAM table to the SoC assembly
// (platform/soc/soc_assembly.h), the NoC table to its NoC.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "config/energy_table_loader.h"
#include "config/params_visitors.h"
#include "util/params.h"

namespace sushi::config {

// Always read from a Config (read_keys), which resolves the defaults' `<vp_configs>/`: a default
// path as written names no file, so the struct has no defaults of its own (and params.h's
// defaults and range visitors need no list of paths).
struct EnergyTableParams {
  std::vector<std::string> tables;  // per-action energies, in load order
  std::string sram_table;           // SRAM energy by array size and word width
  std::string noc_table;            // NoC router and link energy

  template <class V, class P>
  static void describe(V& v, P& p) {
    v.section("energy", "Energy tables: per-action energies, each with unit and source.");
    v.path_list("energy.tables", p.tables, "[<vp_configs>/energy/default-45nm.yaml]",
                "Energy tables loaded in order (later entries override earlier ones); "
                "<vp_configs> is the shipped vp_configs/ folder");
    v.path("energy.sram_table", p.sram_table, "<vp_configs>/energy/sram-45nm-cacti.yaml",
           "SRAM access and leakage energy by array size and word width (docs/sram.md)");
    v.path("energy.noc_table", p.noc_table, "<vp_configs>/energy/noc-noxim.yaml",
           "NoC router and link energy by flit width and link length (docs/noc.md)");
  }
};

// The per-action energy table of `p.tables` (read from `cfg`); an unreadable or bad table is a
// ConfigError located at energy.tables.
inline EnergyTable energy_table_from_config(const Config& cfg, const EnergyTableParams& p) {
  const std::string key = key_of(p, p.tables);
  return load_energy_tables(p.tables, cfg.loc(key), key);
}

// The same, reading energy.* from `cfg` first: for a caller that needs only this table.
inline EnergyTable energy_table_from_config(const Config& cfg) {
  EnergyTableParams p;
  read_keys(cfg, p);
  return energy_table_from_config(cfg, p);
}

}  // namespace sushi::config
