// The query port: a memory-mapped mailbox between the workload and the firmware
// (register map: hw/include/sushi/query_port_regs.h; docs/query-port.md).
//
// The workload's queries enter a bounded request FIFO at their arrival times; one that finds the
// FIFO full is dropped and counted. The interrupt line is high while the FIFO is non-empty and
// IRQ_ENABLE.REQUEST is set. The firmware reads the head request, POPs it (start timestamp),
// and commits a completion record (end timestamp). Every query keeps a record (arrival, start,
// end, SubNet, status, dropped) for queries.csv.
//
// Time of an access: sc_time_stamp() + the initiator's annotated delay, so an initiator running
// ahead of the kernel (temporal decoupling) is timestamped at its own local time. Arrivals are
// delivered lazily up to that time before every access, and by a thread at their exact arrival
// times otherwise, so the FIFO contents seen by an access are those at its own time.
#pragma once

#include <cstdint>
#include <functional>
#include <deque>
#include <unordered_map>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/latency_stats.h"
#include "util/params.h"
#include "common/register_bank.h"
#include "common/stats.h"

namespace sushi {

struct QueryPortRequest {
  std::uint64_t id = 0;
  std::uint64_t arrival_ps = 0;
  std::uint64_t slo_ps = 0;
  std::uint32_t min_accuracy_milli = 0;  // top-1 floor in 0.001 %, 0 = none
  std::uint32_t task = 0;                // its task: the queue it waits in
};

// The query_port.* keys declared once in describe() (models/common/params.h). The register
// block's address is placed by the platform (platform/soc/serving.cpp), so it is unbound here.
struct QueryPortParams {
  QueryPortParams() { params::apply_defaults(*this); }

  std::uint32_t fifo_depth;
  std::vector<QueryPortRequest> queries;  // sorted by arrival; ids unique
  std::uint32_t queues = 1;               // one request FIFO per task (1 .. 32); tasks < queues
  sc_core::sc_time access_latency = sc_core::SC_ZERO_TIME;  // added to every register access

  template <class V, class P>
  static void describe(V& v, P& p) {
    v.section("query_port", "The mailbox between the workload and the firmware (docs/query-port.md).");
    v.integer("query_port.base", params::unbound, 0x40010000LL, 0, std::nullopt, "Register block address");
    v.integer("query_port.fifo_depth", p.fifo_depth, 16, 1, 65536,
              "Request FIFO capacity; a query arriving when it is full is dropped (and counted)");
  }
};

enum class QueryPortState {
  pending,    // not arrived yet
  queued,     // in the FIFO
  dropped,    // arrived at a full FIFO
  started,    // popped by the firmware
  completed,  // completion record committed
};
const char* to_string(QueryPortState s);

struct QueryPortRecord {
  QueryPortRequest request;
  QueryPortState state = QueryPortState::pending;
  std::uint64_t start_ps = 0;   // POP
  std::uint64_t end_ps = 0;     // CPL_COMMIT
  std::uint32_t subnet = 0;     // CPL_SUBNET
  std::uint32_t status = 0;     // CPL_STATUS (SUSHI_QP_CPL_*)
  std::uint32_t reason = 0;     // CPL_REASON (enum sushi_choice_reason)
  std::uint32_t processor = 0;  // CPL_PROCESSOR (index in the boot info's accelerators)
  bool dropped() const { return state == QueryPortState::dropped; }
};

class QueryPort : public sc_core::sc_module, public StatsProvider {
 public:
  tlm_utils::simple_target_socket<QueryPort> socket;
  sc_core::sc_out<bool> irq;

  QueryPort(const sc_core::sc_module_name& name, QueryPortParams params);

  // One record per query, in the order of params.queries.
  const std::vector<QueryPortRecord>& records() const { return records_; }
  // Called when a query starts (POP) and ends (CPL_COMMIT), in bus-call order, so an observer can
  // snapshot energy and counters around each query's service (platform/run: queries.csv).
  using Observer = std::function<void(const QueryPortRecord&)>;
  void on_start(Observer f) { on_start_ = std::move(f); }
  void on_end(Observer f) { on_end_ = std::move(f); }
  std::uint64_t dropped() const { return dropped_; }
  std::uint64_t arrived() const { return next_; }
  std::uint64_t completed() const { return completed_; }
  std::size_t fifo_size() const;  // requests waiting, all queues
  // Every query has arrived and every non-dropped one is completed.
  bool all_done() const;
  // Notified when all_done() becomes true.
  const sc_core::sc_event& all_done_event() const { return all_done_event_; }

  void report_stats(Json& out) const override;

 private:
  Observer on_start_, on_end_;
  void feed();  // SC_THREAD: delivers arrivals at their times
  void deliver_until(std::uint64_t t_ps);
  void update_irq();
  void drive_irq();  // SC_METHOD
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
  // Refuses a POP or CPL_COMMIT write that cannot be carried out; returns the error code.
  std::uint32_t check_command(std::uint32_t offset, std::uint32_t value) const;
  void pop();
  void commit();
  std::uint32_t status_bits() const;
  const QueryPortRecord* head() const;
  void check_done();

  QueryPortParams params_;
  RegisterBank regs_;
  std::vector<QueryPortRecord> records_;
  std::unordered_map<std::uint64_t, std::size_t> index_;  // id -> record
  std::vector<std::deque<std::size_t>> fifos_;  // per queue (task): record indices, head first
  std::uint32_t selected_ = 0;     // QUEUE_SELECT
  std::deque<std::size_t>& fifo() { return fifos_[selected_]; }
  const std::deque<std::size_t>& fifo() const { return fifos_[selected_]; }
  bool any_waiting() const;
  std::uint64_t next_ = 0;         // next record to arrive
  std::uint64_t now_ps_ = 0;       // time of the access being served
  std::uint64_t dropped_ = 0, popped_ = 0, completed_ = 0, refused_ = 0;
  std::size_t max_occupancy_ = 0;
  std::uint32_t last_error_ = 0;
  bool done_notified_ = false;
  bool irq_level_ = false;
  sc_core::sc_event irq_changed_, all_done_event_;
  LatencyStats wait_, service_, latency_;
};

}  // namespace sushi
