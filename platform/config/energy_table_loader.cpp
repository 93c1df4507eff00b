#include "energy_table_loader.h"

#include "config.h"
#include "config_error.h"
#include "config_tree.h"
#include "util/units.h"

namespace sushi::config {
namespace {

std::string strip(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

EnergyEntry parse_energy_text(const std::string& text) {
  EnergyEntry e;
  e.given = strip(text);
  std::string value = e.given;
  e.unit = CountUnit::event;
  double per = 1.0;
  const auto slash = value.rfind('/');
  if (slash != std::string::npos) {
    const std::string basis = strip(value.substr(slash + 1));
    value = value.substr(0, slash);
    if (basis == "bit") {
      e.unit = CountUnit::byte;
      per = 1.0 / 8.0;  // pJ/bit -> pJ per byte is x8
    } else if (basis == "B" || basis == "byte") {
      e.unit = CountUnit::byte;
    } else if (basis == "access" || basis == "op" || basis == "event" || basis == "flit" ||
               basis == "command" || basis == "instruction") {
      e.unit = CountUnit::event;
    } else {
      throw UnitError("'" + text + "': per-unit '" + basis +
                      "' is not one of bit, B, access, op, event, flit, command, instruction");
    }
  }
  e.pj_per_unit = parse_quantity(value, Quantity::energy) / per;
  return e;
}

void load_energy_table(const std::string& path, EnergyTable& into, const SourceLoc& from, const std::string& from_key) {
  const ConfigNode root = load_referenced_tree(path, "energy table", from.file.empty() ? SourceLoc{path, 0, 0} : from,
                                               from_key, /*allow_dotted_keys=*/true);
  if (const ConfigNode* name = root.find("name")) into.set_name(name->scalar);
  for (const auto& [key, node] : root.map) {
    if (key != "name" && key != "entries" && key != "description") {
      throw ConfigError(node.loc, key, "unknown field in energy table (allowed: name, description, entries)");
    }
  }
  const ConfigNode* entries = root.find("entries");
  if (entries == nullptr || entries->kind != ConfigNode::Kind::map) {
    throw ConfigError(root.loc, "entries", "an energy table needs a map 'entries'");
  }
  for (const auto& [key, node] : entries->map) {
    const std::string where = "entries." + key;
    if (node.kind != ConfigNode::Kind::map) {
      throw ConfigError(node.loc, where, "an entry is a map with energy (or power) and source");
    }
    const ConfigNode* energy = node.find("energy");
    const ConfigNode* power = node.find("power");
    const ConfigNode* source = node.find("source");
    for (const auto& [field, v] : node.map) {
      if (field != "energy" && field != "power" && field != "source" && field != "note") {
        throw ConfigError(v.loc, where + "." + field, "unknown field (allowed: energy, power, source, note)");
      }
    }
    if ((energy == nullptr) == (power == nullptr)) {
      throw ConfigError(node.loc, where, "give exactly one of 'energy' (e.g. 0.2 pJ, 8 pJ/bit) or 'power' (e.g. 9.9 mW)");
    }
    if (source == nullptr || source->kind != ConfigNode::Kind::scalar || source->scalar.empty()) {
      throw ConfigError(node.loc, where + ".source", "every energy value must cite its source");
    }
    EnergyEntry e;
    try {
      if (energy != nullptr) {
        e = parse_energy_text(energy->scalar);
      } else {
        e.given = strip(power->scalar);
        e.unit = CountUnit::ps;
        e.pj_per_unit = parse_quantity(power->scalar, Quantity::power);  // W = J/s = 1 pJ/ps
      }
    } catch (const UnitError& err) {
      const ConfigNode* v = energy != nullptr ? energy : power;
      throw ConfigError(v->loc, where + (energy ? ".energy" : ".power"), err.what());
    }
    if (e.pj_per_unit < 0) {
      throw ConfigError(node.loc, where, "energy and power cannot be negative");
    }
    e.source = source->scalar;
    e.origin = node.loc.str();
    into.set(key, std::move(e));
  }
}

std::optional<EnergyEntry> power_entry(const Config& cfg, const EnergyTable& table, const std::string& key) {
  const std::string& entry = cfg.string(key);
  if (entry.empty()) return std::nullopt;
  if (!table.has(entry)) cfg.fail(key, "energy table '" + table.name() + "' has no entry '" + entry + "'");
  const EnergyEntry& e = table.at(entry);
  if (e.unit != CountUnit::ps) {
    cfg.fail(key, "energy-table entry '" + entry + "' (" + e.origin + ") is an energy ('" + e.given +
                      "'); this key needs a power entry (power: e.g. 120 mW)");
  }
  return e;
}

EnergyTable load_energy_tables(const std::vector<std::string>& paths, const SourceLoc& from, const std::string& key) {
  EnergyTable t;
  for (const auto& p : paths) load_energy_table(p, t, from, key);
  return t;
}

}  // namespace sushi::config
