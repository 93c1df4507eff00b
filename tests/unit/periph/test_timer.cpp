// Timer and interrupt controller: MTIME, compare interrupt at the exact time, aggregation.
#include <gtest/gtest.h>

#include "bus_initiator.h"
#include "periph/timer.h"
#include "sushi/timer_regs.h"

using namespace sushi;
using sushi::test::BusInitiator;
using sushi::test::EdgeRecorder;
using sc_core::SC_NS;
using sc_core::SC_US;

namespace {

constexpr std::uint64_t kUs = 1'000'000;  // ps

struct Bench {
  sc_core::sc_vector<sc_core::sc_signal<bool>> lines{"line", 2};
  sc_core::sc_signal<bool> cpu_irq{"cpu_irq_sig"};
  Timer timer{"timer", TimerParams{2}};
  BusInitiator cpu{"cpu"};
  EdgeRecorder rec{"rec"};
  Bench() {
    cpu.socket.bind(timer.socket);
    timer.irq_in.bind(lines);
    timer.cpu_irq(cpu_irq);
    rec.in(cpu_irq);
  }
};

}  // namespace

TEST(Timer, MtimeCountsNanosecondsAtTheAccessTime) {
  Bench b;
  std::uint32_t t0 = 0, t1 = 0, t2 = 0, lo = 0, hi = 0, id = 0, lines = 0;
  b.cpu.script = [&](BusInitiator& c) {
    id = c.read(SUSHI_TIMER_REG_ID);
    lines = c.read(SUSHI_INTC_REG_LINES);
    t0 = c.read(SUSHI_TIMER_REG_MTIME_LO);
    c.wait_until(1'500'999);  // 1.500999 us
    t1 = c.read(SUSHI_TIMER_REG_MTIME_LO);
    t2 = c.read(SUSHI_TIMER_REG_MTIME_LO, sc_core::sc_time(250, SC_NS));  // decoupled: local time
    c.wait_until(5'000'000'000'000ull);  // 5 s
    lo = c.read(SUSHI_TIMER_REG_MTIME_LO);
    hi = c.read(SUSHI_TIMER_REG_MTIME_HI);
  };
  sc_core::sc_start(6, sc_core::SC_SEC);
  EXPECT_EQ(id, SUSHI_TIMER_ID_VALUE);
  EXPECT_EQ(lines, 3u);    // timer + 2 external
  EXPECT_EQ(t0, 0u);
  EXPECT_EQ(t1, 1500u);    // floor(1500999 ps / 1000)
  EXPECT_EQ(t2, 1750u);    // 1500999 + 250000 ps -> 1750 ns
  // 5 s = 5e9 ns = 1 x 2^32 + 705032704
  EXPECT_EQ(hi, 1u);
  EXPECT_EQ(lo, 705032704u);
}

TEST(Timer, CompareInterruptFiresAtTheExactTime) {
  Bench b;
  std::uint32_t status_before = 1, status_after = 0, pending_after = 0, claim = 0;
  b.cpu.script = [&](BusInitiator& c) {
    c.write(SUSHI_INTC_REG_ENABLE, 1u << SUSHI_IRQ_TIMER);
    c.write(SUSHI_TIMER_REG_MTIMECMP_HI, 0);
    c.write(SUSHI_TIMER_REG_MTIMECMP_LO, 2500);  // 2.5 us
    c.write(SUSHI_TIMER_REG_CTRL, SUSHI_TIMER_CTRL_ENABLE);
    status_before = c.read(SUSHI_TIMER_REG_STATUS);
    c.wait_until(3 * kUs);
    status_after = c.read(SUSHI_TIMER_REG_STATUS);
    pending_after = c.read(SUSHI_INTC_REG_PENDING);
    claim = c.read(SUSHI_INTC_REG_CLAIM);
    c.write(SUSHI_TIMER_REG_MTIMECMP_LO, 7000);  // move the deadline: line drops, fires at 7 us
  };
  sc_core::sc_start(10, SC_US);
  EXPECT_EQ(status_before, 0u);
  EXPECT_EQ(status_after, SUSHI_TIMER_STATUS_MATCH);
  EXPECT_EQ(pending_after, 1u << SUSHI_IRQ_TIMER);
  EXPECT_EQ(claim, SUSHI_IRQ_TIMER + 1);
  // MTIMECMP 2500 ns -> 2500000 ps; 7000 ns -> 7000000 ps.
  const std::vector<std::pair<std::uint64_t, bool>> expected{
      {2'500'000, true}, {3 * kUs, false}, {7 * kUs, true}};
  EXPECT_EQ(b.rec.edges, expected);
  EXPECT_EQ(b.timer.timer_interrupts(), 2u);
}

TEST(Timer, ControllerAggregatesEnabledLines) {
  Bench b;
  std::uint32_t pending = 0, active_masked = 0, active = 0, claim = 0;
  b.cpu.script = [&](BusInitiator& c) {
    c.wait_until(1 * kUs);
    b.lines[1].write(true);  // line 2 (e.g. the accelerator)
    c.wait_until(2 * kUs);
    pending = c.read(SUSHI_INTC_REG_PENDING);
    active_masked = c.read(SUSHI_INTC_REG_ACTIVE);
    c.write(SUSHI_INTC_REG_ENABLE, (1u << 1) | (1u << 2));  // cpu_irq rises at 2 us
    active = c.read(SUSHI_INTC_REG_ACTIVE);
    c.wait_until(3 * kUs);
    b.lines[0].write(true);  // line 1 too
    c.wait_until(4 * kUs);
    claim = c.read(SUSHI_INTC_REG_CLAIM);  // lowest active line: 1
    b.lines[0].write(false);
    b.lines[1].write(false);               // both sources cleared: cpu_irq falls at 4 us
  };
  sc_core::sc_start(10, SC_US);
  EXPECT_EQ(pending, 1u << 2);
  EXPECT_EQ(active_masked, 0u);
  EXPECT_EQ(active, 1u << 2);
  EXPECT_EQ(claim, 2u);  // line 1 + 1
  const std::vector<std::pair<std::uint64_t, bool>> expected{{2 * kUs, true}, {4 * kUs, false}};
  EXPECT_EQ(b.rec.edges, expected);
  EXPECT_EQ(b.timer.cpu_interrupts(), 1u);
}

TEST(Timer, RegisterAccessErrors) {
  Bench b;
  std::vector<tlm::tlm_response_status> got;
  b.cpu.script = [&](BusInitiator& c) {
    got.push_back(c.write(SUSHI_TIMER_REG_MTIME_LO, 5));  // read-only
    got.push_back(c.write(SUSHI_INTC_REG_PENDING, 1));    // read-only
    c.read(0x0F0);
    got.push_back(c.last);                                // unmapped
  };
  sc_core::sc_start(1, SC_US);
  const std::vector<tlm::tlm_response_status> expected{
      tlm::TLM_COMMAND_ERROR_RESPONSE, tlm::TLM_COMMAND_ERROR_RESPONSE, tlm::TLM_ADDRESS_ERROR_RESPONSE};
  EXPECT_EQ(got, expected);
}
