#include "calibrate/measurements.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace sushi::calibrate {

namespace {

std::vector<std::string> split(const std::string& line, char delim) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, delim)) {
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\r')) cell.pop_back();
    std::size_t b = 0;
    while (b < cell.size() && cell[b] == ' ') ++b;
    out.push_back(cell.substr(b));
  }
  if (!line.empty() && line.back() == delim) out.emplace_back();
  return out;
}

bool is_latency_column(const std::string& name) {
  return name.rfind("latency", 0) == 0 && name.size() >= 10 && name.compare(name.size() - 3, 3, "_us") == 0;
}

// The whole cell as a number (no trailing characters).
template <typename T>
bool parse_whole(const std::string& v, T& out) {
  const char* end = v.data() + v.size();
  const auto r = std::from_chars(v.data(), end, out);
  return !v.empty() && r.ec == std::errc() && r.ptr == end;
}

[[noreturn]] void fail(const std::string& file, int line, const std::string& column, const std::string& msg) {
  std::string where = file;
  if (line > 0) where += ":" + std::to_string(line);
  if (!column.empty()) where += ": column '" + column + "'";
  throw MeasurementError(where + ": " + msg);
}

}  // namespace

double MeasuredLayer::latency_us() const {
  double s = 0.0;
  for (double v : latencies_us) s += v;
  return latencies_us.empty() ? 0.0 : s / static_cast<double>(latencies_us.size());
}

Measurements parse_measurements(const std::string& text, const std::string& file) {
  Measurements m;
  m.file = file;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  std::map<std::string, std::size_t> col;  // name -> index
  std::vector<std::string> names;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] == '#') continue;
    if (names.empty()) {  // the header
      m.delimiter = line.find('\t') != std::string::npos ? '\t' : ',';
      names = split(line, m.delimiter);
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty()) fail(file, lineno, "", "header column " + std::to_string(i + 1) + " has no name");
        if (!col.emplace(names[i], i).second) fail(file, lineno, names[i], "appears twice in the header");
        if (is_latency_column(names[i])) m.latency_columns.push_back(names[i]);
      }
      for (const char* req : {"K", "C", "X_in", "R", "stride"}) {
        if (!col.count(req)) {
          fail(file, lineno, req,
               "missing (required columns: K, C, X_in, R, stride and at least one latency*_us; the header is "
               "line " + std::to_string(lineno) + ")");
        }
      }
      if (m.latency_columns.empty()) {
        fail(file, lineno, "latency*_us", "missing: no column named latency..._us (measured latency in microseconds)");
      }
      continue;
    }
    const std::vector<std::string> cells = split(line, m.delimiter);
    if (cells.size() != names.size()) {
      fail(file, lineno, "", std::to_string(cells.size()) + " cells, the header has " + std::to_string(names.size()));
    }
    auto integer = [&](const std::string& name, long lo, long hi) -> std::optional<int> {
      const auto it = col.find(name);
      if (it == col.end()) return std::nullopt;
      const std::string& v = cells[it->second];
      long x = 0;
      if (!parse_whole(v, x) || x < lo || x > hi) {
        fail(file, lineno, name, "'" + v + "' is not an integer in " + std::to_string(lo) + " .. " + std::to_string(hi));
      }
      return static_cast<int>(x);
    };
    MeasuredLayer r;
    r.line = lineno;
    r.k = *integer("K", 1, 65535);
    r.c = *integer("C", 1, 65535);
    r.x_in = *integer("X_in", 1, 65535);
    r.r = *integer("R", 1, 15);
    r.stride = *integer("stride", 1, 8);
    if (r.r % 2 == 0) fail(file, lineno, "R", std::to_string(r.r) + " is even (kernels are odd)");
    if (r.r > r.x_in + 2 * (r.r / 2)) fail(file, lineno, "R", "kernel larger than the padded input");
    if (const auto n = integer("N", 1, 65535); n && *n != 1) fail(file, lineno, "N", "only batch 1 is modelled (N = 1)");
    if (const auto pad = integer("pad", 0, 7); pad && *pad != r.r / 2) {
      fail(file, lineno, "pad", std::to_string(*pad) + ": the accelerator pads 'same' (pad = R/2 = " + std::to_string(r.r / 2) + ")");
    }
    const int ox = (r.x_in + r.stride - 1) / r.stride;
    if (const auto o = integer("OX", 1, 65535); o && *o != ox) {
      fail(file, lineno, "OX", std::to_string(*o) + " differs from ceil(X_in / stride) = " + std::to_string(ox));
    }
    if (const auto s = integer("subnet", 0, 1 << 30)) r.subnet = *s;
    if (const auto l = integer("layer", 0, 1 << 30)) r.layer = *l;
    if (const auto it = col.find("type"); it != col.end()) {
      r.type = cells[it->second];
      if (r.type != "conv" && r.type != "dwconv") fail(file, lineno, "type", "'" + r.type + "' is not one of: conv, dwconv");
    }
    for (const std::string& name : m.latency_columns) {
      const std::string& v = cells[col[name]];
      double x = 0;
      if (!parse_whole(v, x) || !std::isfinite(x)) fail(file, lineno, name, "'" + v + "' is not a number");
      if (x <= 0) fail(file, lineno, name, v + " is not a positive latency (us)");
      r.latencies_us.push_back(x);
    }
    m.rows.push_back(std::move(r));
  }
  if (names.empty()) fail(file, 0, "", "empty: no header line (columns K, C, X_in, R, stride, latency*_us)");
  if (m.rows.empty()) fail(file, lineno, "", "no data rows after the header");
  return m;
}

Measurements read_measurements(const std::string& file) {
  std::ifstream f(file, std::ios::binary | std::ios::ate);
  if (!f) throw MeasurementError(file + ": cannot read the measurement file");
  // A measurement file is a few hundred lines; refuse anything absurdly large before reading it.
  constexpr std::streamoff kMaxBytes = 64ll << 20;
  if (f.tellg() > kMaxBytes) throw MeasurementError(file + ": larger than 64 MiB; not a layer measurement file");
  f.seekg(0);
  std::ostringstream ss;
  ss << f.rdbuf();
  if (f.bad()) throw MeasurementError(file + ": read error");
  return parse_measurements(ss.str(), file);
}

}  // namespace sushi::calibrate
