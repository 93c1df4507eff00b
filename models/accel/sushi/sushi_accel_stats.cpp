// SushiAccel: statistics for summary.json's modules block (docs/outputs.md) and the counter
// snapshot for per-query figures (accel/accelerator.h).
#include "accel/sushi/sushi_accel.h"

namespace sushi::accel {

AccelSnapshot SushiAccel::snapshot() const {
  AccelSnapshot s;
  s.jobs = c_.jobs;
  s.errors = c_.errors;
  s.busy_ps = c_.busy_ps;
  s.dram_weight_rd_B = c_.dram_weight_rd_B;
  s.dram_act_rd_B = c_.dram_input_rd_B + c_.dram_aux_rd_B + c_.dram_psum_rd_B + c_.dram_transform_rd_B;
  s.dram_wr_B = c_.dram_wr_B();
  s.pb_rd_B = c_.pb_rd_B;
  s.pb_loads = c_.pb_loads;
  s.pb_load_B = c_.pb_load_B;
  s.pb_load_ps = c_.pb_load_ps;
  s.dma_bursts = dma_engine_->bursts();
  return s;
}

void SushiAccel::report_stats(Json& out) const {
  const double T = static_cast<double>(p_.clock_period_ps);
  out["jobs_count"] = c_.jobs;
  out["pb_loads_count"] = c_.pb_loads;
  out["layers_count"] = c_.layers;
  out["errors_count"] = c_.errors;
  out["functional_layers_count"] = c_.functional_layers;
  out["busy_ps"] = static_cast<double>(c_.busy_cycles) * T;
  out["busy_cycles_count"] = c_.busy_cycles;
  out["compute_cycles_count"] = c_.compute_cycles;
  out["stall_cycles_count"] = c_.stall_cycles;
  out["macs_useful_count"] = c_.macs_useful;
  out["macs_issued_count"] = c_.macs_issued;
  const double slots = static_cast<double>(c_.compute_cycles) * p_.k_par * p_.c_par * p_.taps;
  out["dpe_utilisation_pct"] = slots > 0 ? 100.0 * static_cast<double>(c_.macs_useful) / slots : 0.0;
  out["dram_weight_rd_B"] = c_.dram_weight_rd_B;
  out["dram_input_rd_B"] = c_.dram_input_rd_B;
  out["dram_aux_rd_B"] = c_.dram_aux_rd_B;
  out["dram_output_wr_B"] = c_.dram_output_wr_B;
  out["dram_psum_rd_B"] = c_.dram_psum_rd_B;
  out["dram_psum_wr_B"] = c_.dram_psum_wr_B;
  out["dram_transform_rd_B"] = c_.dram_transform_rd_B;
  out["dram_control_rd_B"] = c_.dram_control_rd_B;
  out["dram_rd_B"] = c_.dram_rd_B();
  out["dram_wr_B"] = c_.dram_wr_B();
  out["pb_load_B"] = c_.pb_load_B;
  out["pb_load_ps"] = c_.pb_load_ps;
  out["pb_rd_B"] = c_.pb_rd_B;
  const double total_w = static_cast<double>(c_.pb_rd_B + c_.dram_weight_rd_B);
  out["pb_hit_pct"] = total_w > 0 ? 100.0 * static_cast<double>(c_.pb_rd_B) / total_w : 0.0;
  out["dma_bursts_count"] = dma_engine_->bursts();
  out["dma_port_wait_ps"] = dma_engine_->port_wait_ps();
  out["mac_energy_pJ"] = mac_energy_pj();
  Json bufs;
  pb_->report_stats(bufs["pb"]);
  wbuf_->report_stats(bufs["weight_buffer"]);
  in_buf_->report_stats(bufs["act_in"]);
  out_buf_->report_stats(bufs["act_out"]);
  out["buffers"] = bufs;
}

}  // namespace sushi::accel
