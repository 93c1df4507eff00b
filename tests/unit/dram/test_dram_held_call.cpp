// An fr_fcfs request answered without holding b_transport (common/held_call.h): only for an
// initiator that attaches HeldCall, only when the request is placed whole at its arrival and
// nothing else in the kernel happens up to its end; then the answer is the held call's.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>

#include "common/held_call.h"
#include "dram_test_util.h"

namespace sushi::dram::test {
namespace {

std::uint64_t now_ps() { return sc_core::sc_time_stamp().value(); }

// Reads 32 B (one LPDDR4 burst) at each address in turn, each `gap_ps` after the previous
// answer, from a thread; records the kernel's time and the answer after each call.
struct Reader : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Reader> socket;
  std::vector<std::uint64_t> addrs;
  bool attach = true;
  struct Answer {
    std::uint64_t kernel_ps, done_ps, until_ps;
  };
  std::vector<Answer> answers;
  Reader(sc_core::sc_module_name n, std::vector<std::uint64_t> a) : sc_module(n), socket("socket"), addrs(std::move(a)) {
    SC_HAS_PROCESS(Reader);
    SC_THREAD(run);
  }
  void run() {
    std::uint8_t buf[32] = {};
    std::uint64_t at = 0;  // where this thread stands (ps)
    for (const std::uint64_t addr : addrs) {
      tlm::tlm_generic_payload gp;
      gp.set_command(tlm::TLM_READ_COMMAND);
      gp.set_address(addr);
      gp.set_data_ptr(buf);
      gp.set_data_length(32);
      gp.set_streaming_width(32);
      HeldCall held;
      if (attach) gp.set_extension(&held);
      sc_core::sc_time delay = sc_core::sc_time::from_value(at - now_ps());
      socket->b_transport(gp, delay);
      if (attach) gp.clear_extension(&held);
      answers.push_back({now_ps(), now_ps() + delay.value(), held.until_ps});
      at = std::max(now_ps(), held.until_ps);
    }
  }
};

// Something else in the kernel at `at_ps`.
struct Alarm : sc_core::sc_module {
  std::uint64_t at_ps;
  Alarm(sc_core::sc_module_name n, std::uint64_t t) : sc_module(n), at_ps(t) {
    SC_HAS_PROCESS(Alarm);
    SC_THREAD(run);
  }
  void run() { sc_core::wait(sc_core::sc_time::from_value(at_ps)); }
};

// One answer: the kernel's time after the call, the answer's time (kernel + delay), until_ps.
void expect_answer(const Reader::Answer& a, std::uint64_t kernel_ps, std::uint64_t done_ps, std::uint64_t until_ps) {
  EXPECT_EQ(a.kernel_ps, kernel_ps);
  EXPECT_EQ(a.done_ps, done_ps);
  EXPECT_EQ(a.until_ps, until_ps);
}

DramParams fr_fcfs_lpddr4() {
  DramParams p = lpddr4();
  p.scheduler = SchedulerKind::fr_fcfs;
  return p;
}

// Two reads of one LPDDR4 row (one burst each, the second the row's next burst) through fr_fcfs.
struct TwoReads {
  EnergyLedger ledger;
  DramController dram{"dram", fr_fcfs_lpddr4(), ledger};
  Reader r{"r", {lp_addr(0, 0, 1, 0), lp_addr(0, 0, 1, 1)}};
  explicit TwoReads(bool attach = true) {
    r.attach = attach;
    r.socket.bind(dram.socket);
  }
  // Simulates; the two answers (empty if the reader did not finish).
  std::vector<Reader::Answer> run() {
    sc_core::sc_start();
    return r.answers.size() == 2 ? r.answers : std::vector<Reader::Answer>{};
  }
};

TEST(DramHeldCall, AnsweredAtOnceWhenNothingElseHappens) {
  TwoReads t;
  const auto a = t.run();
  // Read 0 at 0, closed bank: ACT 0, RD 29, data end 29 + 37 + 8 = 74 cycles = 46.25 ns, answered
  // at kernel time 0 with the thread told to act from 46.25 ns. Read 1 arrives there, cycle 74,
  // a row hit: RD 74, end 74 + 45 = 119 cycles = 74.375 ns. The kernel never left 0 for them; the
  // held calls would have returned at 46.25 and 74.375 ns.
  ASSERT_EQ(a.size(), 2u);
  expect_answer(a[0], 0u, 46250u, 46250u);
  expect_answer(a[1], 0u, 74375u, 74375u);
  EXPECT_EQ(t.dram.requests_answered_early(), 2u);
  EXPECT_EQ(t.dram.latency().max(), 46250u);
}

TEST(DramHeldCall, HeldWhenSomethingElseHappensFirst) {
  // Another process acts at 10 ns, before read 0's end: read 0 is held to 46.25 ns as without
  // the extension; read 1 then arrives with nothing pending: answered early.
  Alarm alarm("alarm", 10000);
  TwoReads t;
  const auto a = t.run();
  ASSERT_EQ(a.size(), 2u);
  expect_answer(a[0], 46250u, 46250u, 0u);
  expect_answer(a[1], 46250u, 74375u, 74375u);
  EXPECT_EQ(t.dram.requests_answered_early(), 1u);
}

TEST(DramHeldCall, AnInitiatorWithoutTheExtensionIsHeld) {
  TwoReads t(false);
  const auto a = t.run();
  ASSERT_EQ(a.size(), 2u);
  expect_answer(a[0], 46250u, 46250u, 0u);
  expect_answer(a[1], 74375u, 74375u, 0u);
  EXPECT_EQ(t.dram.requests_answered_early(), 0u);
}

}  // namespace
}  // namespace sushi::dram::test
