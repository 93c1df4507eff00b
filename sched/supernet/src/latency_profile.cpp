#include "supernet/latency_profile.h"

#include <fstream>

#include <nlohmann/json.hpp>

namespace sushi::supernet {

LatencyProfile read_latency_profile(const std::string& path, const std::string& arch, size_t layers,
                                    size_t subnets) {
  std::ifstream in(path);
  if (!in) throw ProfileError(path + ": cannot open the latency profile");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw ProfileError(path + ": not JSON: " + e.what());
  }
  auto fail = [&](const std::string& what) { throw ProfileError(path + ": " + what); };
  if (j.value("format", "") != "sushi-latency-profile") fail("not a sushi-vp latency profile (key 'format')");
  if (j.value("arch", "") != arch) fail("profiled for arch '" + j.value("arch", "") + "', the catalog is '" + arch + "'");
  if (!j.contains("subnets") || !j["subnets"].is_array() || j["subnets"].size() != subnets)
    fail("'subnets' must list the catalog's " + std::to_string(subnets) + " SubNets (profile another catalog?)");
  LatencyProfile p;
  for (size_t i = 0; i < subnets; ++i) {
    const nlohmann::json& s = j["subnets"][i];
    const std::string at = "subnets[" + std::to_string(i) + "]";
    if (!s.contains("layers") || !s["layers"].is_array() || s["layers"].size() != layers)
      fail(at + ".layers must have " + std::to_string(layers) + " entries");
    SubnetProfile sp;
    sp.fixed_cycles = s.value("fixed_cycles", uint64_t{0});
    for (const nlohmann::json& l : s["layers"]) {
      if (!l.is_array() || l.size() != 2 || !l[0].is_number_unsigned() || !l[1].is_number_unsigned() ||
          l[0].get<uint64_t>() > 0xFFFFFFFFull || l[1].get<uint64_t>() > 0xFFFFFFFFull)
        fail(at + ".layers: each entry is [cached_cycles, cycles_per_kib_q8], unsigned 32-bit");
      sp.layers.push_back({l[0].get<uint32_t>(), l[1].get<uint32_t>()});
    }
    p.subnets.push_back(std::move(sp));
  }
  return p;
}

std::string latency_profile_json(const LatencyProfile& p, const std::string& arch, const std::string& extra_json) {
  nlohmann::ordered_json j;
  j["format"] = "sushi-latency-profile";
  j["version"] = 1;
  j["arch"] = arch;
  j["layers"] = p.subnets.empty() ? 0 : p.subnets.front().layers.size();
  if (!extra_json.empty()) j["fit"] = nlohmann::ordered_json::parse(extra_json);
  // One SubNet per line: small, and diffs of a re-profiled platform stay readable.
  std::string out = j.dump(1);
  out.pop_back();  // the closing brace
  out += ",\n \"subnets\": [";
  for (size_t i = 0; i < p.subnets.size(); ++i) {
    nlohmann::ordered_json s;
    s["id"] = i;
    s["fixed_cycles"] = p.subnets[i].fixed_cycles;
    nlohmann::ordered_json ls = nlohmann::ordered_json::array();
    for (const sushi_img_layer_latency& l : p.subnets[i].layers) ls.push_back({l.cached_cycles, l.cycles_per_kib_q8});
    s["layers"] = std::move(ls);
    out += (i ? ",\n  " : "\n  ") + s.dump();
  }
  out += "\n ]\n}\n";
  return out;
}

}  // namespace sushi::supernet
