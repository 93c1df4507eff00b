// A YAML document turned into a tree that remembers where every value came from.
//
// load_config_tree() reads a file, resolves its `include:` list (paths relative to the including
// file; included files first, then the file's own keys override them, recursively; cycles are
// errors) and merges maps key by key. apply_override() applies a command-line `--set a.b=v`.
// Scalars and sequences replace wholesale; maps merge.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config_error.h"

namespace sushi::config {

struct ConfigNode {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string scalar;                                    // for scalars: the text as written
  bool quoted = false;                                   // scalar was quoted in YAML
  std::vector<ConfigNode> items;                         // for sequences
  std::vector<std::pair<std::string, ConfigNode>> map;   // for maps, in file order
  SourceLoc loc;

  const ConfigNode* find(const std::string& key) const;
  ConfigNode* find(const std::string& key);
  // Finds a dotted path ("a.b.c"); nullptr if absent.
  const ConfigNode* at_path(const std::string& dotted) const;
};

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
