#include "request_trace.h"

#include <zlib.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <memory>
#include <numeric>

namespace sushi {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

std::vector<std::string> split(const std::string& s, bool on_comma) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false;
  for (char c : s) {
    const bool sep = on_comma ? c == ',' : std::isspace(static_cast<unsigned char>(c)) != 0;
    if (sep) {
      if (on_comma || in_word) out.push_back(trim(cur));
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (on_comma || in_word) out.push_back(trim(cur));
  return out;
}

// Unsigned integer, decimal or (hex_ok) 0x hex, the whole token.
bool parse_u64(const std::string& t, std::uint64_t& v, bool hex_only = false) {
  if (t.empty()) return false;
  const bool hex = t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X');
  if (hex_only && !hex) return false;
  const std::string digits = hex ? t.substr(2) : t;
  if (digits.empty() || digits[0] == '-' || digits[0] == '+') return false;
  errno = 0;
  char* end = nullptr;
  const unsigned long long x = std::strtoull(digits.c_str(), &end, hex ? 16 : 10);
  if (errno != 0 || *end != '\0') return false;
  v = x;
  return true;
}

bool parse_command(const std::string& t, bool& write) {
  if (t == "read" || t == "READ" || t == "r" || t == "R") { write = false; return true; }
  if (t == "write" || t == "WRITE" || t == "w" || t == "W") { write = true; return true; }
  return false;
}

}  // namespace

TraceFormat trace_format_for(const std::string& path) {
  const std::string p = ends_with(path, ".gz") ? path.substr(0, path.size() - 3) : path;
  if (ends_with(p, ".stl")) return TraceFormat::stl;
  if (ends_with(p, ".csv")) return TraceFormat::csv;
  throw TraceError(path, 0, "unknown trace format: the file name must end in .stl or .csv (optionally .gz)");
}

std::vector<TraceRequest> read_trace(const std::string& path, std::uint64_t clock_hz, std::uint32_t default_bytes) {
  const TraceFormat fmt = trace_format_for(path);
  std::unique_ptr<gzFile_s, int (*)(gzFile)> f(gzopen(path.c_str(), "rb"), gzclose);
  if (!f) throw TraceError(path, 0, "cannot open the trace file");
  std::vector<TraceRequest> out;
  std::string line;
  char buf[4096];
  int n = 0;
  std::uint64_t last_time = 0;
  for (;;) {
    line.clear();
    bool got = false;
    while (gzgets(f.get(), buf, sizeof buf) != nullptr) {
      got = true;
      line += buf;
      if (!line.empty() && line.back() == '\n') break;
    }
    if (!got) break;
    ++n;
    const std::string s = trim(line);
    if (s.empty() || s[0] == '#') continue;
    auto bad = [&](const std::string& why) {
      throw TraceError(path, n, why + " in '" + s + "'");
    };
    TraceRequest r;
    r.bytes = default_bytes;
    if (fmt == TraceFormat::stl) {
      const std::size_t colon = s.find(':');
      std::uint64_t cycle = 0;
      if (colon == std::string::npos || !parse_u64(trim(s.substr(0, colon)), cycle)) {
        bad("expected '<cycle>:' (a decimal clock cycle and a colon) at the start");
      }
      const std::vector<std::string> f2 = split(s.substr(colon + 1), false);
      if (f2.size() < 2) bad("expected '<cycle>:<TAB><read|write><TAB>0x<address>'");
      if (!parse_command(f2[0], r.write)) bad("command '" + f2[0] + "' is not read or write");
      std::size_t ai = 1;
      if (f2[1].size() > 2 && f2[1].front() == '(' && f2[1].back() == ')') {
        std::uint64_t len = 0;
        if (!parse_u64(f2[1].substr(1, f2[1].size() - 2), len) || len == 0 || len > (1u << 24)) {
          bad("data length '" + f2[1] + "' must be (1..16777216) bytes");
        }
        r.bytes = static_cast<std::uint32_t>(len);
        ai = 2;
      }
      if (ai >= f2.size() || !parse_u64(f2[ai], r.address, true)) bad("expected a 0x hex address");
      // ps = floor(cycle x 1e12 / f), with the fraction reduced (exact, no overflow for any clock).
      const std::uint64_t g = std::gcd<std::uint64_t>(1000000000000ull, clock_hz);
      const std::uint64_t num = 1000000000000ull / g, den = clock_hz / g;
      if (cycle / den > (std::uint64_t(1) << 62) / num) bad("cycle " + std::to_string(cycle) + " is too late");
      // the remainder's part is below num (<= 1e12): long double's 64-bit mantissa holds it exactly
      r.time_ps = cycle / den * num +
                  static_cast<std::uint64_t>(static_cast<long double>(cycle % den) * num / den);
    } else {
      const std::vector<std::string> c = split(s, true);
      if (c[0] == "time_ps" && out.empty()) continue;  // header
      if (c.size() < 3 || c.size() > 4) bad("expected time_ps,command,address[,bytes]");
      if (!parse_u64(c[0], r.time_ps)) bad("time_ps '" + c[0] + "' is not a whole number of ps");
      if (!parse_command(c[1], r.write)) bad("command '" + c[1] + "' is not read or write");
      if (!parse_u64(c[2], r.address)) bad("address '" + c[2] + "' is not a decimal or 0x hex number");
      if (c.size() == 4) {
        std::uint64_t len = 0;
        if (!parse_u64(c[3], len) || len == 0 || len > (1u << 24)) bad("bytes '" + c[3] + "' must be 1..16777216");
        r.bytes = static_cast<std::uint32_t>(len);
      }
    }
    if (r.time_ps < last_time) bad("time goes backwards (the previous request is at " + std::to_string(last_time) + " ps)");
    last_time = r.time_ps;
    out.push_back(r);
  }
  int err = 0;
  gzerror(f.get(), &err);
  if (err != Z_OK && err != Z_STREAM_END) throw TraceError(path, n, "read error (corrupt gzip data?)");
  return out;
}

}  // namespace sushi
