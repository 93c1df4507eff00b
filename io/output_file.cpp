#include "io/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sushi::io {
namespace {
constexpr std::size_t kBuffer = 1 << 16;
}

OutputError::OutputError(const std::filesystem::path& file, const std::string& problem)
    : std::runtime_error("cannot write '" + file.string() + "': " + problem) {}

OutputFile::OutputFile(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw OutputError(path_, std::strerror(errno));
  buf_.reserve(kBuffer);
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
}

OutputFile::OutputFile(OutputFile&& o) noexcept : path_(std::move(o.path_)), fd_(o.fd_), buf_(std::move(o.buf_)) {
  o.fd_ = -1;
}

OutputFile& OutputFile::operator=(OutputFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(o.path_);
    fd_ = o.fd_;
    buf_ = std::move(o.buf_);
    o.fd_ = -1;
  }
  return *this;
}

void OutputFile::fail(const std::string& what, int err) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buf_.clear();
  throw OutputError(path_, what + std::strerror(err));
}

void OutputFile::write(std::string_view data) {
  if (fd_ < 0) throw OutputError(path_, "the file is not open");
  if (buf_.size() + data.size() > kBuffer) flush();
  if (data.size() >= kBuffer) {
    buf_.assign(data.data(), data.size());
    flush();
    return;
  }
  buf_.append(data.data(), data.size());
}

void OutputFile::flush() {
  if (fd_ < 0) return;
  std::size_t done = 0;
  while (done < buf_.size()) {
    const ssize_t n = ::write(fd_, buf_.data() + done, buf_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("", errno);
    }
    if (n == 0) fail("", ENOSPC);
    done += static_cast<std::size_t>(n);
  }
  buf_.clear();
}

void OutputFile::close() {
  if (fd_ < 0) return;
  flush();
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw OutputError(path_, std::strerror(errno));
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  const auto tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  try {
    OutputFile out(tmp);
    out.write(content);
    out.close();
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw OutputError(path, "cannot rename the finished file into place: " + ec.message());
  }
}

}  // namespace sushi::io
