// SushiAccel: the DNN accelerator with its Persistent Buffer (PB), DMA and register interface
// (hw/include/sushi/accel_regs.h; docs/accel.md), the accelerator kind `sushi` (accel/accelerator.h).
// Its source is split by purpose: sushi_accel.cpp (construction, the job thread),
// sushi_accel_registers.cpp, sushi_accel_job_fetch.cpp (program fetch and validation),
// sushi_accel_layer_pipeline.cpp (one layer's tile loops, DMA and compute timing),
// sushi_accel_stats.cpp.
//
// Sockets:
//   regs  - TLM target: the 32-bit register block (offsets relative to the block base)
//   dma   - TLM initiator: descriptor / PB-map / PB-load-list fetches and every DMA burst. One
//           socket carries all DMA ports (the ports are modelled inside, dma_engine.h), so the
//           accelerator is one NoC node; bind it to the NoC's initiator port (or a memory).
//   irq   - level interrupt: (IRQ_STATUS & IRQ_ENABLE) != 0
//
// A write of CTRL.START_JOB / START_PB_LOAD wakes the job thread at the write's time (now + the
// initiator's delay). The thread fetches and validates the whole program (errors: ERROR status,
// ERR_CODE, ERR_INFO, ERROR interrupt; nothing executes), then times each layer with the tile
// model (tile_model.h) while issuing every DMA burst as a timed b_transport (temporal decoupling:
// bursts carry their absolute issue time as delay; the thread synchronises at layer ends and
// whenever it runs a global quantum ahead).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "accel/accelerator.h"
#include "accel/sushi/accel_params.h"
#include "accel/sushi/chunk_plan.h"
#include "accel/sushi/dma_engine.h"
#include "accel/sushi/tile_model.h"
#include "common/energy_ledger.h"
#include "common/energy_static.h"
#include "common/register_bank.h"
#include "common/stats.h"
#include "common/trace_hooks.h"
#include "sram/sram_array.h"
#include "sram/sram_energy_table.h"
#include "sushi/accel_regs.h"

namespace sushi::accel {

// Per-layer timing and traffic of the last job (times absolute, ps).
struct LayerRecord {
  std::uint32_t index = 0;        // descriptor index in the job
  std::uint16_t layer_index = 0;  // SuperNet layer (PB map index)
  Mapping mapping = Mapping::conv;
  std::uint64_t start_ps = 0;
  std::uint64_t compute_end_ps = 0;  // the DPE array's last cycle
  std::uint64_t end_ps = 0;          // outputs written
  std::uint64_t compute_cycles = 0;  // DPE cycles (tile model)
  std::uint64_t stall_cycles = 0;    // (end - start) / T - compute_cycles: memory-bound time
  std::uint64_t macs_useful = 0, macs_issued = 0;
  std::uint64_t dram_weight_B = 0, pb_weight_B = 0;
  std::uint64_t dram_input_B = 0;    // input map incl. re-reads, residual and SE-scale reads
  std::uint64_t dram_output_B = 0;   // output writes incl. partial-sum spills
  std::uint64_t dram_psum_rd_B = 0;  // partial-sum spill reads
  std::uint64_t dram_transform_B = 0;
  double utilisation = 0.0;
  bool functional = false;  // outputs really computed
};

// Cumulative since construction or soft reset (perf registers show a subset).
struct AccelCounters {
  std::uint64_t jobs = 0, pb_loads = 0, layers = 0, errors = 0;
  std::uint64_t busy_cycles = 0;     // job and PB-load time in accelerator cycles
  std::uint64_t busy_ps = 0;         // the same in ps (exact: busy_cycles rounds each job down)
  std::uint64_t compute_cycles = 0;  // DPE cycles
  std::uint64_t stall_cycles = 0;
  std::uint64_t macs_useful = 0, macs_issued = 0;
  std::uint64_t dram_weight_rd_B = 0, dram_input_rd_B = 0, dram_aux_rd_B = 0;
  std::uint64_t dram_output_wr_B = 0, dram_psum_rd_B = 0, dram_psum_wr_B = 0;
  std::uint64_t dram_transform_rd_B = 0, dram_control_rd_B = 0;  // control: descriptors, maps, lists
  std::uint64_t pb_load_B = 0, pb_rd_B = 0;
  std::uint64_t pb_load_ps = 0;  // time spent in PB loads
  std::uint64_t functional_layers = 0;
  std::uint64_t dram_rd_B() const {
    return dram_weight_rd_B + dram_input_rd_B + dram_psum_rd_B + dram_transform_rd_B + dram_control_rd_B + pb_load_B;
  }
  std::uint64_t dram_wr_B() const { return dram_output_wr_B + dram_psum_wr_B; }
};

// PB load entries: dram_addr, pb_offset and bytes must be multiples of this (else ERR_BAD_PB_LOAD).
inline constexpr std::uint64_t kPbLoadAlignBytes = 16;

class SushiAccel : public Accelerator {
 public:
  tlm_utils::simple_target_socket<SushiAccel> regs;
  tlm_utils::simple_initiator_socket<SushiAccel> dma;
  sc_core::sc_out<bool> irq;

  // Validates params (AccelParamError); buffer energies come from `sram_table` (SramError if a
  // buffer is outside the table); actions are declared in `ledger` under this module's name.
  SushiAccel(sc_core::sc_module_name name, const AccelParams& params, const sram::SramEnergyTable& sram_table,
             EnergyLedger& ledger);

  const AccelParams& params() const { return p_; }
  const AccelCounters& counters() const { return c_; }
  const std::vector<LayerRecord>& last_job_layers() const { return layers_; }
  std::uint64_t last_start_ps() const { return last_start_ps_; }
  std::uint64_t last_end_ps() const { return last_end_ps_; }
  bool busy() const { return busy_; }
  std::uint64_t dma_bursts() const { return dma_engine_->bursts(); }
  // Notified when a job or PB load ends (successfully or with an error).
  const sc_core::sc_event& finished_event() const { return finished_; }

  const sram::SramArray& pb() const { return *pb_; }
  const sram::SramArray& weight_buffer() const { return *wbuf_; }
  const sram::SramArray& act_in() const { return *in_buf_; }
  const sram::SramArray& act_out() const { return *out_buf_; }
  std::vector<std::uint8_t>& pb_data() { return pb_data_; }
  double mac_energy_pj() const { return static_cast<double>(c_.macs_issued) * p_.mac_energy.pj_per_unit; }
  // Retimes the accelerator between jobs (the calibration fit evaluates the model this way, in one
  // simulation): validates `t` (AccelParamError) and applies it from the next job or PB load on.
  // std::logic_error while busy.
  void set_timing(const TimingParams& t);

  // Accelerator (accel/accelerator.h).
  TargetSocket& register_socket() override { return regs; }
  std::uint64_t register_block_bytes() const override { return SUSHI_REG_BLOCK_SIZE; }
  std::size_t dma_socket_count() const override { return 1; }
  InitiatorSocket& dma_socket(std::size_t) override { return dma; }
  sc_core::sc_out<bool>& irq_port() override { return irq; }
  AccelSnapshot snapshot() const override;
  void report_stats(Json& out) const override;
  // Optional observer of jobs, layers and PB loads; also tags DMA payloads (traces/). Null = off.
  void set_trace_observer(AccelObserver* o) override { observer_ = o; }

 private:
  enum class Request { none, job, pb_load };
  struct JobError {
    std::uint32_t code;
    std::uint32_t info;
  };
  struct Aborted {};

  void build_registers();
  void reg_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned int reg_transport_dbg(tlm::tlm_generic_payload& gp);
  void on_ctrl(std::uint32_t v);
  void soft_reset();
  void update_irq();
  void drive_irq();  // SC_METHOD: the only writer of `irq` (sc_signal allows one driver)
  void raise_error(std::uint32_t code, std::uint32_t info);

  void run();  // SC_THREAD
  std::uint64_t execute_job(std::uint64_t t0);
  std::uint64_t execute_pb_load(std::uint64_t t0);
  std::uint64_t execute_layer(std::uint32_t idx, const sushi_layer_desc& d, const sushi_pb_map_entry* e,
                              std::uint64_t t0);
  std::uint64_t fetch(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* into, std::uint64_t t,
                      std::uint32_t err_info);
  std::uint64_t dma_read(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* into, std::uint64_t t, std::uint32_t idx,
                         const PortGroup& group, const DmaEngine::IssueGate& gate = {});
  std::uint64_t dma_read(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* into, std::uint64_t t, std::uint32_t idx) {
    return dma_read(addr, bytes, into, t, idx, all_ports_);
  }
  // Bursts ready as the data is produced over [t, t + window_ps] (0: all at t).
  std::uint64_t dma_write(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* from, std::uint64_t t,
                          std::uint64_t window_ps, std::uint32_t idx);
  bool in_memory(std::uint64_t addr, std::uint64_t bytes) const;
  std::uint32_t check_addresses(const sushi_layer_desc& d) const;
  void touch(sram::SramArray& a, sram::AccessKind k, std::uint64_t bytes);
  void sync(std::uint64_t t, bool force);
  std::uint64_t reg64(std::uint32_t lo) const;

  AccelParams p_;
  EnergyLedger& ledger_;
  ActionId mac_id_ = 0;
  // Static power (accel.static_power, always on) and busy power (accel.busy_power, on during jobs
  // and PB loads), accrued in simulated time; null when the config names none.
  std::unique_ptr<TimedPower> static_power_, busy_power_;
  RegisterBank bank_;
  std::unique_ptr<DmaEngine> dma_engine_;
  PortGroup all_ports_, weight_ports_;  // activations, outputs and control; weights and PB loads
  std::unique_ptr<sram::SramArray> pb_, wbuf_, in_buf_, out_buf_;
  std::vector<std::uint8_t> pb_data_;

  AccelCounters c_;
  std::vector<LayerRecord> layers_;
  std::uint64_t last_start_ps_ = 0, last_end_ps_ = 0;
  bool busy_ = false;
  Request request_ = Request::none;
  bool start_pending_ = false;      // a START the job thread has not taken yet
  std::uint64_t start_at_ps_ = 0;   // when it takes effect
  std::uint64_t generation_ = 0;  // bumped by soft reset: a running job notices and stops
  std::uint64_t job_generation_ = 0;  // generation_ when the running job started
  sc_core::sc_time write_delay_;  // delay of the register write being processed
  sc_core::sc_event start_, finished_, irq_changed_;
  bool irq_level_ = false;

  AccelObserver* observer_ = nullptr;
  TraceOperand operand_ = TraceOperand::unknown;  // what the DMA moves now (for the tag)
  TraceTag tag_;

  ChunkPlanCache chunk_plans_;  // with the PB copies in functional mode

  // Functional-mode staging (reused across layers).
  std::vector<std::uint8_t> wstage_, istage_, astage_, ostage_;
};

}  // namespace sushi::accel
