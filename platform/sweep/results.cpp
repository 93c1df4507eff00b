#include "results.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/input_file.h"
#include "io/output_file.h"

namespace sushi::sweep {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::optional<std::string> read_text(const fs::path& p) {
  try {
    return io::read_input_file(p.string(), "run output", io::kDataFileLimit);
  } catch (const io::InputError&) {
    return std::nullopt;
  }
}

std::optional<json> read_json(const fs::path& p) {
  const auto text = read_text(p);
  if (!text) return std::nullopt;
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

// Longest-key-first descent: "modules.soc.noc.links.r(0,0)->r(1,0).bytes_B" works although
// "soc" is one key and link names hold no dots, and keys such as "a.b" still resolve.
const json* find_path(const json& j, const std::vector<std::string>& parts, std::size_t from) {
  if (from == parts.size()) return &j;
  if (!j.is_object()) return nullptr;
  std::string key;
  std::vector<std::string> candidates;
  for (std::size_t i = from; i < parts.size(); ++i) {
    key += (i > from ? "." : "") + parts[i];
    candidates.push_back(key);
  }
  for (std::size_t n = candidates.size(); n-- > 0;) {
    auto it = j.find(candidates[n]);
    if (it == j.end()) continue;
    if (const json* hit = find_path(*it, parts, from + n + 1)) return hit;
  }
  return nullptr;
}

std::string cell_of(const json& j, const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  const json* v = find_path(j, parts, 0);
  if (v == nullptr || v->is_null()) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_float()) return fmt::format("{}", v->get<double>());  // shortest round-trip
  return v->dump();
}

}  // namespace

fs::path point_dir(const fs::path& out, const Point& p) { return out / p.id; }

void write_atomic(const fs::path& dir, const std::string& name, const std::string& content) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  io::write_file_atomic(dir / name, content);
}

std::optional<PointRecord> read_status(const fs::path& dir) {
  const auto j = read_json(dir / "status.json");
  if (!j || !j->is_object()) return std::nullopt;
  PointRecord r;
  r.status = j->value("status", "pending");
  r.detail = j->value("detail", "");
  r.exit_code = j->value("exit_code", -1);
  r.signal = j->value("signal", "");
  r.wall_s = j->value("wall_time_s", 0.0);
  r.fingerprint = j->value("fingerprint", "");
  return r;
}

void write_status(const fs::path& dir, const PointRecord& r) {
  json j;
  j["status"] = r.status;
  j["detail"] = r.detail;
  j["exit_code"] = r.exit_code;
  j["signal"] = r.signal;
  j["wall_time_s"] = r.wall_s;
  j["fingerprint"] = r.fingerprint;
  write_atomic(dir, "status.json", j.dump(2) + "\n");
}

bool is_done(const Sweep& sw, const Point& p, const fs::path& dir) {
  const auto marker = read_text(dir / ".done");
  if (!marker || *marker != sw.fingerprint(p)) return false;
  const auto summary = read_json(dir / "summary.json");
  return summary && summary->is_object();
}

void mark_done(const Sweep& sw, const Point& p, const fs::path& dir) {
  write_atomic(dir, ".done", sw.fingerprint(p));
}

ResultRow read_row(const Sweep& sw, const Point& p, const fs::path& out, bool sweep_over) {
  ResultRow row;
  row.metrics.assign(sw.metrics.size(), "");
  const fs::path dir = point_dir(out, p);
  const auto status = read_status(dir);
  const std::string fp = sw.fingerprint(p);
  if (is_done(sw, p, dir)) {
    row.record = status && status->fingerprint == fp ? *status : PointRecord{};
    row.record.status = "ok";
    row.record.fingerprint = fp;
    const auto summary = read_json(dir / "summary.json");
    for (std::size_t i = 0; i < sw.metrics.size(); ++i) row.metrics[i] = cell_of(*summary, sw.metrics[i]);
    return row;
  }
  if (status && status->fingerprint == fp && status->status != "ok") {
    row.record = *status;
    if (sweep_over && row.record.status == "running") row.record.status = "incomplete";
  }
  return row;
}

std::string metric_cell(const std::string& summary_json_text, const std::string& path) {
  const json j = json::parse(summary_json_text, nullptr, false);
  if (j.is_discarded()) return "";
  return cell_of(j, path);
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

namespace {

std::string param_header(const Sweep& sw) {
  std::string h = "point";
  for (const auto& p : sw.parameters) {
    h += "," + csv_cell(p.key);
    if (!p.base_unit.empty()) h += "," + csv_cell(p.key + "_" + p.base_unit);
  }
  return h;
}

std::string param_cells(const Sweep& sw, const Point& pt) {
  std::string s = pt.id;
  for (std::size_t k = 0; k < sw.parameters.size(); ++k) {
    const Parameter& p = sw.parameters[k];
    s += "," + csv_cell(p.labels[pt.choice[k]]);
    if (!p.base_unit.empty()) s += "," + fmt::format("{}", p.base_values[pt.choice[k]]);
  }
  return s;
}

}  // namespace

std::string points_csv(const Sweep& sw) {
  std::string s = param_header(sw) + "\n";
  for (const auto& pt : sw.points) s += param_cells(sw, pt) + "\n";
  return s;
}

std::string results_csv(const Sweep& sw, const std::vector<ResultRow>& rows) {
  std::string s = param_header(sw) + ",status,detail";
  for (const auto& m : sw.metrics) s += "," + csv_cell(m);
  s += "\n";
  for (std::size_t i = 0; i < sw.points.size(); ++i) {
    s += param_cells(sw, sw.points[i]) + "," + rows[i].record.status + "," + csv_cell(rows[i].record.detail);
    for (const auto& c : rows[i].metrics) s += "," + csv_cell(c);
    s += "\n";
  }
  return s;
}

std::string timings_csv(const Sweep& sw, const std::vector<ResultRow>& rows) {
  std::string s = "point,status,wall_time_s\n";
  for (std::size_t i = 0; i < sw.points.size(); ++i) {
    s += sw.points[i].id + "," + rows[i].record.status + "," +
         (rows[i].record.status == "pending" ? std::string() : fmt::format("{:.3f}", rows[i].record.wall_s)) + "\n";
  }
  return s;
}

}  // namespace sushi::sweep
