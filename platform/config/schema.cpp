#include "schema.h"

#include <algorithm>
#include <fmt/format.h>
#include <stdexcept>

namespace sushi::config {

const char* to_string(KeyType t) {
  switch (t) {
    case KeyType::size: return "size";
    case KeyType::frequency: return "frequency";
    case KeyType::time: return "time";
    case KeyType::bandwidth: return "bandwidth";
    case KeyType::energy: return "energy";
    case KeyType::power: return "power";
    case KeyType::length: return "length";
    case KeyType::integer: return "integer";
    case KeyType::real: return "number";
    case KeyType::boolean: return "boolean";
    case KeyType::string: return "string";
    case KeyType::choice: return "choice";
    case KeyType::path: return "path";
    case KeyType::string_list: return "list of strings";
    case KeyType::path_list: return "list of paths";
  }
  return "?";
}

bool KeySpec::is_quantity() const {
  switch (type) {
    case KeyType::size: case KeyType::frequency: case KeyType::time:
    case KeyType::bandwidth: case KeyType::energy: case KeyType::power:
    case KeyType::length:
      return true;
    default:
      return false;
  }
}

Quantity KeySpec::quantity() const {
  switch (type) {
    case KeyType::size: return Quantity::size;
    case KeyType::frequency: return Quantity::frequency;
    case KeyType::time: return Quantity::time;
    case KeyType::bandwidth: return Quantity::bandwidth;
    case KeyType::energy: return Quantity::energy;
    case KeyType::power: return Quantity::power;
    case KeyType::length: return Quantity::length;
    default: throw std::logic_error("schema: " + path + " is not a quantity");
  }
}

std::string KeySpec::range_text() const {
  if (type == KeyType::choice) {
    std::string s = "one of: ";
    for (std::size_t i = 0; i < choices.size(); ++i) s += (i ? ", " : "") + choices[i];
    return s;
  }
  if (type == KeyType::boolean) return "true or false";
  if (!min && !max) return "";
  auto fmt_v = [this](double v) {
    return is_quantity() ? format_quantity(v, quantity()) : fmt::format("{:g}", v);
  };
  return fmt::format("{} .. {}", min ? fmt_v(*min) : std::string("-inf"),
                     max ? fmt_v(*max) : std::string("+inf"));
}

KeySpec& Schema::add(KeySpec spec) {
  for (const auto& k : keys_) {
    if (k.path == spec.path) throw std::logic_error("schema: key declared twice: " + spec.path);
  }
  keys_.push_back(std::move(spec));
  return keys_.back();
}

KeySpec& Schema::quantity(const std::string& path, KeyType type, std::optional<std::string> def,
                          const std::string& min, const std::string& max, const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = type;
  s.default_text = std::move(def);
  s.doc = doc;
  const Quantity q = s.quantity();
  if (!min.empty()) s.min = parse_quantity(min, q);
  if (!max.empty()) s.max = parse_quantity(max, q);
  if (s.default_text) parse_quantity(*s.default_text, q);  // a bad default is a programming error
  return add(std::move(s));
}

KeySpec& Schema::integer(const std::string& path, std::optional<long long> def,
                         std::optional<long long> min, std::optional<long long> max,
                         const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = KeyType::integer;
  if (def) s.default_text = std::to_string(*def);
  if (min) s.min = static_cast<double>(*min);
  if (max) s.max = static_cast<double>(*max);
  s.doc = doc;
  return add(std::move(s));
}

KeySpec& Schema::real(const std::string& path, std::optional<double> def, std::optional<double> min,
                      std::optional<double> max, const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = KeyType::real;
  if (def) s.default_text = fmt::format("{:g}", *def);
  s.min = min;
  s.max = max;
  s.doc = doc;
  return add(std::move(s));
}

KeySpec& Schema::boolean(const std::string& path, std::optional<bool> def, const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = KeyType::boolean;
  if (def) s.default_text = *def ? "true" : "false";
  s.doc = doc;
  return add(std::move(s));
}

KeySpec& Schema::string(const std::string& path, std::optional<std::string> def, const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = KeyType::string;
  s.default_text = std::move(def);
  s.doc = doc;
  return add(std::move(s));
}

KeySpec& Schema::choice(const std::string& path, std::optional<std::string> def,
                        std::vector<std::string> choices, const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = KeyType::choice;
  s.default_text = std::move(def);
  s.choices = std::move(choices);
  s.doc = doc;
  if (s.default_text && std::find(s.choices.begin(), s.choices.end(), *s.default_text) == s.choices.end()) {
    throw std::logic_error("schema: default of " + path + " is not one of its choices");
  }
  return add(std::move(s));
}

KeySpec& Schema::path(const std::string& path, std::optional<std::string> def, const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = KeyType::path;
  s.default_text = std::move(def);
  s.doc = doc;
  return add(std::move(s));
}

KeySpec& Schema::string_list(const std::string& path, std::optional<std::string> def, const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = KeyType::string_list;
  s.default_text = std::move(def);
  s.doc = doc;
  return add(std::move(s));
}

KeySpec& Schema::path_list(const std::string& path, std::optional<std::string> def, const std::string& doc) {
  KeySpec s;
  s.path = path;
  s.type = KeyType::path_list;
  s.default_text = std::move(def);
  s.doc = doc;
  return add(std::move(s));
}

void Schema::describe_section(const std::string& path, const std::string& doc) {
  sections_.emplace_back(path, doc);
}

std::vector<std::string> split_path(const std::string& dotted) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    out.push_back(dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

bool path_matches(const std::vector<std::string>& pattern, const std::vector<std::string>& concrete) {
  if (pattern.size() != concrete.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != "*" && pattern[i] != concrete[i]) return false;
  }
  return true;
}

const KeySpec* Schema::match(const std::string& concrete) const {
  const auto c = split_path(concrete);
  const KeySpec* wildcard = nullptr;
  for (const auto& k : keys_) {
    const auto p = split_path(k.path);
    if (!path_matches(p, c)) continue;
    if (k.path == concrete) return &k;  // exact beats wildcard
    if (wildcard == nullptr) wildcard = &k;
  }
  return wildcard;
}

bool Schema::is_section(const std::string& concrete) const {
  const auto c = split_path(concrete);
  for (const auto& k : keys_) {
    auto p = split_path(k.path);
    if (p.size() <= c.size()) continue;
    p.resize(c.size());
    if (path_matches(p, c)) return true;
  }
  return false;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string Schema::suggest(const std::string& concrete) const {
  const auto c = split_path(concrete);
  std::string best;
  std::size_t best_d = 4;  // suggest only close misspellings
  auto consider = [&](std::vector<std::string> p) {
    if (p.size() != c.size()) return;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == "*") p[i] = c[i];
    }
    std::string joined;
    for (std::size_t i = 0; i < p.size(); ++i) joined += (i ? "." : "") + p[i];
    const std::size_t d = edit_distance(joined, concrete);
    if (d < best_d) {
      best_d = d;
      best = joined;
    }
  };
  for (const auto& k : keys_) {
    auto p = split_path(k.path);
    consider(p);
    for (std::size_t n = 1; n < p.size(); ++n) consider(std::vector<std::string>(p.begin(), p.begin() + static_cast<long>(n)));
  }
  return best;
}

}  // namespace sushi::config
