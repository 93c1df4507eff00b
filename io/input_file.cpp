#include "io/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sushi::io {
namespace {

constexpr std::size_t kChunk = 1 << 16;

std::string what_it_is(mode_t m) {
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a FIFO (named pipe)";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  return "not a regular file";
}

std::string mib(std::uint64_t bytes) { return std::to_string(bytes / kMiB) + " MiB"; }

// Opens without blocking (a FIFO with no writer would block a plain open) and checks the type of
// what was opened, so nothing can be swapped in between the check and the read.
int open_regular(const std::string& path, const char* kind) {
  if (path.empty()) throw InputError(path, std::string("no ") + kind + " given (empty path)");
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw InputError(path, std::string("cannot read the ") + kind + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const std::string is = ::fstat(fd, &st) == 0 ? what_it_is(st.st_mode) : std::strerror(errno);
    ::close(fd);
    throw InputError(path, std::string("cannot read the ") + kind + ": it is " + is + ", not a file");
  }
  // Back to blocking reads for the regular file.
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

void drop_bom(std::string& s) {
  if (s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0) s.erase(0, 3);
}

}  // namespace

InputError::InputError(std::string file, const std::string& problem)
    : std::runtime_error(file + ": " + problem), file_(std::move(file)), problem_(problem) {}

std::string read_input_file(const std::string& path, const char* kind, std::uint64_t limit) {
  const int fd = open_regular(path, kind);
  std::string out;
  char buf[kChunk];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int e = errno;
      ::close(fd);
      throw InputError(path, std::string("error while reading the ") + kind + ": " + std::strerror(e));
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > limit) {
      ::close(fd);
      throw InputError(path, std::string("the ") + kind + " is larger than the " + mib(limit) + " limit for " +
                                 kind + "s");
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  drop_bom(out);
  return out;
}

LineReader::LineReader(const std::string& path, const char* kind, std::uint64_t limit)
    : path_(path), kind_(kind), limit_(limit), buf_(new char[kChunk]) {
  fd_ = open_regular(path, kind);
}

std::unique_ptr<LineReader> LineReader::from_text(std::string text, const std::string& name) {
  std::unique_ptr<LineReader> r(new LineReader());
  r->path_ = name;
  r->text_ = std::move(text);
  r->end_ = r->text_.size();
  r->eof_ = true;
  return r;
}

LineReader::~LineReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  while (true) {
    const ssize_t n = ::read(fd_, buf_.get() + end_, kChunk - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(path_, std::string("error while reading the ") + kind_ + ": " + std::strerror(errno));
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    total_ += static_cast<std::uint64_t>(n);
    if (total_ > limit_) {
      throw InputError(path_, std::string("the ") + kind_ + " is larger than the " + mib(limit_) + " limit for " +
                                  kind_ + "s");
    }
    end_ += static_cast<std::size_t>(n);
    return true;
  }
}

bool LineReader::next(std::string& line) {
  line.clear();
  while (true) {
    const char* begin = (buf_ ? buf_.get() : text_.data()) + pos_;
    const void* nl = std::memchr(begin, '\n', end_ - pos_);
    if (nl != nullptr) {
      const std::size_t len = static_cast<std::size_t>(static_cast<const char*>(nl) - begin);
      line.assign(begin, len);
      pos_ += len + 1;
      break;
    }
    if (buf_ && end_ - pos_ >= kMaxLineBytes) {
      throw InputError(path_ + ":" + std::to_string(line_ + 1),
                       "a line longer than " + std::to_string(kMaxLineBytes / 1024) + " KiB (is this a " + kind_ + "?)");
    }
    if (!fill()) {
      if (pos_ == end_) return false;  // end of file
      line.assign((buf_ ? buf_.get() : text_.data()) + pos_, end_ - pos_);  // last line without "\n"
      pos_ = end_;
      break;
    }
  }
  ++line_;
  if (line_ == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace sushi::io
