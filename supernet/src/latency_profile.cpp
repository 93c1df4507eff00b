#include "supernet/latency_profile.h"

#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/input_file.h"
#include "supernet/supernet.h"

namespace sushi::supernet {

namespace {

// An unsigned integer of at most `max` at j[key]; anything else (a string, a negative or
// fractional number, a value that does not fit) is an error naming the key.
uint64_t unsigned_at(const nlohmann::json& j, const std::string& at, uint64_t max,
                     const std::function<void(const std::string&)>& fail) {
  if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<int64_t>() >= 0)) {
    fail(at + ": '" + j.dump() + "' is not a non-negative integer (allowed: 0 .. " + std::to_string(max) + ")");
  }
  const uint64_t v = j.get<uint64_t>();
  if (v > max) fail(at + ": " + std::to_string(v) + " is out of range (allowed: 0 .. " + std::to_string(max) + ")");
  return v;
}

}  // namespace

LatencyProfile read_latency_profile(const std::string& path, const Catalog& catalog) {
  std::string text;
  try {
    text = io::read_input_file(path, "latency profile", io::kDataFileLimit);
  } catch (const io::InputError& e) {
    throw ProfileError(e.what());
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw ProfileError(path + ": not JSON: " + e.what());
  }
  auto fail = [&](const std::string& what) { throw ProfileError(path + ": " + what); };
  const std::string arch(arch_name(catalog.arch));
  const size_t layers = SuperNet::get(catalog.arch).size();
  const size_t subnets = catalog.entries.size();
  if (!j.is_object() || !j.contains("format") || j["format"] != "sushi-latency-profile")
    fail("not a sushi-vp latency profile (key 'format')");
  if (!j.contains("arch") || !j["arch"].is_string() || j["arch"] != arch)
    fail("key 'arch': profiled for '" + (j.contains("arch") ? j["arch"].dump() : std::string("?")) +
         "', the catalog is '" + arch + "'");
  if (!j.contains("subnets") || !j["subnets"].is_array() || j["subnets"].size() != subnets)
    fail("key 'subnets': must list the catalog's " + std::to_string(subnets) + " SubNets (profile another catalog?)");
  LatencyProfile p;
  if (j.contains("accelerator")) {
    const nlohmann::json& a = j["accelerator"];
    auto num = [&](const char* k) {
      if (!a.is_object() || !a.contains(k) || !a[k].is_number() || a[k].get<double>() < 0)
        fail(std::string("accelerator.") + k + ": missing or not a non-negative number");
      return a[k].get<double>();
    };
    ProfiledOn on;
    on.k_par = static_cast<uint32_t>(num("k_par"));
    on.c_par = static_cast<uint32_t>(num("c_par"));
    on.bytes_per_weight = static_cast<uint32_t>(num("bytes_per_weight"));
    on.taps = static_cast<uint32_t>(num("taps"));
    on.freq_mhz = num("clock_mhz");
    on.dram_bytes_per_cycle = num("dram_bytes_per_cycle");
    on.act_on_chip = num("activations_on_chip") != 0;
    on.act_store_bytes = static_cast<uint64_t>(num("act_store_B"));
    p.profiled_on = on;
  }
  for (size_t i = 0; i < subnets; ++i) {
    const nlohmann::json& s = j["subnets"][i];
    const std::string at = "subnets[" + std::to_string(i) + "]";
    if (!s.is_object()) fail(at + ": must be an object with subnet, fixed_cycles and layers");
    // The SubNet the coefficients were measured for: a profile of another catalog is refused.
    const std::string want = format_subnet(catalog.entries[i].subnet);
    if (!s.contains("subnet") || !s["subnet"].is_string())
      fail(at + ".subnet: missing (the SubNet profiled, here '" + want + "'; re-run `sushi-vp profile`)");
    if (s["subnet"].get<std::string>() != want)
      fail(at + ".subnet: '" + s["subnet"].get<std::string>() + "' was profiled, but the catalog's SubNet " +
           std::to_string(i) + " is '" + want + "' (a profile of another catalog?)");
    if (!s.contains("layers") || !s["layers"].is_array() || s["layers"].size() != layers)
      fail(at + ".layers: must have " + std::to_string(layers) + " entries");
    SubnetProfile sp;
    sp.fixed_cycles = s.contains("fixed_cycles") ? unsigned_at(s["fixed_cycles"], at + ".fixed_cycles", 0xFFFFFFFFull, fail) : 0;
    size_t k = 0;
    for (const nlohmann::json& l : s["layers"]) {
      const std::string lat = at + ".layers[" + std::to_string(k++) + "]";
      if (!l.is_array() || l.size() != 2) fail(lat + ": each entry is [cached_cycles, cycles_per_kib_q8]");
      const auto cached = static_cast<uint32_t>(unsigned_at(l[0], lat + "[0]", 0xFFFFFFFFull, fail));
      const auto per_kib = static_cast<uint32_t>(unsigned_at(l[1], lat + "[1]", 0xFFFFFFFFull, fail));
      sp.layers.push_back({cached, per_kib});
    }
    p.subnets.push_back(std::move(sp));
  }
  return p;
}

std::string latency_profile_json(const LatencyProfile& p, const Catalog& catalog, const std::string& extra_json) {
  nlohmann::ordered_json j;
  j["format"] = "sushi-latency-profile";
  j["version"] = 1;
  j["arch"] = std::string(arch_name(catalog.arch));
  j["layers"] = p.subnets.empty() ? 0 : p.subnets.front().layers.size();
  if (p.profiled_on) {
    const ProfiledOn& a = *p.profiled_on;
    j["accelerator"] = {{"k_par", a.k_par}, {"c_par", a.c_par}, {"bytes_per_weight", a.bytes_per_weight},
                        {"taps", a.taps}, {"clock_mhz", a.freq_mhz}, {"dram_bytes_per_cycle", a.dram_bytes_per_cycle},
                        {"activations_on_chip", a.act_on_chip ? 1 : 0}, {"act_store_B", a.act_store_bytes}};
  }
  if (!extra_json.empty()) j["fit"] = nlohmann::ordered_json::parse(extra_json);
  // One SubNet per line: small, and diffs of a re-profiled platform stay readable.
  std::string out = j.dump(1);
  out.pop_back();  // the closing brace
  out += ",\n \"subnets\": [";
  for (size_t i = 0; i < p.subnets.size(); ++i) {
    nlohmann::ordered_json s;
    s["id"] = i;
    if (i < catalog.entries.size()) s["subnet"] = format_subnet(catalog.entries[i].subnet);
    s["fixed_cycles"] = p.subnets[i].fixed_cycles;
    nlohmann::ordered_json ls = nlohmann::ordered_json::array();
    for (const sushi_img_layer_latency& l : p.subnets[i].layers) ls.push_back({l.cached_cycles, l.cycles_per_kib_q8});
    s["layers"] = std::move(ls);
    out += (i ? ",\n  " : "\n  ") + s.dump();
  }
  out += "\n ]\n}\n";
  return out;
}

std::string describe(const ProfiledOn& on) {
  std::ostringstream o;
  o << on.k_par << " x " << on.c_par << " x " << on.taps << " at " << on.freq_mhz << " MHz, " << on.dram_bytes_per_cycle
    << " B per cycle";
  return o.str();
}

}  // namespace sushi::supernet
