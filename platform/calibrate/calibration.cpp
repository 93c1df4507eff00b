#include "calibrate/calibration.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <systemc>

#include "calibrate/layer_timer.h"
#include "common/energy_ledger.h"
#include "config/accel_config.h"
#include "config/energy_params.h"
#include "soc/accel_testbed.h"

namespace sushi::calibrate {

const std::vector<std::string>& calibratable_names() {
  static const std::vector<std::string> names{"cycles_per_position", "weight_bandwidth", "host_call_overhead"};
  return names;
}

namespace {

// The parameters as the config has them, with their physical ranges:
//   cycles_per_position  1 (one position per cycle) .. 4
//   weight_bandwidth     1 % .. 100 % of weight_ports x port_width x clock (the ports' limit)
//   host_call_overhead   0 .. 10 ms
std::vector<CalibratedParam> params_of(const accel::AccelParams& p, std::uint64_t host_ps) {
  const double clock_hz = 1e12 / static_cast<double>(p.clock_period_ps);
  const double limit_gbps = static_cast<double>(p.weight_port_count()) * p.dma_port_bytes * clock_hz / 1e9;
  const double bw_gbps = p.weight_rate_bytes_per_cycle() * clock_hz / 1e9;
  return {
      {"cycles_per_position", "accel.timing.cycles_per_position", "", p.timing.cycles_per_position, 1.0, 4.0},
      {"weight_bandwidth", "accel.timing.weight_bandwidth", "GB/s", bw_gbps, limit_gbps / 100.0, limit_gbps},
      {"host_call_overhead", "accel.timing.host_call_overhead", "us", static_cast<double>(host_ps) / 1e6, 0.0, 10000.0},
  };
}

accel::TimingParams timing_of(const std::vector<CalibratedParam>& v, const accel::AccelParams& p) {
  accel::TimingParams t = p.timing;
  t.cycles_per_position = v[0].value;
  // Back to bytes per cycle (at most the ports' full width).
  const double full = static_cast<double>(p.weight_port_count()) * p.dma_port_bytes;
  t.weight_bytes_per_cycle = std::min(full, v[1].value * 1e9 * static_cast<double>(p.clock_period_ps) * 1e-12);
  return t;
}

}  // namespace

CalibrationResult run_calibration(const config::Config& cfg, const Measurements& m, const CalibrationSetup& setup) {
  const EnergyTable table = config::energy_table_from_config(cfg);  // energy.tables
  EnergyLedger ledger;
  AccelTestbed tb("calibration_tb", cfg, table, ledger);
  const accel::AccelParams& p = tb.accel().params();
  LayerTimer timer(tb, m);

  CalibrationResult res;
  res.clock_hz = 1e12 / static_cast<double>(p.clock_period_ps);
  res.weight_ports = p.weight_port_count();
  res.port_width_bytes = p.dma_port_bytes;
  res.before = params_of(p, config::host_call_overhead_ps(cfg));
  for (const MeasuredLayer& r : m.rows) res.measured_us.push_back(r.latency_us());
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    res.weight_bytes.push_back(timer.weight_bytes(i));
    const bool held = std::find(setup.holdout_subnets.begin(), setup.holdout_subnets.end(), m.rows[i].subnet) !=
                      setup.holdout_subnets.end();
    (held ? res.holdout_rows : res.fit_rows).push_back(i);
  }
  if (res.fit_rows.empty()) {
    throw MeasurementError(m.file + ": --holdout leaves no row to fit (every row's subnet is held out)");
  }
  std::vector<std::size_t> fitted;  // indices into the parameter list
  for (std::size_t j = 0; j < res.before.size(); ++j) {
    if (std::find(setup.fit.begin(), setup.fit.end(), res.before[j].name) != setup.fit.end()) fitted.push_back(j);
  }

  // Predictions at a parameter set: the job time from the simulation plus the host's call overhead.
  auto predict = [&](const std::vector<CalibratedParam>& v) {
    std::vector<double> out = timer.evaluate(timing_of(v, p));
    for (double& t : out) t += v[2].value;
    return out;
  };
  tb.script = [&](AccelTestbed&) {
    res.before_us = predict(res.before);
    res.after = res.before;
    if (!fitted.empty()) {
      // The fit runs on quantities the layer time is (close to) linear in: cycles per position,
      // ns per weight byte (1 / bandwidth) and the host overhead; Gauss-Newton then converges
      // from any start instead of stopping where a rate sits on its bound.
      const auto inverse = [](const CalibratedParam& c) { return c.name == "weight_bandwidth"; };
      std::vector<FitParameter> fp;
      for (std::size_t j : fitted) {
        const CalibratedParam& c = res.before[j];
        if (inverse(c)) {
          fp.push_back({"ns per weight byte", 1.0 / c.value, 1.0 / c.hi, 1.0 / c.lo, 1.0 / c.hi});
        } else {
          fp.push_back({c.name, c.value, c.lo, c.hi, std::max(std::abs(c.value), (c.hi - c.lo) / 100.0)});
        }
      }
      auto with = [&](const std::vector<double>& x) {
        std::vector<CalibratedParam> v = res.before;
        for (std::size_t k = 0; k < fitted.size(); ++k) {
          CalibratedParam& c = v[fitted[k]];
          c.value = inverse(c) ? std::clamp(1.0 / x[k], c.lo, c.hi) : x[k];
        }
        return v;
      };
      res.fit = fit_relative_least_squares([&](const std::vector<double>& x) { return predict(with(x)); },
                                           res.measured_us, res.fit_rows, fp, setup.options);
      res.after = with(res.fit.values);
      for (std::size_t k = 0; k < fitted.size(); ++k) {
        res.after[fitted[k]].fitted = true;
        res.after[fitted[k]].at_bound = res.fit.at_bound[k];
      }
    }
    res.after_us = predict(res.after);
  };
  sc_core::sc_start();
  res.simulated_jobs = timer.simulated_jobs();
  if (res.after_us.size() != m.rows.size()) throw std::runtime_error("the calibration simulation did not finish");
  return res;
}

}  // namespace sushi::calibrate
