#include "config_tree.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "io/input_file.h"

namespace sushi::config {
namespace fs = std::filesystem;

const ConfigNode* ConfigNode::find(const std::string& key) const {
  for (const auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

ConfigNode* ConfigNode::find(const std::string& key) {
  for (auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

const ConfigNode* ConfigNode::at_path(const std::string& dotted) const {
  const ConfigNode* n = this;
  std::size_t start = 0;
  while (n != nullptr && start <= dotted.size()) {
    const std::size_t dot = dotted.find('.', start);
    const std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (n->kind != Kind::map) return nullptr;
    n = n->find(part);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return n;
}

namespace {

SourceLoc loc_of(const YAML::Node& n, const std::string& file) {
  const YAML::Mark m = n.Mark();
  return SourceLoc{file, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0};
}

ConfigNode convert(const YAML::Node& n, const std::string& file, const std::string& path,
                   bool dotted_ok = false) {
  ConfigNode out;
  out.loc = loc_of(n, file);
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      out.kind = ConfigNode::Kind::null;
      break;
    case YAML::NodeType::Scalar:
      out.kind = ConfigNode::Kind::scalar;
      out.scalar = n.Scalar();
      out.quoted = n.Tag() == "!";
      break;
    case YAML::NodeType::Sequence:
      out.kind = ConfigNode::Kind::sequence;
      for (const auto& item : n) out.items.push_back(convert(item, file, path + "[]", dotted_ok));
      break;
    case YAML::NodeType::Map:
      out.kind = ConfigNode::Kind::map;
      for (const auto& kv : n) {
        if (!kv.first.IsScalar()) {
          throw ConfigError(loc_of(kv.first, file), path, "map keys must be plain names");
        }
        const std::string key = kv.first.Scalar();
        const std::string child_path = path.empty() ? key : path + "." + key;
        if (key.empty() || (!dotted_ok && key.find('.') != std::string::npos)) {
          throw ConfigError(loc_of(kv.first, file), child_path,
                            "key names must be non-empty and contain no '.'");
        }
        auto dup = std::find_if(out.map.begin(), out.map.end(),
                                [&](const auto& e) { return e.first == key; });
        if (dup != out.map.end()) {
          throw ConfigError(loc_of(kv.first, file), child_path,
                            "duplicate key (first defined at " + dup->second.loc.str() + ")");
        }
        ConfigNode child = convert(kv.second, file, child_path, dotted_ok);
        // A key with an empty value points at the key itself, not the next line.
        if (child.kind == ConfigNode::Kind::null) child.loc = loc_of(kv.first, file);
        out.map.emplace_back(key, std::move(child));
      }
      break;
  }
  return out;
}

// Marks where each document of a text starts; records nothing else.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& m) override { starts.push_back(m); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// One document per file: a second one (after "---") would otherwise be dropped without a word.
// The documents are counted with yaml-cpp's event parser, at most two: YAML::LoadAll never ends
// on some malformed texts (yaml-cpp 0.7 on a line starting with ",:" yields empty documents at the
// same mark forever, and YAML::Load returns an empty node for it). A second document that starts
// where the first did means the parser cannot read on: a syntax error at that mark.
YAML::Node parse_yaml(const std::string& text, const std::string& origin) {
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentStarts docs;
    if (!parser.HandleNextDocument(docs)) return YAML::Node();
    if (parser.HandleNextDocument(docs)) {
      const YAML::Mark first = docs.starts.front(), second = docs.starts.back();
      if (second.pos == first.pos)
        throw ConfigError(SourceLoc{origin, first.line + 1, first.column + 1}, "",
                          "YAML syntax error: cannot read the document from here (a ',', '[' or '{' "
                          "where a key or a value should start?)");
      throw ConfigError(SourceLoc{origin, second.line >= 0 ? second.line + 1 : 0, 0}, "",
                        "a second YAML document (after '---'); a config file holds one document");
    }
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(SourceLoc{origin, e.mark.line + 1, e.mark.column + 1}, "",
                      "YAML syntax error: " + e.msg);
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
  ConfigNode doc = convert(parse_yaml(text, path), path, "", dotted_ok);
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
  ConfigNode doc = convert(parse_yaml(text, origin), origin, "");
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
    parsed = convert(YAML::Load(value.empty() ? std::string("~") : value), loc.file, key);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(loc, key, "value is not valid YAML: " + e.msg);
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
