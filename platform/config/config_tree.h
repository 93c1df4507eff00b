// A config: YAML documents read by io's one located reader (io/yaml_document.h), merged.
//
// load_config_tree() reads a file, resolves its `include:` list (paths relative to the including
// file; included files first, then the file's own keys override them, recursively; cycles are
// errors) and merges maps key by key. apply_override() applies a command-line `--set a.b=v`.
// Scalars and sequences replace wholesale; maps merge.
#pragma once

#include <string>
#include <vector>

#include "config_error.h"
#include "io/yaml_document.h"

namespace sushi::config {

// A node of the located YAML tree (io/yaml_document.h): kind, scalar text, items, map in file
// order, and file:line:column.
using ConfigNode = io::YamlNode;

// Loads and merges a config file with its includes. Throws ConfigError on unreadable files,
// YAML syntax errors (with line and column), include cycles and non-map documents.
// Data files (energy tables) may use dotted names as keys ("compute.mac_int8"); configs may not,
// since a dot separates the levels of a key path.
ConfigNode load_config_tree(const std::string& path, bool allow_dotted_keys = false);
// A data file named by a config key (a memspec, an energy table): an unreadable file is reported
// at that key's location (`from`, `key`) and called a `kind` ("memspec", "energy table").
ConfigNode load_referenced_tree(const std::string& path, const char* kind, const SourceLoc& from,
                                const std::string& key, bool allow_dotted_keys = false);

// Parses YAML text (used for overrides and tests); `origin` names the source in messages.
ConfigNode parse_config_text(const std::string& text, const std::string& origin);

// Applies "a.b.c=value" (value parsed as a YAML scalar or flow sequence). `index` numbers the
// override for messages ("--set #2").
void apply_override(ConfigNode& root, const std::string& assignment, int index);

// Merges `over` into `base` (maps key by key, the rest replaced).
void merge_into(ConfigNode& base, const ConfigNode& over);

}  // namespace sushi::config
