#include "soc/accel_factory.h"

#include <iterator>
#include <stdexcept>

#include "accel/sushi/sushi_accel.h"
#include "config/accel_config.h"
#include "config/params_visitors.h"

namespace sushi {

namespace {

std::unique_ptr<accel::Accelerator> make_sushi(const char* name, const AccelBuild& b) {
  accel::AccelParams ap = config::accel_params_from_config(b.cfg, b.table, b.key);
  ap.memory = b.memory;
  try {
    return std::make_unique<accel::SushiAccel>(name, ap, b.sram_table, b.ledger);
  } catch (const accel::AccelParamError& e) {
    config::fail_accel_param(b.cfg, e, b.key);  // the key declared in AccelParams::describe
  }
}

// One row per kind of accel::kAccelKindNames.
struct Registration {
  accel::AccelKind kind;
  std::unique_ptr<accel::Accelerator> (*build)(const char* name, const AccelBuild& b);
};
constexpr Registration kRegistry[] = {{accel::AccelKind::sushi, make_sushi}};
static_assert(std::size(kRegistry) == std::size(accel::kAccelKindNames), "a kind without a builder (or the reverse)");

}  // namespace

accel::AccelKind accel_kind(const config::Config& cfg, const std::string& key) {
  accel::AccelKindParams k;
  config::read_keys(cfg, k, key);
  return k.kind;
}

std::unique_ptr<accel::Accelerator> make_accelerator(const char* name, const AccelBuild& b) {
  const accel::AccelKind kind = accel_kind(b.cfg, b.key);
  for (const Registration& r : kRegistry) {
    if (r.kind == kind) return r.build(name, b);
  }
  throw std::logic_error(std::string("accelerator kind '") + params::name_of(accel::kAccelKindNames, kind) +
                         "' has no builder");
}

}  // namespace sushi
