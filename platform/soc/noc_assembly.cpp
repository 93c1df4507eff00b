#include "noc_assembly.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "common/address_map.h"
#include "config/params_visitors.h"

namespace sushi {

noc::NocNode noc_node(const NocComponent& c) {
  noc::NocNode node;
  node.name = c.name;
  node.initiator = c.initiator;
  node.target = c.target;
  return node;
}

noc::NocParams noc_params_from_config(const config::Config& cfg,
                                      const std::vector<NocComponent>& components) {
  noc::NocParams p;
  config::read_keys(cfg, p);  // the keys declared in NocParams::describe
  const bool mesh = p.topology == noc::Topology::mesh;

  // Every placement must name a component.
  std::set<std::string> names;
  for (const auto& c : components) {
    if (!names.insert(c.name).second) {
      cfg.fail(c.base_key.empty() ? "noc" : c.base_key,
               fmt::format("two components are named '{}': names must be unique across sections", c.name));
    }
  }
  const auto placed = cfg.instances("noc.nodes");
  for (const auto& n : placed) {
    if (names.count(n) == 0) {
      cfg.fail("noc.nodes." + n + ".port",
               fmt::format("no component named '{}' to place (components: {})", n, fmt::join(names, ", ")));
    }
  }

  // Crossbar nodes without a placement take the next free port, in component order.
  std::set<std::uint32_t> used_ports;
  for (const auto& n : placed) used_ports.insert(static_cast<std::uint32_t>(cfg.integer("noc.nodes." + n + ".port")));
  std::uint32_t next_port = 0;
  AddressMap map;  // only for overlap checking with the Foundation's messages
  for (std::size_t i = 0; i < components.size(); ++i) {
    const NocComponent& c = components[i];
    noc::NocNode node = noc_node(c);
    const bool is_placed = std::find(placed.begin(), placed.end(), c.name) != placed.end();
    if (is_placed) {
      const std::string k = "noc.nodes." + c.name;
      node.x = static_cast<std::uint32_t>(cfg.integer(k + ".x"));
      node.y = static_cast<std::uint32_t>(cfg.integer(k + ".y"));
      node.port = static_cast<std::uint32_t>(cfg.integer(k + ".port"));
    } else if (mesh) {
      cfg.fail("noc.nodes", fmt::format("component '{}' has no place on the mesh: set noc.nodes.{}.x, .y "
                                        "(and .port if routers have several local ports)", c.name, c.name));
    } else {
      while (used_ports.count(next_port)) ++next_port;
      node.port = next_port;
      used_ports.insert(next_port);
    }
    p.nodes.push_back(node);
    if (c.target) {
      try {
        map.add({c.name, c.base, c.size, i});
      } catch (const AddressMapError& e) {
        cfg.fail(c.base_key, e.what());
      }
      p.address_map.push_back({c.name, c.base, c.size, 0});
    }
  }
  if (!mesh) {
    std::uint32_t max_port = 0;
    for (const auto& n : p.nodes) max_port = std::max(max_port, n.port);
    p.crossbar_ports = max_port + 1;
  }
  try {
    p.validate();
  } catch (const noc::NocParamError& e) {
    cfg.fail(e.key(), e.message());  // a declared key or a node's noc.nodes.<name>.* key
  }
  return p;
}

}  // namespace sushi
