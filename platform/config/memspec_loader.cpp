#include "memspec_loader.h"

#include <cmath>
#include <cstdlib>
#include <set>

#include "util/units.h"

namespace sushi::config {
namespace {

using sushi::dram::DramSpec;

struct Reader {
  const ConfigNode& root;

  [[noreturn]] void fail(const ConfigNode* n, const std::string& key, const std::string& msg) const {
    throw ConfigError(n ? n->loc : root.loc, key, msg);
  }

  const ConfigNode& map(const ConfigNode& parent, const std::string& parent_key, const std::string& name,
                        const std::set<std::string>& allowed) const {
    const std::string key = parent_key.empty() ? name : parent_key + "." + name;
    const ConfigNode* n = parent.find(name);
    if (!n) fail(&parent, key, "missing section");
    if (n->kind != ConfigNode::Kind::map) fail(n, key, "must be a map");
    for (const auto& [k, v] : n->map) {
      if (!allowed.empty() && !allowed.count(k)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(&v, key + "." + k, "unknown key (allowed here: " + list + ")");
      }
    }
    return *n;
  }

  const ConfigNode& scalar(const ConfigNode& parent, const std::string& parent_key, const std::string& name) const {
    const ConfigNode* n = parent.find(name);
    if (!n) fail(&parent, parent_key + "." + name, "missing");
    if (n->kind != ConfigNode::Kind::scalar) fail(n, parent_key + "." + name, "must be a single value");
    return *n;
  }

  std::string text(const ConfigNode& parent, const std::string& pk, const std::string& name) const {
    const auto& n = scalar(parent, pk, name);
    if (n.scalar.empty()) fail(&n, pk + "." + name, "must not be empty");
    return n.scalar;
  }

  std::uint32_t count(const ConfigNode& parent, const std::string& pk, const std::string& name) const {
    const auto& n = scalar(parent, pk, name);
    char* end = nullptr;
    const long long v = std::strtoll(n.scalar.c_str(), &end, 10);
    if (n.scalar.empty() || *end != '\0' || v < 0 || v > (1ll << 31)) {
      fail(&n, pk + "." + name, "must be a whole number 0 .. 2^31, got '" + n.scalar + "'");
    }
    return static_cast<std::uint32_t>(v);
  }

  // "<number> <unit>" with the unit one of `units` (factor to the base unit).
  double with_unit(const ConfigNode& n, const std::string& key,
                   const std::vector<std::pair<std::string, double>>& units) const {
    const std::string& s = n.scalar;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    std::string unit(end ? end : "");
    while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
    std::string list;
    for (const auto& u : units) list += (list.empty() ? "" : ", ") + u.first;
    if (end == s.c_str() || !std::isfinite(v)) fail(&n, key, "expected a number with a unit (" + list + "), got '" + s + "'");
    for (const auto& u : units) {
      if (unit == u.first) {
        if (v < 0) fail(&n, key, "must not be negative");
        return v * u.second;
      }
    }
    fail(&n, key, "unit must be one of: " + list + " (got '" + s + "')");
  }

  // Timing: "N nCK" or a time; JEDEC rounding (or floor for maxima such as tREFI).
  std::uint32_t timing(const ConfigNode& n, const std::string& key, std::uint64_t clock_hz, bool floor) const {
    const std::string& s = n.scalar;
    const auto pos = s.find("nCK");
    if (pos != std::string::npos) {
      std::string num = s.substr(0, pos);
      while (!num.empty() && num.back() == ' ') num.pop_back();
      char* end = nullptr;
      const long v = std::strtol(num.c_str(), &end, 10);
      if (num.empty() || *end != '\0' || v < 0 || s.substr(pos) != "nCK") {
        fail(&n, key, "expected a whole number of clock cycles ('16 nCK') or a time ('13.32 ns'), got '" + s + "'");
      }
      return static_cast<std::uint32_t>(v);
    }
    double ps = 0;
    try {
      ps = parse_quantity(s, Quantity::time);
    } catch (const UnitError& e) {
      fail(&n, key, std::string("expected clock cycles ('16 nCK') or a time: ") + e.what());
    }
    return floor ? sushi::dram::time_to_nck_floor(ps, clock_hz) : sushi::dram::time_to_nck_jedec(ps, clock_hz);
  }
};

// Where a DramParamError key (model names) lives in the memspec file.
std::string file_key(const std::string& model_key) {
  if (model_key == "organisation.banks_per_group") return "memspec.organisation.banks";
  if (model_key.rfind("power.io.", 0) == 0) return "memspec." + model_key;
  if (model_key.rfind("power.", 0) == 0 && model_key != "power.rails") return "memspec.power.rails." + model_key.substr(6);
  return "memspec." + model_key;
}

}  // namespace

DramSpec memspec_from_tree(const ConfigNode& root) {
  Reader r{root};
  if (root.kind != ConfigNode::Kind::map) r.fail(&root, "memspec", "the file must be a map with a 'memspec' section");
  const ConfigNode& m = r.map(root, "", "memspec", {"name", "memory_type", "clock", "organisation", "timing", "power"});
  DramSpec s;
  s.name = r.text(m, "memspec", "name");
  s.memory_type = r.text(m, "memspec", "memory_type");
  {
    const auto& n = r.scalar(m, "memspec", "clock");
    double hz = 0;
    try {
      hz = parse_quantity(n.scalar, Quantity::frequency);
    } catch (const UnitError& e) {
      r.fail(&n, "memspec.clock", e.what());
    }
    if (!(hz >= 1e6 && hz <= 1e11) || std::fabs(hz - std::round(hz)) > 1e-3) {
      r.fail(&n, "memspec.clock", "must be a whole number of Hz in 1 MHz .. 100 GHz");
    }
    s.clock_hz = static_cast<std::uint64_t>(std::llround(hz));
  }

  // Organisation.
  const std::string ok = "memspec.organisation";
  const ConfigNode& o = r.map(m, "memspec", "organisation",
                              {"source", "channels", "ranks", "bank_groups", "banks", "rows", "columns",
                               "device_width", "devices_per_rank", "burst_length"});
  s.organisation_source = r.text(o, ok, "source");
  s.org.channels = r.count(o, ok, "channels");
  s.org.ranks = r.count(o, ok, "ranks");
  s.org.bank_groups = r.count(o, ok, "bank_groups");
  const std::uint32_t banks = r.count(o, ok, "banks");
  if (banks == 0) r.fail(o.find("banks"), ok + ".banks", "must be >= 1 (banks per rank)");
  if (s.org.bank_groups == 0) r.fail(o.find("bank_groups"), ok + ".bank_groups", "must be >= 1 (1 = no bank groups)");
  if (banks % s.org.bank_groups != 0) {
    r.fail(o.find("banks"), ok + ".banks", "must be a multiple of bank_groups (" + std::to_string(s.org.bank_groups) + ")");
  }
  s.org.banks_per_group = banks / s.org.bank_groups;
  s.org.rows = r.count(o, ok, "rows");
  s.org.columns = r.count(o, ok, "columns");
  s.org.device_width = r.count(o, ok, "device_width");
  s.org.devices_per_rank = r.count(o, ok, "devices_per_rank");
  s.org.burst_length = r.count(o, ok, "burst_length");

  // Timing.
  const std::string tk = "memspec.timing";
  const ConfigNode& t = r.map(m, "memspec", "timing",
                              {"source", "RL", "WL", "tRCD", "tRP", "tRAS", "tRC", "tCCD", "tCCD_S", "tCCD_L", "tRRD",
                               "tRRD_S", "tRRD_L", "tFAW", "tWR", "tWTR", "tWTR_S", "tWTR_L", "tRTP", "tRFC", "tREFI",
                               "tRTRS", "tWPRE", "tRPRE", "tRPST", "tRPab", "tRFCpb", "tREFIpb", "tDQSCK",
                               "tDQSS", "tDQS2DQ"});
  s.timing_source = r.text(t, tk, "source");
  auto get = [&](const std::string& name, bool floor = false) {
    return r.timing(r.scalar(t, tk, name), tk + "." + name, s.clock_hz, floor);
  };
  s.t.RL = get("RL");
  s.t.WL = get("WL");
  s.t.tRCD = get("tRCD");
  s.t.tRP = get("tRP");
  s.t.tRAS = get("tRAS");
  s.t.tRC = get("tRC");
  s.t.tFAW = get("tFAW");
  s.t.tWR = get("tWR");
  s.t.tRTP = get("tRTP");
  s.t.tRFC = get("tRFC");
  s.t.tREFI = get("tREFI", true);
  if (t.find("tWPRE")) s.t.tWPRE = get("tWPRE");
  if (t.find("tRPRE")) s.t.tRPRE = get("tRPRE");
  if (t.find("tRPST")) s.t.tRPST = get("tRPST");
  if (t.find("tRTRS")) s.t.tRTRS = get("tRTRS");
  if (t.find("tRPab")) s.t.tRPab = get("tRPab");
  if (t.find("tRFCpb")) s.t.tRFCpb = get("tRFCpb");
  if (t.find("tREFIpb")) s.t.tREFIpb = get("tREFIpb", true);
  if (t.find("tDQSCK")) s.t.tDQSCK = get("tDQSCK");
  if (t.find("tDQSS")) s.t.tDQSS = get("tDQSS");
  if (t.find("tDQS2DQ")) s.t.tDQS2DQ = get("tDQS2DQ");
  // Short/long pairs: with bank groups both are required; without, one value serves both.
  auto pair = [&](const std::string& base, std::uint32_t& sh, std::uint32_t& lo) {
    const bool has_s = t.find(base + "_S"), has_l = t.find(base + "_L"), has = t.find(base);
    if (has_s || has_l) {
      sh = get(base + "_S");
      lo = get(base + "_L");
    } else if (has && s.org.bank_groups == 1) {
      sh = lo = get(base);
    } else if (has) {
      r.fail(t.find(base), tk + "." + base, "with bank groups give " + base + "_S and " + base + "_L");
    } else {
      r.fail(&t, tk + "." + (s.org.bank_groups > 1 ? base + "_S" : base), "missing");
    }
  };
  pair("tCCD", s.t.tCCD_S, s.t.tCCD_L);
  pair("tRRD", s.t.tRRD_S, s.t.tRRD_L);
  pair("tWTR", s.t.tWTR_S, s.t.tWTR_L);

  // Power.
  const std::string pk = "memspec.power";
  const ConfigNode& p = r.map(m, "memspec", "power", {"source", "rails", "VDDQ", "io"});
  s.power_source = r.text(p, pk, "source");
  const std::vector<std::pair<std::string, double>> amps = {{"A", 1.0}, {"mA", 1e-3}, {"uA", 1e-6}};
  const std::vector<std::pair<std::string, double>> volts = {{"V", 1.0}, {"mV", 1e-3}};
  const ConfigNode& rails = r.map(p, pk, "rails", {});
  if (rails.map.empty()) r.fail(&rails, pk + ".rails", "at least one core supply rail (e.g. VDD) is required");
  for (const auto& [name, node] : rails.map) {
    const std::string rk = pk + ".rails." + name;
    if (node.kind != ConfigNode::Kind::map) r.fail(&node, rk, "must be a map of voltage and IDD currents");
    const ConfigNode& rn = r.map(rails, pk + ".rails", name,
                                 {"voltage", "IDD0", "IDD2N", "IDD3N", "IDD4R", "IDD4W", "IDD5", "IDD5PB"});
    sushi::dram::DramRail rail;
    rail.name = name;
    rail.voltage_v = r.with_unit(r.scalar(rn, rk, "voltage"), rk + ".voltage", volts);
    rail.idd0_a = r.with_unit(r.scalar(rn, rk, "IDD0"), rk + ".IDD0", amps);
    rail.idd2n_a = r.with_unit(r.scalar(rn, rk, "IDD2N"), rk + ".IDD2N", amps);
    rail.idd3n_a = r.with_unit(r.scalar(rn, rk, "IDD3N"), rk + ".IDD3N", amps);
    rail.idd4r_a = r.with_unit(r.scalar(rn, rk, "IDD4R"), rk + ".IDD4R", amps);
    rail.idd4w_a = r.with_unit(r.scalar(rn, rk, "IDD4W"), rk + ".IDD4W", amps);
    rail.idd5_a = r.with_unit(r.scalar(rn, rk, "IDD5"), rk + ".IDD5", amps);
    if (rn.find("IDD5PB")) rail.idd5pb_a = r.with_unit(r.scalar(rn, rk, "IDD5PB"), rk + ".IDD5PB", amps);
    s.power.rails.push_back(rail);
  }
  if (p.find("VDDQ")) s.power.vddq_v = r.with_unit(r.scalar(p, pk, "VDDQ"), pk + ".VDDQ", volts);
  const ConfigNode& io = r.map(p, pk, "io", {"source", "read_energy", "write_energy"});
  const std::vector<std::pair<std::string, double>> pjbit = {{"pJ/bit", 1.0}, {"fJ/bit", 1e-3}};
  s.power.io_source = r.text(io, pk + ".io", "source");
  s.power.io_read_pj_per_bit = r.with_unit(r.scalar(io, pk + ".io", "read_energy"), pk + ".io.read_energy", pjbit);
  s.power.io_write_pj_per_bit = r.with_unit(r.scalar(io, pk + ".io", "write_energy"), pk + ".io.write_energy", pjbit);

  try {
    sushi::dram::validate(s);
  } catch (const sushi::dram::DramParamError& e) {
    const std::string key = file_key(e.key());
    const ConfigNode* n = root.at_path(key);
    r.fail(n, key, e.message());
  }
  return s;
}

DramSpec load_memspec(const std::string& path, const SourceLoc& from, const std::string& key) {
  return memspec_from_tree(load_referenced_tree(path, "memspec", from.file.empty() ? SourceLoc{path, 0, 0} : from, key));
}

}  // namespace sushi::config
