#include "timer.h"

#include <limits>
#include <stdexcept>
#include <string>

#include "sushi/timer_regs.h"

namespace sushi {

namespace {
constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
}

Timer::Timer(const sc_core::sc_module_name& name, const TimerParams& params)
    : sc_module(name),
      socket("socket"),
      irq_in("irq_in", params.external_lines),
      cpu_irq("cpu_irq"),
      params_(params),
      regs_(this->name()) {
  if (params_.external_lines + 1 > SUSHI_IRQ_MAX_LINES) {
    throw std::invalid_argument(std::string(this->name()) + ": at most " +
                                std::to_string(SUSHI_IRQ_MAX_LINES - 1) + " external interrupt lines");
  }
  using A = RegAccess;
  regs_.set_access_latency(params_.access_latency);
  regs_.add("ID", SUSHI_TIMER_REG_ID, A::ro, SUSHI_TIMER_ID_VALUE);
  regs_.add("VERSION", SUSHI_TIMER_REG_VERSION, A::ro, SUSHI_TIMER_IF_VERSION);
  regs_.add("MTIME_LO", SUSHI_TIMER_REG_MTIME_LO, A::ro).on_read([this](std::uint32_t) {
    const std::uint64_t ns = access_ps_ / 1000;
    latched_hi_ = static_cast<std::uint32_t>(ns >> 32);
    return static_cast<std::uint32_t>(ns);
  });
  regs_.add("MTIME_HI", SUSHI_TIMER_REG_MTIME_HI, A::ro).on_read([this](std::uint32_t) { return latched_hi_; });
  auto reeval = [this](std::uint32_t, std::uint32_t) { eval_event_.notify(sc_core::SC_ZERO_TIME); };
  regs_.add("MTIMECMP_LO", SUSHI_TIMER_REG_MTIMECMP_LO, A::rw, 0xFFFFFFFFu).on_write(reeval);
  regs_.add("MTIMECMP_HI", SUSHI_TIMER_REG_MTIMECMP_HI, A::rw, 0xFFFFFFFFu).on_write(reeval);
  regs_.add("CTRL", SUSHI_TIMER_REG_CTRL, A::rw).on_write(reeval);
  regs_.add("STATUS", SUSHI_TIMER_REG_STATUS, A::ro).on_read([this](std::uint32_t) {
    return access_ps_ >= compare_ps() ? SUSHI_TIMER_STATUS_MATCH : 0u;
  });
  regs_.add("PENDING", SUSHI_INTC_REG_PENDING, A::ro).on_read([this](std::uint32_t) { return pending(access_ps_); });
  regs_.add("ENABLE", SUSHI_INTC_REG_ENABLE, A::rw).on_write(reeval);
  regs_.add("ACTIVE", SUSHI_INTC_REG_ACTIVE, A::ro).on_read([this](std::uint32_t) {
    return pending(access_ps_) & enable_mask();
  });
  regs_.add("CLAIM", SUSHI_INTC_REG_CLAIM, A::ro).on_read([this](std::uint32_t) -> std::uint32_t {
    const std::uint32_t a = pending(access_ps_) & enable_mask();
    for (std::uint32_t i = 0; i < SUSHI_IRQ_MAX_LINES; ++i) {
      if (a & (1u << i)) return i + 1;
    }
    return 0;
  });
  regs_.add("LINES", SUSHI_INTC_REG_LINES, A::ro, params_.external_lines + 1);

  socket.register_b_transport(this, &Timer::b_transport);
  socket.register_transport_dbg(this, &Timer::transport_dbg);
  SC_HAS_PROCESS(Timer);
  SC_METHOD(evaluate);
  sensitive << eval_event_;
  for (auto& in : irq_in) sensitive << in.value_changed();
}

std::uint64_t Timer::compare_ns() const {
  return (static_cast<std::uint64_t>(regs_.registers().at(SUSHI_TIMER_REG_MTIMECMP_HI).get()) << 32) |
         regs_.registers().at(SUSHI_TIMER_REG_MTIMECMP_LO).get();
}

std::uint64_t Timer::compare_ps() const {
  const std::uint64_t ns = compare_ns();
  return ns > kNever / 1000 ? kNever : ns * 1000;
}

std::uint32_t Timer::enable_mask() const { return regs_.registers().at(SUSHI_INTC_REG_ENABLE).get(); }

bool Timer::timer_level(std::uint64_t at_ps) const {
  const bool enabled = (regs_.registers().at(SUSHI_TIMER_REG_CTRL).get() & SUSHI_TIMER_CTRL_ENABLE) != 0;
  return enabled && compare_ps() != kNever && at_ps >= compare_ps();
}

std::uint32_t Timer::pending(std::uint64_t at_ps) const {
  std::uint32_t p = timer_level(at_ps) ? (1u << SUSHI_IRQ_TIMER) : 0u;
  for (unsigned i = 0; i < irq_in.size(); ++i) {
    if (irq_in[i].read()) p |= 1u << (i + 1);
  }
  return p;
}

void Timer::evaluate() {
  const std::uint64_t now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  const bool t = timer_level(now);
  if (t && !last_timer_) ++timer_edges_;
  last_timer_ = t;
  const bool level = (pending(now) & enable_mask()) != 0;
  if (level && !last_cpu_) ++cpu_edges_;
  last_cpu_ = level;
  cpu_irq.write(level);
  // Wake up exactly when MTIME reaches MTIMECMP (ns x 1000 ps), if that is still ahead.
  const std::uint64_t cmp = compare_ps();
  const bool enabled = (regs_.registers().at(SUSHI_TIMER_REG_CTRL).get() & SUSHI_TIMER_CTRL_ENABLE) != 0;
  if (enabled && cmp != kNever && cmp > now) eval_event_.notify(sc_core::sc_time::from_value(cmp - now));
}

void Timer::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  access_ps_ = static_cast<std::uint64_t>((sc_core::sc_time_stamp() + delay).value());
  regs_.b_transport(trans, delay);
}

unsigned int Timer::transport_dbg(tlm::tlm_generic_payload& trans) {
  if (!trans.is_read()) return 0;  // debug writes would bypass the re-evaluation
  access_ps_ = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  return regs_.transport_dbg(trans);
}

void Timer::report_stats(Json& out) const {
  out["lines_count"] = params_.external_lines + 1;
  out["timer_interrupts_count"] = timer_edges_;
  out["cpu_interrupts_count"] = cpu_edges_;
}

}  // namespace sushi
