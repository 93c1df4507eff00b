// Runs a simulation in a child process (one SystemC simulation per process): tests that compare
// two runs of one model run each in a child and compare what they printed.
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace sushi::dram::test {

// Runs body() in a child process and returns what it printed; fails the test if the child fails.
inline std::string in_child(const std::function<std::string()>& body) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    int rc = 0;
    try {
      const std::string out = body();
      for (std::size_t at = 0; at < out.size();) {
        const ssize_t n = write(fds[1], out.data() + at, out.size() - at);
        if (n <= 0) { rc = 3; break; }
        at += std::size_t(n);
      }
    } catch (...) {
      rc = 4;
    }
    close(fds[1]);
    _exit(rc);
  }
  close(fds[1]);
  std::string out;
  char buf[65536];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, std::size_t(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  return out;
}

}  // namespace sushi::dram::test
