#include "test_paths.h"

#include <gtest/gtest.h>

namespace sushi::test {

std::filesystem::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "scratch";
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  // Under the build tree, so that two checkouts testing at once never share a scratch directory.
  const char* bin = std::getenv("SUSHI_BINARY_DIR");
  auto dir = (bin ? std::filesystem::path(bin) / "test-scratch" : std::filesystem::path(SUSHI_TEST_SCRATCH_ROOT)) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace sushi::test
