#include "config_error.h"

namespace sushi::config {

std::string SourceLoc::str() const {
  if (file.empty()) return "<config>";
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (column > 0) s += ":" + std::to_string(column);
  return s;
}

namespace {
std::string compose(const SourceLoc& loc, const std::string& key, const std::string& msg) {
  std::string s = loc.str() + ": ";
  if (!key.empty()) s += "key '" + key + "': ";
  return s + msg;
}
}  // namespace

ConfigError::ConfigError(SourceLoc loc, std::string key, std::string message)
    : std::runtime_error(compose(loc, key, message)),
      loc_(std::move(loc)),
      key_(std::move(key)),
      message_(std::move(message)) {}

}  // namespace sushi::config
