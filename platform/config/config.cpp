#include "config.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <functional>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <set>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "util/number_text.h"

namespace sushi::config {
namespace fs = std::filesystem;
namespace {

std::string join(const std::vector<std::string>& parts, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += (i ? "." : "") + parts[i];
  return s;
}

std::string resolve_relative(const std::string& value, const SourceLoc& loc) {
  static const std::string kDataPrefix = "<vp_configs>/";
  if (value.rfind(kDataPrefix, 0) == 0) {
    return (fs::path(SUSHI_VP_CONFIGS_DIR) / value.substr(kDataPrefix.size())).lexically_normal().string();
  }
  if (value.empty() || fs::path(value).is_absolute()) return value;
  // Paths in files are relative to that file; paths from --set relative to the working dir.
  if (loc.file.rfind("--set", 0) == 0 || loc.file.empty()) return fs::path(value).lexically_normal().string();
  return (fs::path(loc.file).parent_path() / value).lexically_normal().string();
}

}  // namespace

Config Config::load(const std::string& file, const std::vector<std::string>& overrides,
                    const Schema& schema) {
  ConfigNode tree = load_config_tree(file);
  int i = 1;
  for (const auto& o : overrides) apply_override(tree, o, i++);
  Config c = from_tree(tree, schema);
  c.top_file_ = file;
  return c;
}

Config Config::from_tree(const ConfigNode& tree, const Schema& schema) {
  Config cfg;
  cfg.top_file_ = tree.loc.file;

  // 1. Walk what the user wrote: every leaf must be a declared key, every map a section.
  std::function<void(const ConfigNode&, std::vector<std::string>&)> walk =
      [&](const ConfigNode& node, std::vector<std::string>& path) {
        for (const auto& [key, child] : node.map) {
          path.push_back(key);
          const std::string p = join(path, path.size());
          const KeySpec* spec = schema.match(p);
          if (spec == nullptr) {
            if (child.kind == ConfigNode::Kind::map && schema.is_section(p)) {
              walk(child, path);
              path.pop_back();
              continue;
            }
            std::string msg = schema.is_section(p) ? "is a section and needs keys below it, not a value"
                                                   : "unknown key";
            if (!schema.is_section(p)) {
              const std::string s = schema.suggest(p);
              if (!s.empty()) msg += " (did you mean '" + s + "'?)";
            }
            throw ConfigError(child.kind == ConfigNode::Kind::null ? child.loc : child.loc, p, msg);
          }
          // Remember wildcard instance names, e.g. address_map.dram.base -> ("address_map", "dram").
          const auto pat = split_path(spec->path);
          for (std::size_t i = 0; i < pat.size(); ++i) {
            if (pat[i] != "*") continue;
            auto& names = cfg.instances_[join(path, i)];
            if (std::find(names.begin(), names.end(), path[i]) == names.end()) names.push_back(path[i]);
          }
          Entry e;
          e.spec = *spec;
          e.loc = child.loc;
          e.set = true;
          const bool is_list = spec->type == KeyType::string_list || spec->type == KeyType::path_list;
          if (is_list) {
            const bool paths = spec->type == KeyType::path_list;
            auto add_item = [&](const ConfigNode& item) {
              if (item.kind != ConfigNode::Kind::scalar) {
                throw ConfigError(item.loc, p, "list entries must be plain values");
              }
              e.list.push_back(paths ? resolve_relative(item.scalar, item.loc) : item.scalar);
            };
            if (child.kind == ConfigNode::Kind::scalar) {
              add_item(child);
            } else if (child.kind == ConfigNode::Kind::sequence) {
              for (const auto& item : child.items) add_item(item);
            } else if (child.kind != ConfigNode::Kind::null) {
              throw ConfigError(child.loc, p, std::string("expected a ") + to_string(spec->type));
            }
          } else {
            if (child.kind != ConfigNode::Kind::scalar) {
              throw ConfigError(child.loc, p,
                                std::string("expected a single ") + to_string(spec->type) +
                                    (spec->range_text().empty() ? "" : " (" + spec->range_text() + ")"));
            }
            e.text = child.scalar;
          }
          cfg.entries_[p] = std::move(e);
          path.pop_back();
        }
      };
  std::vector<std::string> path;
  walk(tree, path);

  // 2. Defaults for every key (wildcard keys once per instance), and required keys.
  for (const KeySpec& spec : schema.keys()) {
    const auto pat = split_path(spec.path);
    std::vector<std::vector<std::string>> concretes{{}};
    for (std::size_t i = 0; i < pat.size(); ++i) {
      std::vector<std::vector<std::string>> next;
      for (auto& prefix : concretes) {
        if (pat[i] == "*") {
          auto it = cfg.instances_.find(join(prefix, prefix.size()));
          if (it == cfg.instances_.end()) continue;
          for (const auto& name : it->second) {
            auto p = prefix;
            p.push_back(name);
            next.push_back(std::move(p));
          }
        } else {
          auto p = prefix;
          p.push_back(pat[i]);
          next.push_back(std::move(p));
        }
      }
      concretes = std::move(next);
    }
    for (const auto& parts : concretes) {
      const std::string p = join(parts, parts.size());
      cfg.order_.push_back(p);
      if (cfg.entries_.count(p)) continue;
      if (!spec.default_text) {
        // Point at the closest enclosing section the user wrote, else the top file.
        SourceLoc loc{tree.loc.file, 0, 0};
        for (std::size_t n = parts.size() - 1; n > 0; --n) {
          if (const ConfigNode* sec = tree.at_path(join(parts, n))) {
            loc = sec->loc;
            break;
          }
        }
        throw ConfigError(loc, p, std::string("required ") + to_string(spec.type) + " is missing" +
                                      (spec.doc.empty() ? "" : " (" + spec.doc + ")"));
      }
      Entry e;
      e.spec = spec;
      e.text = *spec.default_text;
      e.loc = SourceLoc{"<default>", 0, 0};
      if (spec.type == KeyType::string_list || spec.type == KeyType::path_list) {
        if (!e.text.empty()) {
          const ConfigNode n = io::parse_yaml(e.text, e.loc.file);
          if (n.kind == ConfigNode::Kind::sequence) {
            for (const auto& item : n.items) e.list.push_back(item.scalar);
          } else {
            e.list.push_back(n.scalar);
          }
          if (spec.type == KeyType::path_list) {
            for (auto& item : e.list) item = resolve_relative(item, e.loc);
          }
        }
        e.text.clear();
      }
      cfg.entries_[p] = std::move(e);
    }
  }

  // 3. Type and range checks.
  for (auto& [p, e] : cfg.entries_) {
    const KeySpec& s = e.spec;
    auto range_msg = [&]() { return s.range_text().empty() ? std::string() : " (allowed: " + s.range_text() + ")"; };
    auto check_range = [&](double v) {
      if ((s.min && v < *s.min) || (s.max && v > *s.max)) {
        throw ConfigError(e.loc, p, "'" + e.text + "' is out of range" + range_msg());
      }
    };
    if (s.is_quantity()) {
      try {
        e.number = parse_quantity(e.text, s.quantity());
      } catch (const UnitError& err) {
        throw ConfigError(e.loc, p, std::string(err.what()) + range_msg());
      }
      if (s.type == KeyType::size) {
        try {
          e.number = static_cast<double>(parse_size_bytes(e.text));
        } catch (const UnitError& err) {
          throw ConfigError(e.loc, p, std::string(err.what()) + range_msg());
        }
      }
      check_range(e.number);
    } else if (s.type == KeyType::integer) {
      bool too_large = false;
      if (!util::parse_integer(e.text, e.integer, &too_large)) {
        throw ConfigError(e.loc, p, "'" + e.text + (too_large ? "' is out of range" : "' is not an integer") + range_msg());
      }
      e.number = static_cast<double>(e.integer);
      check_range(e.number);
    } else if (s.type == KeyType::real) {
      if (!util::parse_real(e.text, e.number)) {
        throw ConfigError(e.loc, p, "'" + e.text + "' is not a number" + range_msg());
      }
      check_range(e.number);
    } else if (s.type == KeyType::boolean) {
      if (e.text != "true" && e.text != "false") {
        throw ConfigError(e.loc, p, "'" + e.text + "' is not a boolean (allowed: true or false)");
      }
    } else if (s.type == KeyType::choice) {
      if (std::find(s.choices.begin(), s.choices.end(), e.text) == s.choices.end()) {
        throw ConfigError(e.loc, p, "'" + e.text + "' is not allowed" + range_msg());
      }
    } else if (s.type == KeyType::path) {
      e.text = resolve_relative(e.text, e.loc);
    }
  }
  return cfg;
}

const Config::Entry& Config::entry(const std::string& path, const char* want) const {
  auto it = entries_.find(path);
  if (it == entries_.end()) throw std::logic_error("config: no key '" + path + "' in the schema");
  (void)want;
  return it->second;
}

bool Config::is_set(const std::string& p) const {
  auto it = entries_.find(p);
  return it != entries_.end() && it->second.set;
}
std::string Config::first_set_under(const std::string& section) const {
  const std::string prefix = section + ".";
  for (const auto& p : order_) {
    if (p.rfind(prefix, 0) == 0 && is_set(p)) return p;
  }
  return "";
}

std::vector<std::string> Config::set_keys() const {
  std::vector<std::string> out;
  for (const auto& p : order_) {
    if (is_set(p)) out.push_back(p);
  }
  return out;
}

std::uint64_t Config::size(const std::string& p) const { return static_cast<std::uint64_t>(entry(p, "size").number); }
double Config::frequency_hz(const std::string& p) const { return entry(p, "frequency").number; }
double Config::time_ps(const std::string& p) const { return entry(p, "time").number; }
double Config::bandwidth_bps(const std::string& p) const { return entry(p, "bandwidth").number; }
double Config::energy_pj(const std::string& p) const { return entry(p, "energy").number; }
double Config::power_w(const std::string& p) const { return entry(p, "power").number; }
double Config::length_mm(const std::string& p) const { return entry(p, "length").number; }
long long Config::integer(const std::string& p) const { return entry(p, "integer").integer; }
double Config::real(const std::string& p) const { return entry(p, "real").number; }
bool Config::boolean(const std::string& p) const { return entry(p, "boolean").text == "true"; }
const std::string& Config::string(const std::string& p) const { return entry(p, "string").text; }
std::string Config::path(const std::string& p) const { return entry(p, "path").text; }
std::vector<std::string> Config::strings(const std::string& p) const { return entry(p, "list").list; }
std::vector<std::string> Config::paths(const std::string& p) const { return entry(p, "list").list; }

std::vector<std::string> Config::instances(const std::string& section) const {
  auto it = instances_.find(section);
  return it == instances_.end() ? std::vector<std::string>{} : it->second;
}

SourceLoc Config::loc(const std::string& p) const {
  auto it = entries_.find(p);
  return it == entries_.end() ? SourceLoc{top_file_, 0, 0} : it->second.loc;
}

void Config::fail(const std::string& p, const std::string& message) const {
  // A cross-key check may fail at a key the user left at its default: locate it at the config
  // file the user gave, and say the value is the default, rather than at "<default>".
  auto it = entries_.find(p);
  if (it != entries_.end() && !it->second.set) {
    const Entry& e = it->second;
    const std::string value = e.list.empty() ? e.text : "[...]";
    throw ConfigError(SourceLoc{top_file_, 0, 0}, p, message + " (" + p + " is not set: its default is '" + value + "')");
  }
  throw ConfigError(loc(p), p, message);
}

void Config::write_resolved_yaml(std::ostream& out) const {
  // Build a nested YAML map in schema order.
  YAML::Node root(YAML::NodeType::Map);
  for (const auto& p : order_) {
    const Entry& e = entries_.at(p);
    const auto parts = split_path(p);
    std::vector<YAML::Node> chain{root};
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      YAML::Node next = chain.back()[parts[i]];
      if (!next.IsMap()) next = YAML::Node(YAML::NodeType::Map);
      chain.back()[parts[i]] = next;
      chain.push_back(chain.back()[parts[i]]);
    }
    // Paths absolute: the file re-runs from any working directory (`sushi-vp run
    // out/X/config.resolved.yaml` repeats run X), wherever the run directory is.
    auto absolute = [](const std::string& s) {
      return s.empty() ? s : fs::absolute(fs::path(s)).lexically_normal().string();
    };
    if (e.spec.type == KeyType::string_list || e.spec.type == KeyType::path_list) {
      YAML::Node seq(YAML::NodeType::Sequence);
      for (const auto& s : e.list) seq.push_back(e.spec.type == KeyType::path_list ? absolute(s) : s);
      chain.back()[parts.back()] = seq;
    } else {
      chain.back()[parts.back()] = e.spec.type == KeyType::path ? absolute(e.text) : e.text;
    }
  }
  YAML::Emitter em;
  em << root;
  out << "# Effective configuration of this run (defaults included), written by sushi-vp.\n";
  out << em.c_str() << "\n";
}

}  // namespace sushi::config
