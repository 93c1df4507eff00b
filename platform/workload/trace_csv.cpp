#include "trace_csv.h"

#include <limits>
#include <sstream>
#include <stdexcept>

#include "workload_error.h"

namespace sushi::workload {

namespace {

std::uint64_t pow10(unsigned n) {
  std::uint64_t p = 1;
  while (n--) p *= 10;
  return p;
}

}  // namespace

std::uint64_t parse_fixed(const std::string& text, unsigned decimals) {
  if (text.empty()) throw std::invalid_argument("empty value");
  std::uint64_t whole = 0, frac = 0;
  unsigned frac_digits = 0;
  bool dot = false, any_digit = false;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  for (char c : text) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      any_digit = true;
      const unsigned d = static_cast<unsigned>(c - '0');
      if (dot) {
        if (++frac_digits > decimals) {
          throw std::invalid_argument("'" + text + "' has more than " + std::to_string(decimals) +
                                      " decimals");
        }
        frac = frac * 10 + d;
      } else {
        if (whole > (kMax - d) / 10) throw std::invalid_argument("'" + text + "' is too large");
        whole = whole * 10 + d;
      }
    } else {
      throw std::invalid_argument("'" + text + "' is not a non-negative decimal number");
    }
  }
  if (!any_digit) throw std::invalid_argument("'" + text + "' is not a number");
  const std::uint64_t scale = pow10(decimals);
  if (whole > (kMax - scale) / scale) throw std::invalid_argument("'" + text + "' is too large");
  return whole * scale + frac * pow10(decimals - frac_digits);
}

std::string format_fixed(std::uint64_t value, unsigned decimals) {
  const std::uint64_t scale = pow10(decimals);
  std::string frac = std::to_string(value % scale);
  if (decimals == 0) return std::to_string(value);
  return std::to_string(value / scale) + "." + std::string(decimals - frac.size(), '0') + frac;
}

TraceReader::TraceReader(const std::string& file) : name_(file) {
  try {
    csv_ = std::make_unique<io::CsvReader>(file, "workload trace");
  } catch (const io::InputError& e) {
    throw WorkloadError(e.what());
  }
  read_header();
}

TraceReader::TraceReader(std::string text, const std::string& name)
    : name_(name), csv_(std::make_unique<io::CsvReader>(std::move(text), name)) {
  read_header();
}

TraceReader::~TraceReader() = default;

void TraceReader::fail(const std::string& msg) const { throw WorkloadError(csv_->where() + ": " + msg); }

void TraceReader::read_header() {
  std::vector<std::string> fields;
  try {
    if (!csv_->next(fields)) throw WorkloadError(name_ + ":1: empty trace (no header line)");
  } catch (const io::InputError& e) {
    throw WorkloadError(e.what());
  }
  ncols_ = fields.size();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    int* slot = fields[i] == "arrival_us"         ? &col_arrival_
                : fields[i] == "slo_ms"           ? &col_slo_
                : fields[i] == "min_accuracy_pct" ? &col_acc_
                                                  : nullptr;
    if (slot == nullptr) fail("unknown column '" + fields[i] + "'; allowed: arrival_us, slo_ms, min_accuracy_pct");
    if (*slot >= 0) fail("column '" + fields[i] + "' appears twice");
    *slot = static_cast<int>(i);
  }
  if (col_arrival_ < 0) fail("the header needs an 'arrival_us' column");
}

bool TraceReader::next(TraceRow& r) {
  std::vector<std::string> fields;
  try {
    if (!csv_->next(fields)) return false;
  } catch (const io::InputError& e) {
    throw WorkloadError(e.what());
  }
  if (fields.size() != ncols_) {
    fail("expected " + std::to_string(ncols_) + " fields, found " + std::to_string(fields.size()));
  }
  r = TraceRow{};
  r.line = csv_->line();
  try {
    r.arrival_ps = parse_fixed(fields[static_cast<std::size_t>(col_arrival_)], 6);
  } catch (const std::invalid_argument& e) {
    fail(std::string("arrival_us: ") + e.what());
  }
  if (col_slo_ >= 0) {
    try {
      r.slo_ps = parse_fixed(fields[static_cast<std::size_t>(col_slo_)], 9);
    } catch (const std::invalid_argument& e) {
      fail(std::string("slo_ms: ") + e.what());
    }
    if (r.slo_ps == 0) fail("slo_ms: must be > 0");
  }
  if (col_acc_ >= 0) {
    std::uint64_t milli = 0;
    try {
      milli = parse_fixed(fields[static_cast<std::size_t>(col_acc_)], 3);
    } catch (const std::invalid_argument& e) {
      fail(std::string("min_accuracy_pct: ") + e.what());
    }
    if (milli > 100000) fail("min_accuracy_pct: must be in 0..100");
    r.min_accuracy_pct = static_cast<double>(milli) / 1000.0;
  }
  if (any_ && r.arrival_ps < prev_) {
    fail("arrival " + format_fixed(r.arrival_ps, 6) + " us is earlier than the previous arrival " +
         format_fixed(prev_, 6) + " us (line " + std::to_string(prev_line_) + "); arrivals must not decrease");
  }
  any_ = true;
  prev_ = r.arrival_ps;
  prev_line_ = r.line;
  return true;
}

namespace {
Trace read_all(TraceReader& reader) {
  Trace t;
  t.name = reader.name();
  t.has_slo = reader.has_slo();
  t.has_accuracy = reader.has_accuracy();
  TraceRow r;
  while (reader.next(r)) t.rows.push_back(r);
  return t;
}
}  // namespace

Trace parse_trace_csv(std::istream& in, const std::string& name) {
  std::ostringstream text;
  text << in.rdbuf();
  TraceReader reader(text.str(), name);
  return read_all(reader);
}

Trace read_trace_csv(const std::string& file) {
  TraceReader reader(file);
  return read_all(reader);
}

namespace {
// format_fixed without trailing fraction zeros ("50.000" -> "50", "1.250" -> "1.25"): shorter
// files, same exact value.
std::string compact(std::uint64_t value, unsigned decimals) {
  std::string s = format_fixed(value, decimals);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}
}  // namespace

void write_trace_csv(std::ostream& out, const std::vector<Query>& queries) {
  out << "arrival_us,slo_ms,min_accuracy_pct\n";
  for (const auto& q : queries) {
    out << compact(q.arrival_ps, 6) << ',' << compact(q.slo_ps, 9) << ',' << compact(q.min_accuracy_milli(), 3)
        << '\n';
  }
}

}  // namespace sushi::workload
