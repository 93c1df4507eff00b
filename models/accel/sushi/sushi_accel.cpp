// SushiAccel: construction (energy actions, buffers, DMA engine, sockets) and the job thread that
// takes a START, runs the job or PB load (sushi_accel_job_fetch.cpp) and reports its end.
#include "accel/sushi/sushi_accel.h"

#include <algorithm>
#include <stdexcept>

#include <tlm_utils/tlm_quantumkeeper.h>

#include "accel/sushi/sushi_accel_time.h"

namespace sushi::accel {

namespace {

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
    : Accelerator(name), regs("regs"), dma("dma"), irq("irq"), p_(params), ledger_(ledger), bank_(basename()),
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

// ---------------------------------------------------------------- job thread

void SushiAccel::sync(std::uint64_t t, bool force) {
  // From where the thread stands: past the kernel's time when the DRAM answered a burst early
  // (DmaEngine::thread_time_ps); a forced sync brings the kernel there at least.
  const std::uint64_t now = now_ps();
  const std::uint64_t at = dma_engine_->thread_time_ps();
  const std::uint64_t quantum = static_cast<std::uint64_t>(tlm_utils::tlm_quantumkeeper::get_global_quantum().to_seconds() * 1e12);
  const std::uint64_t to = force ? std::max(t, at) : t;
  if (to > now && (force || (t > at && t - at >= quantum))) wait(sc_core::sc_time(static_cast<double>(to - now), sc_core::SC_PS));
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
      t_end = std::max(dma_engine_->thread_time_ps(), t_end);
      ok = false;
      if (gen == generation_) raise_error(e.code, e.info);
    } catch (const Aborted&) {
      if (busy_power_) busy_power_->set(false, dma_engine_->thread_time_ps());
      finished_.notify(sc_core::SC_ZERO_TIME);
      continue;
    }
    if (busy_power_) busy_power_->set(false, gen == generation_ ? t_end : dma_engine_->thread_time_ps());
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

void SushiAccel::set_timing(const TimingParams& t) {
  if (busy_) throw std::logic_error(std::string(name()) + ": set_timing while a job or PB load runs");
  validate_timing(t, p_.dma_ports, p_.dma_port_bytes, p_.clock_period_ps);
  p_.timing = t;
  weight_ports_ = weight_ports(p_);
}

}  // namespace sushi::accel
