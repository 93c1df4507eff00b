// Accuracy per SubNet: measured values from a user CSV, or a documented proxy fitted to the
// published OFA accuracy/MAC figures (always labelled accuracy_source: proxy).
#pragma once
#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "supernet/subnet.h"

namespace sushi::supernet {

enum class AccuracySource { Measured, Proxy };
std::string_view source_name(AccuracySource s);           // "measured" / "proxy"
AccuracySource parse_source(std::string_view s);          // throws std::invalid_argument

// One published OFA specialized SubNet (README of mit-han-lab/once-for-all, "OFA Specialized
// Sub-nets" table): MACs in millions and ImageNet top-1 in percent.
struct PublishedPoint {
  const char* net_id;
  double mmacs;
  double top1;
};
// The points a SuperNet's proxy is fitted to (ResNet50D design space for ofa-resnet50; the
// FLOPs- and mobile-phone-specialized MobileNetV3 nets for both MBv3 widths).
const std::vector<PublishedPoint>& published_points(Arch a);

// top1 = a + b * ln(MACs / 1e6), least-squares fit over published_points().
struct AccuracyProxy {
  double a = 0, b = 0;
  double rms_error = 0;  // root-mean-square residual of the fit, in percentage points
  size_t points = 0;
  double predict(uint64_t macs) const;
};
AccuracyProxy fit_proxy(Arch a);

// Measured accuracies from CSV: header "arch,subnet,top1" (column order free, extra columns
// ignored); subnet in any parse_subnet form (quote it: it contains commas); top1 in percent.
// Rows of other SuperNets are skipped. Throws std::runtime_error naming the line and problem.
class MeasuredAccuracy {
 public:
  static MeasuredAccuracy load_csv(std::istream& in, Arch a, const std::string& name);
  static MeasuredAccuracy load_csv_file(const std::string& path, Arch a);
  std::optional<double> lookup(const SubNetConfig& s) const;
  size_t size() const { return values_.size(); }

 private:
  std::map<SubNetConfig, double> values_;
};

// A CSV field quoted when it holds a comma, a quote or a newline (RFC 4180), for writing.
std::string csv_quote(const std::string& field);

}  // namespace sushi::supernet
