#include "common/yaml_table.h"

#include "io/input_file.h"

namespace sushi {
using Kind = io::YamlNode::Kind;

io::YamlNode yaml_load_table(const std::string& file, const char* what, const char* a_what) {
  io::YamlNode root;
  try {
    root = io::read_yaml_file(file, what, io::YamlOptions{/*allow_dotted_keys=*/true, ""});
  } catch (const io::InputError& e) {
    throw TableError(io::SourceLoc{e.file()}, "", e.problem());
  }
  if (root.kind != Kind::map) throw TableError(io::SourceLoc{file}, "", std::string(a_what) + " must be a YAML map");
  return root;
}

const io::YamlNode& yaml_list(const io::YamlNode& n, const std::string& key) {
  const io::YamlNode* v = n.find(key);
  if (v == nullptr || v->kind != Kind::sequence || v->items.empty()) {
    throw TableError((v ? v : &n)->loc, "", "key '" + key + "' must be a non-empty list");
  }
  return *v;
}

void yaml_check_keys(const io::YamlNode& n, std::initializer_list<const char*> allowed, const char* lead) {
  for (const auto& [key, value] : n.map) {
    bool known = false;
    std::string list;
    for (const char* a : allowed) {
      known = known || key == a;
      list += (list.empty() ? "" : ", ") + std::string(a);
    }
    if (!known) throw TableError(value.key_loc, "", "unknown key '" + key + "' (" + lead + ": " + list + ")");
  }
}

double yaml_quantity(const io::YamlNode& n, const std::string& path, const std::string& key, Quantity q,
                     std::string* given) {
  const std::string full = path + "." + key;
  const io::YamlNode* v = n.find(key);
  if (v == nullptr) throw TableError(n.loc, "", "key '" + full + "' is missing");
  if (v->kind != Kind::scalar) throw TableError(v->loc, "", "key '" + full + "' must be a scalar");
  if (given) *given = v->scalar;
  const double value = io::quantity_of(*v, full, q);
  if (value < 0.0) throw TableError(v->loc, full, "'" + v->scalar + "' is negative");
  return value;
}

std::string yaml_string(const io::YamlNode& n, const std::string& path, const std::string& key) {
  const io::YamlNode* v = n.find(key);
  if (v == nullptr || v->kind != Kind::scalar || v->scalar.empty()) {
    throw TableError((v ? v : &n)->loc, "", "key '" + path + "." + key + "' must be a non-empty string");
  }
  return v->scalar;
}

}  // namespace sushi
