#include "soc/accel_testbed.h"

#include <cstring>
#include <stdexcept>
#include <utility>

#include "noc/noc_energy.h"
#include "soc/accel_factory.h"
#include "soc/dram_params.h"
#include "soc/memory_params.h"
#include "soc/noc_assembly.h"
#include "sram/sram_energy_table.h"

namespace sushi {


AccelTestbed::AccelTestbed(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
                           EnergyLedger& ledger)
    : sc_module(name) {
  std::vector<NocComponent> components;
  std::vector<accel::MemoryWindow> windows;  // what the accelerator's DMA may reach

  for (const auto& n : cfg.instances("memories")) {
    const std::string k = "memories." + n;
    const PortMemoryParams p = port_memory_params(cfg, table, k);
    mem_models_.push_back(std::make_unique<PortMemory>(n.c_str(), p, ledger));
    const auto base = static_cast<std::uint64_t>(cfg.integer(k + ".base"));
    mems_.push_back({n, base, p.size_bytes, mem_models_.back().get()});
    components.push_back({n, false, true, k + ".base", base, p.size_bytes});
    windows.push_back({base, p.size_bytes});
  }
  for (const auto& n : cfg.instances("dram")) {
    const std::string k = "dram." + n;
    dram_models_.push_back(std::make_unique<dram::DramController>(n.c_str(), dram_params_from_config(cfg, k), ledger));
    const auto base = static_cast<std::uint64_t>(cfg.integer(k + ".base"));
    const std::uint64_t size = dram_models_.back()->capacity();
    mems_.push_back({n, base, size, nullptr, dram_models_.back().get()});
    components.push_back({n, false, true, k + ".base", base, size});
    windows.push_back({base, size});
  }
  if (mems_.empty()) {
    cfg.fail("memories", "the accelerator testbed needs at least one memory (memories.<name> or dram.<name>)");
  }
  components.push_back({"accel", true, false, "", 0, 0});

  sram::SramEnergyTable sram_table;
  try {
    sram_table = sram::load_sram_energy_table(cfg.path("energy.sram_table"));
  } catch (const sram::SramError& e) {
    cfg.fail("energy.sram_table", e.what());
  }
  accel_ = make_accelerator("accel", AccelBuild{cfg, table, sram_table, ledger, std::move(windows)});
  // Its users (sushi-vp layer, calibrate) program SushiAccel descriptors and read its layer records.
  sushi_ = dynamic_cast<accel::SushiAccel*>(accel_.get());
  if (sushi_ == nullptr) cfg.fail("accel.kind", "the accelerator testbed times SushiAccel layers: needs accel.kind sushi");

  const noc::NocParams np = noc_params_from_config(cfg, components);
  try {
    const noc::NocEnergyTable noc_table = noc::load_noc_energy_table(cfg.path("energy.noc_table"));
    noc_ = std::make_unique<noc::Noc>("noc", np, noc_table, &ledger);
  } catch (const noc::NocConfigError& e) {
    cfg.fail("energy.noc_table", e.what());
  }
  for (auto& m : mem_models_) noc_->target_port(m->basename()).bind(m->socket);
  for (auto& d : dram_models_) noc_->target_port(d->basename()).bind(d->socket);
  accel_->dma_socket(0).bind(noc_->initiator_port("accel"));
  host_.bind(accel_->register_socket());
  accel_->irq_port().bind(irq_);

  SC_HAS_PROCESS(AccelTestbed);
  SC_THREAD(thread);
}

void AccelTestbed::thread() {
  if (script) script(*this);
}

void AccelTestbed::reg_access(tlm::tlm_command cmd, std::uint32_t offset, std::uint32_t& v) {
  tlm::tlm_generic_payload gp;
  gp.set_command(cmd);
  gp.set_address(offset);
  gp.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
  gp.set_data_length(4);
  gp.set_streaming_width(4);
  gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time d = sc_core::SC_ZERO_TIME;
  host_->b_transport(gp, d);
  if (gp.get_response_status() != tlm::TLM_OK_RESPONSE) {
    throw std::logic_error("accelerator register access at offset " + std::to_string(offset) + " failed: " +
                           gp.get_response_string());
  }
  wait(d);
}

std::uint32_t AccelTestbed::read_reg(std::uint32_t offset) {
  std::uint32_t v = 0;
  reg_access(tlm::TLM_READ_COMMAND, offset, v);
  return v;
}

void AccelTestbed::write_reg(std::uint32_t offset, std::uint32_t value) {
  reg_access(tlm::TLM_WRITE_COMMAND, offset, value);
}

void AccelTestbed::write_reg64(std::uint32_t lo, std::uint64_t value) {
  write_reg(lo, static_cast<std::uint32_t>(value));
  write_reg(lo + 4, static_cast<std::uint32_t>(value >> 32));
}

void AccelTestbed::wait_irq() {
  while (!irq_.read()) wait(irq_.value_changed_event());
}

const AccelTestbed::Memory& AccelTestbed::memory_of(std::uint64_t addr, std::size_t n) const {
  for (const Memory& m : mems_) {
    if (addr >= m.base && n <= m.size && addr - m.base <= m.size - n) return m;
  }
  throw std::out_of_range("address range [" + std::to_string(addr) + ", +" + std::to_string(n) + ") is in no memory");
}

void AccelTestbed::write_mem(std::uint64_t addr, const void* src, std::size_t n) {
  const Memory& m = memory_of(addr, n);
  if (m.dram != nullptr) {
    m.dram->memory().write(addr - m.base, static_cast<const std::uint8_t*>(src), n);
  } else {
    std::memcpy(m.model->data() + (addr - m.base), src, n);
  }
}

void AccelTestbed::read_mem(std::uint64_t addr, void* dst, std::size_t n) {
  const Memory& m = memory_of(addr, n);
  if (m.dram != nullptr) {
    m.dram->memory().read(addr - m.base, static_cast<std::uint8_t*>(dst), n);
  } else {
    std::memcpy(dst, m.model->data() + (addr - m.base), n);
  }
}

}  // namespace sushi
