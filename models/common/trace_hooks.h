// Observation points for the optional traces (traces/, docs/traces.md).
//
// Models hold a plain observer pointer that is null unless a trace is switched on, so an untraced
// run pays one predictable branch per hook. Observers only read: they never change timing,
// energy or data, so a traced run gives the same results as an untraced one.
//
// Operand tagging: an initiator that knows what its transactions carry (the accelerator's DMA)
// attaches a TraceTag extension to the payload while tracing; the DRAM controller passes the
// payload's tag (or null) to its observer.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include <tlm>

namespace sushi {

namespace accel {
struct LayerRecord;
}

// What an off-chip transaction moves.
enum class TraceOperand : std::uint8_t {
  unknown = 0,  // untagged initiator
  weights,      // layer weights streamed from DRAM
  input,        // input activations (and residual / SE-scale operands)
  output,       // output activations
  psum,         // partial-sum spills (written and read back)
  transform,    // kernel-transform matrices
  control,      // descriptors, PB maps, PB load lists
  pb_load,      // weights loaded into the Persistent Buffer
};

inline const char* to_string(TraceOperand o) {
  switch (o) {
    case TraceOperand::weights: return "weights";
    case TraceOperand::input: return "input";
    case TraceOperand::output: return "output";
    case TraceOperand::psum: return "psum";
    case TraceOperand::transform: return "transform";
    case TraceOperand::control: return "control";
    case TraceOperand::pb_load: return "pb_load";
    default: return "unknown";
  }
}

// Attached by an initiator for the duration of one b_transport call (then cleared, so the
// payload never frees it).
struct TraceTag : tlm::tlm_extension<TraceTag> {
  const char* initiator = "";
  TraceOperand operand = TraceOperand::unknown;

  tlm::tlm_extension_base* clone() const override { return new TraceTag(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    *this = static_cast<const TraceTag&>(other);
  }
};

// One request as the DRAM controller served it.
struct DramTransactionRecord {
  const char* dram = "";           // controller's hierarchical name
  std::uint64_t arrival_ps = 0;    // absolute simulated time the request reached the controller
  std::uint64_t done_ps = 0;       // completion of its last device burst
  std::uint64_t addr = 0;          // controller-local byte address
  std::uint64_t bytes = 0;
  bool write = false;
  double energy_pj = 0.0;          // command (ACT/PRE/RD/WR) and I/O energy it caused
  const TraceTag* tag = nullptr;   // null: untagged initiator
};

class DramObserver {
 public:
  virtual ~DramObserver() = default;
  virtual void on_dram_transaction(const DramTransactionRecord& r) = 0;
};

class AccelObserver {
 public:
  virtual ~AccelObserver() = default;
  // A job (pb_load false) or PB load starts at start_ps (the thread is synchronised there).
  virtual void on_accel_start(bool pb_load, std::uint64_t start_ps) = 0;
  // It ended at end_ps; `layers` are the job's layer records (empty for a PB load), pb_load_bytes
  // the bytes a PB load moved.
  virtual void on_accel_end(bool pb_load, bool ok, std::uint64_t start_ps, std::uint64_t end_ps,
                            const std::vector<accel::LayerRecord>& layers, std::uint64_t pb_load_bytes) = 0;
};

// Firmware states of a CPU: what its time between start_ps and end_ps was spent on.
enum class CpuState : std::uint8_t { wfi, query, select, prepare, boot };

inline const char* to_string(CpuState s) {
  switch (s) {
    case CpuState::wfi: return "wfi";
    case CpuState::query: return "query";
    case CpuState::select: return "select";
    case CpuState::prepare: return "prepare";
    default: return "boot";
  }
}

class CpuObserver {
 public:
  virtual ~CpuObserver() = default;
  virtual void on_cpu_state(CpuState state, std::uint64_t start_ps, std::uint64_t end_ps) = 0;
};

// One bus access of a CPU (host-compiled or RV32): a register access, or a block transfer to
// memory. Reported after the target answered.
struct BusAccessRecord {
  const char* cpu = "";          // the core's hierarchical name
  std::uint64_t time_ps = 0;     // when the core issued it: its local time, ahead of the kernel by up to sim.quantum
  std::uint64_t addr = 0;        // bus address
  std::uint32_t bytes = 0;
  bool write = false;
  std::uint32_t value = 0;       // accesses of at most 4 bytes: the value written or read (little-endian)
  tlm::tlm_response_status response = tlm::TLM_OK_RESPONSE;
};

class BusAccessObserver {
 public:
  virtual ~BusAccessObserver() = default;
  virtual void on_bus_access(const BusAccessRecord& r) = 0;
};

// The record of a CPU's answered transaction `p`, issued at `time_ps` to bus address `addr`.
inline BusAccessRecord bus_access_record(const char* cpu, std::uint64_t time_ps, std::uint64_t addr,
                                         const tlm::tlm_generic_payload& p) {
  BusAccessRecord r;
  r.cpu = cpu;
  r.time_ps = time_ps;
  r.addr = addr;
  r.bytes = p.get_data_length();
  r.write = p.is_write();
  if (r.bytes <= 4) std::memcpy(&r.value, p.get_data_ptr(), r.bytes);
  r.response = p.get_response_status();
  return r;
}

}  // namespace sushi
