#include "dram/dram_params.h"
#include "common/port_memory.h"
#include "noc/noc_params.h"
#include "periph/traffic_generator.h"
#include "sram/sram_params.h"
#include "config/params_visitors.h"
#include "platform_schema.h"

namespace sushi::config {

void declare_soc_keys(Schema& s) {
  declare_keys<sram::SramParams>(s);

  declare_keys<dram::DramParams>(s);

  declare_keys<PortMemoryParams>(s);

  declare_keys<TrafficGeneratorParams>(s);
}

void declare_noc_keys(Schema& s) { declare_keys<noc::NocParams>(s); }

}  // namespace sushi::config
