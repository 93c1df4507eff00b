// A first-order analytic latency estimate of a SubNet on the SushiAccel DPE array, used to rank
// SubNets in the catalog search and to fill the model image's latency-coefficient placeholder.
// It is not the VP's timing (that comes from simulation/profiling); see docs/supernet.md.
#pragma once
#include <cstdint>

#include "supernet/layout.h"
#include "supernet/subgraph.h"

namespace sushi::supernet {

class SuperNet;

struct LatencyParams {
  LayoutParams layout;               // K_par, C_par, bytes per weight
  uint32_t taps = 9;                 // DPE taps per engine (one 3x3 window)
  double freq_mhz = 100.0;           // accelerator clock
  double dram_bytes_per_cycle = 64;  // effective weight streaming bandwidth
};

struct LatencyEstimate {
  uint64_t compute_cycles = 0;
  uint64_t weight_bytes = 0;  // whole blocks streamed from DRAM (nothing cached)
  uint64_t weight_cycles = 0;
  uint64_t total_cycles() const { return compute_cycles + weight_cycles; }  // serial overlap
  double ms(double freq_mhz) const { return static_cast<double>(total_cycles()) / (freq_mhz * 1e3); }
};

// Per layer: K-tiles x C-tiles x passes x positions (see docs/supernet.md for the mapping of
// 1x1, depthwise, large-kernel and strided layers); weights serial at dram_bytes_per_cycle.
LatencyEstimate estimate_latency(const SuperNet& net, const SubGraph& g, const LatencyParams& p = {});
uint64_t layer_compute_cycles(const SuperLayer& l, const Region& r, const LatencyParams& p);

}  // namespace sushi::supernet
