// Reading the models' data tables (SRAM and NoC energy tables): a thin view over io's one located
// YAML reader (io/yaml_document.h), so a table is read, located and its units parsed exactly like
// a config. Models may not include platform/config (arrows point one way), so the table loaders
// of models/sram, models/noc and others share these helpers; their messages start with
// "file:line:col: key 'path'" and are the same texts in every table.
#pragma once

#include <initializer_list>
#include <string>

#include "io/yaml_document.h"
#include "util/units.h"

namespace sushi {

// A malformed data table: the message starts with "file:line:col:" (the file alone when the
// table is not a map or cannot be read).
using TableError = io::LocatedError;

// Reads the table file `file` (bounded, io/input_file.h; `what` names it: "SRAM energy table")
// and parses it (dotted keys allowed, one document, no duplicate keys); a syntax error names
// file:line:col, and a document that is not a map is "<file>: <a_what> must be a YAML map"
// (a_what: "an SRAM energy table").
io::YamlNode yaml_load_table(const std::string& file, const char* what, const char* a_what);

// Key `key` of map node `n`: a non-empty list, else "key '<key>' must be a non-empty list" (at
// the key, or at `n` when it is missing).
const io::YamlNode& yaml_list(const io::YamlNode& n, const std::string& key);

// Every key of map node `n` is one of `allowed`, else "unknown key 'k' (<lead>: a, b, c)".
void yaml_check_keys(const io::YamlNode& n, std::initializer_list<const char*> allowed, const char* lead = "allowed");

// Reads key `key` of map node `n` (at key path `path`) as a quantity with a unit (base units of
// util/units.h); negative values are errors. `given` receives the text as written.
double yaml_quantity(const io::YamlNode& n, const std::string& path, const std::string& key, Quantity q,
                     std::string* given = nullptr);
// Reads key `key` of `n` as a non-empty string.
std::string yaml_string(const io::YamlNode& n, const std::string& path, const std::string& key);

}  // namespace sushi
