// Timer and interrupt controller (register map: hw/include/sushi/timer_regs.h;
// docs/query-port.md).
//
// Timer: MTIME counts ns since simulation start (floor of the access time in ps / 1000); the
// timer line (line 0) is high while MTIME >= MTIMECMP and CTRL.ENABLE is set, i.e. from the
// exact time MTIMECMP x 1000 ps. Firmware sleeps until a time by writing MTIMECMP, setting
// CTRL.ENABLE and waiting for the interrupt; moving MTIMECMP forward (or clearing ENABLE)
// lowers the line.
// Interrupt controller: level-triggered lines 0 (timer) and 1..N (irq_in[0..N-1]);
//   cpu_irq = (PENDING & ENABLE) != 0,
// PENDING being the live levels. Sources clear their own lines; CLAIM = lowest active line + 1.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "util/params.h"
#include "common/register_bank.h"
#include "common/stats.h"

namespace sushi {

// The timer.* keys declared once in describe() (models/common/params.h): only the register
// block's address, placed by the platform (platform/soc/serving.cpp), so unbound here.
struct TimerParams {
  unsigned external_lines = 2;  // irq_in lines, numbered 1..external_lines (at most 31)
  sc_core::sc_time access_latency = sc_core::SC_ZERO_TIME;

  template <class V, class P>
  static void describe(V& v, P&) {
    v.section("timer", "Timer and interrupt controller (docs/query-port.md).");
    v.integer("timer.base", params::unbound, 0x40020000LL, 0, std::nullopt, "Register block address");
  }
};

class Timer : public sc_core::sc_module, public StatsProvider {
 public:
  tlm_utils::simple_target_socket<Timer> socket;
  sc_core::sc_vector<sc_core::sc_in<bool>> irq_in;  // irq_in[i] is line i + 1
  sc_core::sc_out<bool> cpu_irq;

  Timer(const sc_core::sc_module_name& name, const TimerParams& params);

  // MTIMECMP in ps, or UINT64_MAX when it lies beyond representable time.
  std::uint64_t compare_ps() const;
  std::uint32_t pending(std::uint64_t at_ps) const;  // PENDING as seen at time at_ps
  std::uint64_t timer_interrupts() const { return timer_edges_; }
  std::uint64_t cpu_interrupts() const { return cpu_edges_; }

  void report_stats(Json& out) const override;

 private:
  void evaluate();  // SC_METHOD: drives cpu_irq, schedules the compare match
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
  std::uint64_t compare_ns() const;
  bool timer_level(std::uint64_t at_ps) const;
  std::uint32_t enable_mask() const;

  TimerParams params_;
  RegisterBank regs_;
  std::uint64_t access_ps_ = 0;   // time of the access being served
  std::uint32_t latched_hi_ = 0;  // MTIME high half latched by MTIME_LO reads
  bool last_timer_ = false, last_cpu_ = false;
  std::uint64_t timer_edges_ = 0, cpu_edges_ = 0;
  sc_core::sc_event eval_event_;
};

}  // namespace sushi
