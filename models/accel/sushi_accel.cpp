#include "accel/sushi_accel.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <stdexcept>

#include <tlm_utils/tlm_quantumkeeper.h>

#include "accel/functional.h"

namespace sushi::accel {

namespace {

std::uint64_t now_ps() {
  static const double ps_per_tick = sc_core::sc_get_time_resolution().to_seconds() * 1e12;
  return static_cast<std::uint64_t>(static_cast<double>(sc_core::sc_time_stamp().value()) * ps_per_tick + 0.5);
}

std::uint64_t sub_sat(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : 0; }

sram::SramParams buffer_params(const BufferParams& b, std::uint64_t clock_ps) {
  sram::SramParams s;
  s.capacity_bytes = b.bytes;
  s.word_bytes = b.word_bytes;
  s.banks = b.banks;
  s.ports = 1;
  s.clock_period_ps = clock_ps;
  s.read_latency_cycles = 1;
  s.write_latency_cycles = 1;
  s.bank_busy_cycles = 1;
  return s;
}

}  // namespace

SushiAccel::SushiAccel(sc_core::sc_module_name name, const AccelParams& params,
                       const sram::SramEnergyTable& sram_table, EnergyLedger& ledger)
    : sc_module(name), regs("regs"), dma("dma"), irq("irq"), p_(params), ledger_(ledger), bank_(basename()),
      chunk_plans_(params.functional) {
  p_.validate();
  const std::string me = this->name();
  mac_id_ = ledger_.declare(me, "mac", EnergyCategory::compute, p_.mac_energy);
  if (p_.static_power) {
    static_power_ = std::make_unique<TimedPower>(
        ledger_, ledger_.declare(me, "static", EnergyCategory::compute, *p_.static_power), true);
  }
  if (p_.busy_power) {
    busy_power_ = std::make_unique<TimedPower>(
        ledger_, ledger_.declare(me, "busy", EnergyCategory::compute, *p_.busy_power), false);
  }
  // `sub` is the buffer's key under accel (AccelParams::describe): an SRAM the energy table cannot
  // price is reported at that buffer's size key.
  auto make = [&](const std::string& sub, const BufferParams& b) {
    try {
      return std::make_unique<sram::SramArray>(me + "." + sub, buffer_params(b, p_.clock_period_ps), sram_table, &ledger_);
    } catch (const sram::SramError& e) {
      throw AccelParamError("accel." + sub + ".size", e.what());
    }
  };
  pb_ = make("pb", p_.pb);
  wbuf_ = make("weight_buffer", p_.weight_buffer);
  in_buf_ = make("act_in", p_.in_act);
  out_buf_ = make("act_out", p_.out_act);
  pb_data_.assign(p_.pb.bytes, 0);
  dma_engine_ = std::make_unique<DmaEngine>(p_, [this](tlm::tlm_generic_payload& gp, sc_core::sc_time& d) {
    if (!observer_) {
      dma->b_transport(gp, d);
      return;
    }
    tag_.initiator = this->name();  // traced: say what the burst carries (trace_hooks.h)
    tag_.operand = operand_;
    gp.set_extension(&tag_);
    dma->b_transport(gp, d);
    gp.clear_extension(&tag_);
  });
  all_ports_ = all_ports(p_);
  weight_ports_ = weight_ports(p_);
  build_registers();
  regs.register_b_transport(this, &SushiAccel::reg_b_transport);
  regs.register_transport_dbg(this, &SushiAccel::reg_transport_dbg);
  irq.initialize(false);
  SC_HAS_PROCESS(SushiAccel);
  SC_THREAD(run);
  SC_METHOD(drive_irq);
  sensitive << irq_changed_;
  dont_initialize();
}

// ---------------------------------------------------------------- registers

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

// ---------------------------------------------------------------- job thread

void SushiAccel::sync(std::uint64_t t, bool force) {
  const std::uint64_t now = now_ps();
  const std::uint64_t quantum = static_cast<std::uint64_t>(tlm_utils::tlm_quantumkeeper::get_global_quantum().to_seconds() * 1e12);
  if (t > now && (force || t - now >= quantum)) wait(sc_core::sc_time(static_cast<double>(t - now), sc_core::SC_PS));
  if (job_generation_ != generation_) throw Aborted{};
}

void SushiAccel::run() {
  for (;;) {
    // A START may arrive while an aborted job is still winding down: take it without waiting.
    if (!start_pending_) wait(start_);
    if (!start_pending_) continue;
    if (start_at_ps_ > now_ps()) wait(sc_core::sc_time(static_cast<double>(start_at_ps_ - now_ps()), sc_core::SC_PS));
    start_pending_ = false;
    const std::uint64_t gen = generation_;
    job_generation_ = gen;
    const Request what = request_;
    const std::uint64_t t0 = now_ps();
    last_start_ps_ = t0;
    std::uint64_t t_end = t0;
    bool ok = true;
    const std::uint64_t pb_load_b0 = c_.pb_load_B;
    if (busy_power_) busy_power_->set(true, t0);
    if (observer_) observer_->on_accel_start(what == Request::pb_load, t0);
    try {
      if (what == Request::job) {
        ++c_.jobs;
        layers_.clear();
        t_end = execute_job(t0);
      } else {
        ++c_.pb_loads;
        t_end = execute_pb_load(t0);
        c_.pb_load_ps += t_end - t0;
      }
      sync(t_end, true);
    } catch (const JobError& e) {
      // The error is reported when it is detected (the thread is synchronised then).
      t_end = std::max(now_ps(), t_end);
      ok = false;
      if (gen == generation_) raise_error(e.code, e.info);
    } catch (const Aborted&) {
      if (busy_power_) busy_power_->set(false, now_ps());
      finished_.notify(sc_core::SC_ZERO_TIME);
      continue;
    }
    if (busy_power_) busy_power_->set(false, gen == generation_ ? t_end : now_ps());
    if (gen != generation_) continue;  // soft reset meanwhile
    last_end_ps_ = t_end;
    c_.busy_cycles += (t_end - t0) / p_.clock_period_ps;
    c_.busy_ps += t_end - t0;
    busy_ = false;
    Register& st = bank_.at(SUSHI_REG_STATUS);
    st.clear_bits(SUSHI_STATUS_BUSY);
    if (ok) {
      st.set_bits(SUSHI_STATUS_DONE);
      bank_.at(SUSHI_REG_IRQ_STATUS).set_bits(what == Request::job ? SUSHI_IRQ_JOB_DONE : SUSHI_IRQ_PB_LOAD_DONE);
      update_irq();
    }
    if (observer_) {
      static const std::vector<LayerRecord> none;
      observer_->on_accel_end(what == Request::pb_load, ok, t0, t_end, what == Request::job ? layers_ : none,
                              c_.pb_load_B - pb_load_b0);
    }
    finished_.notify(sc_core::SC_ZERO_TIME);
  }
}

bool SushiAccel::in_memory(std::uint64_t addr, std::uint64_t bytes) const {
  if (p_.memory.empty()) return true;
  for (const MemoryWindow& w : p_.memory) {
    if (addr >= w.base && bytes <= w.size && addr - w.base <= w.size - bytes) return true;
  }
  return false;
}

std::uint64_t SushiAccel::dma_read(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* into, std::uint64_t t,
                                   std::uint32_t idx, const PortGroup& group) {
  const std::uint64_t done = dma_engine_->transfer(false, addr, bytes, into, t, group);
  if (dma_engine_->failed()) {
    dma_engine_->clear_failure();
    sync(t, true);
    throw JobError{SUSHI_ERR_ADDR_RANGE, idx};
  }
  return done;
}

std::uint64_t SushiAccel::dma_write(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* from, std::uint64_t t,
                                    std::uint64_t window_ps, std::uint32_t idx) {
  const std::uint64_t done = dma_engine_->transfer_paced(true, addr, bytes, from, t, window_ps, all_ports_);
  if (dma_engine_->failed()) {
    dma_engine_->clear_failure();
    sync(t, true);
    throw JobError{SUSHI_ERR_ADDR_RANGE, idx};
  }
  return done;
}

std::uint64_t SushiAccel::fetch(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* into, std::uint64_t t,
                                std::uint32_t err_info) {
  if (!in_memory(addr, bytes)) {
    sync(t, true);
    throw JobError{SUSHI_ERR_ADDR_RANGE, err_info};
  }
  c_.dram_control_rd_B += bytes;
  operand_ = TraceOperand::control;
  return dma_read(addr, bytes, into, t, err_info);
}

std::uint32_t SushiAccel::check_addresses(const sushi_layer_desc& d) const {
  const LayerPlan l = plan_layer(d, p_);
  // Extent of the weight area the active region touches (the last unit's active taps).
  const std::uint64_t w_end = l.geo.unit_offset(l.kt - 1, l.ct - 1) + std::uint64_t{l.unit_taps} * l.geo.tap_bytes;
  if (!in_memory(d.weight_addr, w_end)) return SUSHI_ERR_ADDR_RANGE;
  if (!in_memory(d.in_addr, l.in_bytes)) return SUSHI_ERR_ADDR_RANGE;
  if (!in_memory(d.out_addr, std::uint64_t{d.k_out} * l.out_pixels_written * p_.data_bytes)) return SUSHI_ERR_ADDR_RANGE;
  if ((d.flags & SUSHI_DESC_RESIDUAL_ADD) &&
      !in_memory(d.aux_addr, std::uint64_t{d.k_out} * l.out_pixels_written * p_.data_bytes))
    return SUSHI_ERR_ADDR_RANGE;
  if ((d.flags & SUSHI_DESC_SE_SCALE_INPUT) && !in_memory(d.aux_addr, std::uint64_t{d.c_in} * p_.data_bytes))
    return SUSHI_ERR_ADDR_RANGE;
  if ((d.flags & SUSHI_DESC_KERNEL_TRANSFORM) && !in_memory(d.aux_addr, l.transform_bytes)) return SUSHI_ERR_ADDR_RANGE;
  return SUSHI_ERR_NONE;
}

std::uint64_t SushiAccel::execute_job(std::uint64_t t0) {
  const std::uint64_t desc_addr = reg64(SUSHI_REG_JOB_DESC_ADDR_LO);
  const std::uint32_t n = bank_.at(SUSHI_REG_JOB_DESC_COUNT).get();
  const std::uint64_t map_addr = reg64(SUSHI_REG_PB_MAP_ADDR_LO);
  const std::uint32_t m = bank_.at(SUSHI_REG_PB_MAP_COUNT).get();
  if (n == 0 || n > p_.max_descriptors) {
    sync(t0, true);
    throw JobError{SUSHI_ERR_BAD_COUNT, n};
  }
  if (m > p_.max_pb_map_entries) {
    sync(t0, true);
    throw JobError{SUSHI_ERR_BAD_COUNT, m};
  }
  // Fetch the program: descriptors, then the PB map (timed reads through the DMA).
  std::vector<sushi_layer_desc> descs(n);
  std::uint64_t t = fetch(desc_addr, std::uint64_t{n} * sizeof(sushi_layer_desc),
                          reinterpret_cast<std::uint8_t*>(descs.data()), t0, 0);
  std::vector<sushi_pb_map_entry> map(m);
  if (m) t = fetch(map_addr, std::uint64_t{m} * sizeof(sushi_pb_map_entry), reinterpret_cast<std::uint8_t*>(map.data()), t, 0);

  // Validate everything before executing anything.
  for (std::uint32_t i = 0; i < m; ++i) {
    if ((map[i].flags & SUSHI_PB_VALID) && std::uint64_t{map[i].pb_offset} + map[i].bytes > p_.pb.bytes) {
      sync(t, true);
      throw JobError{SUSHI_ERR_PB_OVERFLOW, i};
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const sushi_layer_desc& d = descs[i];
    std::uint32_t err = check_descriptor(d, p_);
    if (err == SUSHI_ERR_NONE) err = check_addresses(d);
    if (err != SUSHI_ERR_NONE) {
      sync(t, true);
      throw JobError{err, i};
    }
    if (d.layer_index < m && check_pb_entry(map[d.layer_index], d, p_) != SUSHI_ERR_NONE) {
      sync(t, true);
      throw JobError{SUSHI_ERR_BAD_PB_MAP, d.layer_index};
    }
  }
  // Activation residency: a map may be read from the store only if an earlier layer of this job
  // left it there (act_flags OUT_ONCHIP at that address, not overwritten since).
  {
    std::set<std::uint64_t> resident;
    for (std::uint32_t i = 0; i < n; ++i) {
      const sushi_layer_desc& d = descs[i];
      const bool aux_map = (d.flags & (SUSHI_DESC_RESIDUAL_ADD | SUSHI_DESC_SE_SCALE_INPUT)) != 0;
      const bool bad = (d.act_flags != 0 && p_.activations != Activations::on_chip) ||
                       ((d.act_flags & SUSHI_ACT_IN_ONCHIP) && !resident.count(d.in_addr)) ||
                       ((d.act_flags & SUSHI_ACT_AUX_ONCHIP) && (!aux_map || !resident.count(d.aux_addr)));
      if (bad) {
        sync(t, true);
        throw JobError{SUSHI_ERR_BAD_DESCRIPTOR, i};
      }
      if (d.act_flags & SUSHI_ACT_OUT_ONCHIP)
        resident.insert(d.out_addr);
      else
        resident.erase(d.out_addr);
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const sushi_layer_desc& d = descs[i];
    t = execute_layer(i, d, d.layer_index < m ? &map[d.layer_index] : nullptr, t);
    sync(t, true);
  }
  return t;
}

std::uint64_t SushiAccel::execute_pb_load(std::uint64_t t0) {
  const std::uint64_t list_addr = reg64(SUSHI_REG_PB_LOAD_ADDR_LO);
  const std::uint32_t n = bank_.at(SUSHI_REG_PB_LOAD_COUNT).get();
  if (n == 0 || n > p_.max_pb_load_entries) {
    sync(t0, true);
    throw JobError{SUSHI_ERR_BAD_COUNT, n};
  }
  std::vector<sushi_pb_load_entry> list(n);
  std::uint64_t t = fetch(list_addr, std::uint64_t{n} * sizeof(sushi_pb_load_entry),
                          reinterpret_cast<std::uint8_t*>(list.data()), t0, 0);
  // 16 B: the AXI beat of the real design and the smallest weight block (a depthwise tap).
  const std::uint64_t align = kPbLoadAlignBytes;
  for (std::uint32_t i = 0; i < n; ++i) {
    const sushi_pb_load_entry& e = list[i];
    std::uint32_t err = SUSHI_ERR_NONE;
    if (e.bytes == 0 || e.bytes % align || e.pb_offset % align || e.dram_addr % align)
      err = SUSHI_ERR_BAD_PB_LOAD;
    else if (std::uint64_t{e.pb_offset} + e.bytes > p_.pb.bytes)
      err = SUSHI_ERR_PB_OVERFLOW;
    else if (!in_memory(e.dram_addr, e.bytes))
      err = SUSHI_ERR_ADDR_RANGE;
    if (err != SUSHI_ERR_NONE) {
      sync(t, true);
      throw JobError{err, i};
    }
  }
  // Every entry's bursts are ready at once; the ports and the memory system pace them. The data
  // lands in the PB's storage; the PB array times and counts the writes.
  const std::uint64_t start = t;
  std::uint64_t done = start;
  for (std::uint32_t i = 0; i < n; ++i) {
    const sushi_pb_load_entry& e = list[i];
    operand_ = TraceOperand::pb_load;
    const std::uint64_t d = dma_read(e.dram_addr, e.bytes, pb_data_.data() + e.pb_offset, start, i, weight_ports_);
    const auto w = pb_->access(sram::AccessKind::write, e.pb_offset, e.bytes, start);
    done = std::max({done, d, w.done_ps});
    c_.pb_load_B += e.bytes;
  }
  return done;
}

void SushiAccel::touch(sram::SramArray& a, sram::AccessKind k, std::uint64_t bytes, std::uint64_t t) {
  // Counting and energy only: the tile model times the buffers (docs/accel.md). Split into
  // capacity-sized accesses so streams larger than the buffer (streamed through it) count too.
  const std::uint64_t cap = a.params().capacity_bytes;
  while (bytes > 0) {
    const std::uint64_t n = std::min(bytes, cap);
    a.access(k, 0, n, t);
    bytes -= n;
  }
}

std::uint64_t SushiAccel::execute_layer(std::uint32_t idx, const sushi_layer_desc& d, const sushi_pb_map_entry* e,
                                        std::uint64_t t0) {
  const LayerPlan L = plan_layer(d, p_);
  const PbCoverage cov = pb_coverage(e, d, p_);
  const std::uint64_t T = p_.clock_period_ps;
  const std::uint64_t passes = std::uint64_t{L.groups} * L.kernel_passes;
  const std::uint64_t psum_tile = std::uint64_t{p_.k_par} * L.out_pixels * p_.psum_bytes;
  const std::uint64_t psum_spill = sub_sat(psum_tile, p_.out_act.bytes) * (passes - 1);
  const bool in_on = (d.act_flags & SUSHI_ACT_IN_ONCHIP) != 0, out_on = (d.act_flags & SUSHI_ACT_OUT_ONCHIP) != 0;
  const bool aux_on = (d.act_flags & SUSHI_ACT_AUX_ONCHIP) != 0;
  // Layers whose partial sums spill use their output area as scratch: timed only. Layers with
  // resident maps are timed only too (the store's contents are not modelled byte by byte).
  const bool func = p_.functional && functional_supported(d) && L.macs_issued <= p_.functional_max_macs && psum_spill == 0 &&
                    d.act_flags == 0;
  const WeightGeometry& g = L.geo;
  const std::uint64_t out_tile_px = L.out_pixels_written;
  if (func) {
    wstage_.assign(g.layer_bytes(), 0);
    istage_.assign(L.in_bytes, 0);
    ostage_.assign(std::uint64_t{d.k_out} * out_tile_px, 0);
    astage_.assign((d.flags & SUSHI_DESC_RESIDUAL_ADD) ? std::uint64_t{d.k_out} * out_tile_px : 0, 0);
  }
  LayerRecord rec;
  rec.index = idx;
  rec.layer_index = d.layer_index;
  rec.mapping = L.mapping;
  rec.start_ps = t0;
  rec.functional = func;

  // Layer-level side inputs gate the first pass: kernel-transform matrices, SE scale vector.
  std::uint64_t ready = t0;
  if (L.transform_bytes) {
    operand_ = TraceOperand::transform;
    ready = std::max(ready, dma_read(d.aux_addr, L.transform_bytes, nullptr, t0, idx));
    rec.dram_transform_B += L.transform_bytes;
  }
  if (d.flags & SUSHI_DESC_SE_SCALE_INPUT) {
    const std::uint64_t n = std::uint64_t{d.c_in} * p_.data_bytes;
    if (aux_on) {
      touch(*in_buf_, sram::AccessKind::read, n, t0);  // the scale vector is in the store
    } else {
      operand_ = TraceOperand::input;
      ready = std::max(ready, dma_read(d.aux_addr, n, nullptr, t0, idx));
      rec.dram_input_B += n;
      c_.dram_aux_rd_B += n;
    }
  }

  // Input re-reads: the first K-tile streams the whole map in; later K-tiles re-read what the
  // input buffer could not keep. Partial sums of one K-tile live in the output buffer; the part
  // that does not fit is written out and read back between passes.
  // With resident maps in the store (act_flags pinned KiB), a DRAM input is staged in what is left.
  const std::uint64_t pinned = std::uint64_t{d.act_flags >> SUSHI_ACT_PINNED_SHIFT} * 1024u;
  const std::uint64_t in_reread = in_on ? 0 : sub_sat(L.in_bytes, sub_sat(p_.in_act.bytes, pinned));
  const std::uint64_t half = p_.weight_half_bytes();

  // 1) Chunks: per K-tile, runs of weight groups whose DRAM-streamed bytes fit one half of the
  //    streaming buffer (at least one group). PB-resident units feed the DPE array directly
  //    (chunk_plan.h; planned once per layer geometry and PB coverage).
  const ChunkPlan& plan = chunk_plans_.get(d, L, cov, half);
  for (const PbRead& r : plan.pb_reads) pb_->access(sram::AccessKind::read, r.pb_offset, r.bytes, ready);
  if (func) {
    for (const PbUnitCopy& c : plan.copies) {
      std::memcpy(wstage_.data() + c.weight_offset, pb_data_.data() + c.pb_offset, c.bytes);
    }
  }
  const std::vector<WeightChunk>& chunks = plan.chunks;

  // 2) Pipeline. Weight loads stream one chunk after another through the DMA. Serial: chunk n's
  //    load starts when chunk n-1's compute (and its K-tile's streams) ended. Double-buffered: it
  //    starts when the DMA finished chunk n-1's load and the half it fills is free (chunk n-2's
  //    compute ended); it is issued as soon as that time is known, ahead of later traffic.
  std::vector<std::uint64_t> load_done(chunks.size(), ready);
  auto load = [&](std::size_t n, std::uint64_t start) {
    const WeightChunk& ch = chunks[n];
    std::uint64_t ld = start;
    operand_ = TraceOperand::weights;
    for (const WeightRange& r : ch.ranges) {
      ld = std::max(ld, dma_read(d.weight_addr + r.offset, r.bytes, func ? wstage_.data() + r.offset : nullptr, start, idx,
                                 weight_ports_));
    }
    if (ch.dram_b) {
      touch(*wbuf_, sram::AccessKind::write, ch.dram_b, start);
      touch(*wbuf_, sram::AccessKind::read, ch.dram_b, ld);
    }
    rec.dram_weight_B += ch.dram_b;
    rec.pb_weight_B += ch.pb_b;
    load_done[n] = ld;
  };
  const bool db = p_.overlap == Overlap::double_buffered;
  // MACs are booked chunk by chunk, in proportion to each chunk's compute cycles, so that their
  // energy is counted while the array computes (power windows), not at the layer's end.
  const std::uint64_t layer_cycles = L.compute_cycles();
  std::uint64_t cycles_done = 0, macs_booked = 0;
  __extension__ typedef unsigned __int128 u128;
  auto book_macs = [&](std::uint64_t cycles) {
    cycles_done += cycles;
    if (layer_cycles == 0 || cycles_done > layer_cycles) return;
    const auto due = static_cast<std::uint64_t>(static_cast<u128>(L.macs_issued) * cycles_done / layer_cycles);
    ledger_.add(mac_id_, due - macs_booked);
    macs_booked = due;
  };
  std::uint64_t compute_end = ready;  // the DPE array finished the previous chunk
  std::uint64_t outputs_done = ready, dpe_end = ready, act_done = ready;
  if (!chunks.empty()) load(0, ready);
  for (std::size_t n = 0; n < chunks.size(); ++n) {
    const WeightChunk& ch = chunks[n];
    const std::uint32_t i = ch.ktile;
    const std::uint32_t lanes = L.lanes(i, d.k_out, p_.k_par);
    if (n > 0 && !db) load(n, std::max(load_done[n - 1], compute_end));
    const std::uint64_t cstart = std::max(load_done[n], compute_end);
    if (db && n + 1 < chunks.size()) load(n + 1, std::max(load_done[n], compute_end));
    if (ch.first) {
      // Activation streams of this K-tile run alongside its compute.
      act_done = cstart;
      const std::uint64_t in_b = in_on ? 0 : (i == 0 ? L.in_bytes : in_reread);
      const std::uint64_t in_off = i == 0 ? 0 : L.in_bytes - in_reread;
      if (in_b) {
        operand_ = TraceOperand::input;
        act_done = std::max(act_done, dma_read(d.in_addr + in_off, in_b, func ? istage_.data() + in_off : nullptr, cstart, idx));
        touch(*in_buf_, sram::AccessKind::write, in_b, cstart);
        rec.dram_input_B += in_b;
      }
      if ((d.flags & SUSHI_DESC_RESIDUAL_ADD) && aux_on) {
        touch(*in_buf_, sram::AccessKind::read, std::uint64_t{lanes} * out_tile_px * p_.data_bytes, cstart);
      } else if (d.flags & SUSHI_DESC_RESIDUAL_ADD) {
        const std::uint64_t off = std::uint64_t{i} * p_.k_par * out_tile_px * p_.data_bytes;
        const std::uint64_t nb = std::uint64_t{lanes} * out_tile_px * p_.data_bytes;
        operand_ = TraceOperand::input;
        act_done = std::max(act_done, dma_read(d.aux_addr + off, nb, func ? astage_.data() + off : nullptr, cstart, idx));
        rec.dram_input_B += nb;
        c_.dram_aux_rd_B += nb;
      }
      if (psum_spill) {
        // Spilled partial sums go to and come back from the layer's output area, used as scratch
        // in pieces of at most its size (the descriptor names no other area).
        const std::uint64_t area = std::max<std::uint64_t>(1, std::uint64_t{d.k_out} * out_tile_px * p_.data_bytes);
        operand_ = TraceOperand::psum;
        for (std::uint64_t done_b = 0; done_b < psum_spill;) {
          const std::uint64_t nb = std::min(area, psum_spill - done_b);
          act_done = std::max(act_done, dma_write(d.out_addr, nb, nullptr, cstart, 0, idx));
          act_done = std::max(act_done, dma_read(d.out_addr, nb, nullptr, cstart, idx));
          done_b += nb;
        }
        rec.dram_output_B += psum_spill;
        rec.dram_psum_rd_B += psum_spill;
      }
    }
    const std::uint64_t chunk_cycles = L.group_cycles(ch.groups);
    compute_end = cstart + chunk_cycles * T;
    book_macs(chunk_cycles);
    dpe_end = compute_end;
    if (!ch.last) continue;
    // The K-tile ends when its compute and its activation streams are both done.
    compute_end = std::max(compute_end, act_done);
    // Per K-tile buffer traffic: the input map is read once per kernel pass; the K-tile's
    // partial sums are written and read once per pass.
    touch(*in_buf_, sram::AccessKind::read, L.in_bytes * L.kernel_passes, compute_end);
    touch(*out_buf_, sram::AccessKind::write, psum_tile * passes, compute_end);
    touch(*out_buf_, sram::AccessKind::read, psum_tile * passes, compute_end);
    const std::uint64_t o_off = std::uint64_t{i} * p_.k_par * out_tile_px * p_.data_bytes;
    const std::uint64_t o_n = std::uint64_t{lanes} * out_tile_px * p_.data_bytes;
    if (func) {
      FunctionalOperands ops{wstage_.data(), istage_.data(), astage_.empty() ? nullptr : astage_.data(), ostage_.data()};
      compute_ktile(d, L, p_, i, ops);
    }
    if (out_on) {  // the K-tile's outputs stay in the activation store for the next layers
      touch(*in_buf_, sram::AccessKind::write, o_n, compute_end);
      sync(compute_end, false);
      continue;
    }
    operand_ = TraceOperand::output;
    // Outputs leave the array during the K-tile's last pass (one beat per output pixel as it is
    // finished), so they stream out over that pass and only the tail drains after it.
    const std::uint64_t last_pass_ps = std::min(L.pass_cycles * T, compute_end - ready);
    outputs_done = std::max(outputs_done, dma_write(d.out_addr + o_off, o_n, func ? ostage_.data() + o_off : nullptr,
                                                    compute_end - last_pass_ps, last_pass_ps, idx));
    rec.dram_output_B += o_n;
    sync(compute_end, false);
  }
  const std::uint64_t end = std::max(compute_end, outputs_done);
  ledger_.add(mac_id_, L.macs_issued - macs_booked);  // all of them, whatever the chunks covered

  rec.compute_end_ps = dpe_end;
  rec.end_ps = end;
  rec.compute_cycles = L.compute_cycles();
  rec.stall_cycles = sub_sat((end - t0) / T, rec.compute_cycles);
  rec.macs_useful = L.macs_useful;
  rec.macs_issued = L.macs_issued;
  rec.utilisation = L.utilisation(p_);
  layers_.push_back(rec);

  ++c_.layers;
  c_.compute_cycles += rec.compute_cycles;
  c_.stall_cycles += rec.stall_cycles;
  c_.macs_useful += rec.macs_useful;
  c_.macs_issued += rec.macs_issued;
  c_.dram_weight_rd_B += rec.dram_weight_B;
  c_.pb_rd_B += rec.pb_weight_B;
  c_.dram_input_rd_B += rec.dram_input_B;
  c_.dram_output_wr_B += rec.dram_output_B - rec.dram_psum_rd_B;
  c_.dram_psum_wr_B += rec.dram_psum_rd_B;
  c_.dram_psum_rd_B += rec.dram_psum_rd_B;
  c_.dram_transform_rd_B += rec.dram_transform_B;
  if (func) ++c_.functional_layers;
  return end;
}

void SushiAccel::set_timing(const TimingParams& t) {
  if (busy_) throw std::logic_error(std::string(name()) + ": set_timing while a job or PB load runs");
  validate_timing(t, p_.dma_ports, p_.dma_port_bytes, p_.clock_period_ps);
  p_.timing = t;
  weight_ports_ = weight_ports(p_);
}

// ---------------------------------------------------------------- statistics

void SushiAccel::report_stats(Json& out) const {
  const double T = static_cast<double>(p_.clock_period_ps);
  out["jobs_count"] = c_.jobs;
  out["pb_loads_count"] = c_.pb_loads;
  out["layers_count"] = c_.layers;
  out["errors_count"] = c_.errors;
  out["functional_layers_count"] = c_.functional_layers;
  out["busy_ps"] = static_cast<double>(c_.busy_cycles) * T;
  out["busy_cycles_count"] = c_.busy_cycles;
  out["compute_cycles_count"] = c_.compute_cycles;
  out["stall_cycles_count"] = c_.stall_cycles;
  out["macs_useful_count"] = c_.macs_useful;
  out["macs_issued_count"] = c_.macs_issued;
  const double slots = static_cast<double>(c_.compute_cycles) * p_.k_par * p_.c_par * p_.taps;
  out["dpe_utilisation_pct"] = slots > 0 ? 100.0 * static_cast<double>(c_.macs_useful) / slots : 0.0;
  out["dram_weight_rd_B"] = c_.dram_weight_rd_B;
  out["dram_input_rd_B"] = c_.dram_input_rd_B;
  out["dram_aux_rd_B"] = c_.dram_aux_rd_B;
  out["dram_output_wr_B"] = c_.dram_output_wr_B;
  out["dram_psum_rd_B"] = c_.dram_psum_rd_B;
  out["dram_psum_wr_B"] = c_.dram_psum_wr_B;
  out["dram_transform_rd_B"] = c_.dram_transform_rd_B;
  out["dram_control_rd_B"] = c_.dram_control_rd_B;
  out["dram_rd_B"] = c_.dram_rd_B();
  out["dram_wr_B"] = c_.dram_wr_B();
  out["pb_load_B"] = c_.pb_load_B;
  out["pb_load_ps"] = c_.pb_load_ps;
  out["pb_rd_B"] = c_.pb_rd_B;
  const double total_w = static_cast<double>(c_.pb_rd_B + c_.dram_weight_rd_B);
  out["pb_hit_pct"] = total_w > 0 ? 100.0 * static_cast<double>(c_.pb_rd_B) / total_w : 0.0;
  out["dma_bursts_count"] = dma_engine_->bursts();
  out["dma_port_wait_ps"] = dma_engine_->port_wait_ps();
  out["mac_energy_pJ"] = mac_energy_pj();
  Json bufs;
  pb_->report_stats(bufs["pb"]);
  wbuf_->report_stats(bufs["weight_buffer"]);
  in_buf_->report_stats(bufs["act_in"]);
  out_buf_->report_stats(bufs["act_out"]);
  out["buffers"] = bufs;
}

}  // namespace sushi::accel
