// SushiAccel: the register block (hw/include/sushi/accel_regs.h), CTRL (start, soft reset), the
// interrupt line and error reporting.
#include "accel/sushi/sushi_accel.h"

#include <algorithm>
#include <string>

#include "accel/sushi/sushi_accel_time.h"

namespace sushi::accel {

std::uint64_t SushiAccel::reg64(std::uint32_t lo) const {
  return bank_.registers().at(lo).get() | (std::uint64_t{bank_.registers().at(lo + 4).get()} << 32);
}

void SushiAccel::build_registers() {
  bank_.set_access_latency(sc_core::sc_time(static_cast<double>(p_.reg_access_ps), sc_core::SC_PS));
  bank_.add("ID", SUSHI_REG_ID, RegAccess::ro, SUSHI_ID_VALUE);
  bank_.add("VERSION", SUSHI_REG_VERSION, RegAccess::ro, SUSHI_IF_VERSION);
  bank_.add("CTRL", SUSHI_REG_CTRL, RegAccess::wo, 0).on_write([this](std::uint32_t v, std::uint32_t) { on_ctrl(v); });
  bank_.add("STATUS", SUSHI_REG_STATUS, RegAccess::ro, 0);
  bank_.add("IRQ_ENABLE", SUSHI_REG_IRQ_ENABLE, RegAccess::rw, 0).on_write([this](std::uint32_t, std::uint32_t) {
    update_irq();
  });
  bank_.add("IRQ_STATUS", SUSHI_REG_IRQ_STATUS, RegAccess::rw1c, 0).on_write([this](std::uint32_t, std::uint32_t) {
    update_irq();
  });
  bank_.add("ERR_CODE", SUSHI_REG_ERR_CODE, RegAccess::ro, 0);
  bank_.add("ERR_INFO", SUSHI_REG_ERR_INFO, RegAccess::ro, 0);
  bank_.add("JOB_DESC_ADDR_LO", SUSHI_REG_JOB_DESC_ADDR_LO, RegAccess::rw, 0);
  bank_.add("JOB_DESC_ADDR_HI", SUSHI_REG_JOB_DESC_ADDR_HI, RegAccess::rw, 0);
  bank_.add("JOB_DESC_COUNT", SUSHI_REG_JOB_DESC_COUNT, RegAccess::rw, 0);
  bank_.add("PB_MAP_ADDR_LO", SUSHI_REG_PB_MAP_ADDR_LO, RegAccess::rw, 0);
  bank_.add("PB_MAP_ADDR_HI", SUSHI_REG_PB_MAP_ADDR_HI, RegAccess::rw, 0);
  bank_.add("PB_MAP_COUNT", SUSHI_REG_PB_MAP_COUNT, RegAccess::rw, 0);
  bank_.add("PB_LOAD_ADDR_LO", SUSHI_REG_PB_LOAD_ADDR_LO, RegAccess::rw, 0);
  bank_.add("PB_LOAD_ADDR_HI", SUSHI_REG_PB_LOAD_ADDR_HI, RegAccess::rw, 0);
  bank_.add("PB_LOAD_COUNT", SUSHI_REG_PB_LOAD_COUNT, RegAccess::rw, 0);
  static const char* perf_names[SUSHI_PERF_COUNT] = {"CYCLES", "MACS", "DRAM_RD_BYTES", "DRAM_WR_BYTES", "PB_RD_BYTES", "STALL_CYCLES"};
  for (std::uint32_t n = 0; n < SUSHI_PERF_COUNT; ++n) {
    auto value = [this, n]() -> std::uint64_t {
      switch (n) {
        case SUSHI_PERF_CYCLES: return c_.busy_cycles;
        case SUSHI_PERF_MACS: return c_.macs_useful;
        case SUSHI_PERF_DRAM_RD_BYTES: return c_.dram_rd_B();
        case SUSHI_PERF_DRAM_WR_BYTES: return c_.dram_wr_B();
        case SUSHI_PERF_PB_RD_BYTES: return c_.pb_rd_B;
        default: return c_.stall_cycles;
      }
    };
    bank_.add(std::string("PERF_") + perf_names[n] + "_LO", SUSHI_REG_PERF_LO(n), RegAccess::ro, 0)
        .on_read([value](std::uint32_t) { return static_cast<std::uint32_t>(value()); });
    bank_.add(std::string("PERF_") + perf_names[n] + "_HI", SUSHI_REG_PERF_HI(n), RegAccess::ro, 0)
        .on_read([value](std::uint32_t) { return static_cast<std::uint32_t>(value() >> 32); });
  }
  bank_.add("CAPS0", SUSHI_REG_CAPS0, RegAccess::ro, static_cast<std::uint32_t>(p_.pb.bytes / 1024));
  bank_.add("CAPS1", SUSHI_REG_CAPS1, RegAccess::ro,
            (p_.k_par & 0xFFu) | ((p_.c_par & 0xFFu) << 8) | ((p_.taps & 0xFFu) << 16));
}

void SushiAccel::reg_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  write_delay_ = delay;
  bank_.b_transport(gp, delay);
}

unsigned int SushiAccel::reg_transport_dbg(tlm::tlm_generic_payload& gp) { return bank_.transport_dbg(gp); }

void SushiAccel::update_irq() {
  irq_level_ = (bank_.at(SUSHI_REG_IRQ_STATUS).get() & bank_.at(SUSHI_REG_IRQ_ENABLE).get()) != 0;
  irq_changed_.notify(sc_core::SC_ZERO_TIME);  // the line follows one delta later
}

void SushiAccel::drive_irq() { irq.write(irq_level_); }

void SushiAccel::raise_error(std::uint32_t code, std::uint32_t info) {
  bank_.at(SUSHI_REG_STATUS).set_bits(SUSHI_STATUS_ERROR);
  bank_.at(SUSHI_REG_ERR_CODE).set(code);
  bank_.at(SUSHI_REG_ERR_INFO).set(info);
  bank_.at(SUSHI_REG_IRQ_STATUS).set_bits(SUSHI_IRQ_ERROR);
  ++c_.errors;
  update_irq();
}

void SushiAccel::on_ctrl(std::uint32_t v) {
  if (v & SUSHI_CTRL_SOFT_RESET) {
    soft_reset();
    return;
  }
  const bool job = v & SUSHI_CTRL_START_JOB, load = v & SUSHI_CTRL_START_PB_LOAD;
  if (!job && !load) return;
  // START while busy (or both starts in one write): the running work continues untouched.
  if (busy_ || (job && load)) {
    raise_error(SUSHI_ERR_BUSY, 0);
    return;
  }
  busy_ = true;
  request_ = job ? Request::job : Request::pb_load;
  Register& st = bank_.at(SUSHI_REG_STATUS);
  st.set(SUSHI_STATUS_BUSY);  // clears DONE and ERROR of the previous run
  bank_.at(SUSHI_REG_ERR_CODE).set(SUSHI_ERR_NONE);
  bank_.at(SUSHI_REG_ERR_INFO).set(0);
  start_pending_ = true;
  start_at_ps_ = now_ps() + static_cast<std::uint64_t>(write_delay_.to_seconds() * 1e12 + 0.5);
  start_.notify(write_delay_);
}

void SushiAccel::soft_reset() {
  ++generation_;  // a running job stops at its next synchronisation point, without DONE
  busy_ = false;
  request_ = Request::none;
  start_pending_ = false;
  start_.cancel();
  for (std::uint32_t off : {SUSHI_REG_STATUS, SUSHI_REG_IRQ_ENABLE, SUSHI_REG_IRQ_STATUS, SUSHI_REG_ERR_CODE,
                            SUSHI_REG_ERR_INFO, SUSHI_REG_JOB_DESC_ADDR_LO, SUSHI_REG_JOB_DESC_ADDR_HI,
                            SUSHI_REG_JOB_DESC_COUNT, SUSHI_REG_PB_MAP_ADDR_LO, SUSHI_REG_PB_MAP_ADDR_HI,
                            SUSHI_REG_PB_MAP_COUNT, SUSHI_REG_PB_LOAD_ADDR_LO, SUSHI_REG_PB_LOAD_ADDR_HI,
                            SUSHI_REG_PB_LOAD_COUNT}) {
    bank_.at(off).reset();
  }
  c_ = AccelCounters{};
  std::fill(pb_data_.begin(), pb_data_.end(), 0);  // the PB contents do not survive a reset
  dma_engine_->reset();
  update_irq();
}

}  // namespace sushi::accel
