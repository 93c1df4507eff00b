#include "config/accel_config.h"

#include <cmath>
#include <string>

#include "config/energy_table_loader.h"
#include "config/params_visitors.h"
#include "config/platform_schema.h"

namespace sushi::config {

void declare_accel_keys(Schema& s) {
  declare_keys<accel::AccelParams>(s);
  declare_keys<accel::AccelKindParams>(s);  // which model these keys configure (soc/accel_factory.h)
  // Several accelerators in one SoC: accels.<name>.* has every key of accel.* (docs/accel.md
  // section 1, "Several accelerators").
  s.describe_section("accels", "Further accelerators of the SoC, one per name (accels.<name>), each with every "
                               "key of accel (its own shape, clock, register block and interrupt line); "
                               "accel stays the single accelerator the firmware drives (docs/accel.md)");
  declare_keys<accel::AccelParams>(s, std::string("accels.*"));
  declare_keys<accel::AccelKindParams>(s, std::string("accels.*"));
}

accel::AccelParams accel_params_from_config(const Config& c, const EnergyTable& table, const std::string& k) {
  accel::AccelParams p;
  read_keys(c, p, k);
  p.reg_access_ps = p.clock_period_ps;  // one accelerator cycle per register access
  const std::string& mac = c.string(k + ".mac_energy");
  if (!table.has(mac)) c.fail(k + ".mac_energy", "energy table '" + table.name() + "' has no entry '" + mac + "'");
  p.mac_energy = table.at(mac);
  p.static_power = power_entry(c, table, k + ".static_power");
  p.busy_power = power_entry(c, table, k + ".busy_power");
  try {
    p.validate();
  } catch (const accel::AccelParamError& e) {
    fail_accel_param(c, e, k);
  }
  return p;
}

void fail_accel_param(const Config& c, const accel::AccelParamError& e, const std::string& k) {
  // The model names the key under "accel" (AccelParams::describe's default prefix).
  const std::string accel_prefix = "accel.";
  std::string key = e.key();
  if (key.rfind(accel_prefix, 0) == 0) key = k + "." + key.substr(accel_prefix.size());
  std::string what = e.what();
  if (what.rfind(e.key(), 0) == 0) what = key + what.substr(e.key().size());
  c.fail(key, what);
}

std::uint64_t host_call_overhead_ps(const Config& c) {
  return static_cast<std::uint64_t>(std::llround(c.time_ps("accel.timing.host_call_overhead")));
}

Schema platform_schema_with_accel() {
  Schema s = build_platform_schema();
  if (!s.match("accel.clock")) declare_accel_keys(s);
  return s;
}

}  // namespace sushi::config
