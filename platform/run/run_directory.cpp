#include "run_directory.h"

#include <fcntl.h>
#include <sys/file.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/output_file.h"

namespace sushi {
namespace fs = std::filesystem;

namespace {

std::string tmp_prefix(const fs::path& dir) { return "." + dir.filename().string() + ".tmp-"; }

// Leftovers of runs of the same directory that were killed before their commit. A live run
// holds an exclusive lock on its temporary directory (taken in the constructor, released by the
// kernel when the process dies, even before its parent reaps it); a sibling whose lock can be
// taken belongs to no live run. The lock, not the PID in the name, decides: a killed run's PID
// may still name a zombie, or a new unrelated process.
void remove_stale_siblings(const fs::path& dir) {
  std::error_code ec;
  const std::string prefix = tmp_prefix(dir);
  for (const auto& e : fs::directory_iterator(dir.parent_path().empty() ? "." : dir.parent_path(), ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const int fd = ::open(e.path().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    const bool stale = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (stale) fs::remove_all(e.path(), ec);
    ::close(fd);
  }
}

}  // namespace

RunDirectory::RunDirectory(fs::path dir) : dir_(dir.lexically_normal()) {
  if (!dir_.has_filename()) dir_ = dir_.parent_path();  // "out/x/" -> "out/x"
  if (dir_.empty() || dir_.filename() == "." || dir_.filename() == "..") {
    throw InvalidOutDir("--out '" + dir.string() + "' names no directory of its own; give e.g. out/my-run");
  }
  std::error_code ec;
  const fs::file_status st = fs::status(dir_, ec);
  if (fs::exists(st) && !fs::is_directory(st)) {
    throw InvalidOutDir("--out '" + dir_.string() + "' is a file, not a directory; give a directory for the run's outputs");
  }
  const fs::path parent = dir_.parent_path().empty() ? fs::path(".") : dir_.parent_path();
  fs::create_directories(parent, ec);
  if (!fs::is_directory(parent)) {
    throw io::OutputError(dir_, "cannot create its parent directory" + (ec ? ": " + ec.message() : std::string()));
  }
  remove_stale_siblings(dir_);
  tmp_ = parent / (tmp_prefix(dir_) + std::to_string(::getpid()));
  fs::remove_all(tmp_, ec);
  if (!fs::create_directory(tmp_, ec) || ec) {
    throw io::OutputError(tmp_, "cannot create the run's temporary directory: " + ec.message());
  }
  lock_fd_ = ::open(tmp_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock_fd_ < 0 || ::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    throw io::OutputError(tmp_, std::string("cannot lock the run's temporary directory: ") + std::strerror(errno));
  }
}

RunDirectory::~RunDirectory() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(tmp_, ec);
}

void RunDirectory::write(const std::string& name, const std::string& content) const {
  io::OutputFile out(tmp_ / name);
  out.write(content);
  out.close();
}

void RunDirectory::commit() {
  if (committed_) return;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) {
    if (::rename(tmp_.c_str(), dir_.c_str()) != 0) throw io::OutputError(dir_, std::strerror(errno));
    committed_ = true;
    return;
  }
  // Atomic swap: the old directory ends up at the temporary name, then goes.
  if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) != 0) {
    // A file system without RENAME_EXCHANGE: move the old one aside first (a short moment with
    // no directory at all, never a mixed one).
    const fs::path old = tmp_.string() + ".old";
    if (::rename(dir_.c_str(), old.c_str()) != 0 || ::rename(tmp_.c_str(), dir_.c_str()) != 0) {
      throw io::OutputError(dir_, std::string("cannot put the run directory in place: ") + std::strerror(errno));
    }
    fs::remove_all(old, ec);
    committed_ = true;
    return;
  }
  committed_ = true;
  fs::remove_all(tmp_, ec);
}

}  // namespace sushi
