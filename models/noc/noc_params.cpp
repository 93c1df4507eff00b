#include "noc_params.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

namespace sushi::noc {

const char* to_string(Topology t) { return params::name_of(kTopologyNames, t); }

namespace {
void fail(const std::string& key, const std::string& msg) { throw NocParamError(key, msg); }

std::string hex(std::uint64_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}
}  // namespace

void NocParams::validate() const {
  params::check_ranges<NocParamError>(*this);
  const std::string p = "noc";
  if (topology == Topology::crossbar && (crossbar_ports == 0 || crossbar_ports > 256)) {
    // Not a key: the platform sets it from the nodes' ports (noc.nodes.*.port, at most 255).
    fail(p + ".nodes", std::to_string(crossbar_ports) + " crossbar ports is outside 1..256");
  }
  if (nodes.empty()) fail(p + ".nodes", "no nodes: attach at least one initiator and one target");

  std::map<std::string, const NocNode*> by_name;
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, std::string> by_port;
  for (const NocNode& n : nodes) {
    const std::string k = p + ".nodes." + (n.name.empty() ? std::string("<unnamed>") : n.name);
    if (n.name.empty()) fail(k, "a node needs a name");
    if (!by_name.emplace(n.name, &n).second) fail(k, "node name '" + n.name + "' is used twice");
    if (!n.initiator && !n.target) fail(k, "node is neither an initiator nor a target");
    if (topology == Topology::mesh) {
      const std::string dims = std::to_string(width) + "x" + std::to_string(height) + " mesh";
      if (n.x >= width) {
        fail(k + ".x", std::to_string(n.x) + " is outside the " + dims + " (0.." + std::to_string(width - 1) + ")");
      }
      if (n.y >= height) {
        fail(k + ".y", std::to_string(n.y) + " is outside the " + dims + " (0.." + std::to_string(height - 1) + ")");
      }
      if (n.port >= local_ports) {
        fail(k + ".port", std::to_string(n.port) + " is outside the router's local ports (0.." +
                              std::to_string(local_ports - 1) + ")");
      }
    } else if (n.port >= crossbar_ports) {
      fail(k + ".port", std::to_string(n.port) + " is outside the crossbar ports (0.." +
                            std::to_string(crossbar_ports - 1) + ")");
    }
    auto key = topology == Topology::mesh ? std::make_tuple(n.x, n.y, n.port)
                                          : std::make_tuple(0u, 0u, n.port);
    auto [it, fresh] = by_port.emplace(key, n.name);
    if (!fresh) {
      std::string where = topology == Topology::mesh
                              ? "router (" + std::to_string(n.x) + "," + std::to_string(n.y) + ") port " +
                                    std::to_string(n.port)
                              : "crossbar port " + std::to_string(n.port);
      fail(k + ".port", "node '" + n.name + "' and node '" + it->second + "' are both on " + where);
    }
  }

  std::vector<const AddressRange*> ranges;
  std::map<std::string, int> ranges_per_target;
  for (std::size_t i = 0; i < address_map.size(); ++i) {
    const AddressRange& r = address_map[i];
    const std::string k = p + ".address_map[" + std::to_string(i) + "]";
    auto it = by_name.find(r.target);
    if (it == by_name.end()) fail(k + ".target", "'" + r.target + "' is not a node");
    if (!it->second->target) fail(k + ".target", "node '" + r.target + "' is not a target");
    if (r.size == 0) fail(k + ".size", "0 B: an address range must not be empty");
    if (r.base + r.size - 1 < r.base) fail(k + ".size", "range wraps past the end of the address space");
    ++ranges_per_target[r.target];
    ranges.push_back(&r);
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const AddressRange* a, const AddressRange* b) { return a->base < b->base; });
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    const AddressRange* a = ranges[i - 1];
    const AddressRange* b = ranges[i];
    if (b->base <= a->base + (a->size - 1)) {
      fail(p + ".address_map", "range of '" + b->target + "' at " + hex(b->base) + " overlaps the range of '" +
                                   a->target + "' [" + hex(a->base) + ", " + hex(a->base + a->size) + ")");
    }
  }
  for (const NocNode& n : nodes) {
    if (n.target && ranges_per_target[n.name] == 0) {
      fail(p + ".nodes." + n.name, "target has no address range in " + p + ".address_map");
    }
  }
}

}  // namespace sushi::noc
