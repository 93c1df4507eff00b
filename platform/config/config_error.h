// The one error type for bad user input (configs, sweeps, overrides). The CLI turns it into
// "error: FILE:LINE:COL: key 'a.b.c': message" and exit status 2, before any simulation starts.
#pragma once

#include <stdexcept>
#include <string>

namespace sushi::config {

struct SourceLoc {
  std::string file;  // path as given by the user, or "--set" for command-line overrides
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
  std::string str() const;
};

class ConfigError : public std::runtime_error {
 public:
  ConfigError(SourceLoc loc, std::string key, std::string message);
  const SourceLoc& loc() const { return loc_; }
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }

 private:
  SourceLoc loc_;
  std::string key_;
  std::string message_;
};

}  // namespace sushi::config
