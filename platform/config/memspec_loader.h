// Reads a DRAM memory specification (vp_configs/memspecs/*.yaml) into sushi::dram::DramSpec.
//
// Timings are "N nCK" (clock cycles) or times with units ("13.32 ns"), converted with the JEDEC
// rounding (tREFI, a maximum, rounded down); currents "60.75 mA", voltages "1.2 V", I/O
// energies "3.66 pJ/bit". Every block (organisation, timing, power, power.io) must cite its
// `source`. Errors (missing or unknown keys, bad units, tRAS < tRCD, zero banks, ...) are
// ConfigErrors naming the file, line and key path, e.g. "memspec.timing.tRAS".
// The format is described in docs/dram.md.
#pragma once

#include <string>

#include "config_error.h"
#include "config_tree.h"
#include "dram/dram_params.h"

namespace sushi::config {

// `from` and `key`: the config key that names the file, where an unreadable file is reported.
sushi::dram::DramSpec load_memspec(const std::string& path, const SourceLoc& from = {}, const std::string& key = "");
// From an already parsed tree (tests; or a memspec embedded in a larger file).
sushi::dram::DramSpec memspec_from_tree(const ConfigNode& root);

}  // namespace sushi::config
