// The one error type for bad user input (configs, sweeps, overrides). The CLI turns it into
// "error: FILE:LINE:COL: key 'a.b.c': message" and exit status 2, before any simulation starts.
// The location and the text are io's (io/yaml_document.h): a config error reads like every other
// located input error.
#pragma once

#include <string>

#include "io/yaml_document.h"

namespace sushi::config {

// file: the path as given by the user, "--set #N (...)" for overrides, "<default>" for defaults.
using SourceLoc = io::SourceLoc;

class ConfigError : public io::LocatedError {
 public:
  using io::LocatedError::LocatedError;
  // The same error, now reported as a config error (from io's YAML reader).
  explicit ConfigError(const io::LocatedError& e) : io::LocatedError(e) {}
};

}  // namespace sushi::config
