#include "soc.h"

#include <cmath>

#include <fmt/format.h>

#include "config/params_visitors.h"
#include "config/sim_params.h"
#include "soc/trace_loader.h"
#include "sram/sram_energy_table.h"

namespace sushi {

Soc::Soc(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
         EnergyLedger& ledger)
    : sc_module(name), ledger_(ledger) {
  SC_HAS_PROCESS(Soc);

  // The energy.* and sim.* keys, read once here.
  config::EnergyTableParams energy;
  config::read_keys(cfg, energy);
  config::SimParams sim;
  config::read_keys(cfg, sim);
  // SRAM energy by size and width: for scratchpads and the accelerator's buffers.
  const sram::SramEnergyTable sram_table = sram_energy_table_from_config(cfg, energy);

  // On-chip SRAMs, off-chip DRAM subsystems, generic memories.
  assembly_ = std::make_unique<SocAssembly>(ledger);
  assembly_->add_memories(cfg, table, sram_table);
  for (const auto& m : assembly_->memories()) regions_[m.name] = {m.base, m.size};
  if (regions_.empty()) cfg.fail("sram", "the SoC needs at least one memory (sram.<name>, dram.<name> or memories.<name>)");

  // The serving part: accelerator, CPU with the firmware, query port, timer.
  // Further accelerators (accels.<name>), reaching the DRAMs like the serving one. The firmware
  // drives `accel` only; the others' registers and interrupt lines are there for their drivers.
  assembly_->add_accelerators(cfg, table, sram_table, true, true);
  serving_ = std::make_unique<Serving>(cfg, table, sram_table, ledger, *assembly_);
  for (const auto& c : serving_->noc_components()) assembly_->add_node(c);
  for (const auto& c : assembly_->components()) {
    if (c.target) regions_[c.name] = {c.base, c.size};  // memories and register blocks
  }

  // Traffic generators.
  for (const auto& g : cfg.instances("traffic")) {
    const std::string k = "traffic." + g;
    const std::string target = cfg.string(k + ".target");
    auto it = regions_.find(target);
    if (it == regions_.end()) {
      std::vector<std::string> names;
      for (const auto& [rn, r] : regions_) names.push_back(rn);
      cfg.fail(k + ".target", fmt::format("no memory named '{}' (memories: {})", target, fmt::join(names, ", ")));
    }
    const Region region = it->second;
    TrafficGeneratorParams tp;
    config::read_keys(cfg, tp, k);  // the keys declared in TrafficGeneratorParams::describe
    const std::uint64_t offset = cfg.size(k + ".region_offset");
    std::uint64_t size = tp.region_size;
    if (offset >= region.size) {
      cfg.fail(k + ".region_offset", fmt::format("offset {} B is outside memory '{}' ({} B)",
                                                 offset, target, region.size));
    }
    if (size == 0) size = region.size - offset;
    if (size > region.size - offset) {
      cfg.fail(k + ".region_size", fmt::format("region [{}, {}) exceeds memory '{}' ({} B)",
                                               offset, offset + size, target, region.size));
    }
    tp.region_base = region.base + offset;
    tp.region_size = size;
    if (tp.transaction_bytes > size) {
      cfg.fail(k + ".transaction_size", fmt::format("{} B does not fit the {} B region",
                                                    tp.transaction_bytes, size));
    }
    tp.seed = sim.seed;
    if (!cfg.string(k + ".trace").empty()) tp.trace = load_trace(cfg, k, tp.region_size, tp.transaction_bytes);
    generators_.push_back(std::make_unique<TrafficGenerator>(g.c_str(), tp));
    assembly_->add_node({g, true, false, "", 0, 0});
  }

  // The NoC routes by the address map; every component is a node.
  noc::Noc& noc = assembly_->build_noc(cfg, energy);
  for (auto& g : generators_) g->socket.bind(noc.initiator_port(g->basename()));
  serving_->bind(noc);

  SC_THREAD(watch_initiators);
}

bool Soc::all_done() const {
  for (const auto& g : generators_) {
    if (!g->done()) return false;
  }
  return serving_->finished();
}

std::uint64_t Soc::transactions_issued() const {
  std::uint64_t n = 0;
  for (const auto& g : generators_) n += g->issued();
  return n + serving_->transactions();
}

void Soc::finish() {
  const auto now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());  // ps
  serving_->finish(now);
  ledger_.accrue(now);  // every static energy up to the end of the run: the totals are final
}

void Soc::watch_initiators() {
  for (const auto& g : generators_) {
    if (!g->done()) wait(g->done_event());
  }
  if (!serving_->finished()) wait(serving_->finished_event());
  all_done_.notify();
}

}  // namespace sushi
