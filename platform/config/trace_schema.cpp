// The trace.* keys: optional trace files of a run (docs/traces.md), declared in
// traces::TraceOptions::describe (traces/tracer.h).
#include "config/params_visitors.h"
#include "platform_schema.h"
#include "traces/tracer.h"

namespace sushi::config {

void declare_trace_keys(Schema& s) { declare_keys<traces::TraceOptions>(s); }

}  // namespace sushi::config
