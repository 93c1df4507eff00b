#include "supernet/accuracy.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "io/csv_reader.h"
#include "io/input_file.h"
#include "supernet/supernet.h"

namespace sushi::supernet {

std::string_view source_name(AccuracySource s) { return s == AccuracySource::Measured ? "measured" : "proxy"; }

AccuracySource parse_source(std::string_view s) {
  if (s == "measured") return AccuracySource::Measured;
  if (s == "proxy") return AccuracySource::Proxy;
  throw std::invalid_argument("accuracy_source '" + std::string(s) + "' (allowed: measured, proxy)");
}

const std::vector<PublishedPoint>& published_points(Arch a) {
  // mit-han-lab/once-for-all README.md, table "OFA Specialized Sub-nets" (Top-1 %, #MACs).
  static const std::vector<PublishedPoint> resnet = {
      {"resnet50D_MAC@4.1B_top1@79.8", 4100, 79.8},
      {"resnet50D_MAC@3.7B_top1@79.7", 3700, 79.7},
      {"resnet50D_MAC@3.0B_top1@79.3", 3000, 79.3},
      {"resnet50D_MAC@2.4B_top1@79.0", 2400, 79.0},
      {"resnet50D_MAC@1.8B_top1@78.3", 1800, 78.3},
      {"resnet50D_MAC@1.2B_top1@77.1_finetune@25", 1200, 77.1},
      {"resnet50D_MAC@0.9B_top1@76.3_finetune@25", 900, 76.3},
      {"resnet50D_MAC@0.6B_top1@75.0_finetune@25", 600, 75.0},
  };
  // MobileNetV3 design space: the FLOPs-constrained nets and the mobile-phone latency-constrained
  // nets (the GPU/CPU-latency nets trade MACs for parallelism and are left out).
  static const std::vector<PublishedPoint> mbv3 = {
      {"flops@595M_top1@80.0_finetune@75", 595, 80.0},
      {"flops@482M_top1@79.6_finetune@75", 482, 79.6},
      {"flops@389M_top1@79.1_finetune@75", 389, 79.1},
      {"LG-G8_lat@24ms_top1@76.4_finetune@25", 230, 76.4},
      {"LG-G8_lat@16ms_top1@74.7_finetune@25", 151, 74.7},
      {"LG-G8_lat@11ms_top1@73.0_finetune@25", 103, 73.0},
      {"LG-G8_lat@8ms_top1@71.1_finetune@25", 74, 71.1},
      {"s7edge_lat@88ms_top1@76.3_finetune@25", 219, 76.3},
      {"s7edge_lat@58ms_top1@74.7_finetune@25", 145, 74.7},
      {"s7edge_lat@41ms_top1@73.1_finetune@25", 96, 73.1},
      {"s7edge_lat@29ms_top1@70.5_finetune@25", 66, 70.5},
      {"note8_lat@65ms_top1@76.1_finetune@25", 220, 76.1},
      {"note8_lat@49ms_top1@74.9_finetune@25", 164, 74.9},
      {"note8_lat@31ms_top1@72.8_finetune@25", 101, 72.8},
      {"note8_lat@22ms_top1@70.4_finetune@25", 67, 70.4},
      {"note10_lat@64ms_top1@80.2_finetune@75", 743, 80.2},
      {"note10_lat@50ms_top1@79.7_finetune@75", 554, 79.7},
      {"note10_lat@41ms_top1@79.3_finetune@75", 457, 79.3},
      {"note10_lat@30ms_top1@78.4_finetune@75", 339, 78.4},
      {"note10_lat@22ms_top1@76.6_finetune@25", 237, 76.6},
      {"note10_lat@16ms_top1@75.5_finetune@25", 163, 75.5},
      {"note10_lat@11ms_top1@73.6_finetune@25", 110, 73.6},
      {"note10_lat@8ms_top1@71.4_finetune@25", 79, 71.4},
      {"pixel1_lat@143ms_top1@80.1_finetune@75", 642, 80.1},
      {"pixel1_lat@132ms_top1@79.8_finetune@75", 593, 79.8},
      {"pixel1_lat@79ms_top1@78.7_finetune@75", 356, 78.7},
      {"pixel1_lat@58ms_top1@76.9_finetune@75", 230, 76.9},
      {"pixel1_lat@40ms_top1@74.9_finetune@25", 162, 74.9},
      {"pixel1_lat@28ms_top1@73.3_finetune@25", 109, 73.3},
      {"pixel1_lat@20ms_top1@71.4_finetune@25", 77, 71.4},
      {"pixel2_lat@62ms_top1@75.8_finetune@25", 208, 75.8},
      {"pixel2_lat@50ms_top1@74.7_finetune@25", 166, 74.7},
      {"pixel2_lat@35ms_top1@73.4_finetune@25", 113, 73.4},
      {"pixel2_lat@25ms_top1@71.5_finetune@25", 79, 71.5},
  };
  return is_mbv3(a) ? mbv3 : resnet;
}

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
