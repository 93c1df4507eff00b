#include "io/yaml_document.h"

#include <algorithm>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "io/input_file.h"

namespace sushi::io {

std::string SourceLoc::str() const {
  if (file.empty()) return "<config>";
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (column > 0) s += ":" + std::to_string(column);
  return s;
}

namespace {
std::string compose(const SourceLoc& loc, const std::string& key, const std::string& msg) {
  std::string s = loc.str() + ": ";
  if (!key.empty()) s += "key '" + key + "': ";
  return s + msg;
}
}  // namespace

LocatedError::LocatedError(SourceLoc loc, std::string key, std::string message)
    : std::runtime_error(compose(loc, key, message)),
      loc_(std::move(loc)),
      key_(std::move(key)),
      message_(std::move(message)) {}

YamlSyntaxError::YamlSyntaxError(SourceLoc loc, const std::string& reason)
    : LocatedError(std::move(loc), "", "YAML syntax error: " + reason), reason_(reason) {}

const YamlNode* YamlNode::find(const std::string& key) const {
  for (const auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

YamlNode* YamlNode::find(const std::string& key) {
  for (auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

const YamlNode* YamlNode::at_path(const std::string& dotted) const {
  const YamlNode* n = this;
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

YamlNode convert(const YAML::Node& n, const std::string& file, const std::string& path, bool dotted_ok) {
  YamlNode out;
  out.loc = loc_of(n, file);
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      out.kind = YamlNode::Kind::null;
      break;
    case YAML::NodeType::Scalar:
      out.kind = YamlNode::Kind::scalar;
      out.scalar = n.Scalar();
      out.quoted = n.Tag() == "!";
      break;
    case YAML::NodeType::Sequence:
      out.kind = YamlNode::Kind::sequence;
      for (const auto& item : n) out.items.push_back(convert(item, file, path + "[]", dotted_ok));
      break;
    case YAML::NodeType::Map:
      out.kind = YamlNode::Kind::map;
      for (const auto& kv : n) {
        if (!kv.first.IsScalar()) {
          throw LocatedError(loc_of(kv.first, file), path, "map keys must be plain names");
        }
        const std::string key = kv.first.Scalar();
        const std::string child_path = path.empty() ? key : path + "." + key;
        if (key.empty() || (!dotted_ok && key.find('.') != std::string::npos)) {
          throw LocatedError(loc_of(kv.first, file), child_path, "key names must be non-empty and contain no '.'");
        }
        if (const YamlNode* dup = out.find(key)) {
          throw LocatedError(loc_of(kv.first, file), child_path,
                             "duplicate key (first defined at " + dup->loc.str() + ")");
        }
        YamlNode child = convert(kv.second, file, child_path, dotted_ok);
        child.key_loc = loc_of(kv.first, file);
        // A key with an empty value points at the key itself, not the next line.
        if (child.kind == YamlNode::Kind::null) child.loc = child.key_loc;
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

// One document per text: a second one (after "---") would otherwise be dropped without a word.
// The documents are counted with yaml-cpp's event parser, at most two: YAML::LoadAll never ends
// on some malformed texts (yaml-cpp 0.7 on a line starting with ",:" yields empty documents at the
// same mark forever, and YAML::Load returns an empty node for it). A second document that starts
// where the first did means the parser cannot read on: a syntax error at that mark.
YAML::Node load_one_document(const std::string& text, const std::string& origin) {
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentStarts docs;
    if (!parser.HandleNextDocument(docs)) return YAML::Node();
    if (parser.HandleNextDocument(docs)) {
      const YAML::Mark first = docs.starts.front(), second = docs.starts.back();
      if (second.pos == first.pos)
        throw YamlSyntaxError(SourceLoc{origin, first.line + 1, first.column + 1},
                              "cannot read the document from here (a ',', '[' or '{' where a key or a value "
                              "should start?)");
      throw LocatedError(SourceLoc{origin, second.line >= 0 ? second.line + 1 : 0, 0}, "",
                         "a second YAML document (after '---'); a file holds one document");
    }
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw YamlSyntaxError(SourceLoc{origin, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

}  // namespace

YamlNode parse_yaml(const std::string& text, const std::string& origin, const YamlOptions& options) {
  return convert(load_one_document(text, origin), origin, options.key_prefix, options.allow_dotted_keys);
}

YamlNode read_yaml_file(const std::string& path, const char* kind, const YamlOptions& options) {
  return parse_yaml(read_input_file(path, kind, kConfigFileLimit), path, options);
}

double quantity_of(const YamlNode& n, const std::string& key, Quantity q) {
  if (n.kind != YamlNode::Kind::scalar) throw LocatedError(n.loc, key, "must be a single value");
  try {
    return parse_quantity(n.scalar, q);
  } catch (const UnitError& e) {
    throw LocatedError(n.loc, key, e.what());
  }
}

}  // namespace sushi::io
