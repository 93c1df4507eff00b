// NoC energy per flit per router hop and per bit of link wire, keyed by flit width and link
// length (default table: vp_configs/energy/noc-noxim.yaml, figures from Noxim's power.yaml).
//
// Lookup rules (docs/noc.md):
//  - Router rows give energy per flit per hop for a flit width; a row may include the energy of
//    a link of `includes_link` mm (Noxim's published per-hop sums do). The router-only energy is
//    then  row energy - flit bits x link energy per bit at that length,  so wires are not
//    counted twice.
//  - Flit widths between two rows: linear in bits; outside the rows: per-bit scaling from the
//    nearest row.
//  - Link rows give energy per bit for a length; between rows linear in length; outside: scaled
//    per mm from the nearest row (value x length / row length).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/energy_table.h"

namespace sushi::noc {

struct NocRouterRow {
  std::uint32_t flit_bits = 0;
  double pj_per_flit = 0.0;       // as published
  double includes_link_mm = 0.0;  // wire length included in pj_per_flit
  std::string source;
  std::string origin;
};

struct NocLinkRow {
  double length_mm = 0.0;
  double pj_per_bit = 0.0;
  std::string source;
  std::string origin;
};

// Costs of one NoC geometry, ready for the EnergyLedger (unit: event = one flit).
struct NocEnergy {
  EnergyEntry router_flit;  // one flit through one router (or through the crossbar switch)
  EnergyEntry link_flit;    // one flit over one router-to-router link of the configured length
};

class NocEnergyTable {
 public:
  std::string name = "unnamed";
  std::vector<NocRouterRow> router;
  std::vector<NocLinkRow> link;

  double link_pj_per_bit(double length_mm) const;
  NocEnergy lookup(std::uint32_t flit_bits, double link_length_mm) const;
};

// Loads a table file (format: docs/noc.md). Errors name file:line:col and the key path.
NocEnergyTable load_noc_energy_table(const std::string& path);

}  // namespace sushi::noc
