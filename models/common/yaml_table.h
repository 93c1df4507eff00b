// Reading the models' data tables (SRAM and NoC energy tables, memory specs) with yaml-cpp:
// values with units through common/units.h, and errors that name file:line:col and the key path.
// Models may not include platform/config (arrows point one way), so the table loaders of
// models/sram, models/noc and others share these helpers.
#pragma once

#include <initializer_list>
#include <stdexcept>
#include <string>

#include <yaml-cpp/yaml.h>

#include "util/units.h"

namespace sushi {

// A malformed data table; the message starts with "file:line:col: key 'path':".
class TableError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// "file:line:col" of a YAML node (1-based), for error messages.
std::string yaml_where(const std::string& file, const YAML::Node& n);

// Reads the table file `file` (bounded, io/input_file.h; `what` names it: "SRAM energy table")
// and parses it; a syntax error names file:line:col, and a document that is not a map is
// "<file>: <a_what> must be a YAML map" (a_what: "an SRAM energy table").
YAML::Node yaml_load_table(const std::string& file, const char* what, const char* a_what);

// Key `key` of map node `n`: a non-empty list, else "key '<key>' must be a non-empty list" (at
// the key, or at `n` when it is missing).
YAML::Node yaml_list(const std::string& file, const YAML::Node& n, const std::string& key);

// Every key of map node `n` is one of `allowed`, else "unknown key 'k' (<lead>: a, b, c)".
void yaml_check_keys(const std::string& file, const YAML::Node& n, std::initializer_list<const char*> allowed,
                     const char* lead = "allowed");

// Reads key `key` of map node `n` as a quantity with a unit (base units of common/units.h);
// negative values are errors. `given` receives the text as written.
double yaml_quantity(const std::string& file, const YAML::Node& n, const std::string& path,
                     const std::string& key, Quantity q, std::string* given = nullptr);
// Reads key `key` of `n` as a non-empty string.
std::string yaml_string(const std::string& file, const YAML::Node& n, const std::string& path,
                        const std::string& key);

}  // namespace sushi
