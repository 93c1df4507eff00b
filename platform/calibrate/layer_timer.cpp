#include "calibrate/layer_timer.h"

#include <stdexcept>
#include <string>

namespace sushi::calibrate {

LayerTimer::LayerTimer(AccelTestbed& tb, const Measurements& m) : tb_(tb) {
  const accel::AccelParams& p = tb.accel().params();
  for (const MeasuredLayer& r : m.rows) {
    const LayerShape shape{r.type, r.k, r.c, r.x_in, r.r, r.stride};
    std::optional<sushi_layer_desc> d = layer_descriptor(shape, p);
    if (!d) {
      throw MeasurementError(m.file + ":" + std::to_string(r.line) + ": the accelerator rejects this layer (" + r.type +
                             " K=" + std::to_string(r.k) + " C=" + std::to_string(r.c) + " X_in=" + std::to_string(r.x_in) +
                             " R=" + std::to_string(r.r) + " stride=" + std::to_string(r.stride) + ")");
    }
    std::uint64_t needed = 0;
    const std::optional<LayerJobLayout> at = place_layer(*d, p, tb.memories().front(), &needed);
    if (!at) {
      throw MeasurementError(m.file + ":" + std::to_string(r.line) + ": the layer needs " + std::to_string(needed) +
                             " B of memory; memory " + tb.memories().front().name + " has " +
                             std::to_string(tb.memories().front().size) + " B");
    }
    jobs_.push_back({*d, *at});
  }
}

const std::vector<double>& LayerTimer::evaluate(const accel::TimingParams& t) {
  if (have_last_ && t.cycles_per_position == last_.cycles_per_position && t.weight_ports == last_.weight_ports &&
      t.weight_bytes_per_cycle == last_.weight_bytes_per_cycle) {
    return last_us_;
  }
  accel::SushiAccel& a = tb_.accel();
  a.set_timing(t);
  tb_.write_reg(SUSHI_REG_IRQ_ENABLE, SUSHI_IRQ_JOB_DONE | SUSHI_IRQ_ERROR);
  last_us_.assign(jobs_.size(), 0.0);
  for (std::size_t i = 0; i < jobs_.size(); ++i) {
    run_layer_job(tb_, jobs_[i].desc, jobs_[i].at);
    const std::uint32_t status = tb_.read_reg(SUSHI_REG_STATUS);
    tb_.write_reg(SUSHI_REG_IRQ_STATUS, 0xFFFFFFFFu);
    if (!(status & SUSHI_STATUS_DONE)) {
      throw std::runtime_error("the accelerator reported error code " + std::to_string(tb_.read_reg(SUSHI_REG_ERR_CODE)) +
                               " on measurement row " + std::to_string(i + 1));
    }
    last_us_[i] = static_cast<double>(a.last_end_ps() - a.last_start_ps()) / 1e6;
    ++simulated_jobs_;
  }
  have_last_ = true;
  last_ = t;
  return last_us_;
}

}  // namespace sushi::calibrate
