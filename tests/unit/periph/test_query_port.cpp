// Query port: FIFO, drops, interrupt level, exact timestamps, refused commands.
#include <gtest/gtest.h>

#include "bus_initiator.h"
#include "periph/query_port.h"
#include "sushi/query_port_regs.h"

using namespace sushi;
using sushi::test::BusInitiator;
using sushi::test::EdgeRecorder;
using sc_core::sc_time;
using sc_core::SC_NS;
using sc_core::SC_US;

namespace {

constexpr std::uint64_t kUs = 1'000'000;  // ps

QueryPortRequest req(std::uint64_t id, std::uint64_t arrival_ps, std::uint64_t slo_ps = 20'000 * kUs,
                     std::uint32_t acc = 0) {
  return {id, arrival_ps, slo_ps, acc};
}

// QueryPortParams with `depth` FIFO entries (the rest: the declared defaults).
QueryPortParams qp_params(std::uint32_t depth, std::vector<QueryPortRequest> q) {
  QueryPortParams p;
  p.fifo_depth = depth;
  p.queries = std::move(q);
  return p;
}

// A port with a test initiator and an interrupt recorder.
struct Bench {
  sc_core::sc_signal<bool> irq{"irq_sig"};
  QueryPort port;
  BusInitiator cpu{"cpu"};
  EdgeRecorder rec{"rec"};
  Bench(std::uint32_t depth, std::vector<QueryPortRequest> q) : port("qp", qp_params(depth, std::move(q))) {
    cpu.socket.bind(port.socket);
    port.irq(irq);
    rec.in(irq);
  }
};

}  // namespace

TEST(QueryPort, TimestampsArrivalStartAndEndExactly) {
  Bench b(16, {req(10, 1 * kUs, 20'000 * kUs, 76543), req(11, 2 * kUs)});
  std::uint32_t count = 0, id_lo = 0, arr = 0, slo = 0, acc = 0;
  b.cpu.script = [&](BusInitiator& c) {
    c.wait_until(3 * kUs);
    count = c.read(SUSHI_QP_REG_COUNT);
    id_lo = c.read(SUSHI_QP_REG_REQ_ID_LO);
    arr = c.read(SUSHI_QP_REG_REQ_ARRIVAL_LO);
    slo = c.read(SUSHI_QP_REG_REQ_SLO_LO);
    acc = c.read(SUSHI_QP_REG_REQ_MIN_ACC);
    EXPECT_EQ(c.write(SUSHI_QP_REG_POP, 1), tlm::TLM_OK_RESPONSE);
    c.wait_until(5 * kUs);
    c.write(SUSHI_QP_REG_CPL_ID_LO, 10);
    c.write(SUSHI_QP_REG_CPL_ID_HI, 0);
    c.write(SUSHI_QP_REG_CPL_SUBNET, 7);
    c.write(SUSHI_QP_REG_CPL_STATUS, SUSHI_QP_CPL_OK);
    EXPECT_EQ(c.write(SUSHI_QP_REG_CPL_COMMIT, 1), tlm::TLM_OK_RESPONSE);
  };
  sc_core::sc_start(10, SC_US);
  EXPECT_EQ(count, 2u);         // both arrived by 3 us
  EXPECT_EQ(id_lo, 10u);
  EXPECT_EQ(arr, 1000u);        // 1 us = 1000 ns
  EXPECT_EQ(slo, 20'000'000u);  // 20 ms = 2e7 ns
  EXPECT_EQ(acc, 76543u);       // 76.543 %
  const auto& r = b.port.records()[0];
  EXPECT_EQ(r.state, QueryPortState::completed);
  EXPECT_EQ(r.start_ps, 3 * kUs);  // popped at 3 us
  EXPECT_EQ(r.end_ps, 5 * kUs);    // committed at 5 us
  EXPECT_EQ(r.subnet, 7u);
  EXPECT_EQ(b.port.records()[1].state, QueryPortState::queued);
  EXPECT_EQ(b.port.fifo_size(), 1u);
}

TEST(QueryPort, OverflowIsCountedAsDrops) {
  Bench b(2, {req(0, 1 * kUs), req(1, 2 * kUs), req(2, 3 * kUs), req(3, 4 * kUs), req(4, 6 * kUs)});
  std::uint32_t count = 0, dropped = 0, arrived = 0, status = 0, total = 0;
  b.cpu.script = [&](BusInitiator& c) {
    c.wait_until(5 * kUs);
    count = c.read(SUSHI_QP_REG_COUNT);
    dropped = c.read(SUSHI_QP_REG_DROPPED);
    arrived = c.read(SUSHI_QP_REG_ARRIVED);
    total = c.read(SUSHI_QP_REG_TOTAL);
    status = c.read(SUSHI_QP_REG_STATUS);
    c.write(SUSHI_QP_REG_POP, 1);  // frees a slot before query 4 arrives at 6 us
  };
  sc_core::sc_start(10, SC_US);
  EXPECT_EQ(count, 2u);    // depth 2: queries 0 and 1
  EXPECT_EQ(dropped, 2u);  // 2 and 3 found the FIFO full
  EXPECT_EQ(arrived, 4u);
  EXPECT_EQ(total, 5u);
  EXPECT_EQ(status, SUSHI_QP_STATUS_NOT_EMPTY | SUSHI_QP_STATUS_FULL);
  EXPECT_TRUE(b.port.records()[2].dropped());
  EXPECT_TRUE(b.port.records()[3].dropped());
  EXPECT_EQ(b.port.records()[4].state, QueryPortState::queued);  // the pop made room
  EXPECT_EQ(b.port.dropped(), 2u);
}

TEST(QueryPort, InterruptFollowsFifoStateWhenEnabled) {
  Bench b(4, {req(0, 1 * kUs), req(1, 2 * kUs), req(2, 8 * kUs)});
  b.cpu.script = [&](BusInitiator& c) {
    c.write(SUSHI_QP_REG_IRQ_ENABLE, SUSHI_QP_IRQ_REQUEST);
    c.wait_until(4 * kUs);
    c.write(SUSHI_QP_REG_POP, 1);  // one left: stays high
    c.wait_until(5 * kUs);
    c.write(SUSHI_QP_REG_POP, 1);  // empty: low
    c.wait_until(9 * kUs);
    c.write(SUSHI_QP_REG_IRQ_ENABLE, 0);  // masked: low although query 2 waits
    c.wait_until(10 * kUs);
    c.write(SUSHI_QP_REG_IRQ_ENABLE, SUSHI_QP_IRQ_REQUEST);  // unmasked: high again
  };
  sc_core::sc_start(20, SC_US);
  const std::vector<std::pair<std::uint64_t, bool>> expected{
      {1 * kUs, true}, {5 * kUs, false}, {8 * kUs, true}, {9 * kUs, false}, {10 * kUs, true}};
  EXPECT_EQ(b.rec.edges, expected);
}

TEST(QueryPort, DecoupledInitiatorIsTimestampedAtItsLocalTime) {
  Bench b(4, {req(0, 1 * kUs)});
  std::uint32_t count = 0;
  b.cpu.script = [&](BusInitiator& c) {
    // Kernel time 0, local time 3 us: the query (arrived at 1 us) is visible and popped at 3 us.
    count = c.read(SUSHI_QP_REG_COUNT, sc_time(3, SC_US));
    c.write(SUSHI_QP_REG_POP, 1, sc_time(3, SC_US));
    c.write(SUSHI_QP_REG_CPL_ID_LO, 0, sc_time(4, SC_US));
    c.write(SUSHI_QP_REG_CPL_COMMIT, 1, sc_time(4500, SC_NS));
  };
  sc_core::sc_start(10, SC_US);
  EXPECT_EQ(count, 1u);
  EXPECT_EQ(b.port.records()[0].start_ps, 3 * kUs);
  EXPECT_EQ(b.port.records()[0].end_ps, 4500'000u);
  EXPECT_TRUE(b.port.all_done());
}

TEST(QueryPort, RefusedCommandsAnswerWithErrorsAndSayWhy) {
  Bench b(4, {req(0, 1 * kUs), req(1, 2 * kUs), req(5, 50 * kUs)});
  std::vector<std::pair<tlm::tlm_response_status, std::uint32_t>> got;
  b.cpu.script = [&](BusInitiator& c) {
    auto note = [&](tlm::tlm_response_status s) { got.emplace_back(s, c.read(SUSHI_QP_REG_ERR_CODE)); };
    note(c.write(SUSHI_QP_REG_POP, 1));  // 0 us: empty
    c.wait_until(3 * kUs);
    note(c.write(SUSHI_QP_REG_POP, 2));                               // not 1
    c.write(SUSHI_QP_REG_CPL_ID_LO, 1);
    note(c.write(SUSHI_QP_REG_CPL_COMMIT, 1));                        // 1 is still queued
    c.write(SUSHI_QP_REG_CPL_ID_LO, 99);
    note(c.write(SUSHI_QP_REG_CPL_COMMIT, 1));                        // no such id
    c.write(SUSHI_QP_REG_CPL_ID_LO, 5);
    note(c.write(SUSHI_QP_REG_CPL_COMMIT, 1));                        // 5 has not arrived
    c.write(SUSHI_QP_REG_POP, 1);
    c.write(SUSHI_QP_REG_CPL_ID_LO, 0);
    note(c.write(SUSHI_QP_REG_CPL_COMMIT, 1));                        // fine
    note(c.write(SUSHI_QP_REG_CPL_COMMIT, 1));                        // twice
    note(c.write(SUSHI_QP_REG_COUNT, 1));                             // read-only
    c.read(SUSHI_QP_REG_POP);
    got.emplace_back(c.last, 0);                                      // write-only
    c.read(0x0FC);
    got.emplace_back(c.last, 0);                                      // unmapped
  };
  sc_core::sc_start(10, SC_US);
  using S = tlm::tlm_response_status;
  const std::vector<std::pair<S, std::uint32_t>> expected{
      {tlm::TLM_COMMAND_ERROR_RESPONSE, SUSHI_QP_ERR_POP_EMPTY},
      {tlm::TLM_COMMAND_ERROR_RESPONSE, SUSHI_QP_ERR_BAD_COMMAND},
      {tlm::TLM_COMMAND_ERROR_RESPONSE, SUSHI_QP_ERR_NOT_STARTED},
      {tlm::TLM_COMMAND_ERROR_RESPONSE, SUSHI_QP_ERR_UNKNOWN_ID},
      {tlm::TLM_COMMAND_ERROR_RESPONSE, SUSHI_QP_ERR_NOT_STARTED},
      {tlm::TLM_OK_RESPONSE, SUSHI_QP_ERR_NOT_STARTED},  // ERR_CODE keeps the last refusal
      {tlm::TLM_COMMAND_ERROR_RESPONSE, SUSHI_QP_ERR_DOUBLE_COMMIT},
      {tlm::TLM_COMMAND_ERROR_RESPONSE, SUSHI_QP_ERR_DOUBLE_COMMIT},
      {tlm::TLM_COMMAND_ERROR_RESPONSE, 0},
      {tlm::TLM_ADDRESS_ERROR_RESPONSE, 0}};
  EXPECT_EQ(got, expected);
  // Nothing refused changed any state: query 1 is still queued, only query 0 completed.
  EXPECT_EQ(b.port.records()[1].state, QueryPortState::queued);
  EXPECT_EQ(b.port.completed(), 1u);
}

TEST(QueryPort, FinishedOnceEverythingArrivedAndTheFifoIsEmpty) {
  Bench b(4, {req(0, 1 * kUs)});
  std::uint32_t before = 0, queued = 0, after = 0;
  bool done_event = false;
  std::uint64_t done_at = 0;
  b.cpu.script = [&](BusInitiator& c) {
    before = c.read(SUSHI_QP_REG_STATUS);
    c.wait_until(2 * kUs);
    queued = c.read(SUSHI_QP_REG_STATUS);
    c.write(SUSHI_QP_REG_POP, 1);
    after = c.read(SUSHI_QP_REG_STATUS);
    c.wait_until(3 * kUs);
    c.write(SUSHI_QP_REG_CPL_ID_LO, 0);
    c.write(SUSHI_QP_REG_CPL_COMMIT, 1);
    sc_core::wait(b.port.all_done_event());
    done_event = true;
    done_at = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  };
  sc_core::sc_start(10, SC_US);
  EXPECT_EQ(before, 0u);
  EXPECT_EQ(queued, SUSHI_QP_STATUS_NOT_EMPTY | SUSHI_QP_STATUS_DRAINED);
  EXPECT_EQ(after, SUSHI_QP_STATUS_DRAINED | SUSHI_QP_STATUS_FINISHED);
  EXPECT_TRUE(done_event);
  EXPECT_EQ(done_at, 3 * kUs);
}

TEST(QueryPort, RejectsUnsortedOrDuplicateQueries) {
  EXPECT_THROW(QueryPort("a", qp_params(4, {req(0, 5), req(1, 4)})), std::invalid_argument);
  EXPECT_THROW(QueryPort("b", qp_params(4, {req(0, 5), req(0, 6)})), std::invalid_argument);
  EXPECT_THROW(QueryPort("c", qp_params(0, {})), std::invalid_argument);
}

// Task queues (several tasks): a request waits in its task's queue; QUEUE_SELECT picks the queue
// the head registers, COUNT and POP refer to; QUEUES_PENDING shows which hold a request; the line
// rises only for a non-empty queue in QUEUE_IRQ_MASK. Query 20 (task 0) at 1 us, 21 (task 1) at
// 2 us, 22 (task 1) at 6 us; the initiator masks queue 1 at 3 us, pops queue 1's head at 4 us and
// queue 0's at 5 us. The line rises at 1 us (queue 0 holds query 20) and falls at 5 us, when
// queue 0 empties (queue 1 is empty then, and masked); it stays low when query 22 arrives at 6 us
// into the masked queue 1.
TEST(QueryPort, TaskQueuesAreSelectedMaskedAndPoppedApart) {
  QueryPortParams p = qp_params(2, {{20, 1 * kUs, 20'000 * kUs, 0, 0}, {21, 2 * kUs, 20'000 * kUs, 0, 1},
                                    {22, 6 * kUs, 20'000 * kUs, 0, 1}});
  p.queues = 2;
  sc_core::sc_signal<bool> irq{"irq_sig"};
  QueryPort port("qp", std::move(p));
  BusInitiator cpu{"cpu"};
  EdgeRecorder rec{"rec"};
  cpu.socket.bind(port.socket);
  port.irq(irq);
  rec.in(irq);
  std::uint32_t pending = 0, queues = 0, count0 = 0, head1 = 0, count1 = 0, pending_end = 0;
  tlm::tlm_response_status bad_select = tlm::TLM_OK_RESPONSE;
  cpu.script = [&](BusInitiator& c) {
    c.write(SUSHI_QP_REG_IRQ_ENABLE, SUSHI_QP_IRQ_REQUEST);
    c.wait_until(3 * kUs);
    queues = c.read(SUSHI_QP_REG_QUEUES);
    pending = c.read(SUSHI_QP_REG_QUEUES_PENDING);
    count0 = c.read(SUSHI_QP_REG_COUNT);  // queue 0 selected at reset
    c.write(SUSHI_QP_REG_QUEUE_IRQ_MASK, 0x1);
    bad_select = c.write(SUSHI_QP_REG_QUEUE_SELECT, 2);
    c.wait_until(4 * kUs);
    c.write(SUSHI_QP_REG_QUEUE_SELECT, 1);
    head1 = c.read(SUSHI_QP_REG_REQ_ID_LO);
    count1 = c.read(SUSHI_QP_REG_COUNT);
    c.write(SUSHI_QP_REG_POP, 1);
    c.wait_until(5 * kUs);
    c.write(SUSHI_QP_REG_QUEUE_SELECT, 0);
    c.write(SUSHI_QP_REG_POP, 1);
    c.wait_until(7 * kUs);
    pending_end = c.read(SUSHI_QP_REG_QUEUES_PENDING);
  };
  sc_core::sc_start(10, SC_US);
  EXPECT_EQ(queues, 2u);
  EXPECT_EQ(pending, 0x3u);  // both queues hold a request at 3 us
  EXPECT_EQ(count0, 1u);
  EXPECT_EQ(bad_select, tlm::TLM_COMMAND_ERROR_RESPONSE);  // no queue 2
  EXPECT_EQ(head1, 21u);
  EXPECT_EQ(count1, 1u);
  EXPECT_EQ(port.records()[1].start_ps, 4 * kUs);
  EXPECT_EQ(port.records()[0].start_ps, 5 * kUs);
  EXPECT_EQ(pending_end, 0x2u);  // query 22 waits in queue 1
  ASSERT_EQ(rec.edges.size(), 2u);
  EXPECT_EQ(rec.edges[0], std::make_pair(1 * kUs, true));
  EXPECT_EQ(rec.edges[1], std::make_pair(5 * kUs, false));
}
