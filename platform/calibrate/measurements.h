// Board measurements of single layers: the input of `sushi-vp calibrate` (docs/accel.md,
// "Calibration", describes the format).
//
// A header line naming the columns, then one row per measured layer; tab-separated if the header
// holds a tab, else comma-separated. Blank lines and lines starting with '#' are ignored.
//   K, C, X_in, R, stride           required: output and input channels, input height = width,
//                                   kernel size (odd), stride
//   latency*_us                     required, at least one: measured latencies in microseconds
//                                   (several runs: their mean is used), each > 0
//   type                            optional: conv (default) or dwconv
//   N, pad, OX                      optional, checked: N = 1, pad = R/2 ('same'), OX =
//                                   ceil(X_in / stride)
//   subnet, layer                   optional integers: identify the row (--holdout uses subnet)
// Any other column (e.g. MMAC, supernet_layer) is carried along and ignored.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace sushi::calibrate {

// "FILE:LINE: column 'NAME': message" (LINE 0 and no column for whole-file problems); exit 2.
class MeasurementError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MeasuredLayer {
  int line = 0;             // in the file (1 = header)
  int subnet = -1, layer = -1;  // -1: not given
  std::string type = "conv";
  int k = 0, c = 0, x_in = 0, r = 3, stride = 1;
  std::vector<double> latencies_us;  // one per latency column
  double latency_us() const;         // their mean
};

struct Measurements {
  std::string file;
  char delimiter = '\t';
  std::vector<std::string> latency_columns;
  std::vector<MeasuredLayer> rows;
};

Measurements read_measurements(const std::string& file);
Measurements parse_measurements(const std::string& text, const std::string& file);

}  // namespace sushi::calibrate
