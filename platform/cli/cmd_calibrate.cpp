// `sushi-vp calibrate CONFIG MEASUREMENTS [--fit LIST] [--holdout SUBNETS] [--out FRAGMENT.yaml]
//  [--predictions FILE.tsv] [--json]`: fits the calibratable accelerator timing parameters
// (accel.timing.*) of CONFIG to board measurements of single layers, prints the per-layer and
// summary errors before and after, and writes a config fragment to include (docs/accel.md,
// "Calibration").
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "calibrate/calibration.h"
#include "calibrate/measurements.h"
#include "calibrate/report.h"
#include "cli/commands.h"
#include "config/accel_config.h"

namespace sushi::cli {

namespace {

struct CalibrateOptions {
  std::string config_file, measurements;
  std::vector<std::string> overrides;
  std::string fit = "cycles_per_position,weight_bandwidth,host_call_overhead";
  std::string holdout;
  std::string out_file, predictions_file;
  bool json = false;
};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Writes next to `path` and renames into place: a failed write leaves no short file behind.
bool write_checked(const std::string& path, const std::function<void(std::ostream&)>& fill) {
  const std::filesystem::path out(path), tmp = path + ".tmp";
  std::error_code ec;
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (f) fill(f);
    f.flush();
    if (!f) {
      std::cerr << "error: cannot write '" << path << "'\n";
      std::filesystem::remove(tmp, ec);
      return false;
    }
  }
  std::filesystem::rename(tmp, out, ec);
  if (ec) {
    std::cerr << "error: cannot write '" << path << "': " << ec.message() << "\n";
    std::filesystem::remove(tmp, ec);
    return false;
  }
  return true;
}

int run_calibrate(const CalibrateOptions& o) {
  calibrate::CalibrationSetup setup;
  const std::vector<std::string>& known = calibrate::calibratable_names();
  if (o.fit != "none") {
    for (std::string name : split_list(o.fit)) {
      if (name.rfind("accel.timing.", 0) == 0) name = name.substr(13);
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::cerr << "error: --fit: '" << name << "' is not calibratable (one of: cycles_per_position, "
                  << "weight_bandwidth, host_call_overhead; or none)\n";
        return 2;
      }
      setup.fit.push_back(name);
    }
  }
  for (const std::string& s : split_list(o.holdout)) {
    try {
      std::size_t used = 0;
      const int v = std::stoi(s, &used);
      if (used != s.size() || v < 0) throw std::invalid_argument(s);
      setup.holdout_subnets.push_back(v);
    } catch (const std::exception&) {
      std::cerr << "error: --holdout: '" << s << "' is not a subnet number (a comma list of integers >= 0)\n";
      return 2;
    }
  }
  const config::Config cfg = config::Config::load(o.config_file, o.overrides, config::platform_schema_with_accel());
  calibrate::Measurements m;
  calibrate::CalibrationResult r;
  try {
    m = calibrate::read_measurements(o.measurements);
    r = calibrate::run_calibration(cfg, m, setup);
  } catch (const calibrate::MeasurementError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  if (o.json) {
    std::cout << calibrate::report_json(m, r).dump(2) << "\n";
  } else {
    calibrate::print_report(std::cout, m, r, o.config_file);
  }
  if (!o.out_file.empty()) {
    if (!write_checked(o.out_file, [&](std::ostream& f) { calibrate::write_fragment(f, m, r, o.config_file); })) return 2;
    if (!o.json) std::cout << "\nconfig fragment: " << o.out_file << "\n";
  }
  if (!o.predictions_file.empty()) {
    if (!write_checked(o.predictions_file, [&](std::ostream& f) { calibrate::write_predictions(f, m, r); })) return 2;
    if (!o.json) std::cout << "predictions: " << o.predictions_file << "\n";
  }
  return 0;
}

}  // namespace

void add_calibrate_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<CalibrateOptions>();
  auto* cmd = app.add_subcommand(
      "calibrate",
      "Fit the accelerator's calibratable timing (accel.timing.*) to board measurements of single layers; "
      "print per-layer and summary errors before and after; write a config fragment to include");
  cmd->add_option("config", o->config_file, "Platform config (YAML) with accel, noc and memories or dram sections")->required();
  cmd->add_option("measurements", o->measurements,
                  "Measured layers, TSV or CSV: K, C, X_in, R, stride, latency*_us (docs/accel.md, \"Calibration\")")
      ->required();
  cmd->add_option("--set", o->overrides, "Override a key (repeatable)")->type_name("KEY=VALUE");
  cmd->add_option("--fit", o->fit,
                  "Parameters to fit, comma-separated: cycles_per_position, weight_bandwidth, host_call_overhead; "
                  "or none (only predict)")
      ->capture_default_str();
  cmd->add_option("--holdout", o->holdout, "Subnets (comma list) whose rows are predicted but not fitted");
  cmd->add_option("--out", o->out_file, "Write the fitted accel.timing values as a YAML fragment to include");
  cmd->add_option("--predictions", o->predictions_file,
                  "Write the rows with the model's latency after the fit (a measurement file: latency_model_us)");
  cmd->add_flag("--json", o->json, "Print JSON (units in key names)");
  cmd->callback([o, &action] { action = [o] { return run_calibrate(*o); }; });
}

}  // namespace sushi::cli
