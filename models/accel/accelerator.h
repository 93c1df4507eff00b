// The accelerator plug-in point: what the SoC assembly, the per-query figures, the statistics and
// the traces need of an accelerator, whatever its kind (docs/accel.md section 1, "Accelerator
// kinds"). One kind today: SushiAccel (sushi/). A kind is a SystemC module deriving from
// Accelerator, in a folder of its own under models/accel/, listed once in the registry
// (platform/soc/accel_factory.cpp) that builds it by `accel.kind`.
//
// The interface is used outside the simulation's hot path only: binding at elaboration, a snapshot
// per query, statistics at the end. A kind's DMA traffic goes through its own sockets, with no
// virtual call per burst.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include <systemc>
#include <tlm>

#include "common/stats.h"
#include "common/trace_hooks.h"

namespace sushi::accel {

// Cumulative figures every kind keeps since construction (or its soft reset), in B and ps. The
// serving part reads one snapshot when a query starts and one when it ends, and writes the
// differences into the query's row of queries.csv; the cache summary and the traces' byte
// counters read them too. A kind without a persistent buffer (PB) reports 0 for the pb_* fields.
// Share of weight bytes read from the PB rather than from off-chip memory, % (0 when none read).
inline double pb_hit_pct(std::uint64_t pb_rd_B, std::uint64_t dram_weight_rd_B) {
  return pb_rd_B + dram_weight_rd_B
             ? 100.0 * static_cast<double>(pb_rd_B) / static_cast<double>(pb_rd_B + dram_weight_rd_B)
             : 0.0;
}

struct AccelSnapshot {
  std::uint64_t jobs = 0;              // jobs started (successful or not)
  std::uint64_t errors = 0;            // jobs, PB loads and register commands that ended in error
  std::uint64_t busy_ps = 0;           // time spent in jobs and PB loads
  std::uint64_t dram_weight_rd_B = 0;  // weights jobs read from off-chip memory
  std::uint64_t dram_act_rd_B = 0;     // activations, residual and side inputs, partial-sum reads, transforms
  std::uint64_t dram_wr_B = 0;         // outputs and partial-sum spills written
  std::uint64_t pb_rd_B = 0;           // weights jobs read from the PB instead of off-chip memory
  std::uint64_t pb_loads = 0;          // PB loads started
  std::uint64_t pb_load_B = 0;         // bytes PB loads moved from off-chip memory into the PB
  std::uint64_t pb_load_ps = 0;        // time spent in PB loads
  std::uint64_t dma_bursts = 0;        // DMA transactions issued (summary.json's transaction count)

  // Every count added (several accelerators' totals).
  AccelSnapshot& operator+=(const AccelSnapshot& o) {
    for (auto [a, b] : {std::pair{&jobs, o.jobs}, {&errors, o.errors}, {&busy_ps, o.busy_ps},
                        {&dram_weight_rd_B, o.dram_weight_rd_B}, {&dram_act_rd_B, o.dram_act_rd_B},
                        {&dram_wr_B, o.dram_wr_B}, {&pb_rd_B, o.pb_rd_B}, {&pb_loads, o.pb_loads},
                        {&pb_load_B, o.pb_load_B}, {&pb_load_ps, o.pb_load_ps}, {&dma_bursts, o.dma_bursts}}) {
      *a += b;
    }
    return *this;
  }
};

class Accelerator : public sc_core::sc_module, public StatsProvider {
 public:
  using TargetSocket = tlm::tlm_target_socket<>;
  using InitiatorSocket = tlm::tlm_initiator_socket<>;

  // The register block (offsets relative to its base); bound to a NoC target port at `regs_base`.
  virtual TargetSocket& register_socket() = 0;
  // Its size in bytes (the NoC address map's window).
  virtual std::uint64_t register_block_bytes() const = 0;
  // DMA initiators, each one NoC node; 1 or more.
  virtual std::size_t dma_socket_count() const = 0;
  virtual InitiatorSocket& dma_socket(std::size_t i) = 0;
  // Level interrupt to the interrupt controller.
  virtual sc_core::sc_out<bool>& irq_port() = 0;
  // The counters of AccelSnapshot, now.
  virtual AccelSnapshot snapshot() const = 0;
  // Optional observer of jobs, layers and PB loads (traces/); null = off.
  virtual void set_trace_observer(AccelObserver* o) = 0;
  // report_stats (StatsProvider): the kind's block in summary.json's modules.

 protected:
  explicit Accelerator(const sc_core::sc_module_name& name) : sc_core::sc_module(name) {}
};

}  // namespace sushi::accel
