// Statistics gathered from the SystemC module tree into one JSON document (summary.json).
//
// A module that has statistics derives from StatsProvider and writes its figures into the JSON
// object it is handed. collect_stats() walks the sc_object hierarchy from the top-level objects
// and places each provider's object at its hierarchical path ("soc" -> "dram" -> ...).
// Convention: every numeric key carries its unit as a suffix: _B (bytes), _ps, _ns, _us, _pJ,
// _uJ, _GBps (1e9 B/s), _pct, or _count for plain counts. docs/outputs.md lists them all.
#pragma once

#include <nlohmann/json.hpp>

namespace sushi {

using Json = nlohmann::ordered_json;

class StatsProvider {
 public:
  virtual ~StatsProvider() = default;
  virtual void report_stats(Json& out) const = 0;
};

// Walks every top-level sc_object and its children; returns {"soc": {"dram": {...}, ...}}.
// Objects that are not StatsProviders appear only if some descendant reports statistics.
Json collect_stats();

}  // namespace sushi
