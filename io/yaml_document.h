// The one YAML reader of the platform: a document read through the bounded input
// (input_file.h) into a tree whose every node remembers file:line:column, with typed scalar
// access (quantities with units, util/units.h) and the one text of a located input error,
// "FILE:LINE:COL: key 'a.b': message" (docs/configuration.md, "Input files").
//
// Configs (platform/config/config_tree.h adds includes, merging and --set overrides on top), YAML
// catalogs (supernet/src/catalog.cpp),
// the energy tables and memspecs named by configs, and the models' own data tables
// (models/common/yaml_table.h) are all read here. It lives in io/ because reading an input file
// is below every host-side layer (docs/architecture.md): models, the SuperNet library and the
// platform may all use it, and yaml-cpp stays an implementation detail of this one file.
//
// The reader is strict where yaml-cpp alone is lenient: one document per file (a second one after
// "---" is an error, not dropped), map keys are plain non-empty scalars that occur once, and a
// config's keys contain no '.' (a dot separates the levels of a key path; data tables may allow
// dotted names such as "compute.mac_int8").
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "util/units.h"

namespace sushi::io {

// Where a value was written: the file as the user named it (or "--set #2 (...)" for an
// override, "<default>" for a schema default), 1-based line and column, 0 when unknown.
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;
  std::string str() const;  // "file:line:col", "file:line", "file" or "<config>"
};

// Bad user input at a place: what() is "LOC: key 'KEY': MESSAGE" ("LOC: MESSAGE" without a
// key). The one text format of every located input error (configs, tables, memspecs).
class LocatedError : public std::runtime_error {
 public:
  LocatedError(SourceLoc loc, std::string key, std::string message);
  const SourceLoc& loc() const { return loc_; }
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }

 private:
  SourceLoc loc_;
  std::string key_;
  std::string message_;
};

// A YAML syntax error; reason() is the parser's own words, message() "YAML syntax error: ...".
class YamlSyntaxError : public LocatedError {
 public:
  YamlSyntaxError(SourceLoc loc, const std::string& reason);
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

// One node of a document. Maps keep their keys in file order.
struct YamlNode {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string scalar;                                  // for scalars: the text as written
  bool quoted = false;                                 // scalar was quoted in YAML
  std::vector<YamlNode> items;                         // for sequences
  std::vector<std::pair<std::string, YamlNode>> map;   // for maps, in file order
  SourceLoc loc;      // of the value; of its key when the value is empty ("key:")
  SourceLoc key_loc;  // of the key that names this node in its map (unset elsewhere)

  const YamlNode* find(const std::string& key) const;
  YamlNode* find(const std::string& key);
  // Finds a dotted path ("a.b.c"); nullptr if absent.
  const YamlNode* at_path(const std::string& dotted) const;
};

struct YamlOptions {
  bool allow_dotted_keys = false;  // data tables: "compute.mac_int8" is one key
  std::string key_prefix;          // key path of the document's root in messages ("" at the top)
};

// Parses one YAML document; `origin` names it in locations. An empty text is a null node.
// Throws YamlSyntaxError (with line and column) or LocatedError (a second document, a key that
// is not a plain name, a duplicate key).
YamlNode parse_yaml(const std::string& text, const std::string& origin, const YamlOptions& options = {});

// Reads the file through read_input_file (regular files only, kConfigFileLimit; `kind` names it:
// "config file", "SRAM energy table") and parses it. An unreadable file throws InputError.
YamlNode read_yaml_file(const std::string& path, const char* kind, const YamlOptions& options = {});

// The scalar `n` (at key path `key`) as a quantity in the base unit of `q` (util/units.h).
// Throws LocatedError at `n`: not a single value, a bad number or unit (the allowed units named).
double quantity_of(const YamlNode& n, const std::string& key, Quantity q);

}  // namespace sushi::io
