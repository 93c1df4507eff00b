#include "supernet/subnet.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "supernet/family.h"

namespace sushi::supernet {

namespace {

std::string join_choices(const std::vector<int>& v, bool ratio) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += ratio ? format_ratio(v[i]) : std::to_string(v[i]);
  }
  return "{" + s + "}";
}

struct Field {
  const char* key;
  std::vector<int> SubNetConfig::*member;
  size_t n;
  const std::vector<int>* choices;
  bool ratio;
};

// The family's SubNet fields, in its order (ArchSpec::fields).
std::vector<Field> fields_of(Arch a) {
  const ArchSpec& sp = arch_spec(a);
  const Field all[] = {{"ks", &SubNetConfig::ks, sp.n_ks, &sp.ks_choices, false},
                       {"e", &SubNetConfig::e, sp.n_e, &sp.e_choices, true},
                       {"d", &SubNetConfig::d, sp.n_d, &sp.d_choices, false},
                       {"w", &SubNetConfig::w, sp.n_w, &sp.w_choices, false}};
  std::vector<Field> out;
  for (const std::string& key : sp.fields)
    for (const Field& f : all)
      if (key == f.key) out.push_back(f);
  return out;
}

std::string field_list(Arch a) {
  std::string s;
  for (const Field& f : fields_of(a)) s += (s.empty() ? "" : ", ") + std::string(f.key);
  return s;
}

// Decimal text -> hundredths, exactly ("0.35" -> 35, "6" -> 600).
int parse_ratio(const std::string& t, const std::string& ctx) {
  size_t i = 0;
  long whole = 0, frac = 0;
  int frac_digits = 0;
  bool any = false;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
    whole = whole * 10 + (t[i++] - '0');
    any = true;
    if (whole > 100000) throw SubNetError(ctx + ": value '" + t + "' is out of range");
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
      const int dgt = t[i++] - '0';
      any = true;
      if (frac_digits < 2) {
        frac = frac * 10 + dgt;
        ++frac_digits;
      } else if (dgt != 0) {
        throw SubNetError(ctx + ": value '" + t + "' has more than two decimals");
      }
    }
  }
  if (!any || i != t.size()) throw SubNetError(ctx + ": '" + t + "' is not a number");
  while (frac_digits < 2) {
    frac *= 10;
    ++frac_digits;
  }
  return static_cast<int>(whole * 100 + frac);
}

int parse_int(const std::string& t, const std::string& ctx) {
  if (t.empty() || t.size() > 6 ||
      !std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    throw SubNetError(ctx + ": '" + t + "' is not a non-negative integer");
  return std::stoi(t);
}

void check_choices(const Field& f, const std::vector<int>& v, Arch a) {
  for (size_t i = 0; i < v.size(); ++i) {
    const std::vector<int>* ch = f.choices;
    if (std::find(ch->begin(), ch->end(), v[i]) == ch->end()) {
      std::ostringstream os;
      os << arch_name(a) << ": " << f.key << "[" << i << "] = "
         << (f.ratio ? format_ratio(v[i]) : std::to_string(v[i])) << " is not allowed (allowed: "
         << join_choices(*ch, f.ratio) << ")";
      throw SubNetError(os.str());
    }
  }
}

std::vector<int> broadcast(const Field& f, std::vector<int> v, Arch a) {
  if (v.size() == 1 && f.n > 1) v.assign(f.n, v[0]);
  if (v.size() != f.n) {
    std::ostringstream os;
    os << arch_name(a) << ": field '" << f.key << "' has " << v.size() << " values, expected "
       << f.n << " (or one value for all)";
    throw SubNetError(os.str());
  }
  check_choices(f, v, a);
  return v;
}

bool is_resolution_key(const std::string& k) { return k == "r" || k == "image_size"; }

int checked_resolution(Arch a, int r) {
  try {
    check_resolution(a, r, std::string(arch_name(a)) + " field 'r'");
  } catch (const std::invalid_argument& e) {
    throw SubNetError(e.what());
  }
  return r;
}

SubNetConfig parse_json(Arch a, std::string_view text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw SubNetError(std::string("SubNet JSON does not parse: ") + e.what());
  }
  if (!j.is_object()) throw SubNetError("SubNet JSON must be an object with keys " + field_list(a));
  SubNetConfig s;
  s.arch = a;
  const auto fields = fields_of(a);
  bool have_r = false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (is_resolution_key(it.key())) {  // OFA arch dicts carry "r": [R]; run configs "image_size": R
      if (have_r) throw SubNetError("SubNet JSON gives the resolution twice (r, image_size)");
      have_r = true;
      const nlohmann::json& x = it->is_array() && it->size() == 1 ? (*it)[0] : *it;
      if (!x.is_number_integer() || x.get<long long>() < 0 || x.get<long long>() > 100000)
        throw SubNetError("field '" + it.key() + "' must be one integer resolution in pixels, got " + it->dump());
      s.r = checked_resolution(a, static_cast<int>(x.get<long long>()));
      continue;
    }
    const auto f = std::find_if(fields.begin(), fields.end(), [&](const Field& x) { return it.key() == x.key; });
    if (f == fields.end())
      throw SubNetError("unknown SubNet field '" + it.key() + "' for " + std::string(arch_name(a)) +
                        " (allowed: " + field_list(a) + ", r)");
    std::vector<nlohmann::json> vals;
    if (it->is_array())
      vals.assign(it->begin(), it->end());
    else
      vals.push_back(*it);
    std::vector<int> v;
    for (const auto& x : vals) {
      if (!x.is_number()) throw SubNetError(std::string("field '") + f->key + "' must hold numbers");
      const double dv = x.get<double>();
      const double scaled = f->ratio ? dv * 100.0 : dv;
      const double r = std::round(scaled);
      if (std::fabs(scaled - r) > 1e-6 || r < 0 || r > 1e6)
        throw SubNetError(std::string("field '") + f->key + "' has a non-allowed value " + x.dump());
      v.push_back(static_cast<int>(r));
    }
    s.*(f->member) = broadcast(*f, v, a);
  }
  for (const Field& f : fields)
    if ((s.*(f.member)).empty())
      throw SubNetError("SubNet JSON misses field '" + std::string(f.key) + "' (needs " + field_list(a) + ")");
  return canonical(s);
}

}  // namespace

bool SubNetConfig::operator<(const SubNetConfig& o) const {
  if (arch != o.arch) return arch < o.arch;
  if (d != o.d) return d < o.d;
  if (w != o.w) return w < o.w;
  if (ks != o.ks) return ks < o.ks;
  if (e != o.e) return e < o.e;
  return r < o.r;
}

std::string format_ratio(int e_pct) {
  if (e_pct % 100 == 0) return std::to_string(e_pct / 100);
  std::string frac = e_pct % 10 == 0 ? std::to_string((e_pct % 100) / 10)
                                     : (e_pct % 100 < 10 ? "0" : "") + std::to_string(e_pct % 100);
  return std::to_string(e_pct / 100) + "." + frac;
}

namespace {

// Every field at its largest (the last of its choices) or smallest (the first) value.
SubNetConfig extreme_subnet(Arch a, bool largest) {
  const ArchSpec& sp = arch_spec(a);
  const auto pick = [largest](const auto& choices) { return largest ? choices.back() : choices.front(); };
  SubNetConfig s;
  s.arch = a;
  if (!sp.ks_choices.empty()) s.ks.assign(sp.n_ks, pick(sp.ks_choices));
  s.e.assign(sp.n_e, pick(sp.e_choices));
  s.d.assign(sp.n_d, pick(sp.d_choices));
  if (!sp.w_choices.empty()) s.w.assign(sp.n_w, pick(sp.w_choices));
  return s;
}

}  // namespace

SubNetConfig max_subnet(Arch a) { return extreme_subnet(a, true); }

SubNetConfig min_subnet(Arch a) { return extreme_subnet(a, false); }

void validate(const SubNetConfig& s) {
  for (const Field& f : fields_of(s.arch)) {
    const auto& v = s.*(f.member);
    if (v.size() != f.n) {
      std::ostringstream os;
      os << arch_name(s.arch) << ": field '" << f.key << "' has " << v.size() << " values, expected " << f.n;
      throw SubNetError(os.str());
    }
    check_choices(f, v, s.arch);
  }
  const ArchSpec& sp = arch_spec(s.arch);
  if (sp.ks_choices.empty() && !s.ks.empty())
    throw SubNetError(std::string(arch_name(s.arch)) + " has no elastic kernel (field ks not allowed)");
  if (sp.w_choices.empty() && !s.w.empty())
    throw SubNetError(std::string(arch_name(s.arch)) + " has no elastic width (field w not allowed)");
  checked_resolution(s.arch, s.r);
}

SubNetConfig canonical(const SubNetConfig& in) {
  validate(in);
  SubNetConfig s = in;
  const ArchSpec& sp = arch_spec(s.arch);
  size_t block = 0;
  for (size_t st = 0; st < sp.blocks_per_stage.size(); ++st) {
    const int n = sp.blocks_per_stage[st];
    const int active = s.arch->active_blocks(s, st);
    for (int i = 0; i < n; ++i, ++block) {
      if (i < active) continue;
      s.e[block] = sp.e_choices.front();
      if (!s.ks.empty()) s.ks[block] = sp.ks_choices.front();
    }
  }
  s.arch->canonicalize(s);
  return s;
}

SubNetConfig parse_subnet(Arch a, std::string_view text) {
  std::string t(text);
  const auto b = t.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) throw SubNetError("empty SubNet encoding (use max, min, or " + field_list(a) + " lists)");
  t = t.substr(b, t.find_last_not_of(" \t\r\n") - b + 1);
  if (t[0] == '{') return parse_json(a, t);

  SubNetConfig s;
  s.arch = a;
  const auto fields = fields_of(a);
  bool have_r = false, preset = false;
  std::vector<std::string> parts;
  std::string cur;
  for (char c : t) {
    if (c == ';' || c == '/' || c == ' ' || c == '\t') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  for (const std::string& p : parts)
    if (p.rfind("r=", 0) == 0 || p.rfind("image_size=", 0) == 0) have_r = true;  // lets "r=160;max" parse
  const bool r_given = have_r;
  have_r = false;
  for (const std::string& p : parts) {
    if (p == "max" || p == "min") {  // "max" / "min", optionally with a resolution ("min;r=160")
      if (preset || parts.size() > (r_given ? 2u : 1u))
        throw SubNetError("'" + p + "' can only be combined with r=R (got '" + t + "')");
      const int r = s.r;
      s = p == "max" ? max_subnet(a) : min_subnet(a);
      s.r = r;
      preset = true;
      continue;
    }
    const auto eq = p.find('=');
    if (eq == std::string::npos)
      throw SubNetError("SubNet field '" + p + "' is not key=values (keys for " + std::string(arch_name(a)) +
                        ": " + field_list(a) + ")");
    const std::string key = p.substr(0, eq);
    if (is_resolution_key(key)) {
      if (have_r) throw SubNetError("SubNet resolution given twice (r, image_size)");
      have_r = true;
      std::string v = p.substr(eq + 1);
      if (v.size() >= 2 && v.front() == '[' && v.back() == ']') v = v.substr(1, v.size() - 2);
      s.r = checked_resolution(a, parse_int(v, std::string(arch_name(a)) + " field '" + key + "'"));
      continue;
    }
    if (preset) throw SubNetError("'max' / 'min' can only be combined with r=R (got '" + t + "')");
    const auto f = std::find_if(fields.begin(), fields.end(), [&](const Field& x) { return key == x.key; });
    if (f == fields.end())
      throw SubNetError("unknown SubNet field '" + key + "' for " + std::string(arch_name(a)) +
                        " (allowed: " + field_list(a) + ", r)");
    if (!(s.*(f->member)).empty()) throw SubNetError("SubNet field '" + key + "' given twice");
    std::vector<int> v;
    std::string list = p.substr(eq + 1);
    if (!list.empty() && list.front() == '[' && list.back() == ']') list = list.substr(1, list.size() - 2);
    std::stringstream ss(list);
    std::string item;
    const std::string ctx = std::string(arch_name(a)) + " field '" + key + "'";
    while (std::getline(ss, item, ',')) v.push_back(f->ratio ? parse_ratio(item, ctx) : parse_int(item, ctx));
    if (v.empty()) throw SubNetError(ctx + " has no values");
    s.*(f->member) = broadcast(*f, v, a);
  }
  if (preset) return s;
  for (const Field& f : fields)
    if ((s.*(f.member)).empty())
      throw SubNetError("SubNet encoding misses field '" + std::string(f.key) + "' (" +
                        std::string(arch_name(a)) + " needs " + field_list(a) + ", or use max/min)");
  return canonical(s);
}

std::string format_subnet(const SubNetConfig& s) {
  std::string out;
  for (const Field& f : fields_of(s.arch)) {
    if (!out.empty()) out += ';';
    out += f.key;
    out += '=';
    const auto& v = s.*(f.member);
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      out += f.ratio ? format_ratio(v[i]) : std::to_string(v[i]);
    }
  }
  if (s.r != kDefaultResolution) out += ";r=" + std::to_string(s.r);  // 224 stays implicit
  return out;
}

SubNetConfig random_subnet(Arch a, Rng& rng, const std::vector<int>& resolutions) {
  if (resolutions.empty()) throw std::invalid_argument("random_subnet: no resolutions to draw from");
  const ArchSpec& sp = arch_spec(a);
  auto pick = [&](const std::vector<int>& c) { return c[rng.below(static_cast<uint32_t>(c.size()))]; };
  SubNetConfig s;
  s.arch = a;
  for (size_t i = 0; i < sp.n_ks; ++i) s.ks.push_back(pick(sp.ks_choices));
  for (size_t i = 0; i < sp.n_e; ++i) s.e.push_back(pick(sp.e_choices));
  for (size_t i = 0; i < sp.n_d; ++i) s.d.push_back(pick(sp.d_draw_choices(i)));
  for (size_t i = 0; i < sp.n_w; ++i) s.w.push_back(pick(sp.w_choices));
  s.r = resolutions.size() > 1 ? pick(resolutions) : resolutions.front();
  return canonical(s);
}

}  // namespace sushi::supernet
