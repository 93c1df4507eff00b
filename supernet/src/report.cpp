#include "supernet/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "supernet/latency_model.h"
#include "supernet/overlap.h"
#include "supernet/supernet.h"

namespace sushi::supernet {

namespace {

std::string shape(uint32_t c, uint32_t h, uint32_t w) {
  return std::to_string(c) + "x" + std::to_string(h) + "x" + std::to_string(w);
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

}  // namespace

void print_subnet_report(std::ostream& out, const SubNetConfig& s, bool json) {
  const SuperNet& net = SuperNet::of(s);  // spatial sizes and MACs at the SubNet's resolution
  const SubGraph g = net.region_of(s);
  const Totals t = totals(net, g);
  const WeightLayout lay(net);
  const double acc = fit_proxy(s.arch).predict(t.macs);
  if (json) {
    nlohmann::json j;
    j["arch"] = std::string(arch_name(s.arch));
    j["subnet"] = format_subnet(s);
    j["resolution"] = s.r;
    auto& layers = j["layers"] = nlohmann::json::array();
    for (size_t i = 0; i < net.size(); ++i) {
      const SuperLayer& l = net.layers()[i];
      const Region& r = g.regions[i];
      if (!r.included) continue;
      layers.push_back({{"index", i},
                        {"name", l.name},
                        {"type", std::string(kind_name(l.kind))},
                        {"in_shape", {r.c, l.in_h, l.in_w}},
                        {"out_shape", {r.k, l.out_h, l.out_w}},
                        {"kernel", r.kernel},
                        {"stride", l.stride},
                        {"groups", l.kind == LayerKind::DwConv ? r.k : 1},
                        {"weight_params", weight_elements(l, r)},
                        {"macs", region_macs(l, r)}});
    }
    j["totals"] = {{"weight_params", t.weight_params},     {"macs", t.macs},
                   {"weight_bytes", t.weight_params},       {"block_bytes", lay.region_bytes(g)},
                   {"transform_params", t.transform_params}, {"transform_macs", t.transform_macs},
                   {"layers", t.layers}};
    j["accuracy"] = std::round(acc * 1000.0) / 1000.0;
    j["accuracy_source"] = "proxy";
    out << j.dump(2) << "\n";
    return;
  }
  out << "SuperNet " << arch_name(s.arch) << "  SubNet " << format_subnet(s) << "  input 3x" << s.r << "x" << s.r
      << "\n";
  char line[256];
  std::snprintf(line, sizeof line, "%4s  %-20s %-9s %-14s %-14s %2s %2s %5s %12s %14s\n", "#", "layer", "type", "in CxHxW",
                "out KxHxW", "k", "s", "groups", "params", "MACs");
  out << line;
  for (size_t i = 0; i < net.size(); ++i) {
    const SuperLayer& l = net.layers()[i];
    const Region& r = g.regions[i];
    if (!r.included) continue;
    std::snprintf(line, sizeof line, "%4zu  %-20s %-9s %-14s %-14s %2u %2u %5u %12llu %14llu\n", i, l.name.c_str(),
                  std::string(kind_name(l.kind)).c_str(), shape(r.c, l.in_h, l.in_w).c_str(),
                  shape(r.k, l.out_h, l.out_w).c_str(), r.kernel, l.stride, l.kind == LayerKind::DwConv ? r.k : 1u,
                  static_cast<unsigned long long>(weight_elements(l, r)),
                  static_cast<unsigned long long>(region_macs(l, r)));
    out << line;
  }
  out << "totals: weight_params " << t.weight_params << "  macs " << t.macs << "  layers " << t.layers << " of "
      << net.size() << "\n";
  out << "weights: " << t.weight_params << " B int8 exact, " << lay.region_bytes(g) << " B in whole "
      << lay.params().k_par << "x" << lay.params().c_par << " blocks";
  if (t.transform_params)
    out << "; kernel-transform matrices " << t.transform_params << " entries, " << t.transform_macs << " MACs (not in totals)";
  out << "\naccuracy: " << fmt("%.3f", acc) << " % top-1 (accuracy_source: proxy)\n";
}

void print_catalog_report(std::ostream& out, const Catalog& c, bool json) {
  const SuperNet& net = SuperNet::get(c.arch);
  LayoutParams lp;
  lp.bytes_per_weight = c.bytes_per_weight;
  const OverlapEngine eng(net, lp, OverlapUnit::ExactBytes);
  std::vector<PackedSubGraph> packed;
  std::vector<double> lat;
  SubGraph common = net.full(), bound = empty_subgraph(net);
  LatencyParams latp;
  latp.layout = lp;
  for (const CatalogEntry& e : c.entries) {
    const SubGraph g = net.region_of(e.subnet);
    packed.push_back(eng.pack(g));
    lat.push_back(estimate_latency(SuperNet::of(e.subnet), g, latp).ms(latp.freq_mhz));
    common = intersect(common, g);
    bound = union_bound(bound, g);
  }
  const size_t n = packed.size();
  double rmin = 1, rmax = 0, rsum = 0, bsum = 0;
  size_t pairs = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      const uint64_t ov = eng.overlap(packed[i], packed[j]);
      const uint64_t small = std::min(c.entries[i].weight_bytes, c.entries[j].weight_bytes);
      const double r = small ? static_cast<double>(ov) / static_cast<double>(small) : 0.0;
      rmin = std::min(rmin, r);
      rmax = std::max(rmax, r);
      rsum += r;
      bsum += static_cast<double>(ov);
      ++pairs;
    }
  if (!pairs) rmin = 0;
  const uint64_t common_b = size_bytes(net, common, c.bytes_per_weight);
  const uint64_t bound_b = size_bytes(net, bound, c.bytes_per_weight);
  const bool any_proxy = std::any_of(c.entries.begin(), c.entries.end(),
                                     [](const CatalogEntry& e) { return e.accuracy_source == AccuracySource::Proxy; });
  if (json) {
    nlohmann::json j;
    j["arch"] = std::string(arch_name(c.arch));
    j["bytes_per_weight"] = c.bytes_per_weight;
    auto& arr = j["subnets"] = nlohmann::json::array();
    for (size_t i = 0; i < n; ++i) {
      const CatalogEntry& e = c.entries[i];
      arr.push_back({{"id", e.id},
                     {"subnet", format_subnet(e.subnet)},
                     {"resolution", e.subnet.r},
                     {"accuracy", e.accuracy},
                     {"accuracy_source", std::string(source_name(e.accuracy_source))},
                     {"macs", e.macs},
                     {"weight_params", e.weight_params},
                     {"weight_bytes", e.weight_bytes},
                     {"latency_estimate_ms", lat[i]}});
    }
    j["overlap"] = {{"pairs", pairs},
                    {"bytes_mean", pairs ? bsum / static_cast<double>(pairs) : 0.0},
                    {"fraction_of_smaller_min", rmin},
                    {"fraction_of_smaller_mean", pairs ? rsum / static_cast<double>(pairs) : 0.0},
                    {"fraction_of_smaller_max", rmax},
                    {"common_bytes", common_b},
                    {"union_bound_bytes", bound_b}};
    out << j.dump(2) << "\n";
    return;
  }
  out << "catalog: " << arch_name(c.arch) << ", " << n << " SubNets, " << c.bytes_per_weight << " B/weight"
      << (any_proxy ? " (accuracy_source: proxy where marked)" : "") << "\n";
  char line[512];
  std::snprintf(line, sizeof line, "%5s %10s %10s %12s %8s %-9s %9s  %s\n", "id", "MMACs", "Mparams", "weight B", "top1 %",
                "source", "est ms", "subnet");
  out << line;
  for (size_t i = 0; i < n; ++i) {
    const CatalogEntry& e = c.entries[i];
    std::snprintf(line, sizeof line, "%5u %10.1f %10.3f %12llu %8.3f %-9s %9.3f  %s\n", e.id, static_cast<double>(e.macs) / 1e6,
                  static_cast<double>(e.weight_params) / 1e6, static_cast<unsigned long long>(e.weight_bytes), e.accuracy,
                  std::string(source_name(e.accuracy_source)).c_str(), lat[i], format_subnet(e.subnet).c_str());
    out << line;
  }
  out << "pairwise overlap (" << pairs << " pairs): mean " << fmt("%.0f", pairs ? bsum / static_cast<double>(pairs) : 0.0)
      << " B; fraction of the smaller SubNet min " << fmt("%.3f", rmin) << " mean "
      << fmt("%.3f", pairs ? rsum / static_cast<double>(pairs) : 0.0) << " max " << fmt("%.3f", rmax) << "\n";
  out << "common to all SubNets: " << common_b << " B; union bound: " << bound_b << " B\n";
}

}  // namespace sushi::supernet
