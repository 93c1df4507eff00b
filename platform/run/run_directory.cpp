#include "run_directory.h"

#include <fstream>
#include <stdexcept>

namespace sushi {

RunDirectory::RunDirectory(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_)) {
    throw std::runtime_error("cannot create run directory '" + dir_.string() + "': " + ec.message());
  }
}

void RunDirectory::write(const std::string& name, const std::string& content) const {
  const auto final_path = dir_ / name;
  const auto tmp = dir_ / ("." + name + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write '" + tmp.string() + "'");
    out << content;
    out.flush();
    if (!out) throw std::runtime_error("error while writing '" + tmp.string() + "'");
  }
  std::filesystem::rename(tmp, final_path);
}

}  // namespace sushi
