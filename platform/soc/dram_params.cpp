#include "soc/dram_params.h"

#include "config/memspec_loader.h"

namespace sushi {

dram::DramParams dram_params_from_config(const config::Config& cfg, const std::string& k) {
  dram::DramParams p;
  p.spec = config::load_memspec(cfg.path(k + ".memspec"), cfg.loc(k + ".memspec"), k + ".memspec");
  p.page_policy = dram::page_policy_from_string(cfg.string(k + ".page_policy"));
  p.queue_depth = static_cast<std::uint32_t>(cfg.integer(k + ".queue_depth"));
  // The schema restricts these to the names in the policies' tables.
  p.scheduler = dram::parse_name(dram::kSchedulerNames, cfg.string(k + ".scheduler"), k + ".scheduler");
  p.buffer = dram::parse_name(dram::kBufferNames, cfg.string(k + ".scheduler_buffer"), k + ".scheduler_buffer");
  p.buffer_size = static_cast<std::uint32_t>(cfg.integer(k + ".request_buffer_size"));
  p.refresh = dram::parse_name(dram::kRefreshNames, cfg.string(k + ".refresh"), k + ".refresh");
  try {
    const std::string& mapping = cfg.string(k + ".address_mapping");
    if (!mapping.empty()) p.mapping = dram::parse_address_mapping(mapping, k + ".address_mapping");
    p.mapping.hashing =
        dram::parse_name(dram::kBankHashingNames, cfg.string(k + ".bank_hashing"), k + ".bank_hashing");
    dram::validate(p);
  } catch (const dram::DramParamError& e) {
    std::string key = e.key().rfind(k, 0) == 0 ? e.key() : k + "." + e.key();
    if (e.key() == "request_buffer_size" || e.key() == "refresh") key = k + "." + e.key();
    cfg.fail(cfg.is_set(key) ? key : k + ".memspec", e.what());
  }
  return p;
}

}  // namespace sushi
