#include "run_cli.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "test_paths.h"

namespace sushi::test {

std::filesystem::path sushi_vp() { return SUSHI_VP_EXE; }

CliResult run_sushi_vp(const std::string& args, const std::filesystem::path& cwd, int timeout_s) {
  const std::string limit = timeout_s > 0 ? "timeout -s KILL " + std::to_string(timeout_s) + " " : "";
  const std::string cmd = "cd '" + (cwd.empty() ? source_dir() : cwd).string() + "' && " + limit + "'" +
                          sushi_vp().string() + "' " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  const int rc = pclose(pipe);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace sushi::test
