#include "sweep_file.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "config/config.h"
#include "config/config_tree.h"
#include "config/energy_params.h"
#include "config/sim_params.h"
#include "sweep/value_format.h"
#include "util/number_text.h"

namespace sushi::sweep {
namespace fs = std::filesystem;
using config::ConfigError;
using config::ConfigNode;
using config::KeySpec;
using config::KeyType;
using config::SourceLoc;

namespace {

constexpr std::size_t kMaxPoints = 1000000;  // a typo in a range should not fill the disk

const std::set<std::string>& top_level_keys() {
  static const std::set<std::string> keys = {"description", "base",    "set",    "parameters",
                                             "combine",     "seeds",   "timeout", "metrics"};
  return keys;
}

// Text of a scalar or flow sequence as an override value ("[a, b]" for sequences).
std::string value_text(const ConfigNode& n, const std::string& key) {
  if (n.kind == ConfigNode::Kind::scalar) return n.scalar;
  if (n.kind == ConfigNode::Kind::sequence) {
    std::string s = "[";
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      if (n.items[i].kind != ConfigNode::Kind::scalar) {
        throw ConfigError(n.items[i].loc, key, "a list value may only hold plain values");
      }
      s += (i ? ", " : "") + n.items[i].scalar;
    }
    return s + "]";
  }
  throw ConfigError(n.loc, key, "expected a value");
}

// Values of path keys are written relative to the sweep file, as paths in config files are
// relative to their file; the child process gets them absolute.
std::string resolve_path_value(const std::string& v, const KeySpec* spec, const fs::path& dir) {
  if (spec == nullptr || (spec->type != KeyType::path && spec->type != KeyType::path_list)) return v;
  auto one = [&](std::string p) {
    while (!p.empty() && p.front() == ' ') p.erase(p.begin());
    while (!p.empty() && p.back() == ' ') p.pop_back();
    if (p.empty() || p.rfind("<vp_configs>/", 0) == 0 || fs::path(p).is_absolute()) return p;
    return fs::absolute(dir / p).lexically_normal().string();
  };
  if (spec->type == KeyType::path) return one(v);
  if (v.size() >= 2 && v.front() == '[' && v.back() == ']') {
    std::string out = "[";
    std::size_t start = 1;
    bool first = true;
    while (start < v.size() - 1) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos || comma > v.size() - 1) comma = v.size() - 1;
      out += (first ? "" : ", ") + one(v.substr(start, comma - start));
      first = false;
      start = comma + 1;
    }
    return out + "]";
  }
  return one(v);
}

const KeySpec& known_key(const config::Schema& schema, const std::string& key, const SourceLoc& loc) {
  const KeySpec* spec = schema.match(key);
  if (spec == nullptr) {
    std::string msg = schema.is_section(key) ? "is a section, not a key; sweep one of its keys"
                                             : "unknown key";
    const std::string hint = schema.suggest(key);
    if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
    throw ConfigError(loc, key, msg);
  }
  return *spec;
}

// The numeric view of a swept key: quantities in base units, integers, reals.
struct NumericKind {
  enum { quantity, integer, real } kind;
  Quantity q = Quantity::size;
};

NumericKind numeric_kind(const KeySpec& spec, const std::string& key, const SourceLoc& loc) {
  if (spec.is_quantity()) return {NumericKind::quantity, spec.quantity()};
  if (spec.type == KeyType::integer) return {NumericKind::integer, Quantity::size};
  if (spec.type == KeyType::real) return {NumericKind::real, Quantity::size};
  throw ConfigError(loc, key,
                    std::string("a range needs a numeric key, but this key is a ") +
                        config::to_string(spec.type) + "; list its values instead");
}

double parse_number(const NumericKind& nk, const ConfigNode& n, const std::string& key,
                    const std::string& what) {
  if (n.kind != ConfigNode::Kind::scalar) throw ConfigError(n.loc, key, what + " must be a value");
  const std::string& t = n.scalar;
  if (nk.kind == NumericKind::quantity) {
    try {
      return parse_quantity(t, nk.q);
    } catch (const UnitError& e) {
      throw ConfigError(n.loc, key, "incompatible units in range " + what + ": " + e.what());
    }
  }
  if (nk.kind == NumericKind::integer) {
    long long v = 0;
    if (!util::parse_integer(t, v)) throw ConfigError(n.loc, key, "range " + what + " '" + t + "' is not an integer");
    return static_cast<double>(v);
  }
  double v = 0;
  if (!util::parse_real(t, v)) throw ConfigError(n.loc, key, "range " + what + " '" + t + "' is not a number");
  return v;
}

std::string format_number(const NumericKind& nk, double v, const ConfigNode& where,
                          const std::string& key) {
  if (nk.kind == NumericKind::quantity) {
    if (nk.q == Quantity::size && std::fabs(v - std::round(v)) > 1e-6) {
      throw ConfigError(where.loc, key,
                        fmt::format("range value {} B is not a whole number of bytes", v));
    }
    return format_exact(v, nk.q);
  }
  if (nk.kind == NumericKind::integer) {
    if (std::fabs(v - std::round(v)) > 1e-9) {
      throw ConfigError(where.loc, key, fmt::format("range value {} is not an integer", v));
    }
    return fmt::format("{}", static_cast<long long>(std::llround(v)));
  }
  return fmt::format("{}", v);
}

// {range: {from: A, to: B, step: x2 | +S}}: `to` inclusive.
std::vector<std::string> expand_range(const ConfigNode& r, const KeySpec& spec, const std::string& key) {
  if (r.kind != ConfigNode::Kind::map) {
    throw ConfigError(r.loc, key, "range must be a map {from: .., to: .., step: ..}");
  }
  for (const auto& [k, v] : r.map) {
    if (k != "from" && k != "to" && k != "step") {
      throw ConfigError(v.loc, key, "unknown range field '" + k + "' (allowed: from, to, step)");
    }
  }
  const ConfigNode* from = r.find("from");
  const ConfigNode* to = r.find("to");
  const ConfigNode* step = r.find("step");
  if (!from || !to || !step) {
    throw ConfigError(r.loc, key, "range needs from, to and step (step: x2 multiplies, +64 KiB adds)");
  }
  const NumericKind nk = numeric_kind(spec, key, r.loc);
  const double a = parse_number(nk, *from, key, "'from'");
  const double b = parse_number(nk, *to, key, "'to'");
  if (a > b) {
    throw ConfigError(r.loc, key, "empty range: from " + from->scalar + " is above to " + to->scalar);
  }
  if (step->kind != ConfigNode::Kind::scalar || step->scalar.empty()) {
    throw ConfigError(step->loc, key, "step must be x<factor> or +<increment>");
  }
  std::string st = step->scalar;
  while (!st.empty() && st.front() == ' ') st.erase(st.begin());
  const bool multiply = st[0] == 'x' || st[0] == 'X' || st[0] == '*';
  std::vector<double> values;
  if (multiply) {
    double f = 0;
    if (!util::parse_real(st.substr(1), f) || f <= 1.0) {
      throw ConfigError(step->loc, key, "a multiplicative step must be x<factor> with factor > 1, not '" + st + "'");
    }
    if (a <= 0) throw ConfigError(from->loc, key, "a multiplicative range must start above zero");
    // v_i = a * f^i, computed from i (not accumulated) so rounding does not drift.
    for (int i = 0;; ++i) {
      const double v = a * std::pow(f, i);
      if (v > b * (1 + 1e-12)) break;
      values.push_back(v);
      if (values.size() > kMaxPoints) break;
    }
  } else {
    ConfigNode inc = *step;
    if (!inc.scalar.empty() && inc.scalar[0] == '+') inc.scalar = inc.scalar.substr(1);
    const double s = parse_number(nk, inc, key, "step");
    if (s <= 0) throw ConfigError(step->loc, key, "an additive step must be above zero");
    for (long long i = 0;; ++i) {
      const double v = a + static_cast<double>(i) * s;
      if (v > b + std::fabs(b) * 1e-12) break;
      values.push_back(v);
      if (values.size() > kMaxPoints) break;
    }
  }
  if (values.size() > kMaxPoints) {
    throw ConfigError(r.loc, key, fmt::format("range has more than {} values", kMaxPoints));
  }
  std::vector<std::string> out;
  for (double v : values) out.push_back(format_number(nk, v, r, key));
  return out;
}

// Flattens parameters: {a: {b: [..]}} and {a.b: [..]} both name key "a.b".
void collect_parameters(const ConfigNode& node, const std::string& prefix,
                        const config::Schema& schema, const fs::path& dir,
                        std::vector<Parameter>& out, int& next_group) {
  for (const auto& [k, v] : node.map) {
    // `zip:` at the top of parameters: a group (or a list of groups) of parameters whose lists
    // advance together; the groups and the other parameters combine as a cartesian product.
    if (prefix.empty() && k == "zip") {
      std::vector<const ConfigNode*> groups;
      if (v.kind == ConfigNode::Kind::map) groups.push_back(&v);
      if (v.kind == ConfigNode::Kind::sequence) {
        for (const auto& g : v.items) groups.push_back(&g);
      }
      if (groups.empty()) throw ConfigError(v.loc, "zip", "zip holds a map of key: [values] (or a list of such maps)");
      for (const ConfigNode* g : groups) {
        if (g->kind != ConfigNode::Kind::map || g->map.empty()) {
          throw ConfigError(g->loc, "zip", "a zip group is a map of key: [values]");
        }
        const std::size_t first = out.size();
        collect_parameters(*g, "", schema, dir, out, next_group);
        for (std::size_t i = first; i < out.size(); ++i) out[i].group = next_group;
        ++next_group;
      }
      continue;
    }
    const std::string key = prefix.empty() ? k : prefix + "." + k;
    const SourceLoc loc = v.loc;
    if (v.kind == ConfigNode::Kind::map && v.find("range") == nullptr) {
      collect_parameters(v, key, schema, dir, out, next_group);
      continue;
    }
    const KeySpec& spec = known_key(schema, key, loc);
    Parameter p;
    p.key = key;
    p.loc = loc;
    if (v.kind == ConfigNode::Kind::sequence) {
      for (const auto& item : v.items) {
        p.labels.push_back(value_text(item, key));
        p.values.push_back(resolve_path_value(p.labels.back(), &spec, dir));
      }
      if (p.values.empty()) throw ConfigError(loc, key, "empty list of values");
    } else if (v.kind == ConfigNode::Kind::map) {
      if (v.map.size() != 1) throw ConfigError(loc, key, "a range parameter holds only 'range:'");
      p.values = expand_range(*v.find("range"), spec, key);
      p.labels = p.values;
    } else {
      throw ConfigError(loc, key, "a parameter is a [list of values] or {range: {from, to, step}}");
    }
    if (spec.is_quantity()) {
      p.base_unit = base_unit(spec.quantity());
      for (const auto& t : p.values) {
        try {
          p.base_values.push_back(parse_quantity(t, spec.quantity()));
        } catch (const UnitError& e) {
          throw ConfigError(loc, key, "value '" + t + "': " + e.what());
        }
      }
    }
    out.push_back(std::move(p));
  }
}

void collect_fixed(const ConfigNode& node, const std::string& prefix, const config::Schema& schema,
                   const fs::path& dir, std::vector<FixedOverride>& out) {
  for (const auto& [k, v] : node.map) {
    const std::string key = prefix.empty() ? k : prefix + "." + k;
    if (v.kind == ConfigNode::Kind::map) {
      collect_fixed(v, key, schema, dir, out);
      continue;
    }
    const KeySpec& spec = known_key(schema, key, v.loc);
    out.push_back({key, resolve_path_value(value_text(v, key), &spec, dir), v.loc});
  }
}

std::optional<double> parse_timeout(const ConfigNode& n) {
  if (n.kind != ConfigNode::Kind::scalar) throw ConfigError(n.loc, "timeout", "timeout must be a time, e.g. 10 min");
  try {
    return parse_duration_s(n.scalar);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(n.loc, "timeout", e.what());
  }
}

}  // namespace

std::optional<double> parse_duration_s(const std::string& text) {
  std::string t = text;
  if (t == "none" || t == "0") return std::nullopt;
  // Minutes and hours are natural here, though config times stop at seconds.
  double scale = 1.0;
  auto ends_with = [&](const std::string& suf) {
    return t.size() > suf.size() && t.compare(t.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends_with("min")) {
    t = t.substr(0, t.size() - 3) + "s";
    scale = 60.0;
  } else if (ends_with("h")) {
    t = t.substr(0, t.size() - 1) + "s";
    scale = 3600.0;
  }
  double s = 0;
  try {
    s = parse_quantity(t, Quantity::time) * 1e-12 * scale;
  } catch (const UnitError& e) {
    throw std::invalid_argument(std::string("bad timeout '") + text + "': " + e.what() + ", min, h (or none)");
  }
  if (s <= 0) throw std::invalid_argument("timeout must be above zero (or 'none')");
  return s;
}

std::string point_id(std::size_t index, std::size_t count) {
  std::size_t digits = 4;
  for (std::size_t n = count > 0 ? count - 1 : 0; n >= 10000; n /= 10) ++digits;
  return fmt::format("p{:0{}}", index, digits);
}

const std::vector<std::string>& default_metrics() {
  static const std::vector<std::string> m = {
      "run.simulated_time_ps", "energy.total_pJ", "energy.by_category.dram_pJ",
      "energy.by_category.sram_pJ", "energy.by_category.noc_pJ", "energy.by_category.compute_pJ"};
  return m;
}

std::string Sweep::fingerprint(const Point& p) const {
  std::string s = "base=" + base + "\n";
  for (const auto& o : p.overrides) s += "--set " + o + "\n";
  return s;
}

std::string Sweep::describe(const Point& p) const {
  std::string values;
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    values += (k ? ", " : "") + parameters[k].key + "=" + parameters[k].labels[p.choice[k]];
  }
  return "point " + p.id + (values.empty() ? "" : " (" + values + ")");
}

std::pair<SourceLoc, std::string> Sweep::origin(std::size_t i) const {
  if (i < fixed.size()) return {fixed[i].loc, fixed[i].key};
  const Parameter& par = parameters.at(i - fixed.size());
  return {par.loc, par.key};
}

Sweep load_sweep(const std::string& file, const config::Schema& schema) {
  const ConfigNode doc = config::load_config_tree(file, /*allow_dotted_keys=*/true);
  const fs::path dir = fs::absolute(fs::path(file)).parent_path();
  Sweep sw;
  sw.file = file;

  for (const auto& [k, v] : doc.map) {
    if (top_level_keys().count(k) == 0) {
      throw ConfigError(v.loc, k,
                        "unknown sweep key (allowed: base, set, parameters, combine, seeds, timeout, "
                        "metrics, description)");
    }
  }
  const ConfigNode* base = doc.find("base");
  if (base == nullptr || base->kind != ConfigNode::Kind::scalar || base->scalar.empty()) {
    throw ConfigError(base ? base->loc : SourceLoc{file, 1, 1}, "base",
                      "a sweep needs 'base: <platform config>' (relative to the sweep file)");
  }
  sw.base_loc = base->loc;
  sw.base = (fs::path(base->scalar).is_absolute() ? fs::path(base->scalar) : dir / base->scalar)
                .lexically_normal()
                .string();
  if (!fs::is_regular_file(sw.base)) {
    throw ConfigError(base->loc, "base", "base config '" + sw.base + "' does not exist");
  }

  if (const ConfigNode* set = doc.find("set")) {
    if (set->kind != ConfigNode::Kind::map) throw ConfigError(set->loc, "set", "set must be a map of key: value");
    collect_fixed(*set, "", schema, dir, sw.fixed);
  }

  if (const ConfigNode* params = doc.find("parameters")) {
    if (params->kind != ConfigNode::Kind::map) {
      throw ConfigError(params->loc, "parameters", "parameters must be a map of key: values");
    }
    int next_group = 0;
    collect_parameters(*params, "", schema, dir, sw.parameters, next_group);
  }

  if (const ConfigNode* c = doc.find("combine")) {
    if (c->kind == ConfigNode::Kind::scalar && c->scalar == "cartesian") {
      sw.combine = Combine::cartesian;
    } else if (c->kind == ConfigNode::Kind::scalar && c->scalar == "zip") {
      sw.combine = Combine::zip;
    } else {
      throw ConfigError(c->loc, "combine", "combine must be one of: cartesian, zip");
    }
  }

  const config::SimParams sim;
  const std::string seed_key = config::key_of(sim, sim.seed);  // what seeds: sweeps
  if (const ConfigNode* s = doc.find("seeds")) {
    Parameter p;
    p.key = seed_key;
    p.loc = s->loc;
    long long n = 0;
    if (s->kind == ConfigNode::Kind::scalar && util::parse_integer(s->scalar, n)) {
      if (n < 1 || n > 100000) throw ConfigError(s->loc, "seeds", "seeds: N needs 1 <= N <= 100000");
      for (long long i = 1; i <= n; ++i) p.values.push_back(std::to_string(i));
    } else if (s->kind == ConfigNode::Kind::sequence && !s->items.empty()) {
      for (const auto& item : s->items) {
        long long v = 0;
        if (item.kind != ConfigNode::Kind::scalar || !util::parse_integer(item.scalar, v) || v < 0) {
          throw ConfigError(item.loc, "seeds", "a seed is a non-negative integer");
        }
        p.values.push_back(std::to_string(v));
      }
    } else {
      throw ConfigError(s->loc, "seeds", "seeds is a count (seeds: 3 -> 1, 2, 3) or a list of seeds");
    }
    p.labels = p.values;
    sw.parameters.push_back(std::move(p));
  }

  // A key swept twice, or both fixed and swept, would make the point's value depend on order.
  std::map<std::string, SourceLoc> seen;
  for (const auto& f : sw.fixed) seen.emplace(f.key, f.loc);
  for (const auto& p : sw.parameters) {
    auto [it, fresh] = seen.emplace(p.key, p.loc);
    if (!fresh) {
      throw ConfigError(p.loc, p.key,
                        "key is given twice (also at " + it->second.str() + ")" +
                            (p.key == seed_key ? "; use either seeds: or a " + seed_key + " parameter" : ""));
    }
  }

  if (const ConfigNode* t = doc.find("timeout")) sw.timeout_s = parse_timeout(*t);

  if (const ConfigNode* m = doc.find("metrics")) {
    if (m->kind != ConfigNode::Kind::sequence || m->items.empty()) {
      throw ConfigError(m->loc, "metrics", "metrics is a list of summary.json paths, e.g. [energy.total_pJ]");
    }
    for (const auto& item : m->items) {
      if (item.kind != ConfigNode::Kind::scalar || item.scalar.empty()) {
        throw ConfigError(item.loc, "metrics", "a metric is a dotted summary.json path");
      }
      sw.metrics.push_back(item.scalar);
    }
  } else {
    sw.metrics = default_metrics();
  }

  // Expansion. Swept (non-seed) parameters combine; seeds repeat every combination.
  const bool has_seeds = !sw.parameters.empty() && doc.find("seeds") != nullptr;
  const std::size_t swept = sw.parameters.size() - (has_seeds ? 1 : 0);
  // Units: parameters that advance together (a zip group, or all of them with combine: zip);
  // units combine as a cartesian product, the first varying slowest (nested loops in file order).
  std::vector<std::vector<std::size_t>> units;
  std::map<int, std::size_t> unit_of_group;
  for (std::size_t i = 0; i < swept; ++i) {
    const int g = sw.combine == Combine::zip ? -2 : sw.parameters[i].group;
    if (g == -1) {
      units.push_back({i});
    } else if (auto it = unit_of_group.find(g); it != unit_of_group.end()) {
      units[it->second].push_back(i);
    } else {
      unit_of_group[g] = units.size();
      units.push_back({i});
    }
  }
  for (const auto& u : units) {
    const Parameter& head = sw.parameters[u[0]];
    for (std::size_t i : u) {
      const Parameter& p = sw.parameters[i];
      if (p.values.size() != head.values.size()) {
        throw ConfigError(p.loc, p.key,
                          fmt::format("zipped lists must have equal length, but this one has {} values "
                                      "and '{}' has {}",
                                      p.values.size(), head.key, head.values.size()));
      }
    }
  }
  std::vector<std::vector<std::size_t>> combos(1, std::vector<std::size_t>(swept, 0));
  for (const auto& u : units) {
    const Parameter& head = sw.parameters[u[0]];
    std::vector<std::vector<std::size_t>> next;
    for (const auto& c : combos) {
      for (std::size_t j = 0; j < head.values.size(); ++j) {
        next.push_back(c);
        for (std::size_t i : u) next.back()[i] = j;
        if (next.size() > kMaxPoints) {
          throw ConfigError(head.loc, head.key, fmt::format("the sweep has more than {} points", kMaxPoints));
        }
      }
    }
    combos = std::move(next);
  }
  std::vector<std::vector<std::size_t>> choices;
  for (const auto& c : combos) {
    if (!has_seeds) {
      choices.push_back(c);
      continue;
    }
    for (std::size_t s = 0; s < sw.parameters.back().values.size(); ++s) {
      choices.push_back(c);
      choices.back().push_back(s);
    }
  }
  for (std::size_t i = 0; i < choices.size(); ++i) {
    Point p;
    p.index = i;
    p.id = point_id(i, choices.size());
    p.choice = choices[i];
    for (const auto& f : sw.fixed) p.overrides.push_back(f.key + "=" + f.value);
    for (std::size_t k = 0; k < sw.parameters.size(); ++k) {
      p.overrides.push_back(sw.parameters[k].key + "=" + sw.parameters[k].values[p.choice[k]]);
    }
    sw.points.push_back(std::move(p));
  }
  return sw;
}

void validate_sweep(const Sweep& sw, const config::Schema& schema) {
  // Energy tables are data files: load each distinct list once.
  std::set<std::vector<std::string>> tables_checked;
  for (const Point& p : sw.points) {
    const std::string where = sw.describe(p);
    try {
      const config::Config cfg = config::Config::load(sw.base, p.overrides, schema);
      config::EnergyTableParams energy;
      config::read_keys(cfg, energy);
      if (tables_checked.insert(energy.tables).second) (void)config::energy_table_from_config(cfg, energy);
    } catch (const ConfigError& e) {
      const std::string& f = e.loc().file;
      if (f.rfind("--set #", 0) == 0) {
        const std::size_t n = std::strtoul(f.c_str() + 7, nullptr, 10);
        if (n >= 1 && n <= p.overrides.size()) {
          const auto [loc, key] = sw.origin(n - 1);
          throw ConfigError(loc, e.key().empty() ? key : e.key(), where + ": " + e.message());
        }
      }
      throw ConfigError(e.loc(), e.key(), e.message() + " [" + where + " of sweep " + sw.file + "]");
    }
  }
}

}  // namespace sushi::sweep
