#include "soc.h"

#include <cmath>

#include <fmt/format.h>

#include "noc/noc_energy.h"
#include "config/params_visitors.h"
#include "soc/dram_params.h"
#include "soc/memory_params.h"
#include "soc/noc_assembly.h"
#include "soc/trace_loader.h"
#include "sram/sram_energy_table.h"

namespace sushi {

namespace {

sram::SramParams sram_params(const config::Config& cfg, const std::string& k) {
  sram::SramParams p;
  config::read_keys(cfg, p, k);  // the keys declared in SramParams::describe, under sram.<name>
  try {
    p.validate(k);
  } catch (const sram::SramParamError& e) {
    cfg.fail(e.key(), e.message());  // the declared key that is wrong
  }
  return p;
}

}  // namespace

Soc::Soc(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
         EnergyLedger& ledger)
    : sc_module(name), ledger_(ledger) {
  SC_HAS_PROCESS(Soc);
  std::vector<NocComponent> components;

  // SRAM energy by size and width: for scratchpads and the accelerator's buffers.
  sram::SramEnergyTable sram_table;
  try {
    sram_table = sram::load_sram_energy_table(cfg.path("energy.sram_table"));
  } catch (const sram::SramError& e) {
    cfg.fail("energy.sram_table", e.what());
  }

  // On-chip SRAMs.
  const auto sram_names = cfg.instances("sram");
  {
    for (const auto& n : sram_names) {
      const std::string k = "sram." + n;
      const sram::SramParams p = sram_params(cfg, k);
      try {
        srams_.push_back(std::make_unique<sram::SramTarget>(n.c_str(), p, sram_table, &ledger));
      } catch (const sram::SramError& e) {
        cfg.fail(k + ".size", e.what());
      }
      const auto base = static_cast<std::uint64_t>(cfg.integer(k + ".base"));
      regions_[n] = {base, p.capacity_bytes};
      components.push_back({n, false, true, k + ".base", base, p.capacity_bytes});
    }
  }

  // Off-chip DRAM subsystems.
  for (const auto& n : cfg.instances("dram")) {
    const std::string k = "dram." + n;
    drams_.push_back(std::make_unique<dram::DramController>(n.c_str(), dram_params_from_config(cfg, k), ledger));
    const auto base = static_cast<std::uint64_t>(cfg.integer(k + ".base"));
    regions_[n] = {base, drams_.back()->capacity()};
    components.push_back({n, false, true, k + ".base", base, drams_.back()->capacity()});
  }

  // Generic memories.
  for (const auto& n : cfg.instances("memories")) {
    const std::string k = "memories." + n;
    const PortMemoryParams p = port_memory_params(cfg, table, k);
    memories_.push_back(std::make_unique<PortMemory>(n.c_str(), p, ledger));
    const auto base = static_cast<std::uint64_t>(cfg.integer(k + ".base"));
    regions_[n] = {base, p.size_bytes};
    components.push_back({n, false, true, k + ".base", base, p.size_bytes});
  }
  if (regions_.empty()) cfg.fail("sram", "the SoC needs at least one memory (sram.<name>, dram.<name> or memories.<name>)");

  // The serving part: accelerator, CPU with the firmware, query port, timer.
  std::vector<std::pair<std::string, dram::DramController*>> dram_list;
  for (auto& d : drams_) dram_list.emplace_back(d->basename(), d.get());
  serving_ = std::make_unique<Serving>(cfg, table, sram_table, ledger, dram_list);
  for (const auto& c : serving_->noc_components()) {
    if (c.target) regions_[c.name] = {c.base, c.size};
    components.push_back(c);
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
    tp.seed = static_cast<std::uint64_t>(cfg.integer("sim.seed"));
    if (!cfg.string(k + ".trace").empty()) tp.trace = load_trace(cfg, k, tp.region_size, tp.transaction_bytes);
    generators_.push_back(std::make_unique<TrafficGenerator>(g.c_str(), tp));
    components.push_back({g, true, false, "", 0, 0});
  }

  // The NoC routes by the address map; every component is a node.
  const noc::NocParams np = noc_params_from_config(cfg, components);
  noc::NocEnergyTable noc_table;
  try {
    noc_table = noc::load_noc_energy_table(cfg.path("energy.noc_table"));
    noc_ = std::make_unique<noc::Noc>("noc", np, noc_table, &ledger);
  } catch (const noc::NocConfigError& e) {
    cfg.fail("energy.noc_table", e.what());
  }
  for (auto& s : srams_) noc_->target_port(s->basename()).bind(s->socket);
  for (auto& m : memories_) noc_->target_port(m->basename()).bind(m->socket);
  for (auto& d : drams_) noc_->target_port(d->basename()).bind(d->socket);
  for (auto& g : generators_) g->socket.bind(noc_->initiator_port(g->basename()));
  serving_->bind(*noc_);

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
