#include "query_port.h"

#include <cstring>
#include <stdexcept>
#include <string>

#include "sushi/query_port_regs.h"

namespace sushi {

const char* to_string(QueryPortState s) {
  switch (s) {
    case QueryPortState::pending: return "pending";
    case QueryPortState::queued: return "queued";
    case QueryPortState::dropped: return "dropped";
    case QueryPortState::started: return "started";
    case QueryPortState::completed: return "completed";
  }
  return "?";
}

namespace {
std::uint32_t lo(std::uint64_t v) { return static_cast<std::uint32_t>(v); }
std::uint32_t hi(std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); }
std::uint32_t sat32(std::uint64_t v) { return v > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<std::uint32_t>(v); }
}  // namespace

QueryPort::QueryPort(const sc_core::sc_module_name& name, QueryPortParams params)
    : sc_module(name), socket("socket"), irq("irq"), params_(std::move(params)), regs_(this->name()) {
  if (params_.fifo_depth == 0) throw std::invalid_argument(std::string(this->name()) + ": fifo_depth must be >= 1");
  if (params_.queues == 0 || params_.queues > 32) {
    throw std::invalid_argument(std::string(this->name()) + ": queues must be 1 .. 32");
  }
  fifos_.resize(params_.queues);
  records_.reserve(params_.queries.size());
  for (std::size_t i = 0; i < params_.queries.size(); ++i) {
    const auto& q = params_.queries[i];
    if (i > 0 && q.arrival_ps < params_.queries[i - 1].arrival_ps) {
      throw std::invalid_argument(std::string(this->name()) + ": queries must be sorted by arrival (query " +
                                  std::to_string(q.id) + ")");
    }
    if (q.task >= params_.queues) {
      throw std::invalid_argument(std::string(this->name()) + ": query " + std::to_string(q.id) + " of task " +
                                  std::to_string(q.task) + " beyond the " + std::to_string(params_.queues) + " queues");
    }
    if (!index_.emplace(q.id, i).second) {
      throw std::invalid_argument(std::string(this->name()) + ": duplicate query id " + std::to_string(q.id));
    }
    QueryPortRecord r;
    r.request = q;
    records_.push_back(r);
  }

  using A = RegAccess;
  regs_.set_access_latency(params_.access_latency);
  regs_.add("ID", SUSHI_QP_REG_ID, A::ro, SUSHI_QP_ID_VALUE);
  regs_.add("VERSION", SUSHI_QP_REG_VERSION, A::ro, SUSHI_QP_IF_VERSION);
  regs_.add("STATUS", SUSHI_QP_REG_STATUS, A::ro).on_read([this](std::uint32_t) { return status_bits(); });
  regs_.add("IRQ_ENABLE", SUSHI_QP_REG_IRQ_ENABLE, A::rw).on_write([this](std::uint32_t, std::uint32_t) {
    update_irq();
  });
  regs_.add("COUNT", SUSHI_QP_REG_COUNT, A::ro).on_read([this](std::uint32_t) {
    return static_cast<std::uint32_t>(fifo().size());
  });
  regs_.add("DEPTH", SUSHI_QP_REG_DEPTH, A::ro, params_.fifo_depth);
  regs_.add("DROPPED", SUSHI_QP_REG_DROPPED, A::ro).on_read([this](std::uint32_t) { return sat32(dropped_); });
  regs_.add("ARRIVED", SUSHI_QP_REG_ARRIVED, A::ro).on_read([this](std::uint32_t) { return sat32(next_); });
  regs_.add("TOTAL", SUSHI_QP_REG_TOTAL, A::ro, sat32(records_.size()));
  regs_.add("COMPLETED", SUSHI_QP_REG_COMPLETED, A::ro).on_read([this](std::uint32_t) { return sat32(completed_); });
  regs_.add("ERR_CODE", SUSHI_QP_REG_ERR_CODE, A::ro).on_read([this](std::uint32_t) { return last_error_; });

  auto head_field = [this](auto field) {
    return [this, field](std::uint32_t) -> std::uint32_t {
      const QueryPortRecord* h = head();
      return h ? field(h->request) : 0u;
    };
  };
  regs_.add("REQ_ID_LO", SUSHI_QP_REG_REQ_ID_LO, A::ro).on_read(head_field([](const QueryPortRequest& q) { return lo(q.id); }));
  regs_.add("REQ_ID_HI", SUSHI_QP_REG_REQ_ID_HI, A::ro).on_read(head_field([](const QueryPortRequest& q) { return hi(q.id); }));
  regs_.add("REQ_ARRIVAL_LO", SUSHI_QP_REG_REQ_ARRIVAL_LO, A::ro)
      .on_read(head_field([](const QueryPortRequest& q) { return lo(q.arrival_ps / 1000); }));
  regs_.add("REQ_ARRIVAL_HI", SUSHI_QP_REG_REQ_ARRIVAL_HI, A::ro)
      .on_read(head_field([](const QueryPortRequest& q) { return hi(q.arrival_ps / 1000); }));
  regs_.add("REQ_SLO_LO", SUSHI_QP_REG_REQ_SLO_LO, A::ro)
      .on_read(head_field([](const QueryPortRequest& q) { return lo(q.slo_ps / 1000); }));
  regs_.add("REQ_SLO_HI", SUSHI_QP_REG_REQ_SLO_HI, A::ro)
      .on_read(head_field([](const QueryPortRequest& q) { return hi(q.slo_ps / 1000); }));
  regs_.add("REQ_MIN_ACC", SUSHI_QP_REG_REQ_MIN_ACC, A::ro)
      .on_read(head_field([](const QueryPortRequest& q) { return q.min_accuracy_milli; }));
  regs_.add("QUEUE_SELECT", SUSHI_QP_REG_QUEUE_SELECT, A::rw).on_write([this](std::uint32_t v, std::uint32_t) {
    selected_ = v;  // range checked by check_command
  });
  regs_.add("QUEUES_PENDING", SUSHI_QP_REG_QUEUES_PENDING, A::ro).on_read([this](std::uint32_t) {
    std::uint32_t bits = 0;
    for (std::size_t t = 0; t < fifos_.size(); ++t) bits |= fifos_[t].empty() ? 0u : 1u << t;
    return bits;
  });
  regs_.add("QUEUE_IRQ_MASK", SUSHI_QP_REG_QUEUE_IRQ_MASK, A::rw, 0xFFFFFFFFu)
      .on_write([this](std::uint32_t, std::uint32_t) { update_irq(); });
  regs_.add("QUEUES", SUSHI_QP_REG_QUEUES, A::ro, params_.queues);
  regs_.add("POP", SUSHI_QP_REG_POP, A::wo).on_write([this](std::uint32_t, std::uint32_t) { pop(); });

  regs_.add("CPL_ID_LO", SUSHI_QP_REG_CPL_ID_LO, A::rw);
  regs_.add("CPL_ID_HI", SUSHI_QP_REG_CPL_ID_HI, A::rw);
  regs_.add("CPL_SUBNET", SUSHI_QP_REG_CPL_SUBNET, A::rw);
  regs_.add("CPL_STATUS", SUSHI_QP_REG_CPL_STATUS, A::rw);
  regs_.add("CPL_REASON", SUSHI_QP_REG_CPL_REASON, A::rw);
  regs_.add("CPL_PROCESSOR", SUSHI_QP_REG_CPL_PROCESSOR, A::rw);
  regs_.add("CPL_COMMIT", SUSHI_QP_REG_CPL_COMMIT, A::wo).on_write([this](std::uint32_t, std::uint32_t) { commit(); });

  socket.register_b_transport(this, &QueryPort::b_transport);
  socket.register_transport_dbg(this, &QueryPort::transport_dbg);
  SC_HAS_PROCESS(QueryPort);
  SC_THREAD(feed);
  SC_METHOD(drive_irq);
  sensitive << irq_changed_;
  dont_initialize();
}

bool QueryPort::any_waiting() const {
  for (const auto& f : fifos_) {
    if (!f.empty()) return true;
  }
  return false;
}

std::size_t QueryPort::fifo_size() const {
  std::size_t n = 0;
  for (const auto& f : fifos_) n += f.size();
  return n;
}

bool QueryPort::all_done() const { return next_ == records_.size() && !any_waiting() && popped_ == completed_; }

const QueryPortRecord* QueryPort::head() const { return fifo().empty() ? nullptr : &records_[fifo().front()]; }

std::uint32_t QueryPort::status_bits() const {
  std::uint32_t s = 0;
  const bool waiting = any_waiting();
  if (waiting) s |= SUSHI_QP_STATUS_NOT_EMPTY;
  if (fifo().size() >= params_.fifo_depth) s |= SUSHI_QP_STATUS_FULL;
  if (next_ == records_.size()) s |= SUSHI_QP_STATUS_DRAINED;
  if (next_ == records_.size() && !waiting) s |= SUSHI_QP_STATUS_FINISHED;
  return s;
}

void QueryPort::deliver_until(std::uint64_t t_ps) {
  bool changed = false;
  while (next_ < records_.size() && records_[next_].request.arrival_ps <= t_ps) {
    QueryPortRecord& r = records_[next_];
    auto& q = fifos_[r.request.task];  // its task's queue
    if (q.size() >= params_.fifo_depth) {
      r.state = QueryPortState::dropped;
      ++dropped_;
    } else {
      r.state = QueryPortState::queued;
      q.push_back(next_);
      if (q.size() > max_occupancy_) max_occupancy_ = q.size();
    }
    ++next_;
    changed = true;
  }
  if (changed) {
    update_irq();
    check_done();
  }
}

void QueryPort::update_irq() {
  const std::uint32_t mask = regs_.at(SUSHI_QP_REG_QUEUE_IRQ_MASK).get();
  bool level = false;
  for (std::size_t t = 0; t < fifos_.size() && !level; ++t) level = !fifos_[t].empty() && ((mask >> t) & 1u);
  irq_level_ = level && (regs_.at(SUSHI_QP_REG_IRQ_ENABLE).get() & SUSHI_QP_IRQ_REQUEST) != 0;
  irq_changed_.notify(sc_core::SC_ZERO_TIME);
}

// The one process that writes the interrupt line (a signal may have only one writer; the
// feeder thread and the initiators' threads both change the FIFO). One delta after the change.
void QueryPort::drive_irq() { irq.write(irq_level_); }

void QueryPort::check_done() {
  if (!done_notified_ && all_done()) {
    done_notified_ = true;
    all_done_event_.notify(sc_core::SC_ZERO_TIME);
  }
}

void QueryPort::feed() {
  update_irq();
  while (next_ < records_.size()) {
    const std::uint64_t now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
    const std::uint64_t at = records_[next_].request.arrival_ps;
    if (at > now) wait(sc_core::sc_time::from_value(at - now));
    deliver_until(static_cast<std::uint64_t>(sc_core::sc_time_stamp().value()));
  }
  check_done();  // an empty workload is done at once
}

void QueryPort::pop() {
  const std::size_t i = fifo().front();
  fifo().pop_front();
  QueryPortRecord& r = records_[i];
  r.state = QueryPortState::started;
  r.start_ps = now_ps_;
  ++popped_;
  wait_.add(r.start_ps - r.request.arrival_ps);
  update_irq();
  if (on_start_) on_start_(r);
}

void QueryPort::commit() {
  const std::uint64_t id = (static_cast<std::uint64_t>(regs_.at(SUSHI_QP_REG_CPL_ID_HI).get()) << 32) |
                           regs_.at(SUSHI_QP_REG_CPL_ID_LO).get();
  QueryPortRecord& r = records_[index_.at(id)];
  r.state = QueryPortState::completed;
  r.end_ps = now_ps_;
  r.subnet = regs_.at(SUSHI_QP_REG_CPL_SUBNET).get();
  r.status = regs_.at(SUSHI_QP_REG_CPL_STATUS).get();
  r.reason = regs_.at(SUSHI_QP_REG_CPL_REASON).get();
  r.processor = regs_.at(SUSHI_QP_REG_CPL_PROCESSOR).get();
  ++completed_;
  service_.add(r.end_ps - r.start_ps);
  latency_.add(r.end_ps - r.request.arrival_ps);
  if (on_end_) on_end_(r);
  check_done();
}

std::uint32_t QueryPort::check_command(std::uint32_t offset, std::uint32_t value) const {
  if (offset == SUSHI_QP_REG_POP) {
    if (value != 1) return SUSHI_QP_ERR_BAD_COMMAND;
    if (fifo().empty()) return SUSHI_QP_ERR_POP_EMPTY;
  } else if (offset == SUSHI_QP_REG_QUEUE_SELECT) {
    if (value >= fifos_.size()) return SUSHI_QP_ERR_BAD_QUEUE;
  } else if (offset == SUSHI_QP_REG_CPL_COMMIT) {
    if (value != 1) return SUSHI_QP_ERR_BAD_COMMAND;
    const std::uint64_t id = (static_cast<std::uint64_t>(regs_.registers().at(SUSHI_QP_REG_CPL_ID_HI).get()) << 32) |
                             regs_.registers().at(SUSHI_QP_REG_CPL_ID_LO).get();
    auto it = index_.find(id);
    if (it == index_.end()) return SUSHI_QP_ERR_UNKNOWN_ID;
    const QueryPortState s = records_[it->second].state;
    if (s == QueryPortState::completed) return SUSHI_QP_ERR_DOUBLE_COMMIT;
    if (s != QueryPortState::started) return SUSHI_QP_ERR_NOT_STARTED;
  }
  return SUSHI_QP_ERR_NONE;
}

void QueryPort::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  now_ps_ = static_cast<std::uint64_t>((sc_core::sc_time_stamp() + delay).value());
  deliver_until(now_ps_);
  // Commands that cannot be carried out answer with a command error (the CPU model turns it into
  // a firmware fault) and leave ERR_CODE saying why; nothing changes.
  if (trans.is_write() && trans.get_data_length() == 4 && trans.get_byte_enable_ptr() == nullptr &&
      (trans.get_address() == SUSHI_QP_REG_POP || trans.get_address() == SUSHI_QP_REG_CPL_COMMIT ||
       trans.get_address() == SUSHI_QP_REG_QUEUE_SELECT)) {
    std::uint32_t v = 0;
    std::memcpy(&v, trans.get_data_ptr(), 4);
    if (const std::uint32_t err = check_command(static_cast<std::uint32_t>(trans.get_address()), v)) {
      last_error_ = err;
      ++refused_;
      trans.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
      return;
    }
  }
  regs_.b_transport(trans, delay);
}

unsigned int QueryPort::transport_dbg(tlm::tlm_generic_payload& trans) {
  // Debug reads see stored values without side effects; debug writes are ignored (a debugger
  // must not pop queries or commit records).
  if (!trans.is_read()) return 0;
  return regs_.transport_dbg(trans);
}

void QueryPort::report_stats(Json& out) const {
  out["queries_count"] = records_.size();
  out["arrived_count"] = next_;
  out["dropped_count"] = dropped_;
  out["started_count"] = popped_;
  out["completed_count"] = completed_;
  out["refused_commands_count"] = refused_;
  out["fifo_depth_count"] = params_.fifo_depth;
  out["fifo_max_occupancy_count"] = max_occupancy_;
  wait_.to_json(out, "queue_wait_", "ns", 1000.0);
  service_.to_json(out, "service_", "ns", 1000.0);
  latency_.to_json(out, "latency_", "ns", 1000.0);
}

}  // namespace sushi
