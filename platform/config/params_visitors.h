// The visitors that give a params struct's declaration (util/params.h) its meaning in
// the config layer: SchemaVisitor declares each key in a Schema (and so in the generated
// docs/config-reference.md); ConfigReader sets each bound member from a validated Config;
// key_of names the key a member is bound to.
// A struct's checks across keys (validate()) throw errors naming the declared key, which
// Config::fail locates at the file, line and column that set it.
#pragma once

#include <stdexcept>
#include <string>
#include <type_traits>

#include "util/params.h"
#include "config/config.h"
#include "config/schema.h"

namespace sushi::config {

inline KeyType key_type(params::Kind k) {
  switch (k) {
    case params::Kind::size: return KeyType::size;
    case params::Kind::frequency: return KeyType::frequency;
    case params::Kind::time: return KeyType::time;
    case params::Kind::bandwidth: return KeyType::bandwidth;
    case params::Kind::energy: return KeyType::energy;
    case params::Kind::power: return KeyType::power;
    case params::Kind::length: return KeyType::length;
  }
  return KeyType::size;
}

struct SchemaVisitor {
  Schema& s;

  void section(const std::string& path, const std::string& doc) { s.describe_section(path, doc); }
  template <class F>
  void quantity(const std::string& key, params::Kind k, F&&, const std::optional<std::string>& def,
                const std::string& min, const std::string& max, const std::string& doc) {
    s.quantity(key, key_type(k), def, min, max, doc);
  }
  template <class F>
  void integer(const std::string& key, F&&, std::optional<long long> def, std::optional<long long> min,
               std::optional<long long> max, const std::string& doc) {
    s.integer(key, def, min, max, doc);
  }
  template <class F>
  void real(const std::string& key, F&&, std::optional<double> def, std::optional<double> min,
            std::optional<double> max, const std::string& doc) {
    s.real(key, def, min, max, doc);
  }
  template <class F>
  void boolean(const std::string& key, F&&, std::optional<bool> def, const std::string& doc) {
    s.boolean(key, def, doc);
  }
  template <class F, class T>
  void choice(const std::string& key, F&&, const T& table, std::optional<params::table_enum_t<T>> def,
              const std::string& doc) {
    std::optional<std::string> d;
    if (def) d = params::name_of(table, *def);
    s.choice(key, d, params::names_of(table), doc);
  }
  template <class F>
  void string(const std::string& key, F&&, const std::optional<std::string>& def, const std::string& doc) {
    s.string(key, def, doc);
  }
  template <class F>
  void path(const std::string& key, F&&, const std::optional<std::string>& def, const std::string& doc) {
    s.path(key, def, doc);
  }
  template <class F>
  void path_list(const std::string& key, F&&, const std::optional<std::string>& def, const std::string& doc) {
    s.path_list(key, def, doc);
  }
  // Lists of numbers are lists in the config file; their entries are parsed and range checked
  // by ConfigReader.
  template <class F>
  void quantity_list(const std::string& key, params::Kind, F&, const std::optional<std::string>& def,
                     const std::string&, const std::string&, const std::string& doc) {
    s.string_list(key, def, doc);
  }
  template <class F>
  void real_list(const std::string& key, F&, const std::optional<std::string>& def, std::optional<double>,
                 std::optional<double>, const std::string& doc) {
    s.string_list(key, def, doc);
  }
  template <class F>
  void string_list(const std::string& key, F&, const std::optional<std::string>& def, const std::string& doc) {
    s.string_list(key, def, doc);
  }
  template <class L>
  void instances(const std::string& section, const std::string& doc, L&) {
    s.describe_section(section, doc);
    typename std::decay_t<L>::value_type e;
    decltype(e)::describe(*this, e, section + ".*");
  }
};

struct ConfigReader {
  const Config& c;
  // Reads only the keys the config sets, over the values already in the struct (read_set_keys).
  bool only_set = false;

  void section(const std::string&, const std::string&) {}
  template <class F>
  void quantity(const std::string& key, params::Kind k, F&& f, const std::optional<std::string>&, const std::string&,
                const std::string&, const std::string&) {
    if (skip(key)) return;
    using D = std::decay_t<F>;
    if constexpr (std::is_same_v<D, params::Unbound>) {
      return;
    } else if constexpr (std::is_integral_v<D>) {
      if (k == params::Kind::size) {
        f = static_cast<D>(c.size(key));  // whole bytes, no trip through double
      } else {
        params::set(f, value(key, k));  // whole base units (a time in ps), truncated
      }
    } else {
      params::set(f, value(key, k));
    }
  }
  template <class F>
  void integer(const std::string& key, F&& f, std::optional<long long>, std::optional<long long>,
               std::optional<long long>, const std::string&) {
    if (skip(key)) return;
    using D = std::decay_t<F>;
    if constexpr (!std::is_same_v<D, params::Unbound>) f = static_cast<D>(c.integer(key));
  }
  template <class F>
  void real(const std::string& key, F&& f, std::optional<double>, std::optional<double>, std::optional<double>,
            const std::string&) {
    if (skip(key)) return;
    if constexpr (!std::is_same_v<std::decay_t<F>, params::Unbound>) f = c.real(key);
  }
  template <class F>
  void boolean(const std::string& key, F&& f, std::optional<bool>, const std::string&) {
    if (skip(key)) return;
    if constexpr (!std::is_same_v<std::decay_t<F>, params::Unbound>) f = c.boolean(key);
  }
  template <class F, class T>
  void choice(const std::string& key, F&& f, const T& table, std::optional<params::table_enum_t<T>>,
              const std::string&) {
    if (skip(key)) return;
    const auto v = params::value_of(table, c.string(key));
    if (!v) throw std::logic_error("params: " + key + ": schema and name table disagree");
    f = *v;
  }
  template <class F>
  void string(const std::string& key, F&& f, const std::optional<std::string>&, const std::string&) {
    if (skip(key)) return;
    if constexpr (!std::is_same_v<std::decay_t<F>, params::Unbound>) f = c.string(key);
  }
  template <class F>
  void path(const std::string& key, F&& f, const std::optional<std::string>&, const std::string&) {
    if (skip(key)) return;
    if constexpr (!std::is_same_v<std::decay_t<F>, params::Unbound>) f = c.path(key);  // resolved
  }
  template <class F>
  void path_list(const std::string& key, F&& f, const std::optional<std::string>&, const std::string&) {
    if (skip(key)) return;
    if constexpr (!std::is_same_v<std::decay_t<F>, params::Unbound>) f = c.paths(key);  // resolved
  }
  template <class F>
  void quantity_list(const std::string& key, params::Kind k, F& f, const std::optional<std::string>&,
                     const std::string& min, const std::string& max, const std::string&) {
    if (skip(key)) return;
    read_list(key, f, params::ListRange::of(k, min, max));
  }
  template <class F>
  void real_list(const std::string& key, F& f, const std::optional<std::string>&, std::optional<double> min,
                 std::optional<double> max, const std::string&) {
    if (skip(key)) return;
    read_list(key, f, params::ListRange::of(min, max));
  }
  template <class F>
  void string_list(const std::string& key, F& f, const std::optional<std::string>&, const std::string&) {
    if (skip(key)) return;
    f = c.strings(key);
  }
  // One element per instance the config names ("workload.phases.<name>"), in the order written.
  template <class L>
  void instances(const std::string& section, const std::string&, L& list) {
    list.clear();
    for (const auto& name : c.instances(section)) {
      typename L::value_type e;
      e.name = name;
      decltype(e)::describe(*this, e, section + "." + name);
      list.push_back(std::move(e));
    }
  }

 private:
  bool skip(const std::string& key) const { return only_set && !c.is_set(key); }

  // Each entry parsed (with its unit for a quantity list) and range checked; an error names the
  // list's key, located at the line that set it.
  template <class F>
  void read_list(const std::string& key, F& f, const params::ListRange& r) const {
    f.clear();
    for (const auto& t : c.strings(key)) {
      double v = 0;
      try {
        v = params::list_entry(t, r.kind);
      } catch (const UnitError& e) {
        c.fail(key, std::string("list entry ") + e.what());
      }
      if (!r.contains(v)) c.fail(key, "list entry '" + t + "' is out of range (allowed: " + r.text() + ")");
      f.push_back(static_cast<typename F::value_type>(v));
    }
  }

  double value(const std::string& key, params::Kind k) const {
    switch (k) {
      case params::Kind::size: return static_cast<double>(c.size(key));
      case params::Kind::frequency: return c.frequency_hz(key);
      case params::Kind::time: return c.time_ps(key);
      case params::Kind::bandwidth: return c.bandwidth_bps(key);
      case params::Kind::energy: return c.energy_pj(key);
      case params::Kind::power: return c.power_w(key);
      case params::Kind::length: return c.length_mm(key);
    }
    return 0.0;
  }
};

// Finds the key a member is bound to (KeyOf::of below).
struct KeyOf {
  const void* member;
  std::string found;

  void section(const std::string&, const std::string&) {}
  template <class F>
  void quantity(const std::string& key, params::Kind, F&& f, const std::optional<std::string>&, const std::string&,
                const std::string&, const std::string&) {
    match(key, f);
  }
  template <class F>
  void integer(const std::string& key, F&& f, std::optional<long long>, std::optional<long long>,
               std::optional<long long>, const std::string&) {
    match(key, f);
  }
  template <class F>
  void real(const std::string& key, F&& f, std::optional<double>, std::optional<double>, std::optional<double>,
            const std::string&) {
    match(key, f);
  }
  template <class F>
  void boolean(const std::string& key, F&& f, std::optional<bool>, const std::string&) { match(key, f); }
  template <class F, class T>
  void choice(const std::string& key, F&& f, const T&, std::optional<params::table_enum_t<T>>, const std::string&) {
    match(key, f);
  }
  template <class F>
  void string(const std::string& key, F&& f, const std::optional<std::string>&, const std::string&) { match(key, f); }
  template <class F>
  void path(const std::string& key, F&& f, const std::optional<std::string>&, const std::string&) { match(key, f); }
  template <class F>
  void path_list(const std::string& key, F&& f, const std::optional<std::string>&, const std::string&) {
    match(key, f);
  }
  template <class F>
  void quantity_list(const std::string& key, params::Kind, F& f, const std::optional<std::string>&,
                     const std::string&, const std::string&, const std::string&) {
    match(key, f);
  }
  template <class F>
  void real_list(const std::string& key, F& f, const std::optional<std::string>&, std::optional<double>,
                 std::optional<double>, const std::string&) {
    match(key, f);
  }
  template <class F>
  void string_list(const std::string& key, F& f, const std::optional<std::string>&, const std::string&) {
    match(key, f);
  }

 private:
  template <class F>
  void match(const std::string& key, const F& f) {
    if (found.empty() && static_cast<const void*>(&f) == member) found = key;
  }
};

// The declared key of `member`, a member (or a member's member) of `p`: the name an error about
// its value must carry, taken from P::describe instead of typed again. `a...` as for read_keys.
// A member bound to no key is a programming error (std::logic_error).
template <class P, class M, class... A>
std::string key_of(const P& p, const M& member, const A&... a) {
  KeyOf v{&member, {}};
  P::describe(v, p, a...);
  if (v.found.empty()) throw std::logic_error("params: the member is bound to no declared key");
  return v.found;
}

// Sets only the members whose keys `c` sets (a file or an override, not a default), leaving the
// others as they are: for values inherited from elsewhere (a workload phase's unset demand keys).
template <class P, class... A>
void read_set_keys(const Config& c, P& p, const A&... a) {
  ConfigReader v{c, true};
  P::describe(v, p, a...);
}

// Declares P's keys (P::describe) in `s`; `a...` are extra arguments of P::describe (a key prefix,
// "<section>.*" for instances).
template <class P, class... A>
void declare_keys(Schema& s, const A&... a) {
  P p;
  SchemaVisitor v{s};
  P::describe(v, p, a...);
}

// Sets P's bound members from `c` (validated against a schema with P's keys); `a...` are extra
// arguments of P::describe (an instance's key prefix).
template <class P, class... A>
void read_keys(const Config& c, P& p, const A&... a) {
  ConfigReader v{c};
  P::describe(v, p, a...);
}

}  // namespace sushi::config
