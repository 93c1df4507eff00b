#include "noc_energy.h"

#include <algorithm>
#include <sstream>



#include "noc_params.h"
#include "common/yaml_table.h"

namespace sushi::noc {

namespace {
std::string num(double v) {
  std::ostringstream os;
  os.precision(6);
  os << v;
  return os.str();
}
}  // namespace

double NocEnergyTable::link_pj_per_bit(double length_mm) const {
  if (link.empty()) throw NocConfigError("energy table '" + name + "' has no link rows");
  if (length_mm <= 0.0) return 0.0;
  std::vector<const NocLinkRow*> rows;
  for (const auto& r : link) rows.push_back(&r);
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->length_mm < b->length_mm; });
  if (length_mm <= rows.front()->length_mm) {
    return rows.front()->pj_per_bit * length_mm / rows.front()->length_mm;
  }
  if (length_mm >= rows.back()->length_mm) {
    return rows.back()->pj_per_bit * length_mm / rows.back()->length_mm;
  }
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (length_mm <= rows[i]->length_mm) {
      const double t = (length_mm - rows[i - 1]->length_mm) / (rows[i]->length_mm - rows[i - 1]->length_mm);
      return rows[i - 1]->pj_per_bit + t * (rows[i]->pj_per_bit - rows[i - 1]->pj_per_bit);
    }
  }
  return rows.back()->pj_per_bit;
}

NocEnergy NocEnergyTable::lookup(std::uint32_t flit_bits, double link_length_mm) const {
  if (router.empty()) throw NocConfigError("energy table '" + name + "' has no router rows");
  std::vector<const NocRouterRow*> rows;
  for (const auto& r : router) rows.push_back(&r);
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->flit_bits < b->flit_bits; });
  // Router-only energy of a row: published figure minus the wire it includes.
  auto router_only = [&](const NocRouterRow& r) {
    return r.pj_per_flit - r.flit_bits * link_pj_per_bit(r.includes_link_mm);
  };
  double router_pj = 0.0;
  std::string how, source;
  const NocRouterRow* lo = rows.front();
  const NocRouterRow* hi = rows.back();
  if (flit_bits <= lo->flit_bits) {
    router_pj = router_only(*lo) * flit_bits / lo->flit_bits;
    how = flit_bits == lo->flit_bits ? "row " + std::to_string(lo->flit_bits) + " bit"
                                     : "per-bit scaling from the " + std::to_string(lo->flit_bits) + "-bit row";
    source = lo->source;
  } else if (flit_bits >= hi->flit_bits) {
    router_pj = router_only(*hi) * flit_bits / hi->flit_bits;
    how = flit_bits == hi->flit_bits ? "row " + std::to_string(hi->flit_bits) + " bit"
                                     : "per-bit scaling from the " + std::to_string(hi->flit_bits) + "-bit row";
    source = hi->source;
  } else {
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const NocRouterRow* a = rows[i - 1];
      const NocRouterRow* b = rows[i];
      if (flit_bits > b->flit_bits) continue;
      const double t = static_cast<double>(flit_bits - a->flit_bits) / (b->flit_bits - a->flit_bits);
      router_pj = router_only(*a) + t * (router_only(*b) - router_only(*a));
      how = "linear in bits between the " + std::to_string(a->flit_bits) + "- and " +
            std::to_string(b->flit_bits) + "-bit rows";
      source = a->source == b->source ? a->source : a->source + "; " + b->source;
      break;
    }
  }
  NocEnergy e;
  e.router_flit.pj_per_unit = router_pj;
  e.router_flit.unit = CountUnit::event;
  e.router_flit.given = num(router_pj) + " pJ per " + std::to_string(flit_bits) +
                        "-bit flit per router hop (" + how + ", included link wire subtracted)";
  e.router_flit.source = source + " [table " + name + "]";
  const double bit_pj = link_pj_per_bit(link_length_mm);
  e.link_flit.pj_per_unit = bit_pj * flit_bits;
  e.link_flit.unit = CountUnit::event;
  e.link_flit.given = num(bit_pj) + " pJ/bit x " + std::to_string(flit_bits) + " bit for a " +
                      num(link_length_mm) + " mm link";
  std::string lsrc;
  for (const auto& r : link) {
    if (lsrc.find(r.source) == std::string::npos) lsrc += (lsrc.empty() ? "" : "; ") + r.source;
  }
  e.link_flit.source = lsrc + " [table " + name + "]";
  return e;
}

NocEnergyTable load_noc_energy_table(const std::string& path) {
  NocEnergyTable t;
  try {
    const io::YamlNode root = yaml_load_table(path, "NoC energy table", "a NoC energy table");
    t.name = yaml_string(root, "noc_energy", "name");
    yaml_check_keys(root, {"name", "description", "router", "link"});
    const io::YamlNode& link = yaml_list(root, "link");
    for (std::size_t i = 0; i < link.items.size(); ++i) {
      const std::string kp = "link[" + std::to_string(i) + "]";
      NocLinkRow r;
      r.length_mm = yaml_quantity(link.items[i], kp, "length", Quantity::length);
      r.pj_per_bit = yaml_quantity(link.items[i], kp, "energy_per_bit", Quantity::energy);
      r.source = yaml_string(link.items[i], kp, "source");
      r.origin = link.items[i].loc.str();
      if (r.length_mm <= 0.0) throw NocConfigError(r.origin + ": key '" + kp + ".length' must be > 0");
      t.link.push_back(r);
    }
    const io::YamlNode& router = yaml_list(root, "router");
    for (std::size_t i = 0; i < router.items.size(); ++i) {
      const std::string kp = "router[" + std::to_string(i) + "]";
      NocRouterRow r;
      r.flit_bits = static_cast<std::uint32_t>(yaml_quantity(router.items[i], kp, "flit", Quantity::bits));
      r.pj_per_flit = yaml_quantity(router.items[i], kp, "energy_per_flit", Quantity::energy);
      if (router.items[i].find("includes_link")) {
        r.includes_link_mm = yaml_quantity(router.items[i], kp, "includes_link", Quantity::length);
      }
      r.source = yaml_string(router.items[i], kp, "source");
      r.origin = router.items[i].loc.str();
      if (r.flit_bits == 0) throw NocConfigError(r.origin + ": key '" + kp + ".flit' must be > 0");
      t.router.push_back(r);
    }
    for (const auto& r : t.router) {
      if (r.pj_per_flit - r.flit_bits * t.link_pj_per_bit(r.includes_link_mm) < 0.0) {
        throw NocConfigError(r.origin + ": router row of " + std::to_string(r.flit_bits) +
                             " bit: the included link energy exceeds the row's energy");
      }
    }
  } catch (const TableError& e) {
    throw NocConfigError(e.what());
  }
  return t;
}

}  // namespace sushi::noc
