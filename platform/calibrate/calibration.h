// `sushi-vp calibrate`: fits the calibratable accelerator timing parameters (accel.timing.*) of a
// config to board measurements of single layers, and reports the per-layer errors before and
// after. What each parameter means and why it is there: docs/accel.md, "Calibration".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/fit.h"
#include "calibrate/measurements.h"
#include "config/config.h"

namespace sushi::calibrate {

// A calibratable parameter, in the unit its config key is written with.
struct CalibratedParam {
  std::string name;  // short name: cycles_per_position, weight_bandwidth, host_call_overhead
  std::string key;   // config key (accel.timing.<name>)
  std::string unit;  // "" (cycles per position), "GB/s", "us"
  double value = 0.0;
  double lo = 0.0, hi = 0.0;  // the physically possible range
  bool fitted = false;
  bool at_bound = false;      // after a fit: the value sits on lo or hi
};

// Short names in the order they are reported; --fit takes a comma list of them (or "none").
const std::vector<std::string>& calibratable_names();

struct CalibrationSetup {
  std::vector<std::string> fit;      // names to fit; the others keep the config's values
  std::vector<int> holdout_subnets;  // rows of these subnets are predicted, never fitted
  FitOptions options;
};

struct CalibrationResult {
  std::vector<CalibratedParam> before, after;  // same order as calibratable_names()
  std::vector<double> measured_us, before_us, after_us;  // per row; predictions incl. host overhead
  std::vector<std::uint64_t> weight_bytes;              // per row: whole weight blocks streamed
  std::vector<std::size_t> fit_rows, holdout_rows;
  FitResult fit;
  int simulated_jobs = 0;
  double clock_hz = 0.0;
  std::uint32_t weight_ports = 0, port_width_bytes = 0;
};

// Builds the accelerator testbed from `cfg`, times every row before and after the fit in one
// simulation (call once per process, from sc_main). MeasurementError for rows the accelerator
// cannot run or a holdout that leaves nothing to fit; ConfigError for config problems.
CalibrationResult run_calibration(const config::Config& cfg, const Measurements& m, const CalibrationSetup& setup);

}  // namespace sushi::calibrate
