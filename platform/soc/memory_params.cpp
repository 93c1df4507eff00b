#include "soc/memory_params.h"

#include "config/params_visitors.h"

namespace sushi {

EnergyEntry table_entry(const config::Config& cfg, const EnergyTable& table, const std::string& key) {
  const std::string& entry = cfg.string(key);
  if (!table.has(entry)) cfg.fail(key, "energy table '" + table.name() + "' has no entry '" + entry + "'");
  return table.at(entry);
}

PortMemoryParams port_memory_params(const config::Config& cfg, const EnergyTable& table, const std::string& k) {
  PortMemoryParams p;
  config::read_keys(cfg, p, k);  // the keys declared in PortMemoryParams::describe, under memories.<name>
  p.read_energy = table_entry(cfg, table, k + ".read_energy");
  p.write_energy = table_entry(cfg, table, k + ".write_energy");
  return p;
}

}  // namespace sushi
