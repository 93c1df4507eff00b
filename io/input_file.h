// Reading input files within a size limit: the one way the platform reads configs, includes,
// energy tables, memspecs, catalogs, latency profiles, accuracy tables, workload traces, sweep
// files and firmware ELFs (docs/configuration.md, "Input files").
//
// Only regular files are read: a directory, a FIFO, a device (/dev/zero, /dev/stdin) or a socket
// is refused at once, without blocking, with a message that names the file and what it is. A
// file larger than its kind's limit is refused with the limit in the message, so an endless or
// runaway file can never exhaust memory. A UTF-8 byte-order mark at the start is dropped.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace sushi::io {

inline constexpr std::uint64_t kMiB = 1024 * 1024;
// Limits per kind of input (docs/configuration.md lists them).
inline constexpr std::uint64_t kConfigFileLimit = 16 * kMiB;    // YAML configs, includes, tables, sweeps
inline constexpr std::uint64_t kDataFileLimit = 256 * kMiB;     // catalogs, profiles, accuracy CSVs, ELFs
inline constexpr std::uint64_t kStreamFileLimit = 4096 * kMiB;  // workload traces (read as a stream)
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;         // one line of a streamed text file

// An input file that cannot be used: message "FILE: problem".
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, const std::string& problem);
  const std::string& file() const { return file_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_, problem_;
};

// The whole file; `kind` names it in messages ("config file", "catalog").
std::string read_input_file(const std::string& path, const char* kind, std::uint64_t limit);

// The lines of a regular file, streamed: at most `limit` bytes in all and kMaxLineBytes per line.
class LineReader {
 public:
  LineReader(const std::string& path, const char* kind, std::uint64_t limit = kStreamFileLimit);
  // Over text already in memory (`name` for messages).
  static std::unique_ptr<LineReader> from_text(std::string text, const std::string& name);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its "\n" (and "\r"); false at the end of the file.
  bool next(std::string& line);
  int line_number() const { return line_; }  // of the last line returned, 1-based
  const std::string& path() const { return path_; }

 private:
  LineReader() = default;
  bool fill();
  std::string path_;
  const char* kind_ = "file";
  std::uint64_t limit_ = kStreamFileLimit;
  int fd_ = -1;
  std::unique_ptr<char[]> buf_;
  std::string text_;  // from_text(): the whole input
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t total_ = 0;
  int line_ = 0;
  bool eof_ = false;
};

}  // namespace sushi::io
