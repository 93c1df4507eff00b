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
}

accel::AccelParams accel_params_from_config(const Config& c, const EnergyTable& table) {
  accel::AccelParams p;
  read_keys(c, p);
  p.reg_access_ps = p.clock_period_ps;  // one accelerator cycle per register access
  const std::string& mac = c.string("accel.mac_energy");
  if (!table.has(mac)) c.fail("accel.mac_energy", "energy table '" + table.name() + "' has no entry '" + mac + "'");
  p.mac_energy = table.at(mac);
  p.static_power = power_entry(c, table, "accel.static_power");
  p.busy_power = power_entry(c, table, "accel.busy_power");
  try {
    p.validate();
  } catch (const accel::AccelParamError& e) {
    c.fail(e.key(), e.what());  // the key declared in AccelParams::describe
  }
  return p;
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
