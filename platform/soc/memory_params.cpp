#include "soc/memory_params.h"

namespace sushi {

EnergyEntry table_entry(const config::Config& cfg, const EnergyTable& table, const std::string& key) {
  const std::string& entry = cfg.string(key);
  if (!table.has(entry)) cfg.fail(key, "energy table '" + table.name() + "' has no entry '" + entry + "'");
  return table.at(entry);
}

PortMemoryParams port_memory_params(const config::Config& cfg, const EnergyTable& table, const std::string& k) {
  PortMemoryParams p;
  p.size_bytes = cfg.size(k + ".size");
  p.access_latency_ps = static_cast<std::uint64_t>(cfg.time_ps(k + ".latency"));
  p.bandwidth_bytes_per_s = cfg.bandwidth_bps(k + ".bandwidth");
  p.category = cfg.string(k + ".category") == "dram" ? EnergyCategory::dram : EnergyCategory::sram;
  p.read_energy = table_entry(cfg, table, k + ".read_energy");
  p.write_energy = table_entry(cfg, table, k + ".write_energy");
  return p;
}

}  // namespace sushi
