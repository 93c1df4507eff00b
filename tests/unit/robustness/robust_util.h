// Helpers of the robustness tests: run a shell command with a time limit, write files, read JSON.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "run_cli.h"
#include "test_paths.h"

namespace sushi::test {

// Runs `sushi-vp ARGS` from `cwd` (default: the source tree) under `timeout`: a hang is exit 124,
// not a stuck test. Output: stdout + stderr.
inline CliResult run_vp_in(const std::filesystem::path& cwd, const std::string& args, int timeout_s = 60) {
  return run_sushi_vp(args, cwd, timeout_s);
}

inline CliResult run_vp(const std::string& args, int timeout_s = 60) { return run_vp_in(source_dir(), args, timeout_s); }

// Runs a shell command; returns its exit status and output.
inline CliResult sh(const std::string& cmd) {
  FILE* pipe = popen((cmd + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  const int rc = pclose(pipe);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

inline std::filesystem::path write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

inline std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// The quickstart cut to a few queries, the base of most cases.
inline std::string quickstart(int queries = 3) {
  return "vp_configs/examples/quickstart.yaml --set workload.queries=" + std::to_string(queries) + " ";
}

}  // namespace sushi::test
