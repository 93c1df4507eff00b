#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include <cstring>
#include <fstream>
#include <stdexcept>

#include "util/child_process.h"

namespace sushi::sweep {

std::vector<std::string> child_environment() {
  std::vector<std::string> env = util::current_environment();
  env.emplace_back("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1");
  return env;
}

GroupReaper::GroupReaper(std::size_t max_groups) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  // The helper's table is allocated before fork: after fork only async-signal-safe calls.
  std::vector<pid_t> table(max_groups + 1, 0);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("cannot start the sweep's helper process: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[1]);
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGTERM, SIG_IGN);
    ::signal(SIGHUP, SIG_IGN);
    const int null_fd = ::open("/dev/null", O_RDWR);
    if (null_fd >= 0) {
      ::dup2(null_fd, 0);
      ::dup2(null_fd, 1);
      ::dup2(null_fd, 2);
    }
    std::int32_t msg = 0;
    while (true) {
      const ssize_t n = ::read(fds[0], &msg, sizeof msg);
      if (n < 0 && errno == EINTR) continue;
      if (n != static_cast<ssize_t>(sizeof msg)) break;  // end of file: the sweep is gone
      const pid_t g = msg > 0 ? msg : -msg;
      for (pid_t& slot : table) {
        if (msg > 0 && slot == 0) {
          slot = g;
          break;
        }
        if (msg < 0 && slot == g) {
          slot = 0;
          break;
        }
      }
    }
    for (pid_t g : table) {
      if (g > 0) ::kill(-g, SIGKILL);
    }
    ::_exit(0);
  }
  ::close(fds[0]);
  fd_ = fds[1];
  helper_ = pid;
}

GroupReaper::~GroupReaper() {
  if (fd_ >= 0) ::close(fd_);
  if (helper_ > 0) {
    int st = 0;
    ::waitpid(helper_, &st, 0);
  }
}

void GroupReaper::add(pid_t group) {
  const std::int32_t msg = group;
  (void)!::write(fd_, &msg, sizeof msg);  // atomic: fewer than PIPE_BUF bytes
}

void GroupReaper::release(pid_t group) {
  const std::int32_t msg = -group;
  (void)!::write(fd_, &msg, sizeof msg);
}

std::string last_error_line(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::string line, last_error, last_any;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    last_any = line;
    if (line.find("error") != std::string::npos) last_error = line;
  }
  std::string s = last_error.empty() ? last_any : last_error;
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  if (s.size() > 240) s = s.substr(0, 237) + "...";
  return s;
}

}  // namespace sushi::sweep
