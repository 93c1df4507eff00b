#include "common/yaml_table.h"

namespace sushi {

std::string yaml_where(const std::string& file, const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
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
