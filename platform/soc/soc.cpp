#include "soc.h"

#include <fmt/format.h>

namespace sushi {

namespace {

EnergyEntry table_entry(const config::Config& cfg, const EnergyTable& table, const std::string& key) {
  const std::string& entry = cfg.string(key);
  if (!table.has(entry)) {
    cfg.fail(key, "energy table '" + table.name() + "' has no entry '" + entry + "'");
  }
  return table.at(entry);
}

}  // namespace

Soc::Soc(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
         EnergyLedger& ledger)
    : sc_module(name) {
  SC_HAS_PROCESS(Soc);
  // Memories and the address map.
  const auto memory_names = cfg.instances("memories");
  if (memory_names.empty()) cfg.fail("memories", "the SoC needs at least one memory");
  for (std::size_t i = 0; i < memory_names.size(); ++i) {
    const std::string k = "memories." + memory_names[i];
    AddressRegion r{memory_names[i], static_cast<std::uint64_t>(cfg.integer(k + ".base")),
                    cfg.size(k + ".size"), i};
    try {
      map_.add(r);
    } catch (const AddressMapError& e) {
      cfg.fail(k + ".base", e.what());
    }
    PortMemoryParams p;
    p.size_bytes = r.size;
    p.access_latency_ps = static_cast<std::uint64_t>(cfg.time_ps(k + ".latency"));
    p.bandwidth_bytes_per_s = cfg.bandwidth_bps(k + ".bandwidth");
    p.category = cfg.string(k + ".kind") == "dram" ? EnergyCategory::dram : EnergyCategory::sram;
    p.read_energy = table_entry(cfg, table, k + ".read_energy");
    p.write_energy = table_entry(cfg, table, k + ".write_energy");
    memories_.push_back(std::make_unique<PortMemory>(memory_names[i].c_str(), p, ledger));
  }

  AddressRouterParams rp;
  rp.clock_hz = cfg.frequency_hz("interconnect.clock");
  rp.width_bytes = cfg.size("interconnect.width");
  rp.latency_cycles = static_cast<std::uint64_t>(cfg.integer("interconnect.latency_cycles"));
  router_ = std::make_unique<AddressRouter>("interconnect", rp, map_, memory_names);
  for (auto& m : memories_) router_->target_side.bind(m->socket);

  // Traffic generators.
  for (const auto& g : cfg.instances("traffic")) {
    const std::string k = "traffic." + g;
    const std::string target = cfg.string(k + ".target");
    const AddressRegion* region = nullptr;
    for (const auto& r : map_.regions()) {
      if (r.name == target) region = &r;
    }
    if (region == nullptr) {
      cfg.fail(k + ".target", fmt::format("no memory named '{}' (memories: {})", target,
                                          fmt::join(memory_names, ", ")));
    }
    TrafficGeneratorParams tp;
    const std::uint64_t offset = cfg.size(k + ".region_offset");
    std::uint64_t size = cfg.size(k + ".region_size");
    if (offset >= region->size) {
      cfg.fail(k + ".region_offset", fmt::format("offset {} B is outside memory '{}' ({} B)",
                                                 offset, target, region->size));
    }
    if (size == 0) size = region->size - offset;
    if (size > region->size - offset) {
      cfg.fail(k + ".region_size", fmt::format("region [{}, {}) exceeds memory '{}' ({} B)",
                                               offset, offset + size, target, region->size));
    }
    tp.region_base = region->base + offset;
    tp.region_size = size;
    tp.transaction_bytes = cfg.size(k + ".transaction_size");
    if (tp.transaction_bytes > size) {
      cfg.fail(k + ".transaction_size", fmt::format("{} B does not fit the {} B region",
                                                    tp.transaction_bytes, size));
    }
    tp.transactions = static_cast<std::uint64_t>(cfg.integer(k + ".transactions"));
    tp.read_fraction = cfg.real(k + ".read_fraction");
    tp.pattern = cfg.string(k + ".pattern") == "random" ? TrafficGeneratorParams::Pattern::random
                                                        : TrafficGeneratorParams::Pattern::sequential;
    tp.interval_ps = static_cast<std::uint64_t>(cfg.time_ps(k + ".interval"));
    tp.start_ps = static_cast<std::uint64_t>(cfg.time_ps(k + ".start"));
    tp.seed = static_cast<std::uint64_t>(cfg.integer("sim.seed"));
    generators_.push_back(std::make_unique<TrafficGenerator>(g.c_str(), tp));
    generators_.back()->socket.bind(router_->initiator_side);
  }
  SC_THREAD(watch_initiators);
}

bool Soc::all_done() const {
  for (const auto& g : generators_) {
    if (!g->done()) return false;
  }
  return true;
}

std::uint64_t Soc::transactions_issued() const {
  std::uint64_t n = 0;
  for (const auto& g : generators_) {
    Json j;
    g->report_stats(j);
    n += j["issued_count"].get<std::uint64_t>();
  }
  return n;
}

void Soc::watch_initiators() {
  for (const auto& g : generators_) {
    if (!g->done()) wait(g->done_event());
  }
  all_done_.notify();
}

}  // namespace sushi
