// The DMA engine against a target that waits inside b_transport (as the fr_fcfs DRAM controller
// does until the data end): the annotated delay it returns counts from the kernel's time at the
// return, so a burst's completion is that time plus the delay (TLM-2.0 loosely timed rules); or
// that answers early in place of holding the call (common/held_call.h), with the same result.
// Each TEST is its own process (one SystemC simulation each).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include <systemc>

#include "accel/sushi/dma_engine.h"

namespace sushi::accel::test {
namespace {

std::uint64_t now_ps() { return sc_core::sc_time_stamp().value(); }

// Runs one transfer from a thread. The target: with wait_ps > 0 it waits until the request's
// arrival (now + the annotated delay), holds the call wait_ps more and answers with delay_ps
// annotated; with wait_ps = 0 it adds delay_ps to the annotation without waiting.
// answer_early: instead of waiting, the target answers at once as if it had held the call until
// arrival + wait_ps (common/held_call.h), the delay counting from the kernel's time.
struct DmaHarness : sc_core::sc_module {
  AccelParams p;
  std::uint64_t bytes, wait_ps, delay_ps;
  bool answer_early = false;
  std::uint64_t done = 0, calls = 0, thread_time = 0;
  std::vector<std::uint64_t> arrivals;  // ps, as the target saw them
  DmaHarness(sc_core::sc_module_name n, const AccelParams& params, std::uint64_t b, std::uint64_t w, std::uint64_t d)
      : sc_module(n), p(params), bytes(b), wait_ps(w), delay_ps(d) {
    SC_HAS_PROCESS(DmaHarness);
    SC_THREAD(run);
  }
  void run() {
    DmaEngine dma(p, [this](tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
      ++calls;
      const std::uint64_t arrival = now_ps() + delay.value();
      arrivals.push_back(arrival);
      HeldCall* held = gp.get_extension<HeldCall>();
      if (wait_ps == 0) {
        delay += sc_core::sc_time::from_value(delay_ps);
      } else if (answer_early && held) {
        held->until_ps = arrival + wait_ps;
        delay = sc_core::sc_time::from_value(arrival + wait_ps + delay_ps - now_ps());
      } else {
        sc_core::wait(delay + sc_core::sc_time::from_value(wait_ps));
        delay = sc_core::sc_time::from_value(delay_ps);
      }
      gp.set_response_status(tlm::TLM_OK_RESPONSE);
    });
    done = dma.transfer(false, 0, bytes, nullptr, 0, all_ports(p));
    thread_time = dma.thread_time_ps();
  }
};

AccelParams one_port() {
  AccelParams p;
  p.clock_period_ps = 1000;  // 1 GHz
  p.dma_ports = 1;
  p.dma_port_bytes = 16;
  p.dma_max_outstanding = 4;
  p.dma_burst_bytes = 64;
  return p;
}

TEST(DmaEngine, CompletionCountsTheTargetsWait) {
  // Burst 0 issues at 0 and occupies the port 64 / 16 = 4 beats = 4 ns; the target holds the
  // call 100 ns and answers 5 ns later: done at 105 ns. Burst 1 may issue at 4 ns (port free,
  // a slot too), but the kernel is at 100 ns: it arrives then, is held to 200 ns, done at
  // 205 ns. (Counting the delay from the kernel's time before the call gave 105 ns: burst 1's
  // 100 ns in the target were lost.)
  DmaHarness h("h", one_port(), 128, 100000, 5000);
  sc_core::sc_start();
  EXPECT_EQ(h.calls, 2u);
  EXPECT_EQ(h.arrivals, (std::vector<std::uint64_t>{0, 100000}));
  EXPECT_EQ(h.done, 205000u);
  EXPECT_EQ(now_ps(), 200000u);
}

TEST(DmaEngine, AnEarlyAnswerActsAsTheHeldCall) {
  // The target of CompletionCountsTheTargetsWait answering early: burst 0 arrives at 0, held
  // (in effect) to 100 ns, done at 105 ns; burst 1 could issue at 4 ns but the thread stands at
  // 100 ns, so it arrives there, is held (in effect) to 200 ns, done at 205 ns: what the held calls
  // gave, while the kernel stayed at 0 and the thread ends at 200 ns.
  DmaHarness h("h", one_port(), 128, 100000, 5000);
  h.answer_early = true;
  sc_core::sc_start();
  EXPECT_EQ(h.arrivals, (std::vector<std::uint64_t>{0, 100000}));
  EXPECT_EQ(h.done, 205000u);
  EXPECT_EQ(h.thread_time, 200000u);
  EXPECT_EQ(now_ps(), 0u);
}

TEST(DmaEngine, CompletionOfANonWaitingTargetIsIssuePlusDelay) {
  // The same target without the wait: burst 0 done at 0 + 5 ns; burst 1 issues at 4 ns (port
  // free), done at 4 + 5 = 9 ns, in local time (the kernel stays at 0).
  DmaHarness h("h", one_port(), 128, 0, 5000);
  sc_core::sc_start();
  EXPECT_EQ(h.calls, 2u);
  EXPECT_EQ(h.done, 9000u);
}

}  // namespace
}  // namespace sushi::accel::test
