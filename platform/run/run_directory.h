// The run directory: every file is written to a temporary name and renamed into place, so a
// reader (or a crash) never sees a half-written file, and files already written stay valid.
#pragma once

#include <filesystem>
#include <string>

namespace sushi {

class RunDirectory {
 public:
  // Creates the directory (and parents). Throws std::runtime_error if that fails.
  explicit RunDirectory(std::filesystem::path dir);
  const std::filesystem::path& path() const { return dir_; }
  // Atomically replaces `name` inside the directory with `content`.
  void write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace sushi
