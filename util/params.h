// Each model parameter declared once, next to its params struct (docs/configuration.md,
// "Declaring a parameter").
//
// A params struct lists its config keys in one template:
//
//   template <class V, class P> static void describe(V& v, P& p) {
//     v.section("accel", "SushiAccel ...");
//     v.quantity("accel.pb.size", params::Kind::size, p.pb.bytes, "2359296 B", "16 B", "4 GiB",
//                "Persistent Buffer: capacity");
//     v.integer("accel.dma.ports", p.dma_ports, 6, 1, 64, "DMA (AXI master) ports");
//     v.choice("accel.overlap", p.overlap, kOverlapNames, Overlap::serial, "...");
//     v.path("cpu.rv32.elf", p.rv32.elf_path, "", "...");  // relative to the file that sets it
//   }
//
// Each call is the whole truth about one key: its name, the member it sets, its unit (Kind),
// default, inclusive range and description. Visitors give it meaning: platform/config's declare
// the schema keys (and so docs/config-reference.md) and read a Config into the struct with
// file:line:key errors; params::apply_defaults() fills a struct with the declared defaults;
// params::check_ranges() checks a struct built in code (tests, testbeds) against the same ranges.
// `P` is the struct or a const one, so one list serves reading and checking.
//
// A struct with one instance per name (sram.<name>.*) takes the key prefix as a third argument
// of describe(), defaulting to the schema's wildcard ("sram.*"): the schema declares the wildcard
// keys, the reader and the range checks the instance's own keys.
//
// A member whose unit differs from the key's (a period for a frequency key) is bound through a
// small adapter with get()/set(double) in the key's base unit (see period_ps). A key the platform
// reads itself (an energy-table entry name, an address) is declared with params::unbound: it is
// in the schema and the docs, in order, but no struct member holds it.
//
// A list of numbers (v.quantity_list: each entry with its unit; v.real_list: plain numbers) binds a
// std::vector; the range applies to every entry. A list of names (v.string_list) binds a
// std::vector<std::string>; what the names must be is the reader's check. A list of named instances whose element struct
// has a `name` member and its own describe(v, e, prefix) (workload.phases.<name>) is declared with
// v.instances(section, doc, p.list): the schema declares the element's keys under "<section>.*",
// the reader makes one element per instance the config names, in order.
//
// Header-only, no SystemC and no YAML: models include it freely.
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <iterator>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "util/number_text.h"
#include "util/units.h"

namespace sushi::params {

// The unit of a quantity key; values are in the base unit (bytes, Hz, ps, B/s, pJ, W, mm).
enum class Kind { size, frequency, time, bandwidth, energy, power, length };

inline Quantity quantity_of(Kind k) {
  switch (k) {
    case Kind::size: return Quantity::size;
    case Kind::frequency: return Quantity::frequency;
    case Kind::time: return Quantity::time;
    case Kind::bandwidth: return Quantity::bandwidth;
    case Kind::energy: return Quantity::energy;
    case Kind::power: return Quantity::power;
    case Kind::length: return Quantity::length;
  }
  return Quantity::size;
}

// `text` (a number with its unit) in the base unit of `k`; sizes exactly, in whole bytes.
// Throws UnitError.
inline double parse_kind(const std::string& text, Kind k) {
  return k == Kind::size ? static_cast<double>(parse_size_bytes(text)) : parse_quantity(text, quantity_of(k));
}

// ---- Enumerated choices: one table per enum, names listed once -------------------------------

template <class E>
struct Named {
  E value;
  const char* name;
};

// A name table is a C array or a std::array of Named<E> (the DRAM policies keep theirs in
// std::arrays beside their enums); table_enum_t is its enum.
template <class T>
using table_enum_t = std::decay_t<decltype(std::begin(std::declval<const T&>())->value)>;

// The name of `v` in `table` (nullptr if the table lacks it: a programming error).
template <class T>
const char* name_of(const T& table, table_enum_t<T> v) {
  for (const auto& n : table) {
    if (n.value == v) return n.name;
  }
  return nullptr;
}

// The value named `s`, or nullopt.
template <class T>
std::optional<table_enum_t<T>> value_of(const T& table, const std::string& s) {
  for (const auto& n : table) {
    if (s == n.name) return n.value;
  }
  return std::nullopt;
}

template <class T>
std::vector<std::string> names_of(const T& table) {
  std::vector<std::string> out;
  for (const auto& n : table) out.emplace_back(n.name);
  return out;
}

// "a, b, c" (for messages).
template <class T>
std::string joined_names(const T& table) {
  std::string s;
  for (const auto& n : table) s += (s.empty() ? "" : ", ") + std::string(n.name);
  return s;
}

// ---- Members bound to keys --------------------------------------------------------------------

// A key with no member: read by the platform itself (declared here so the schema and the docs
// list it in its place).
struct Unbound {};
inline Unbound unbound;

// A clock period in ps bound to a frequency key (Hz): the period is rounded to whole ps.
template <class T>
struct PeriodPs {
  T& period_ps;
  double get() const { return 1e12 / static_cast<double>(period_ps); }
  template <class U = T>
  std::enable_if_t<!std::is_const_v<U>> set(double hz) const {
    period_ps = static_cast<std::remove_const_t<T>>(std::llround(1e12 / hz));
  }
};
template <class T>
PeriodPs<T> period_ps(T& member) { return {member}; }

// A rate in bytes per clock cycle bound to a bandwidth key (B/s), at the clock period `period`
// (a member declared, and so read, before it).
template <class T, class C>
struct PerCycle {
  T& bytes_per_cycle;
  C& period_ps;
  double get() const { return bytes_per_cycle / (static_cast<double>(period_ps) * 1e-12); }
  template <class U = T>
  std::enable_if_t<!std::is_const_v<U>> set(double bytes_per_s) const {
    bytes_per_cycle = bytes_per_s * static_cast<double>(period_ps) * 1e-12;
  }
};
template <class T, class C>
PerCycle<T, C> per_cycle(T& member, C& period) { return {member, period}; }

template <class F>
struct is_adapter : std::false_type {};
template <class T>
struct is_adapter<PeriodPs<T>> : std::true_type {};
template <class T, class C>
struct is_adapter<PerCycle<T, C>> : std::true_type {};

// The member's value in the key's base unit.
template <class F>
double get(const F& f) {
  if constexpr (is_adapter<F>::value) {
    return f.get();
  } else {
    return static_cast<double>(f);
  }
}

// Sets the member from a value in the key's base unit (integral members take whole values).
template <class F>
void set(F&& f, double v) {
  using D = std::decay_t<F>;
  if constexpr (is_adapter<D>::value) {
    f.set(v);
  } else if constexpr (std::is_same_v<D, bool>) {
    f = v != 0;
  } else {
    f = static_cast<D>(v);
  }
}

// ---- Lists of numbers -------------------------------------------------------------------------

// The entries of a list default written as a YAML flow sequence ("[20 ms, 50 ms]"; "" or "[]" =
// none; text without brackets is one entry, as YAML reads it), trimmed.
inline std::vector<std::string> split_list(std::string text) {
  auto trim = [](std::string t) {
    const auto b = t.find_first_not_of(" \t"), e = t.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
  };
  text = trim(text);
  if (text.empty()) return {};
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return {text};
  text = trim(text.substr(1, text.size() - 2));
  std::vector<std::string> out;
  std::size_t at = 0;
  while (!text.empty()) {
    const auto comma = text.find(',', at);
    out.push_back(trim(text.substr(at, comma == std::string::npos ? std::string::npos : comma - at)));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

// One entry of a list: a quantity of kind `k` written with its unit, or (no kind) a plain number.
// Throws UnitError naming the entry.
inline double list_entry(const std::string& text, std::optional<Kind> k) {
  if (k) return parse_kind(text, *k);
  double v = 0;
  if (!util::parse_real(text, v)) throw UnitError("'" + text + "' is not a number");
  return v;
}

// The inclusive range of a list's entries, as declared: bounds with units for quantity lists,
// plain numbers for real lists; "" / nullopt = unbounded.
struct ListRange {
  std::optional<Kind> kind;
  std::optional<double> min, max;

  static ListRange of(Kind k, const std::string& min, const std::string& max) {
    auto bound = [k](const std::string& b) -> std::optional<double> {
      if (b.empty()) return std::nullopt;
      return parse_kind(b, k);
    };
    return {k, bound(min), bound(max)};
  }
  static ListRange of(std::optional<double> min, std::optional<double> max) { return {std::nullopt, min, max}; }

  bool contains(double v) const { return !std::isnan(v) && !(min && v < *min) && !(max && v > *max); }
  std::string format(double v) const { return kind ? format_quantity(v, quantity_of(*kind)) : fmt::format("{:g}", v); }
  // "1 ns .. 1000 s", "0 .. +inf"
  std::string text() const {
    return (min ? format(*min) : std::string("-inf")) + " .. " + (max ? format(*max) : std::string("+inf"));
  }
};

// Sets a std::vector member from the entries of a list default.
template <class F>
void set_list(F& f, const std::string& text, std::optional<Kind> k) {
  f.clear();
  for (const auto& t : split_list(text)) f.push_back(static_cast<typename F::value_type>(list_entry(t, k)));
}

// ---- Visitors that need nothing but this header ------------------------------------------------

// Fills a struct with the declared defaults.
struct DefaultsVisitor {
  void section(const std::string&, const std::string&) {}
  template <class F>
  void quantity(const std::string&, Kind k, F&& f, const std::optional<std::string>& def, const std::string&,
                const std::string&, const std::string&) {
    if constexpr (!std::is_same_v<std::decay_t<F>, Unbound>) {
      if (def) set(f, parse_kind(*def, k));
    }
  }
  template <class F>
  void integer(const std::string&, F&& f, std::optional<long long> def, std::optional<long long>,
               std::optional<long long>, const std::string&) {
    if constexpr (!std::is_same_v<std::decay_t<F>, Unbound>) {
      if (def) f = static_cast<std::decay_t<F>>(*def);
    }
  }
  template <class F>
  void real(const std::string&, F&& f, std::optional<double> def, std::optional<double>, std::optional<double>,
            const std::string&) {
    if constexpr (!std::is_same_v<std::decay_t<F>, Unbound>) {
      if (def) f = *def;
    }
  }
  template <class F>
  void boolean(const std::string&, F&& f, std::optional<bool> def, const std::string&) {
    if constexpr (!std::is_same_v<std::decay_t<F>, Unbound>) {
      if (def) f = *def;
    }
  }
  template <class F, class T>
  void choice(const std::string&, F&& f, const T&, std::optional<table_enum_t<T>> def, const std::string&) {
    if (def) f = *def;
  }
  template <class F>
  void string(const std::string&, F&& f, const std::optional<std::string>& def, const std::string&) {
    if constexpr (!std::is_same_v<std::decay_t<F>, Unbound>) {
      if (def) f = *def;
    }
  }
  // A file path (relative to the config file that sets it); the default is taken as written.
  template <class F>
  void path(const std::string& key, F&& f, const std::optional<std::string>& def, const std::string& doc) {
    string(key, f, def, doc);
  }
  template <class F>
  void quantity_list(const std::string&, Kind k, F& f, const std::optional<std::string>& def, const std::string&,
                     const std::string&, const std::string&) {
    if (def) set_list(f, *def, k);
  }
  template <class F>
  void real_list(const std::string&, F& f, const std::optional<std::string>& def, std::optional<double>,
                 std::optional<double>, const std::string&) {
    if (def) set_list(f, *def, std::nullopt);
  }
  template <class F>
  void string_list(const std::string&, F& f, const std::optional<std::string>& def, const std::string&) {
    f = def ? split_list(*def) : std::vector<std::string>{};
  }
  // A list of named instances starts empty (each element's own defaults apply when it is made).
  template <class L>
  void instances(const std::string&, const std::string&, L&) {}
};

// `a...` are extra arguments of P::describe (an instance's key prefix, e.g. "sram.scratch").
template <class P, class... A>
void apply_defaults(P& p, const A&... a) {
  DefaultsVisitor v;
  P::describe(v, p, a...);
}

// Checks every bound member against its declared range; throws Error(key, message) naming the
// value and the range with units ("8 B is outside 16 B .. 4 GiB"). Written so NaN fails too.
template <class Error>
struct RangeVisitor {
  void section(const std::string&, const std::string&) {}

  template <class F>
  void quantity(const std::string& key, Kind k, const F& f, const std::optional<std::string>&, const std::string& min,
                const std::string& max, const std::string&) {
    if constexpr (!std::is_same_v<F, Unbound>) {
      const Quantity q = quantity_of(k);
      const double v = get(f);
      const bool low = !min.empty() && !(v >= parse_quantity(min, q));
      const bool high = !max.empty() && !(v <= parse_quantity(max, q));
      if (low || high || std::isnan(v)) {
        throw Error(key, format_quantity(v, q) + " is outside " + (min.empty() ? "-inf" : min) + " .. " +
                             (max.empty() ? "+inf" : max));
      }
    }
  }
  template <class F>
  void integer(const std::string& key, const F& f, std::optional<long long>, std::optional<long long> min,
               std::optional<long long> max, const std::string&) {
    if constexpr (!std::is_same_v<F, Unbound>) {
      // Members are unsigned or signed integers up to 64 bits: compare without wrapping.
      const bool low = min && ((std::is_signed_v<F> || *min > 0) && static_cast<long double>(f) < *min);
      const bool high = max && static_cast<long double>(f) > *max;
      if (low || high) {
        throw Error(key, fmt::format("{} is outside {} .. {}", f, min ? std::to_string(*min) : "-inf",
                                     max ? std::to_string(*max) : "+inf"));
      }
    }
  }
  template <class F>
  void real(const std::string& key, const F& f, std::optional<double>, std::optional<double> min,
            std::optional<double> max, const std::string&) {
    if constexpr (!std::is_same_v<F, Unbound>) {
      if ((min && !(f >= *min)) || (max && !(f <= *max)) || std::isnan(f)) {
        throw Error(key, fmt::format("{:g} is outside {} .. {}", f, min ? fmt::format("{:g}", *min) : "-inf",
                                     max ? fmt::format("{:g}", *max) : "+inf"));
      }
    }
  }
  template <class F>
  void boolean(const std::string&, const F&, std::optional<bool>, const std::string&) {}
  template <class F, class T>
  void choice(const std::string& key, const F& f, const T& table, std::optional<table_enum_t<T>>, const std::string&) {
    if (name_of(table, static_cast<table_enum_t<T>>(f)) == nullptr) throw Error(key, "not one of: " + joined_names(table));
  }
  template <class F>
  void string(const std::string&, const F&, const std::optional<std::string>&, const std::string&) {}
  template <class F>
  void path(const std::string&, const F&, const std::optional<std::string>&, const std::string&) {}
  template <class F>
  void quantity_list(const std::string& key, Kind k, const F& f, const std::optional<std::string>&,
                     const std::string& min, const std::string& max, const std::string&) {
    check_list(key, f, ListRange::of(k, min, max));
  }
  template <class F>
  void real_list(const std::string& key, const F& f, const std::optional<std::string>&, std::optional<double> min,
                 std::optional<double> max, const std::string&) {
    check_list(key, f, ListRange::of(min, max));
  }
  template <class F>
  void string_list(const std::string&, const F&, const std::optional<std::string>&, const std::string&) {}
  // Each element under its own name: "<section>.<name>.<key>".
  template <class L>
  void instances(const std::string& section, const std::string&, const L& list) {
    for (const auto& e : list) std::decay_t<decltype(e)>::describe(*this, e, section + "." + e.name);
  }

 private:
  template <class F>
  void check_list(const std::string& key, const F& f, const ListRange& r) {
    for (const auto& v : f) {
      if (!r.contains(static_cast<double>(v))) {
        throw Error(key, "list entry " + r.format(static_cast<double>(v)) + " is outside " + r.text());
      }
    }
  }
};

template <class Error, class P, class... A>
void check_ranges(const P& p, const A&... a) {
  RangeVisitor<Error> v;
  P::describe(v, p, a...);
}

}  // namespace sushi::params
