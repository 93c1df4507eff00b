// Request traces a traffic generator replays (docs/traffic.md):
//   STL (DRAMSys's trace player format), one request per line:
//       <cycle>:<TAB><read|write><TAB>[(<bytes>)<TAB>]0x<hex address>[<TAB><hex data>]
//     the cycle counts the initiator's clock (given in the config), the length is the config's
//     transaction size unless the line gives one in parentheses; data are ignored;
//   CSV: time_ps,command,address[,bytes]   (optional header line "time_ps,command,address,bytes";
//     command read/write, address decimal or 0x hex, bytes default the transaction size).
// Blank lines and lines starting with '#' are skipped. Files ending in .gz are gzip-compressed
// (zlib reads plain files as well). Times must not decrease. Errors name the file and line.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace sushi {

struct TraceRequest {
  std::uint64_t time_ps = 0;  // issue time after the generator's start
  std::uint64_t address = 0;  // offset inside the generator's region
  std::uint32_t bytes = 0;
  bool write = false;
};

class TraceError : public std::runtime_error {
 public:
  TraceError(std::string file, int line, const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + message), file_(std::move(file)), line_(line),
        message_(message) {}
  const std::string& file() const { return file_; }
  int line() const { return line_; }             // 1-based; 0 = the file as a whole
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  std::string message_;
};

enum class TraceFormat { stl, csv };
// By the file name: *.stl[.gz] -> stl, *.csv[.gz] -> csv; else TraceError (line 0).
TraceFormat trace_format_for(const std::string& path);

// Reads a whole trace; `clock_hz` converts STL cycles to ps (floor), `default_bytes` is the
// length of a line without one. Throws TraceError naming file and line.
std::vector<TraceRequest> read_trace(const std::string& path, std::uint64_t clock_hz, std::uint32_t default_bytes);

}  // namespace sushi
