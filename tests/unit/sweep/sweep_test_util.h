// Helpers for the sweep tests: writing sweep files into the test's scratch directory.
#pragma once

#include <filesystem>
#include <string>

namespace sushi::test {

// This test's scratch directory (created empty on first use in each test).
std::filesystem::path dir();
// Writes `text` to dir()/name and returns its path.
std::filesystem::path write_file(const std::string& name, const std::string& text);
// Absolute path of the sweeps' traffic-SoC base (vp_configs/sweeps/bases/traffic_soc.yaml).
std::string base_config();
std::string read_text(const std::filesystem::path& p);
int count_lines(const std::filesystem::path& p);  // 0 if the file is absent

}  // namespace sushi::test
