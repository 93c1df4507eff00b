// What `sushi-vp calibrate` prints and writes: per-layer and summary errors before and after the
// fit (text or JSON), the config fragment with the fitted values and their units, and the model's
// predictions in the measurement format.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "calibrate/calibration.h"
#include "calibrate/measurements.h"

namespace sushi::calibrate {

// Relative error of each prediction: 100 x (model - measured) / measured.
struct ErrorStats {
  std::size_t n = 0;
  double mean_abs_pct = 0.0, max_abs_pct = 0.0;
  double mean_pct = 0.0;  // signed: < 0 means the model is too fast on average
};
ErrorStats error_stats(const std::vector<double>& predicted, const std::vector<double>& measured,
                       const std::vector<std::size_t>& rows);

// Row groups the summary reports: all, fitted, held out (if any), by stride, by weight bytes
// (< 64 KiB, 64 KiB .. 512 KiB, 512 KiB .. 2 MiB, >= 2 MiB); empty groups are left out.
std::vector<std::pair<std::string, std::vector<std::size_t>>> error_groups(const Measurements& m,
                                                                           const CalibrationResult& r);

void print_report(std::ostream& out, const Measurements& m, const CalibrationResult& r, const std::string& config_file);
nlohmann::ordered_json report_json(const Measurements& m, const CalibrationResult& r);
// A YAML fragment a config can include: accel.timing with the values after the fit, with units.
void write_fragment(std::ostream& out, const Measurements& m, const CalibrationResult& r, const std::string& config_file);
// The rows with one latency column, the model's prediction after the fit (latency_model_us): a
// measurement file itself (synthetic data for tests, or to compare shapes before measuring).
void write_predictions(std::ostream& out, const Measurements& m, const CalibrationResult& r);

}  // namespace sushi::calibrate
