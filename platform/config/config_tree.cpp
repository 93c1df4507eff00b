#include "config_tree.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include "io/input_file.h"

namespace sushi::config {
namespace fs = std::filesystem;

namespace {

// One document of a config through io's reader; its errors become config errors.
ConfigNode parse_document(const std::string& text, const std::string& origin, bool dotted_ok) {
  try {
    return io::parse_yaml(text, origin, io::YamlOptions{dotted_ok, ""});
  } catch (const io::LocatedError& e) {
    throw ConfigError(e);
  }
}

// The file through the bounded reader (regular files only, size limit): problems are located at
// the key that names the file (an include, a memspec, an energy table), or at the file itself.
std::string read_file(const std::string& path, const SourceLoc& from, const std::string& key, const char* kind) {
  try {
    return io::read_input_file(path, kind, io::kConfigFileLimit);
  } catch (const io::InputError& e) {
    throw ConfigError(from, key, from.file == path ? e.problem() : "'" + path + "': " + e.problem());
  }
}

ConfigNode load_recursive(const std::string& path, const SourceLoc& from, const std::string& key,
                          std::vector<std::string>& stack, bool dotted_ok, const char* kind) {
  // A name the file system refuses (too long, ...) is reported by the read below, at its key.
  std::error_code ec;
  std::string canonical = fs::weakly_canonical(fs::path(path), ec).string();
  if (ec) canonical = fs::path(path).lexically_normal().string();
  if (std::find(stack.begin(), stack.end(), canonical) != stack.end()) {
    throw ConfigError(from, key, "include cycle: '" + path + "' includes itself");
  }
  const std::string text = read_file(path, from, key, kind);
  ConfigNode doc = parse_document(text, path, dotted_ok);
  if (doc.kind == ConfigNode::Kind::null) {
    doc.kind = ConfigNode::Kind::map;
    doc.loc = SourceLoc{path, 1, 1};
  }
  if (doc.kind != ConfigNode::Kind::map) {
    throw ConfigError(doc.loc, "", "a config file must be a map of keys at its top level");
  }
  stack.push_back(canonical);

  ConfigNode merged;
  merged.kind = ConfigNode::Kind::map;
  merged.loc = doc.loc;
  auto inc = std::find_if(doc.map.begin(), doc.map.end(),
                          [](const auto& e) { return e.first == "include"; });
  if (inc != doc.map.end()) {
    std::vector<const ConfigNode*> files;
    const ConfigNode& v = inc->second;
    if (v.kind == ConfigNode::Kind::scalar) {
      files.push_back(&v);
    } else if (v.kind == ConfigNode::Kind::sequence) {
      for (const auto& item : v.items) {
        if (item.kind != ConfigNode::Kind::scalar) {
          throw ConfigError(item.loc, "include", "include entries must be file paths");
        }
        files.push_back(&item);
      }
    } else {
      throw ConfigError(v.loc, "include", "include must be a file path or a list of paths");
    }
    const fs::path dir = fs::path(path).parent_path();
    for (const ConfigNode* f : files) {
      const fs::path p = fs::path(f->scalar).is_absolute() ? fs::path(f->scalar) : dir / f->scalar;
      merge_into(merged, load_recursive(p.lexically_normal().string(), f->loc, "include", stack, dotted_ok, kind));
    }
    doc.map.erase(inc);
  }
  merge_into(merged, doc);
  stack.pop_back();
  return merged;
}

}  // namespace

void merge_into(ConfigNode& base, const ConfigNode& over) {
  if (base.kind == ConfigNode::Kind::map && over.kind == ConfigNode::Kind::map) {
    for (const auto& [k, v] : over.map) {
      if (ConfigNode* existing = base.find(k)) {
        merge_into(*existing, v);
      } else {
        base.map.emplace_back(k, v);
      }
    }
    return;
  }
  base = over;
}

ConfigNode load_config_tree(const std::string& path, bool allow_dotted_keys) {
  std::vector<std::string> stack;
  return load_recursive(path, SourceLoc{path, 0, 0}, "", stack, allow_dotted_keys, "config file");
}

ConfigNode load_referenced_tree(const std::string& path, const char* kind, const SourceLoc& from,
                                const std::string& key, bool allow_dotted_keys) {
  std::vector<std::string> stack;
  return load_recursive(path, from, key, stack, allow_dotted_keys, kind);
}

ConfigNode parse_config_text(const std::string& text, const std::string& origin) {
  ConfigNode doc = parse_document(text, origin, false);
  if (doc.kind == ConfigNode::Kind::null) doc.kind = ConfigNode::Kind::map;
  if (doc.kind != ConfigNode::Kind::map) {
    throw ConfigError(doc.loc, "", "a config document must be a map of keys at its top level");
  }
  return doc;
}

void apply_override(ConfigNode& root, const std::string& assignment, int index) {
  const SourceLoc loc{"--set #" + std::to_string(index) + " (" + assignment + ")", 0, 0};
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw ConfigError(loc, "", "an override must look like key.path=value");
  }
  const std::string key = assignment.substr(0, eq);
  const std::string value = assignment.substr(eq + 1);
  ConfigNode parsed;
  try {
    parsed = io::parse_yaml(value.empty() ? std::string("~") : value, loc.file, io::YamlOptions{false, key});
  } catch (const io::YamlSyntaxError& e) {
    throw ConfigError(loc, key, "value is not valid YAML: " + e.reason());
  } catch (const io::LocatedError& e) {
    throw ConfigError(e);  // a key that is not a plain name, a duplicate key, a second document
  }
  if (parsed.kind == ConfigNode::Kind::map) {
    throw ConfigError(loc, key, "an override value must be a scalar or a [list]");
  }
  std::function<void(ConfigNode&)> set_loc = [&](ConfigNode& n) {
    n.loc = loc;
    for (auto& i : n.items) set_loc(i);
  };
  set_loc(parsed);

  ConfigNode* node = &root;
  std::size_t start = 0;
  std::string walked;
  while (true) {
    const std::size_t dot = key.find('.', start);
    const std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) throw ConfigError(loc, key, "empty key segment");
    walked += (walked.empty() ? "" : ".") + part;
    if (node->kind == ConfigNode::Kind::null) {
      node->kind = ConfigNode::Kind::map;
      node->loc = loc;
    }
    if (node->kind != ConfigNode::Kind::map) {
      throw ConfigError(loc, key, "'" + walked.substr(0, walked.rfind('.')) + "' is a value, not a section");
    }
    ConfigNode* child = node->find(part);
    if (child == nullptr) {
      node->map.emplace_back(part, ConfigNode{});
      child = &node->map.back().second;
      child->loc = loc;
    }
    if (dot == std::string::npos) {
      *child = parsed;
      return;
    }
    node = child;
    start = dot + 1;
  }
}

}  // namespace sushi::config
