#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "util/child_process.h"

namespace sushi::util {
namespace {

namespace fs = std::filesystem;

struct ChildProcess : ::testing::Test {
  fs::path dir;
  void SetUp() override {
    dir = fs::temp_directory_path() / ("sushi-test-util-" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string log_text() const {
    std::ifstream in(dir / "log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  ExitStatus run(const std::string& script, ProcessGroup g = ProcessGroup::own) {
    return wait_for_exit(spawn_process({"/bin/sh", "-c", script}, current_environment(), dir / "log", g));
  }
};

TEST_F(ChildProcess, StdoutAndStderrGoToTheLogAndStdinIsEmpty) {
  const ExitStatus s = run("echo out; echo err >&2; cat; exit 3");
  EXPECT_TRUE(s.exited());
  EXPECT_EQ(s.exit_code(), 3);
  EXPECT_EQ(s.shell_code(), 3);
  EXPECT_EQ(log_text(), "out\nerr\n");  // cat read /dev/null: nothing, at once
}

TEST_F(ChildProcess, ASignalIsDecodedAndNamed) {
  const ExitStatus s = run("kill -TERM $$");
  ASSERT_TRUE(s.signalled());
  EXPECT_EQ(s.signal(), SIGTERM);
  EXPECT_EQ(s.shell_code(), 128 + SIGTERM);
  EXPECT_EQ(signal_name(s.signal()), "SIGTERM");
  EXPECT_EQ(signal_name(64), "signal 64");
}

TEST_F(ChildProcess, OwnGroupOrTheParents) {
  // The shell prints its process group (field 5 of /proc/PID/stat) and its pid; with
  // ProcessGroup::own it leads its group.
  run("cut -d' ' -f5 /proc/$$/stat; echo $$");
  std::istringstream own(log_text());
  std::string pgid, pid;
  own >> pgid >> pid;
  EXPECT_EQ(pgid, pid);
  run("cut -d' ' -f5 /proc/$$/stat", ProcessGroup::parent);
  EXPECT_EQ(log_text(), std::to_string(::getpgrp()) + "\n");
}

TEST_F(ChildProcess, KillGroupEndsTheChildAndWhatItStarted) {
  const pid_t pid = spawn_process({"/bin/sh", "-c", "sleep 30 & sleep 30"}, current_environment(), dir / "log");
  EXPECT_FALSE(poll_exit(pid).has_value());  // still running
  kill_group(pid);
  const ExitStatus s = wait_for_exit(pid);
  ASSERT_TRUE(s.signalled());
  EXPECT_EQ(signal_name(s.signal()), "SIGKILL");
}

TEST_F(ChildProcess, AMissingExecutableIsNamed) {
  try {
    spawn_process({"/nonexistent/sushi-vp"}, current_environment(), dir / "log");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot start '/nonexistent/sushi-vp': No such file or directory");
  }
}

}  // namespace
}  // namespace sushi::util
