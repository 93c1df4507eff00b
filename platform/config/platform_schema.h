// The schema of every key of a platform config: built from one declare function per section,
// so each component's keys live beside the code that maps them onto its parameters.
#pragma once

#include "schema.h"

namespace sushi::config {

Schema build_platform_schema();

// Section declarations (one file each).
void declare_sim_keys(Schema& s);
void declare_energy_keys(Schema& s);
void declare_soc_keys(Schema& s);  // memories, SRAMs, traffic generators
void declare_noc_keys(Schema& s);  // the interconnect
void declare_serving_keys(Schema& s);  // cpu, query port, timer, model (serving_schema.cpp)
void declare_trace_keys(Schema& s);  // optional trace files (trace_schema.cpp)

}  // namespace sushi::config
