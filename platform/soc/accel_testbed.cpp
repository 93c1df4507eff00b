#include "soc/accel_testbed.h"

#include <stdexcept>
#include <utility>

#include "sram/sram_energy_table.h"

namespace sushi {

AccelTestbed::AccelTestbed(const sc_core::sc_module_name& name, const config::Config& cfg, const EnergyTable& table,
                           EnergyLedger& ledger)
    : sc_module(name), soc_(ledger) {
  config::EnergyTableParams energy;  // energy.*, read once here
  config::read_keys(cfg, energy);
  const sram::SramEnergyTable sram_table = sram_energy_table_from_config(cfg, energy);
  soc_.add_memories(cfg, table, sram_table);
  if (soc_.memories().empty()) {
    cfg.fail("memories", "the accelerator testbed needs at least one memory (memories.<name> or dram.<name>)");
  }
  // Its DMA may reach every memory; the host thread reaches its registers directly.
  accel_ = &soc_.add_accelerator({"accel", std::nullopt, "", soc_.memory_windows(false)}, cfg, table, sram_table);
  // Its users (sushi-vp layer, calibrate) program SushiAccel descriptors and read its layer records.
  sushi_ = dynamic_cast<accel::SushiAccel*>(accel_);
  if (sushi_ == nullptr) cfg.fail("accel.kind", "the accelerator testbed times SushiAccel layers: needs accel.kind sushi");
  // Further accelerators (accels.<name>), each with its own shape, interrupt line and host socket.
  soc_.add_accelerators(cfg, table, sram_table, false, false);
  for (std::size_t i = 1; i < soc_.accelerator_count(); ++i) {
    if (dynamic_cast<accel::SushiAccel*>(&soc_.accelerator(i)) == nullptr) {
      cfg.fail("accels." + std::string(soc_.accelerator(i).basename()) + ".kind",
               "the accelerator testbed times SushiAccel layers: needs kind sushi");
    }
  }
  soc_.build_noc(cfg, energy);
  hosts_.push_back(&host_);
  for (std::size_t i = 1; i < soc_.accelerator_count(); ++i) {
    extra_hosts_.push_back(std::make_unique<tlm_utils::simple_initiator_socket<AccelTestbed>>(
        (std::string("host_") + soc_.accelerator(i).basename()).c_str()));
    hosts_.push_back(extra_hosts_.back().get());
  }
  for (std::size_t i = 0; i < hosts_.size(); ++i) hosts_[i]->bind(soc_.accelerator(i).register_socket());

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
  (*hosts_.at(driven_))->b_transport(gp, d);
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
  sc_core::sc_signal<bool>& irq = soc_.irq(driven_);
  while (!irq.read()) wait(irq.value_changed_event());
}

}  // namespace sushi
