// The schema: every config key the platform understands, with its type, unit, default, allowed
// range and a one-line description. Validation, defaults, config.resolved.yaml and the generated
// key reference (docs/config-reference.md) all come from this one list.
//
// Paths are dotted. A segment "*" matches any name the user chooses (e.g.
// "address_map.*.base" matches "address_map.dram.base"); the parent of a "*" is a map of
// named instances.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/units.h"

namespace sushi::config {

enum class KeyType {
  size, frequency, time, bandwidth, energy, power, length,  // quantities with units
  integer, real, boolean, string, choice, path,
  string_list, path_list
};

const char* to_string(KeyType t);

struct KeySpec {
  std::string path;
  KeyType type = KeyType::string;
  std::optional<std::string> default_text;  // nullopt: required
  std::optional<double> min, max;           // inclusive, in base units (quantities) or plain
  std::vector<std::string> choices;         // for KeyType::choice
  std::string doc;
  std::string section_doc;                  // unused for keys; see Schema::describe_section

  bool is_quantity() const;
  Quantity quantity() const;  // only for quantity types
  std::string range_text() const;  // "0 B .. 64 MiB", "one of: open, closed", "" if none
};

class Schema {
 public:
  // Quantities: default and bounds written with units ("512 KiB"); empty bound = none.
  KeySpec& quantity(const std::string& path, KeyType type, std::optional<std::string> def,
                    const std::string& min, const std::string& max, const std::string& doc);
  KeySpec& integer(const std::string& path, std::optional<long long> def, std::optional<long long> min,
                   std::optional<long long> max, const std::string& doc);
  KeySpec& real(const std::string& path, std::optional<double> def, std::optional<double> min,
                std::optional<double> max, const std::string& doc);
  KeySpec& boolean(const std::string& path, std::optional<bool> def, const std::string& doc);
  KeySpec& string(const std::string& path, std::optional<std::string> def, const std::string& doc);
  KeySpec& choice(const std::string& path, std::optional<std::string> def,
                  std::vector<std::string> choices, const std::string& doc);
  // Paths in files are relative to the file that sets them.
  KeySpec& path(const std::string& path, std::optional<std::string> def, const std::string& doc);
  KeySpec& string_list(const std::string& path, std::optional<std::string> def, const std::string& doc);
  KeySpec& path_list(const std::string& path, std::optional<std::string> def, const std::string& doc);

  // A description for a section (e.g. "dram"), shown in the generated reference.
  void describe_section(const std::string& path, const std::string& doc);

  // Exact or wildcard match of a concrete dotted path; nullptr if none.
  const KeySpec* match(const std::string& concrete) const;
  // True if `concrete` is a section: a strict prefix of some key (wildcards honoured).
  bool is_section(const std::string& concrete) const;
  // The closest declared key to a misspelt one (for "did you mean"), or "".
  std::string suggest(const std::string& concrete) const;

  const std::vector<KeySpec>& keys() const { return keys_; }
  const std::vector<std::pair<std::string, std::string>>& sections() const { return sections_; }

 private:
  KeySpec& add(KeySpec spec);
  std::vector<KeySpec> keys_;
  std::vector<std::pair<std::string, std::string>> sections_;
};

// Splits "a.b.c" into {"a","b","c"}.
std::vector<std::string> split_path(const std::string& dotted);
// True if the pattern (with "*" segments) matches the concrete path segment by segment.
bool path_matches(const std::vector<std::string>& pattern, const std::vector<std::string>& concrete);

}  // namespace sushi::config
