// Reading the models' data tables (SRAM and NoC energy tables, memory specs) with yaml-cpp:
// values with units through common/units.h, and errors that name file:line:col and the key path.
// Models may not include platform/config (arrows point one way), so the table loaders of
// models/sram, models/noc and others share these helpers.
#pragma once

#include <stdexcept>
#include <string>

#include <yaml-cpp/yaml.h>

#include "common/units.h"

namespace sushi {

// A malformed data table; the message starts with "file:line:col: key 'path':".
class TableError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// "file:line:col" of a YAML node (1-based), for error messages.
std::string yaml_where(const std::string& file, const YAML::Node& n);

// Reads key `key` of map node `n` as a quantity with a unit (base units of common/units.h);
// negative values are errors. `given` receives the text as written.
double yaml_quantity(const std::string& file, const YAML::Node& n, const std::string& path,
                     const std::string& key, Quantity q, std::string* given = nullptr);
// Reads key `key` of `n` as a non-empty string.
std::string yaml_string(const std::string& file, const YAML::Node& n, const std::string& path,
                        const std::string& key);

}  // namespace sushi
