// Seeded, repeatable search for a catalog along the latency/accuracy frontier of a SuperNet.
// See docs/supernet.md, "Catalog search".
#pragma once
#include <cstdint>
#include <vector>

#include "supernet/accuracy.h"
#include "supernet/latency_model.h"
#include "supernet/subnet.h"

namespace sushi::supernet {

struct SearchParams {
  uint64_t seed = 1;
  size_t samples = 4000;          // initial uniform random SubNets (plus max and min)
  size_t generations = 8;         // mutation rounds around the current frontier
  size_t children_per_parent = 4;
  double mutate_prob = 0.15;      // per field entry
  size_t target = 100;            // catalog size
  // Input resolutions to sample (pixels; each an allowed OFA resolution). One value: every SubNet at
  // that resolution and no resolution draws; more: r drawn uniformly and mutated like a list entry.
  std::vector<int> resolutions = {kDefaultResolution};
  LatencyParams latency;
};

struct SearchPoint {
  SubNetConfig subnet;
  double latency_ms = 0;  // analytic estimate (latency_model.h)
  double accuracy = 0;
};

// Returns `target` SubNets (fewer only if the space is smaller), sorted by estimated latency,
// spread evenly in log-latency along the non-dominated front (further fronts fill in when the
// first is short). Deterministic for a given seed.
std::vector<SearchPoint> search_catalog(Arch a, const SearchParams& p, const MeasuredAccuracy* measured = nullptr);

}  // namespace sushi::supernet
