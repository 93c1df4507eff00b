// sc_spawn for the worker threads (must precede the first SystemC include).
#define SC_INCLUDE_DYNAMIC_PROCESSES
#include "traffic_generator.h"

#include <tlm_utils/tlm_quantumkeeper.h>

namespace sushi {

namespace {
std::uint64_t hash_name(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}
}  // namespace

TrafficGenerator::TrafficGenerator(const sc_core::sc_module_name& name,
                                   const TrafficGeneratorParams& params)
    : sc_module(name),
      socket("socket"),
      params_(params),
      rng_state_(params.seed ^ hash_name(this->name())),
      buffer_(params.transaction_bytes, 0) {
  SC_HAS_PROCESS(TrafficGenerator);
  SC_THREAD(run);
}

std::uint64_t TrafficGenerator::next_random() {
  // SplitMix64 (Steele, Lea, Flood 2014): small, fast, and identical on every platform.
  std::uint64_t z = (rng_state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

TrafficGenerator::Request TrafficGenerator::request(std::uint64_t i) {
  if (params_.trace) {
    const TraceRequest& t = (*params_.trace)[i];
    return {params_.region_base + t.address, params_.start_ps + t.time_ps, t.bytes, t.write};
  }
  const std::uint64_t slots = params_.region_size / params_.transaction_bytes;
  const std::uint64_t slot = params_.pattern == TrafficGeneratorParams::Pattern::sequential ? i % slots
                                                                                          : next_random() % slots;
  const double u = static_cast<double>(next_random() >> 11) * 0x1.0p-53;
  return {params_.region_base + slot * params_.transaction_bytes, 0,
          static_cast<std::uint32_t>(params_.transaction_bytes), !(u < params_.read_fraction)};
}

void TrafficGenerator::run_workers() {
  if (params_.start_ps > 0) wait(sc_core::sc_time::from_value(params_.start_ps));
  first_issue_ps_ = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  running_ = params_.outstanding;
  for (std::uint32_t w = 1; w < params_.outstanding; ++w) {
    sc_core::sc_spawn([this] { worker(); }, sc_core::sc_gen_unique_name("worker"));
  }
  worker();
}

void TrafficGenerator::worker() {
  const std::uint64_t total = params_.trace ? params_.trace->size() : params_.transactions;
  std::vector<std::uint8_t> data;
  tlm::tlm_generic_payload trans;
  while (next_index_ < total) {
    const std::uint64_t i = next_index_++;
    const Request r = request(i);
    const auto now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
    if (r.issue_ps > now) wait(sc_core::sc_time::from_value(r.issue_ps - now));
    data.resize(r.bytes);
    if (r.write) {
      for (std::uint32_t b = 0; b < r.bytes; ++b) data[b] = static_cast<std::uint8_t>(i + b);
    }
    trans.set_command(r.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    trans.set_address(r.address);
    trans.set_data_ptr(data.data());
    trans.set_data_length(r.bytes);
    trans.set_streaming_width(r.bytes);
    trans.set_byte_enable_ptr(nullptr);
    trans.set_dmi_allowed(false);
    trans.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    const sc_core::sc_time start = sc_core::sc_time_stamp();
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(trans, delay);
    wait(delay);  // in flight until its completion: at most `outstanding` at a time
    ++issued_;
    if (trans.is_response_error()) {
      ++errors_;
    } else {
      latency_.add(static_cast<std::uint64_t>((sc_core::sc_time_stamp() - start).value()));
      (r.write ? writes_ : reads_) += 1;
      bytes_ += r.bytes;
    }
    if (params_.interval_ps > 0) wait(sc_core::sc_time::from_value(params_.interval_ps));
  }
  if (--running_ == 0) finish();
}

void TrafficGenerator::finish() {
  last_done_ps_ = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  done_ = true;
  done_event_.notify();
}

void TrafficGenerator::run() {
  if (params_.outstanding > 1 || params_.trace) {
    run_workers();
    return;
  }
  tlm_utils::tlm_quantumkeeper qk;
  qk.reset();
  if (params_.start_ps > 0) wait(sc_core::sc_time::from_value(params_.start_ps));
  const std::uint64_t slots = params_.region_size / params_.transaction_bytes;
  tlm::tlm_generic_payload trans;
  first_issue_ps_ = static_cast<std::uint64_t>(qk.get_current_time().value());
  for (std::uint64_t i = 0; i < params_.transactions; ++i) {
    const std::uint64_t slot = params_.pattern == TrafficGeneratorParams::Pattern::sequential
                                   ? i % slots
                                   : next_random() % slots;
    // Reads vs writes: a deterministic draw against read_fraction (53-bit uniform in [0,1)).
    const double u = static_cast<double>(next_random() >> 11) * 0x1.0p-53;
    const bool is_read = u < params_.read_fraction;
    trans.set_command(is_read ? tlm::TLM_READ_COMMAND : tlm::TLM_WRITE_COMMAND);
    trans.set_address(params_.region_base + slot * params_.transaction_bytes);
    trans.set_data_ptr(buffer_.data());
    trans.set_data_length(static_cast<unsigned int>(params_.transaction_bytes));
    trans.set_streaming_width(static_cast<unsigned int>(params_.transaction_bytes));
    trans.set_byte_enable_ptr(nullptr);
    trans.set_dmi_allowed(false);
    trans.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    if (!is_read) {
      for (std::uint64_t b = 0; b < params_.transaction_bytes; ++b) {
        buffer_[b] = static_cast<std::uint8_t>(i + b);
      }
    }

    sc_core::sc_time delay = qk.get_local_time();
    const sc_core::sc_time issued = sc_core::sc_time_stamp() + delay;
    socket->b_transport(trans, delay);
    ++issued_;
    if (trans.is_response_error()) {
      ++errors_;
    } else {
      // The answer is due at the kernel's time at the return plus the annotated delay: a target
      // that waited (the fr_fcfs DRAM controller) moved the kernel's time during the call.
      latency_.add(static_cast<std::uint64_t>((sc_core::sc_time_stamp() + delay - issued).value()));
      (is_read ? reads_ : writes_) += 1;
      bytes_ += params_.transaction_bytes;
    }
    qk.set(delay + sc_core::sc_time::from_value(params_.interval_ps));
    if (qk.need_sync()) qk.sync();
  }
  qk.sync();
  finish();
}

void TrafficGenerator::report_stats(Json& out) const {
  out["issued_count"] = issued_;
  out["reads_count"] = reads_;
  out["writes_count"] = writes_;
  out["bytes_B"] = bytes_;
  out["errors_count"] = errors_;
  const std::uint64_t span = last_done_ps_ > first_issue_ps_ ? last_done_ps_ - first_issue_ps_ : 0;
  out["active_time_ps"] = span;
  out["throughput_GBps"] = span ? static_cast<double>(bytes_) / (static_cast<double>(span) * 1e-12) / 1e9 : 0.0;
  latency_.to_json(out, "latency_", "ns", 1000.0);
}

}  // namespace sushi
