#include "supernet/accuracy.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "io/csv_reader.h"
#include "io/input_file.h"
#include "supernet/family.h"
#include "supernet/supernet.h"

namespace sushi::supernet {

std::string_view source_name(AccuracySource s) { return s == AccuracySource::Measured ? "measured" : "proxy"; }

AccuracySource parse_source(std::string_view s) {
  if (s == "measured") return AccuracySource::Measured;
  if (s == "proxy") return AccuracySource::Proxy;
  throw std::invalid_argument("accuracy_source '" + std::string(s) + "' (allowed: measured, proxy)");
}

const std::vector<PublishedPoint>& published_points(Arch a) { return a->published_points(); }

double AccuracyProxy::predict(uint64_t macs) const {
  return a + b * std::log(static_cast<double>(macs) / 1e6);
}

AccuracyProxy fit_proxy(Arch arch) {
  const auto& pts = published_points(arch);
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(pts.size());
  for (const auto& p : pts) {
    const double x = std::log(p.mmacs);
    sx += x;
    sy += p.top1;
    sxx += x * x;
    sxy += x * p.top1;
  }
  AccuracyProxy f;
  f.b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  f.a = (sy - f.b * sx) / n;
  f.points = pts.size();
  double se = 0;
  for (const auto& p : pts) {
    const double r = p.top1 - (f.a + f.b * std::log(p.mmacs));
    se += r * r;
  }
  f.rms_error = std::sqrt(se / n);
  return f;
}

std::string csv_quote(const std::string& f) {
  if (f.find_first_of(",\"\n") == std::string::npos) return f;
  std::string s = "\"";
  for (char c : f) s += c == '"' ? std::string("\"\"") : std::string(1, c);
  return s + "\"";
}

MeasuredAccuracy MeasuredAccuracy::load_csv(std::istream& in, Arch a, const std::string& name) {
  MeasuredAccuracy m;
  int c_arch = -1, c_sub = -1, c_top1 = -1;
  std::ostringstream text;
  text << in.rdbuf();
  io::CsvReader csv(text.str(), name);
  auto fail = [&](const std::string& msg) { throw std::runtime_error(csv.where() + ": " + msg); };
  std::vector<std::string> f;
  while (csv.next(f)) {  // io::InputError (a std::runtime_error) names file and line
    if (c_sub < 0) {
      for (size_t i = 0; i < f.size(); ++i) {
        if (f[i] == "arch") c_arch = static_cast<int>(i);
        if (f[i] == "subnet") c_sub = static_cast<int>(i);
        if (f[i] == "top1") c_top1 = static_cast<int>(i);
      }
      if (c_arch < 0 || c_sub < 0 || c_top1 < 0) fail("header must name the columns arch, subnet, top1");
      continue;
    }
    const size_t need = static_cast<size_t>(std::max({c_arch, c_sub, c_top1}));
    if (f.size() <= need) fail("row has " + std::to_string(f.size()) + " fields, header needs " + std::to_string(need + 1));
    Arch ra;
    try {
      ra = parse_arch(f[c_arch]);
    } catch (const std::exception& e) {
      fail(e.what());
    }
    if (ra != a) continue;
    SubNetConfig s;
    try {
      s = parse_subnet(a, f[c_sub]);
    } catch (const std::exception& e) {
      fail(e.what());
    }
    double v = 0;
    try {
      size_t used = 0;
      v = std::stod(f[c_top1], &used);
      if (used != f[c_top1].size()) throw std::invalid_argument("trailing characters");
    } catch (const std::exception&) {
      fail("top1 '" + f[c_top1] + "' is not a number");
    }
    if (!(v >= 0 && v <= 100)) fail("top1 " + f[c_top1] + " outside [0, 100] percent");
    if (!m.values_.emplace(s, v).second) fail("SubNet listed twice");
  }
  if (c_sub < 0) throw std::runtime_error(name + ": empty file (expected header arch,subnet,top1)");
  return m;
}

MeasuredAccuracy MeasuredAccuracy::load_csv_file(const std::string& path, Arch a) {
  std::istringstream in(io::read_input_file(path, "accuracy table", io::kDataFileLimit));
  return load_csv(in, a, path);
}

std::optional<double> MeasuredAccuracy::lookup(const SubNetConfig& s) const {
  auto it = values_.find(canonical(s));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

}  // namespace sushi::supernet
