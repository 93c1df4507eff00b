#include "units.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

namespace sushi {
namespace {

struct UnitDef {
  const char* name;
  double factor;  // multiply by this to reach the base unit
};

const std::vector<UnitDef>& units_of(Quantity q) {
  static const std::vector<UnitDef> size = {
      {"B", 1.0},           {"KiB", 1024.0},      {"MiB", 1048576.0}, {"GiB", 1073741824.0},
      {"TiB", 1099511627776.0}, {"kB", 1e3},     {"MB", 1e6},        {"GB", 1e9},
      {"TB", 1e12}};
  static const std::vector<UnitDef> freq = {{"Hz", 1.0}, {"kHz", 1e3}, {"MHz", 1e6}, {"GHz", 1e9}};
  static const std::vector<UnitDef> time = {{"fs", 1e-3}, {"ps", 1.0}, {"ns", 1e3},
                                            {"us", 1e6},  {"ms", 1e9}, {"s", 1e12}};
  static const std::vector<UnitDef> bw = {{"B/s", 1.0},          {"kB/s", 1e3},
                                          {"MB/s", 1e6},         {"GB/s", 1e9},
                                          {"TB/s", 1e12},        {"KiB/s", 1024.0},
                                          {"MiB/s", 1048576.0},  {"GiB/s", 1073741824.0}};
  static const std::vector<UnitDef> energy = {{"fJ", 1e-3}, {"pJ", 1.0}, {"nJ", 1e3},
                                              {"uJ", 1e6},  {"mJ", 1e9}, {"J", 1e12}};
  static const std::vector<UnitDef> power = {{"nW", 1e-9}, {"uW", 1e-6}, {"mW", 1e-3}, {"W", 1.0}};
  static const std::vector<UnitDef> length = {{"mm", 1.0}, {"um", 1e-3}, {"m", 1e3}};
  static const std::vector<UnitDef> bits = {{"bit", 1.0}, {"B", 8.0}};
  switch (q) {
    case Quantity::size: return size;
    case Quantity::frequency: return freq;
    case Quantity::time: return time;
    case Quantity::bandwidth: return bw;
    case Quantity::energy: return energy;
    case Quantity::power: return power;
    case Quantity::length: return length;
    case Quantity::bits: return bits;
  }
  return size;
}

std::string join_units(Quantity q) {
  std::string s;
  for (const auto& u : units_of(q)) {
    if (!s.empty()) s += ", ";
    s += u.name;
  }
  return s;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

const char* to_string(Quantity q) {
  switch (q) {
    case Quantity::size: return "size";
    case Quantity::frequency: return "frequency";
    case Quantity::time: return "time";
    case Quantity::bandwidth: return "bandwidth";
    case Quantity::energy: return "energy";
    case Quantity::power: return "power";
    case Quantity::length: return "length";
    case Quantity::bits: return "bit count";
  }
  return "?";
}

const char* base_unit(Quantity q) {
  switch (q) {
    case Quantity::size: return "B";
    case Quantity::frequency: return "Hz";
    case Quantity::time: return "ps";
    case Quantity::bandwidth: return "B/s";
    case Quantity::energy: return "pJ";
    case Quantity::power: return "W";
    case Quantity::length: return "mm";
    case Quantity::bits: return "bit";
  }
  return "?";
}

std::vector<std::string> allowed_units(Quantity q) {
  std::vector<std::string> out;
  for (const auto& u : units_of(q)) out.emplace_back(u.name);
  return out;
}

double parse_quantity(std::string_view text, Quantity q) {
  const std::string_view t = trim(text);
  const std::string s(t);
  char* end = nullptr;
  const double number = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(number)) {
    throw UnitError(fmt::format("'{}' is not a {}: expected a number followed by one of {}", s,
                                to_string(q), join_units(q)));
  }
  const std::string unit(trim(std::string_view(end)));
  if (unit.empty()) {
    throw UnitError(fmt::format("'{}' has no unit: a {} needs one of {}", s, to_string(q),
                                join_units(q)));
  }
  for (const auto& u : units_of(q)) {
    if (unit == u.name) return number * u.factor;
  }
  throw UnitError(fmt::format("'{}': unit '{}' is not a {} unit; allowed: {}", s, unit,
                              to_string(q), join_units(q)));
}

unsigned long long parse_size_bytes(std::string_view text) {
  const double v = parse_quantity(text, Quantity::size);
  if (v < 0) throw UnitError(fmt::format("'{}': a size cannot be negative", trim(text)));
  const double r = std::round(v);
  if (std::fabs(v - r) > 1e-9 * std::max(1.0, v)) {
    throw UnitError(fmt::format("'{}' is not a whole number of bytes", trim(text)));
  }
  if (r > 1.8e19) throw UnitError(fmt::format("'{}' is too large", trim(text)));
  return static_cast<unsigned long long>(r);
}

std::string format_quantity(double v, Quantity q) {
  const auto& units = units_of(q);
  // Prefer binary units for sizes that are exact multiples, else SI; for others, largest <= v.
  const UnitDef* best = nullptr;
  for (const auto& u : units) {
    if (q == Quantity::size || q == Quantity::bandwidth) {
      const bool binary = std::string(u.name).find('i') != std::string::npos || u.factor == 1.0;
      if (!binary) continue;
      if (std::fabs(v) >= u.factor && std::fmod(v, u.factor) == 0.0) best = &u;
    } else if (std::fabs(v) >= u.factor || best == nullptr) {
      if (std::string(u.name) == "fs" && v != 0.0 && std::fabs(v) >= 1.0) continue;
      best = &u;
    }
  }
  if (best == nullptr) best = &units.front();
  if (q == Quantity::time && v == 0.0) best = &units[1];
  return fmt::format("{:g} {}", v / best->factor, best->name);
}

}  // namespace sushi
