// The workload section of a platform config (workload.*, declared once in
// workload/workload_params.h): the schema keys and the mapping onto
// sushi::workload::WorkloadParams. docs/workload.md describes every key.
#pragma once

#include <cstdint>
#include <vector>

#include "config.h"
#include "schema.h"
#include "workload/workload.h"

namespace sushi::config {

void declare_workload_keys(Schema& s);

// Reads workload.* (and sim.seed). Cross-key problems (a truncated normal whose mean is outside
// its range, weights that do not match choices, mmpp with one state...) are ConfigErrors at the
// offending key.
workload::WorkloadParams workload_params_from_config(const Config& cfg);

// The query stream of the config: workload_params_from_config + workload::generate, with trace
// file problems reported as ConfigErrors at workload.trace.file (message "FILE:LINE: ...").
std::vector<workload::Query> workload_from_config(const Config& cfg);
// The same with the stream's seed given (a task's stream: docs/serving.md "Several tasks").
std::vector<workload::Query> workload_from_config(const Config& cfg, std::uint64_t seed);

}  // namespace sushi::config
