// Maps the noc.* config keys and the SoC's components onto NocParams: every component that
// initiates or answers transactions becomes a NoC node, placed by noc.nodes.<name>.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "noc/noc_params.h"

namespace sushi {

struct NocComponent {
  std::string name;       // SoC component name = NoC node name
  bool initiator = false;
  bool target = false;
  std::string base_key;   // config key of its base address (for overlap errors), targets only
  std::uint64_t base = 0;
  std::uint64_t size = 0;
};

// The component's node, unplaced (x, y, port 0).
noc::NocNode noc_node(const NocComponent& c);

// Throws config::ConfigError located at the offending key (unplaced node on a mesh, a placement
// for a component that does not exist, overlapping regions, nodes sharing a port...).
noc::NocParams noc_params_from_config(const config::Config& cfg,
                                      const std::vector<NocComponent>& components);

}  // namespace sushi
