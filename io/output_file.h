// Writing output files with every write checked: a full disk, a quota or an I/O error is an
// OutputError naming the file and the reason, never a silently short file. Used by the run
// directory, the trace writers and every command that writes a file.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sushi::io {

class OutputError : public std::runtime_error {
 public:
  OutputError(const std::filesystem::path& file, const std::string& problem);
};

// A file being written, buffered; write() and close() throw OutputError on any failure. The
// destructor closes without throwing (a file whose close() was never called is incomplete: the
// caller's error path discards it).
class OutputFile {
 public:
  OutputFile() = default;
  explicit OutputFile(const std::filesystem::path& path);  // creates or truncates
  ~OutputFile();
  OutputFile(OutputFile&& o) noexcept;
  OutputFile& operator=(OutputFile&& o) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool is_open() const { return fd_ >= 0; }
  const std::filesystem::path& path() const { return path_; }
  void write(std::string_view data);
  OutputFile& operator<<(std::string_view data) {
    write(data);
    return *this;
  }
  void flush();
  void close();

 private:
  void fail(const std::string& what, int err);
  std::filesystem::path path_;
  int fd_ = -1;
  std::string buf_;
};

// Writes `content` to `path` through a temporary sibling renamed into place: readers see the old
// file or the whole new one, never a part.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

}  // namespace sushi::io
