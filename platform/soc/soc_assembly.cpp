#include "soc/soc_assembly.h"

#include <cstring>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "config/params_visitors.h"
#include "soc/accel_factory.h"
#include "soc/dram_params.h"
#include "soc/memory_params.h"

namespace sushi {

sram::SramEnergyTable sram_energy_table_from_config(const config::Config& cfg, const config::EnergyTableParams& energy) {
  try {
    return sram::load_sram_energy_table(energy.sram_table);
  } catch (const sram::SramError& e) {
    cfg.fail(config::key_of(energy, energy.sram_table), e.what());
  }
}

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

void SocAssembly::add_memory_node(const Memory& m, const std::string& base_key) {
  memories_.push_back(m);
  components_.push_back({m.name, false, true, base_key, m.base, m.size});
}

sram::SramTarget& SocAssembly::add_sram(const std::string& name, const sram::SramParams& p,
                                        const sram::SramEnergyTable& table, std::uint64_t base,
                                        const std::string& base_key) {
  srams_.push_back(std::make_unique<sram::SramTarget>(name.c_str(), p, table, &ledger_));
  Memory m{name, MemoryKind::sram, base, p.capacity_bytes};
  m.sram = srams_.back().get();
  add_memory_node(m, base_key);
  return *srams_.back();
}

dram::DramController& SocAssembly::add_dram(const std::string& name, const dram::DramParams& p, std::uint64_t base,
                                            const std::string& base_key, std::uint64_t window_bytes) {
  drams_.push_back(std::make_unique<dram::DramController>(name.c_str(), p, ledger_));
  Memory m{name, MemoryKind::dram, base, window_bytes != 0 ? window_bytes : drams_.back()->capacity()};
  m.dram = drams_.back().get();
  add_memory_node(m, base_key);
  return *drams_.back();
}

PortMemory& SocAssembly::add_memory(const std::string& name, const PortMemoryParams& p, std::uint64_t base,
                                    const std::string& base_key) {
  generics_.push_back(std::make_unique<PortMemory>(name.c_str(), p, ledger_));
  Memory m{name, MemoryKind::generic, base, p.size_bytes};
  m.generic = generics_.back().get();
  add_memory_node(m, base_key);
  return *generics_.back();
}

void SocAssembly::add_memories(const config::Config& cfg, const EnergyTable& table,
                               const sram::SramEnergyTable& sram_table) {
  for (const auto& n : cfg.instances("sram")) {
    const std::string k = "sram." + n;
    const sram::SramParams p = sram_params(cfg, k);
    const auto base = static_cast<std::uint64_t>(cfg.integer(k + ".base"));
    try {
      add_sram(n, p, sram_table, base, k + ".base");
    } catch (const sram::SramError& e) {
      cfg.fail(k + ".size", e.what());
    }
  }
  for (const auto& n : cfg.instances("dram")) {
    const std::string k = "dram." + n;
    const dram::DramParams p = dram_params_from_config(cfg, k);
    add_dram(n, p, static_cast<std::uint64_t>(cfg.integer(k + ".base")), k + ".base");
  }
  for (const auto& n : cfg.instances("memories")) {
    const std::string k = "memories." + n;
    const PortMemoryParams p = port_memory_params(cfg, table, k);
    add_memory(n, p, static_cast<std::uint64_t>(cfg.integer(k + ".base")), k + ".base");
  }
}

std::vector<accel::MemoryWindow> SocAssembly::memory_windows(bool dram_only) const {
  std::vector<accel::MemoryWindow> out;
  for (const Memory& m : memories_) {
    if (!dram_only || m.kind == MemoryKind::dram) out.push_back({m.base, m.size});
  }
  return out;
}

const SocAssembly::Memory& SocAssembly::memory_at(std::uint64_t addr, std::size_t n) const {
  for (const Memory& m : memories_) {
    if (addr >= m.base && n <= m.size && addr - m.base <= m.size - n) return m;
  }
  throw std::out_of_range(fmt::format("address range [{}, +{}) is in no memory", addr, n));
}

void SocAssembly::write_mem(std::uint64_t addr, const void* src, std::size_t n) {
  const Memory& m = memory_at(addr, n);
  const std::uint64_t off = addr - m.base;
  switch (m.kind) {
    case MemoryKind::dram: m.dram->memory().write(off, static_cast<const std::uint8_t*>(src), n); break;
    case MemoryKind::sram: std::memcpy(m.sram->data().data() + off, src, n); break;
    case MemoryKind::generic: std::memcpy(m.generic->data() + off, src, n); break;
  }
}

void SocAssembly::read_mem(std::uint64_t addr, void* dst, std::size_t n) {
  const Memory& m = memory_at(addr, n);
  const std::uint64_t off = addr - m.base;
  switch (m.kind) {
    case MemoryKind::dram: m.dram->memory().read(off, static_cast<std::uint8_t*>(dst), n); break;
    case MemoryKind::sram: std::memcpy(dst, m.sram->data().data() + off, n); break;
    case MemoryKind::generic: std::memcpy(dst, m.generic->data() + off, n); break;
  }
}

std::string SocAssembly::dma_node(const std::string& accel, std::size_t i) {
  return i == 0 ? accel : fmt::format("{}_dma{}", accel, i);
}

accel::Accelerator& SocAssembly::add_accelerator(const AccelPlacement& where, const AccelBuilder& build) {
  Accel a;
  a.name = where.name;
  a.model = build(where.name.c_str(), where.memory);
  a.irq = std::make_unique<sc_core::sc_signal<bool>>((where.name + "_irq").c_str());
  a.model->irq_port().bind(*a.irq);
  a.regs_on_noc = where.regs_base.has_value();
  components_.push_back({where.name, true, a.regs_on_noc, where.regs_base_key, where.regs_base.value_or(0),
                         a.regs_on_noc ? a.model->register_block_bytes() : 0});
  for (std::size_t i = 1; i < a.model->dma_socket_count(); ++i) components_.push_back({dma_node(where.name, i), true, false, "", 0, 0});
  accels_.push_back(std::move(a));
  return *accels_.back().model;
}

accel::Accelerator& SocAssembly::add_accelerator(const AccelPlacement& where, const config::Config& cfg,
                                                 const EnergyTable& table, const sram::SramEnergyTable& sram_table,
                                                 const std::string& key) {
  return add_accelerator(where, [&](const char* name, std::vector<accel::MemoryWindow> memory) {
    return make_accelerator(name, AccelBuild{cfg, table, sram_table, ledger_, std::move(memory), key});
  });
}

void SocAssembly::add_accelerators(const config::Config& cfg, const EnergyTable& table,
                                   const sram::SramEnergyTable& sram_table, bool dram_only, bool regs_on_noc) {
  for (const auto& n : cfg.instances("accels")) {
    const std::string k = "accels." + n;
    std::optional<std::uint64_t> regs_base;
    if (regs_on_noc) regs_base = static_cast<std::uint64_t>(cfg.integer(k + ".regs_base"));
    add_accelerator({n, regs_base, k + ".regs_base", memory_windows(dram_only)}, cfg, table, sram_table, k);
  }
}

noc::Noc& SocAssembly::build_noc(const config::Config& cfg, const config::EnergyTableParams& energy) {
  const noc::NocParams np = noc_params_from_config(cfg, components_);
  try {
    const noc::NocEnergyTable table = noc::load_noc_energy_table(energy.noc_table);
    noc_ = std::make_unique<noc::Noc>("noc", np, table, &ledger_);
  } catch (const noc::NocConfigError& e) {
    cfg.fail(config::key_of(energy, energy.noc_table), e.what());
  }
  bind_all();
  return *noc_;
}

noc::Noc& SocAssembly::build_noc(noc::NocParams p, const noc::NocEnergyTable& table, const std::string& name) {
  if (p.nodes.empty()) {
    for (std::size_t i = 0; i < components_.size(); ++i) {
      const NocComponent& c = components_[i];
      noc::NocNode node = noc_node(c);
      node.port = static_cast<std::uint32_t>(i);  // a crossbar's ports in order
      p.nodes.push_back(node);
      if (c.target) p.address_map.push_back({c.name, c.base, c.size, 0});
    }
    if (p.topology == noc::Topology::crossbar) p.crossbar_ports = static_cast<std::uint32_t>(components_.size());
  }
  noc_ = std::make_unique<noc::Noc>(name.c_str(), p, table, &ledger_);
  bind_all();
  return *noc_;
}

void SocAssembly::bind_all() {
  for (const Memory& m : memories_) {
    auto& port = noc_->target_port(m.name);
    switch (m.kind) {
      case MemoryKind::sram: port.bind(m.sram->socket); break;
      case MemoryKind::dram: port.bind(m.dram->socket); break;
      case MemoryKind::generic: port.bind(m.generic->socket); break;
    }
  }
  for (Accel& a : accels_) {
    if (a.regs_on_noc) noc_->target_port(a.name).bind(a.model->register_socket());
    for (std::size_t i = 0; i < a.model->dma_socket_count(); ++i) {
      a.model->dma_socket(i).bind(noc_->initiator_port(dma_node(a.name, i)));
    }
  }
}

}  // namespace sushi
