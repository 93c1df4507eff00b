#include "soc/dram_params.h"

#include "config/memspec_loader.h"
#include "config/params_visitors.h"

namespace sushi {

dram::DramParams dram_params_from_config(const config::Config& cfg, const std::string& k) {
  dram::DramParams p;
  config::read_keys(cfg, p, k);  // the keys declared in DramParams::describe, under dram.<name>
  p.spec = config::load_memspec(cfg.path(k + ".memspec"), cfg.loc(k + ".memspec"), k + ".memspec");
  try {
    const std::string& mapping = cfg.string(k + ".address_mapping");
    if (!mapping.empty()) p.mapping.segments = dram::parse_address_mapping(mapping, k + ".address_mapping").segments;
    dram::validate(p, k);
  } catch (const dram::DramParamError& e) {
    // A controller key is located where it is set; a memspec key (or a controller key left at
    // its default, checked against the memspec) at the memspec key, with its own name.
    if (cfg.is_set(e.key())) cfg.fail(e.key(), e.message());
    cfg.fail(k + ".memspec", e.what());
  }
  return p;
}

}  // namespace sushi
