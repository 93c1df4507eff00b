#include "common/yaml_table.h"

#include "io/input_file.h"

namespace sushi {

std::string yaml_where(const std::string& file, const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

YAML::Node yaml_load_table(const std::string& file, const char* what, const char* a_what) {
  YAML::Node root;
  try {
    root = YAML::Load(io::read_input_file(file, what, io::kConfigFileLimit));
  } catch (const io::InputError& e) {
    throw TableError(e.what());
  } catch (const YAML::ParserException& e) {
    throw TableError(file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " +
                     e.msg);
  }
  if (!root.IsMap()) throw TableError(file + ": " + a_what + " must be a YAML map");
  return root;
}

YAML::Node yaml_list(const std::string& file, const YAML::Node& n, const std::string& key) {
  const YAML::Node v = n[key];
  if (!v || !v.IsSequence() || v.size() == 0) {
    throw TableError(yaml_where(file, v ? v : n) + ": key '" + key + "' must be a non-empty list");
  }
  return v;
}

void yaml_check_keys(const std::string& file, const YAML::Node& n, std::initializer_list<const char*> allowed,
                     const char* lead) {
  for (YAML::const_iterator it = n.begin(); it != n.end(); ++it) {
    const std::string key = it->first.as<std::string>();
    bool known = false;
    std::string list;
    for (const char* a : allowed) {
      known = known || key == a;
      list += (list.empty() ? "" : ", ") + std::string(a);
    }
    if (!known) throw TableError(yaml_where(file, it->first) + ": unknown key '" + key + "' (" + lead + ": " + list + ")");
  }
}

double yaml_quantity(const std::string& file, const YAML::Node& n, const std::string& path,
                     const std::string& key, Quantity q, std::string* given) {
  const YAML::Node v = n[key];
  if (!v) throw TableError(yaml_where(file, n) + ": key '" + path + "." + key + "' is missing");
  if (!v.IsScalar()) {
    throw TableError(yaml_where(file, v) + ": key '" + path + "." + key + "' must be a scalar");
  }
  const std::string text = v.as<std::string>();
  if (given) *given = text;
  double value = 0.0;
  try {
    value = parse_quantity(text, q);
  } catch (const UnitError& e) {
    throw TableError(yaml_where(file, v) + ": key '" + path + "." + key + "': " + e.what());
  }
  if (value < 0.0) {
    throw TableError(yaml_where(file, v) + ": key '" + path + "." + key + "': '" + text + "' is negative");
  }
  return value;
}

std::string yaml_string(const std::string& file, const YAML::Node& n, const std::string& path,
                        const std::string& key) {
  const YAML::Node v = n[key];
  if (!v || !v.IsScalar() || v.as<std::string>().empty()) {
    throw TableError(yaml_where(file, v ? v : n) + ": key '" + path + "." + key +
                     "' must be a non-empty string");
  }
  return v.as<std::string>();
}

}  // namespace sushi
