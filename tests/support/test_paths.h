// Where tests find the source tree (shipped configs, golden files) and a scratch directory.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <string>

namespace sushi::test {

inline std::filesystem::path source_dir() {
  const char* d = std::getenv("SUSHI_SOURCE_DIR");
  return d ? std::filesystem::path(d) : std::filesystem::current_path();
}

// A fresh, empty directory unique to the running test (one process per test under ctest).
std::filesystem::path scratch_dir();

}  // namespace sushi::test
