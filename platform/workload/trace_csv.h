// Query traces as CSV: replay (read) and export (write).
//
// Format (docs/workload.md): a header naming the columns, then one row per query in arrival
// order. Units are in the column names:
//   arrival_us        arrival time in microseconds (up to 6 decimals: exact to 1 ps), required
//   slo_ms            latency SLO in milliseconds (up to 9 decimals: exact to 1 ps), optional
//   min_accuracy_pct  top-1 accuracy floor in percent, 0..100 (up to 3 decimals), optional
// Blank lines and lines starting with '#' are ignored; fields may be quoted (RFC 4180); a
// UTF-8 byte-order mark is dropped. Arrivals must not decrease.
#pragma once

#include <cstdint>
#include <memory>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "io/csv_reader.h"
#include "query.h"

namespace sushi::workload {

struct TraceRow {
  std::uint64_t arrival_ps = 0;
  std::uint64_t slo_ps = 0;        // valid if the trace has slo_ms
  double min_accuracy_pct = 0;     // valid if the trace has min_accuracy_pct
  int line = 0;
};

struct Trace {
  std::string name;                // file name, for messages
  bool has_slo = false;
  bool has_accuracy = false;
  std::vector<TraceRow> rows;
};

// A trace read row by row (RFC 4180 CSV through io::CsvReader, bounded reads): memory does not
// grow with the file, so a run reads only the rows it uses. Every row returned is validated;
// problems throw WorkloadError "FILE:LINE: message".
class TraceReader {
 public:
  explicit TraceReader(const std::string& file);                  // a file (bounded, regular)
  TraceReader(std::string text, const std::string& name);         // text in memory (tests)
  ~TraceReader();
  bool has_slo() const { return col_slo_ >= 0; }
  bool has_accuracy() const { return col_acc_ >= 0; }
  const std::string& name() const { return name_; }
  // The next row; false at the end of the trace.
  bool next(TraceRow& row);

 private:
  void read_header();
  [[noreturn]] void fail(const std::string& msg) const;
  std::string name_;
  std::unique_ptr<io::CsvReader> csv_;
  int col_arrival_ = -1, col_slo_ = -1, col_acc_ = -1;
  std::size_t ncols_ = 0;
  std::uint64_t prev_ = 0;
  int prev_line_ = 0;
  bool any_ = false;
};

// The whole trace (tests and small files); throws WorkloadError "FILE:LINE: message".
Trace parse_trace_csv(std::istream& in, const std::string& name);
Trace read_trace_csv(const std::string& file);

// Writes `queries` in the trace format with all three columns (trailing fraction zeros
// dropped); reading it back gives the same
// arrivals, SLOs and accuracy floors exactly.
void write_trace_csv(std::ostream& out, const std::vector<Query>& queries);

// Exact fixed-point decimal text <-> integer: parse_fixed("1.5", 6) = 1500000;
// format_fixed(1500000, 6) = "1.500000". parse_fixed throws std::invalid_argument (bad
// characters, more than `decimals` fraction digits, overflow).
std::uint64_t parse_fixed(const std::string& text, unsigned decimals);
std::string format_fixed(std::uint64_t value, unsigned decimals);

}  // namespace sushi::workload
