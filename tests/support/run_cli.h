// Running the sushi-vp executable of this build tree from a test, the way users run it.
#pragma once
#include <filesystem>
#include <string>

namespace sushi::test {

std::filesystem::path sushi_vp();

struct CliResult {
  int status;          // exit status (-1 if it did not exit normally)
  std::string output;  // stdout + stderr
};

// Runs `sushi-vp ARGS` (a shell command line) in `cwd` (default: the source tree); with
// `timeout_s` > 0 it is killed after that many seconds (a hang is exit 137, not a stuck test).
CliResult run_sushi_vp(const std::string& args, const std::filesystem::path& cwd = {}, int timeout_s = 0);

// A whole file as bytes ("" if it cannot be read).
std::string slurp(const std::filesystem::path& file);

}  // namespace sushi::test
