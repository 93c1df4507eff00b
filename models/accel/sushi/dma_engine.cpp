#include "accel/sushi/dma_engine.h"

#include <algorithm>
#include <cmath>

namespace sushi::accel {

namespace {
// Time resolution is 1 ps in every sushi-vp executable (see common rules); be exact anyway, in
// integers when the resolution is a whole number of ps (no double round trip per burst).
std::uint64_t ps_per_tick() {
  static const std::uint64_t n = [] {
    const double ps = sc_core::sc_get_time_resolution().to_seconds() * 1e12;
    return ps >= 1.0 && ps == static_cast<double>(static_cast<std::uint64_t>(ps)) ? static_cast<std::uint64_t>(ps) : 0;
  }();
  return n;  // 0: a fractional resolution, use doubles
}
std::uint64_t time_to_ps(const sc_core::sc_time& t) {
  if (const std::uint64_t k = ps_per_tick()) return t.value() * k;
  return static_cast<std::uint64_t>(t.to_seconds() * 1e12 + 0.5);
}
sc_core::sc_time ps_to_time(std::uint64_t ps) {
  if (const std::uint64_t k = ps_per_tick(); k == 1) return sc_core::sc_time::from_value(ps);
  return sc_core::sc_time(static_cast<double>(ps), sc_core::SC_PS);
}
std::uint64_t now_ps() { return time_to_ps(sc_core::sc_time_stamp()); }
}  // namespace

PortGroup all_ports(const AccelParams& p) {
  return PortGroup{0, p.dma_ports, static_cast<double>(p.clock_period_ps)};
}

PortGroup weight_ports(const AccelParams& p) {
  const std::uint32_t n = p.weight_port_count();
  // A port of the group moves rate / n bytes per cycle, so one port_bytes beat takes
  // port_bytes x n / rate cycles (>= 1: validate_timing caps the rate at the ports' width).
  const double rate = p.weight_rate_bytes_per_cycle();
  const double full = static_cast<double>(n) * p.dma_port_bytes;
  const double beat = rate >= full ? static_cast<double>(p.clock_period_ps)
                                   : static_cast<double>(p.clock_period_ps) * full / rate;
  return PortGroup{p.dma_ports - n, n, beat};
}

DmaEngine::DmaEngine(const AccelParams& p, Transport transport)
    : p_(p), transport_(std::move(transport)), ports_(p.dma_ports), scratch_(p.dma_burst_bytes) {
  gp_.set_extension(&held_);  // on every burst (cleared in the destructor)
  reset();
}

DmaEngine::~DmaEngine() {  // never owned by the payload
  gp_.clear_extension(&timing_only_);
  gp_.clear_extension(&held_);
}

std::uint64_t DmaEngine::thread_time_ps() const { return std::max(now_ps(), held_until_ps_); }

void DmaEngine::reset() {
  for (Port& port : ports_) {
    port.data_free_ps = 0;
    port.slot_free_ps.assign(p_.dma_max_outstanding, 0);
    port.head = 0;
  }
  failed_ = false;
}

std::uint64_t DmaEngine::transfer(bool write, std::uint64_t addr, std::uint64_t bytes, std::uint8_t* data,
                                  std::uint64_t ready_ps, const PortGroup& group, const IssueGate& gate) {
  return transfer_paced(write, addr, bytes, data, ready_ps, 0, group, gate);
}

std::uint64_t DmaEngine::transfer_paced(bool write, std::uint64_t addr, std::uint64_t bytes, std::uint8_t* data,
                                        std::uint64_t first_ps, std::uint64_t window_ps, const PortGroup& group,
                                        const IssueGate& gate) {
  std::uint64_t done = first_ps;
  const std::uint64_t B = p_.dma_burst_bytes;
  std::uint64_t off = 0;
  while (off < bytes && !failed_) {
    const std::uint64_t a = addr + off;
    const std::uint64_t n = std::min(bytes - off, B - (a & (B - 1)));  // stop at the aligned boundary (B: 2^k)
    // (128-bit intermediate: window x bytes can exceed 64 bits for long windows of large maps)
    __extension__ typedef unsigned __int128 u128;
    const std::uint64_t ready =
        window_ps == 0 ? first_ps
                       : first_ps + static_cast<std::uint64_t>((static_cast<u128>(window_ps) * (off + n) + bytes - 1) / bytes);
    done = std::max(done, burst(write, a, n, data ? data + off : nullptr, ready, group, gate));
    off += n;
  }
  return done;
}

std::uint64_t DmaEngine::burst(bool write, std::uint64_t addr, std::uint64_t n, std::uint8_t* data,
                               std::uint64_t ready_ps, const PortGroup& group, const IssueGate& gate) {
  // Pick the port of the group that can issue earliest.
  std::size_t best = group.first;
  std::uint64_t best_issue = ~std::uint64_t{0};
  for (std::size_t i = group.first; i < group.first + group.count; ++i) {
    const Port& pt = ports_[i];
    const std::uint64_t issue = std::max({ready_ps, pt.data_free_ps, pt.slot_free_ps[pt.head]});
    const bool earlier = issue < best_issue;  // selects, not a branch: which port wins is data
    best_issue = earlier ? issue : best_issue;
    best = earlier ? i : best;
  }
  Port& port = ports_[best];
  const std::uint64_t issue = best_issue;
  port_wait_ps_ += issue - ready_ps;
  const std::uint64_t beats = (n + p_.dma_port_bytes - 1) / p_.dma_port_bytes;
  const std::uint64_t ser = static_cast<std::uint64_t>(std::ceil(static_cast<double>(beats) * group.beat_ps));
  if (gate) gate(issue);  // may wait: the owner's thread catches up with the burst's issue time

  const std::uint64_t now = now_ps();
  const std::uint64_t arrival = std::max({issue, now, held_until_ps_});  // not before the thread stands
  gp_.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  gp_.set_address(addr);
  gp_.set_data_ptr(data ? data : scratch_.data());
  gp_.set_data_length(static_cast<unsigned int>(n));
  gp_.set_streaming_width(static_cast<unsigned int>(n));
  gp_.set_byte_enable_ptr(nullptr);
  gp_.set_byte_enable_length(0);
  gp_.set_dmi_allowed(false);
  gp_.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = ps_to_time(arrival - now);
  if (!data) gp_.set_extension(&timing_only_);  // scratch: the data is never looked at
  held_.until_ps = 0;
  transport_(gp_, delay);
  held_until_ps_ = std::max(held_until_ps_, held_.until_ps);
  if (!data) gp_.clear_extension(&timing_only_);
  if (gp_.get_response_status() != tlm::TLM_OK_RESPONSE) {
    failed_ = true;
    failed_addr_ = addr;
    return issue;
  }
  // The annotated delay counts from the kernel's time at the return: a target that waited
  // (an out-of-order DRAM controller holds the call until the data end) moved it past `now`.
  const std::uint64_t mem_done = now_ps() + time_to_ps(delay);
  const std::uint64_t done = std::max(mem_done, issue + ser);
  port.data_free_ps = issue + ser;
  port.slot_free_ps[port.head] = done;
  port.head = port.head + 1 == port.slot_free_ps.size() ? 0 : port.head + 1;
  ++bursts_;
  (write ? write_bytes_ : read_bytes_) += n;
  return done;
}

}  // namespace sushi::accel
