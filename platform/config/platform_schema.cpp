#include "platform_schema.h"

#include "accel_config.h"
#include "config/energy_params.h"
#include "config/params_visitors.h"
#include "config/sim_params.h"
#include "workload_config.h"

namespace sushi::config {

Schema build_platform_schema() {
  Schema s;
  declare_sim_keys(s);
  declare_energy_keys(s);
  declare_soc_keys(s);
  declare_noc_keys(s);
  declare_accel_keys(s);
  declare_serving_keys(s);
  declare_workload_keys(s);
  declare_trace_keys(s);
  return s;
}

void declare_sim_keys(Schema& s) { declare_keys<SimParams>(s); }

void declare_energy_keys(Schema& s) { declare_keys<EnergyTableParams>(s); }

}  // namespace sushi::config
