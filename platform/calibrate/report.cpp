#include "calibrate/report.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace sushi::calibrate {

namespace {

double err_pct(double pred, double meas) { return 100.0 * (pred - meas) / meas; }

std::string value_text(const CalibratedParam& p) {
  if (p.unit.empty()) return fmt::format("{:.4f}", p.value);
  if (p.unit == "GB/s") return fmt::format("{:.4f} GB/s", p.value);
  return fmt::format("{:.2f} {}", p.value, p.unit);
}

std::string range_text(const CalibratedParam& p) {
  if (p.unit.empty()) return fmt::format("{:g} .. {:g}", p.lo, p.hi);
  return fmt::format("{:.4g} .. {:.4g} {}", p.lo, p.hi, p.unit);
}

std::string weight_class(std::uint64_t b) {
  if (b < (64u << 10)) return "weights < 64 KiB";
  if (b < (512u << 10)) return "weights 64 KiB .. 512 KiB";
  if (b < (2u << 20)) return "weights 512 KiB .. 2 MiB";
  return "weights >= 2 MiB";
}

}  // namespace

ErrorStats error_stats(const std::vector<double>& predicted, const std::vector<double>& measured,
                       const std::vector<std::size_t>& rows) {
  ErrorStats s;
  for (std::size_t i : rows) {
    const double e = err_pct(predicted.at(i), measured.at(i));
    s.mean_abs_pct += std::abs(e);
    s.mean_pct += e;
    s.max_abs_pct = std::max(s.max_abs_pct, std::abs(e));
    ++s.n;
  }
  if (s.n) {
    s.mean_abs_pct /= static_cast<double>(s.n);
    s.mean_pct /= static_cast<double>(s.n);
  }
  return s;
}

std::vector<std::pair<std::string, std::vector<std::size_t>>> error_groups(const Measurements& m,
                                                                           const CalibrationResult& r) {
  std::vector<std::pair<std::string, std::vector<std::size_t>>> g;
  std::vector<std::size_t> all(m.rows.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  g.emplace_back("all", all);
  if (!r.holdout_rows.empty()) {
    g.emplace_back("fitted", r.fit_rows);
    g.emplace_back("held out", r.holdout_rows);
  }
  std::map<int, std::vector<std::size_t>> by_stride;
  for (std::size_t i : all) by_stride[m.rows[i].stride].push_back(i);
  for (auto& [s, rows] : by_stride) g.emplace_back("stride " + std::to_string(s), rows);
  for (const char* cls : {"weights < 64 KiB", "weights 64 KiB .. 512 KiB", "weights 512 KiB .. 2 MiB", "weights >= 2 MiB"}) {
    std::vector<std::size_t> rows;
    for (std::size_t i : all)
      if (weight_class(r.weight_bytes[i]) == cls) rows.push_back(i);
    if (!rows.empty()) g.emplace_back(cls, rows);
  }
  return g;
}

void print_report(std::ostream& out, const Measurements& m, const CalibrationResult& r, const std::string& config_file) {
  out << fmt::format("calibrate: {} against {} ({} layers; {} fitted, {} held out)\n", config_file, m.file, m.rows.size(),
                     r.fit_rows.size(), r.holdout_rows.size());
  out << fmt::format("\n{:<36} {:>16} {:>16}  {}\n", "parameter", "before", "after", "range");
  for (std::size_t j = 0; j < r.after.size(); ++j) {
    const CalibratedParam& a = r.after[j];
    const char* note = !a.fitted ? "  (not fitted)" : a.at_bound ? "  (at its bound)" : "";
    out << fmt::format("{:<36} {:>16} {:>16}  {}{}\n", a.key, value_text(r.before[j]), value_text(a), range_text(a), note);
  }
  if (!r.fit_rows.empty() && r.fit.iterations > 0) {
    out << fmt::format("fit: {} Gauss-Newton steps, {} model evaluations, {} simulated layer jobs; "
                       "sum of squared relative errors {:.6g} -> {:.6g}\n",
                       r.fit.iterations, r.fit.model_evaluations, r.simulated_jobs, r.fit.cost_start, r.fit.cost_end);
  }
  out << "\nper layer (latency in us incl. the host call overhead; error = (model - measured) / measured):\n";
  out << fmt::format("{:>5} {:>6} {:>5} {:>6} {:>5} {:>5} {:>5} {:>2} {:>2} {:>10} {:>11} {:>10} {:>7} {:>10} {:>7}  {}\n", "line",
                     "subnet", "layer", "type", "K", "C", "X_in", "R", "s", "weights_B", "measured_us", "before_us",
                     "err_%", "after_us", "err_%", "");
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    const MeasuredLayer& row = m.rows[i];
    const bool held = std::find(r.holdout_rows.begin(), r.holdout_rows.end(), i) != r.holdout_rows.end();
    out << fmt::format("{:>5} {:>6} {:>5} {:>6} {:>5} {:>5} {:>5} {:>2} {:>2} {:>10} {:>11.1f} {:>10.1f} {:>+7.2f} {:>10.1f} {:>+7.2f}  {}\n",
                       row.line, row.subnet, row.layer, row.type, row.k, row.c, row.x_in, row.r, row.stride,
                       r.weight_bytes[i], r.measured_us[i], r.before_us[i], err_pct(r.before_us[i], r.measured_us[i]),
                       r.after_us[i], err_pct(r.after_us[i], r.measured_us[i]), held ? "held out" : "");
  }
  out << "\nsummary (absolute error in %; mean signed error: < 0 = model too fast):\n";
  out << fmt::format("{:<28} {:>4}   {:>9} {:>8} {:>9}   {:>9} {:>8} {:>9}\n", "layers", "n", "before:", "mean", "max",
                     "after:", "mean", "max");
  out << fmt::format("{:<28} {:>4}   {:>9} {:>8} {:>9}   {:>9} {:>8} {:>9}\n", "", "", "signed", "abs", "abs", "signed",
                     "abs", "abs");
  for (const auto& [name, rows] : error_groups(m, r)) {
    const ErrorStats b = error_stats(r.before_us, r.measured_us, rows), a = error_stats(r.after_us, r.measured_us, rows);
    out << fmt::format("{:<28} {:>4}   {:>+9.2f} {:>8.2f} {:>9.2f}   {:>+9.2f} {:>8.2f} {:>9.2f}\n", name, rows.size(),
                       b.mean_pct, b.mean_abs_pct, b.max_abs_pct, a.mean_pct, a.mean_abs_pct, a.max_abs_pct);
  }
}

nlohmann::ordered_json report_json(const Measurements& m, const CalibrationResult& r) {
  nlohmann::ordered_json j;
  j["measurements"] = m.file;
  for (std::size_t k = 0; k < r.after.size(); ++k) {
    const CalibratedParam& a = r.after[k];
    const std::string u = a.unit.empty() ? "" : "_" + std::string(a.unit == "GB/s" ? "GBps" : a.unit);
    j["parameters"].push_back({{"key", a.key},
                               {"unit", a.unit},
                               {"before" + u, r.before[k].value},
                               {"after" + u, a.value},
                               {"min" + u, a.lo},
                               {"max" + u, a.hi},
                               {"fitted", a.fitted},
                               {"at_bound", a.at_bound}});
  }
  j["fit"] = {{"iterations_count", r.fit.iterations},
              {"model_evaluations_count", r.fit.model_evaluations},
              {"simulated_jobs_count", r.simulated_jobs},
              {"cost_before", r.fit.cost_start},
              {"cost_after", r.fit.cost_end}};
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    const MeasuredLayer& row = m.rows[i];
    const bool held = std::find(r.holdout_rows.begin(), r.holdout_rows.end(), i) != r.holdout_rows.end();
    j["layers"].push_back({{"line", row.line},
                           {"subnet", row.subnet},
                           {"layer", row.layer},
                           {"type", row.type},
                           {"K", row.k},
                           {"C", row.c},
                           {"X_in", row.x_in},
                           {"R", row.r},
                           {"stride", row.stride},
                           {"weights_B", r.weight_bytes[i]},
                           {"held_out", held},
                           {"measured_us", r.measured_us[i]},
                           {"before_us", r.before_us[i]},
                           {"after_us", r.after_us[i]},
                           {"before_err_pct", err_pct(r.before_us[i], r.measured_us[i])},
                           {"after_err_pct", err_pct(r.after_us[i], r.measured_us[i])}});
  }
  for (const auto& [name, rows] : error_groups(m, r)) {
    const ErrorStats b = error_stats(r.before_us, r.measured_us, rows), a = error_stats(r.after_us, r.measured_us, rows);
    j["summary"].push_back({{"layers", name},
                            {"count", rows.size()},
                            {"before", {{"mean_err_pct", b.mean_pct}, {"mean_abs_err_pct", b.mean_abs_pct}, {"max_abs_err_pct", b.max_abs_pct}}},
                            {"after", {{"mean_err_pct", a.mean_pct}, {"mean_abs_err_pct", a.mean_abs_pct}, {"max_abs_err_pct", a.max_abs_pct}}}});
  }
  return j;
}

void write_fragment(std::ostream& out, const Measurements& m, const CalibrationResult& r, const std::string& config_file) {
  const ErrorStats a = error_stats(r.after_us, r.measured_us, r.fit_rows);
  std::string fitted;
  for (const CalibratedParam& p : r.after)
    if (p.fitted) fitted += (fitted.empty() ? "" : ", ") + p.name;
  out << "# Accelerator timing calibrated by `sushi-vp calibrate` (docs/accel.md, \"Calibration\").\n";
  out << "#   config:       " << config_file << "\n";
  out << fmt::format("#   measurements: {} ({} layers, {} fitted)\n", m.file, m.rows.size(), r.fit_rows.size());
  out << "#   fitted:       " << (fitted.empty() ? "nothing" : fitted) << "\n";
  out << fmt::format("#   error on the fitted layers after the fit: mean {:.2f} %, max {:.2f} % (absolute)\n",
                     a.mean_abs_pct, a.max_abs_pct);
  out << "# Include it from a platform config: include: [<this file>]\n";
  const CalibratedParam &cpp = r.after[0], &bw = r.after[1], &host = r.after[2];
  auto how = [](const CalibratedParam& p) { return p.fitted ? (p.at_bound ? "fitted, at its bound" : "fitted") : "from the config"; };
  const double bpc = bw.value * 1e9 / r.clock_hz;
  out << "accel:\n  timing:\n";
  out << fmt::format("    cycles_per_position: {:<14} # DPE pipeline cycles per position of a pass ({}; {})\n",
                     value_text(cpp), how(cpp), range_text(cpp));
  out << fmt::format("    weight_ports: {:<21} # DMA ports carrying weight streams (from the config)\n", r.weight_ports);
  out << fmt::format("    weight_bandwidth: {:<17} # {:.2f} B per cycle at {:g} MHz; limit {:.4g} GB/s = {} ports x {} B ({})\n",
                     value_text(bw), bpc, r.clock_hz / 1e6, bw.hi, r.weight_ports, r.port_width_bytes, how(bw));
  out << fmt::format("    host_call_overhead: {:<15} # the measuring host's start/poll per call; never simulated ({})\n",
                     value_text(host), how(host));
}

void write_predictions(std::ostream& out, const Measurements& m, const CalibrationResult& r) {
  out << "subnet\tlayer\ttype\tN\tK\tC\tX_in\tR\tstride\tpad\tOX\tlatency_model_us\n";
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    const MeasuredLayer& row = m.rows[i];
    out << fmt::format("{}\t{}\t{}\t1\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3f}\n", std::max(row.subnet, 0), std::max(row.layer, 0),
                       row.type, row.k, row.c, row.x_in, row.r, row.stride, row.r / 2,
                       (row.x_in + row.stride - 1) / row.stride, r.after_us[i]);
  }
}

}  // namespace sushi::calibrate
