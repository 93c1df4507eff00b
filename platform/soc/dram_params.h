// DRAM subsystem parameters (dram.<name>.*) from the config, shared by the SoC and the
// accelerator testbed. Problems are ConfigErrors located at the key (or the memspec file).
#pragma once

#include <string>

#include "config/config.h"
#include "dram/dram_params.h"

namespace sushi {

dram::DramParams dram_params_from_config(const config::Config& cfg, const std::string& prefix);

}  // namespace sushi
