#include "sweep_test_util.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "test_paths.h"

namespace sushi::test {

std::filesystem::path dir() {
  // scratch_dir() empties the directory on every call: call it once per test.
  static std::string test;
  static std::filesystem::path cached;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "";
  if (cached.empty() || name != test) {
    test = name;
    cached = scratch_dir();
  }
  return cached;
}

std::filesystem::path write_file(const std::string& name, const std::string& text) {
  const auto p = dir() / name;
  std::ofstream(p) << text;
  return p;
}

std::string base_config() { return (source_dir() / "vp_configs/sweeps/bases/traffic_soc.yaml").string(); }

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int count_lines(const std::filesystem::path& p) {
  std::ifstream in(p);
  int n = 0;
  std::string line;
  while (std::getline(in, line)) ++n;
  return n;
}

}  // namespace sushi::test
