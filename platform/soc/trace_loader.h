// Reads a traffic generator's request trace (traffic.<name>.trace) for the SoC builder: errors
// in the file become config errors naming the trace file and line (exit 2), and every request
// must lie inside the generator's region.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "periph/request_trace.h"

namespace sushi {

// `k` = "traffic.<name>".
std::shared_ptr<const std::vector<TraceRequest>> load_trace(const config::Config& cfg, const std::string& k,
                                                            std::uint64_t region_size, std::uint64_t default_bytes);

}  // namespace sushi
