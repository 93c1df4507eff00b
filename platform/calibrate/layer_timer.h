// Times the measured layer shapes on the accelerator testbed, all in one simulation: each row is
// one job (the same descriptor and memory layout as `sushi-vp layer`, platform/soc/layer_job.h),
// run back to back; the accelerator is retimed (SushiAccel::set_timing) between evaluations.
// Call evaluate() only from the testbed's script thread.
#pragma once

#include <cstdint>
#include <vector>

#include "accel/sushi/accel_params.h"
#include "calibrate/measurements.h"
#include "soc/accel_testbed.h"
#include "soc/layer_job.h"

namespace sushi::calibrate {

class LayerTimer {
 public:
  // Builds every row's descriptor; MeasurementError at the row's line if the accelerator would
  // reject the layer or it does not fit the testbed's first memory.
  LayerTimer(AccelTestbed& tb, const Measurements& m);

  // Job latency of every row in us (descriptor fetch to the last output written), with `t`.
  // The last evaluation is remembered: asking again for the same timing costs nothing.
  const std::vector<double>& evaluate(const accel::TimingParams& t);

  std::uint64_t weight_bytes(std::size_t row) const { return jobs_[row].desc.weight_bytes; }
  std::size_t size() const { return jobs_.size(); }
  int simulated_jobs() const { return simulated_jobs_; }

 private:
  struct Job {
    sushi_layer_desc desc;
    LayerJobLayout at;
  };
  AccelTestbed& tb_;
  std::vector<Job> jobs_;
  bool have_last_ = false;
  accel::TimingParams last_;
  std::vector<double> last_us_;
  int simulated_jobs_ = 0;
};

}  // namespace sushi::calibrate
