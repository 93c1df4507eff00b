// How one layer descriptor maps onto the DPE array: tiles, passes, cycles, MACs, and the weight
// block geometry shared with supernet's DRAM layout. Pure arithmetic (no SystemC), so the
// timing rules can be tested and documented on their own (docs/accel.md, "Layer mappings").
//
// Loop order (sushiaccel-facts.md): K-tile (k_par output channels) -> weight group (C-tile units)
// -> kernel pass -> every output position (one per cycle). Per K-tile:
//   ktile_cycles = groups x kernel_passes x pass_cycles
//   pass_cycles  = max(ceil(positions x cycles_per_position), ceil(pass_weight_bytes / feed_bytes))
// where the second term is the time to load the DPE weight registers for a pass (hidden behind
// the previous pass unless a pass is shorter, e.g. FC layers with one position).
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "accel/sushi/accel_params.h"
#include "sushi/accel_regs.h"

namespace sushi::accel {

enum class Mapping { conv, depthwise, pointwise, fc, se };
const char* to_string(Mapping m);

// The layer's full weight area in DRAM, exactly as supernet/include/supernet/layout.h lays it out: units of
// (K-tile, C-tile), each taps_max taps of k_par x c_par_eff bytes, taps centre-first, K-tile major.
struct WeightGeometry {
  bool depthwise = false;
  std::uint32_t c_par_eff = 0;   // c_par, or 1 for depthwise
  std::uint32_t k_tiles_max = 0;  // ceil(k_max / k_par)
  std::uint32_t c_tiles_max = 0;  // ceil(c_max / c_par), 1 for depthwise
  std::uint32_t taps_max = 0;     // kernel_max^2
  std::uint64_t tap_bytes = 0;    // k_par x c_par_eff x data_bytes
  std::uint64_t unit_bytes = 0;   // taps_max x tap_bytes
  std::uint64_t layer_bytes() const { return unit_bytes * k_tiles_max * c_tiles_max; }
  std::uint64_t unit_offset(std::uint32_t kt, std::uint32_t ct) const {
    return (std::uint64_t{kt} * c_tiles_max + ct) * unit_bytes;
  }
  // Bytes in whole blocks of the nested region (k, c, kernel): what a DMA of it moves.
  std::uint64_t region_bytes(std::uint32_t k, std::uint32_t c, std::uint32_t kernel, std::uint32_t k_par,
                             std::uint32_t c_par) const;
};
WeightGeometry weight_geometry(const sushi_layer_desc& d, const AccelParams& p);

// Cycles the DPE pipeline needs to sweep `positions` at TimingParams::cycles_per_position
// (exactly `positions` at 1).
std::uint64_t sweep_cycles(std::uint64_t positions, double cycles_per_position);

struct LayerPlan {
  Mapping mapping = Mapping::conv;
  WeightGeometry geo;
  std::uint32_t kt = 0;               // active K-tiles ceil(K'/k_par)
  std::uint32_t ct = 0;               // active C-tile units per K-tile (1 for depthwise)
  std::uint32_t unit_taps = 0;        // active taps per unit k'^2
  std::uint32_t kernel_passes = 0;    // ceil(k'^2 / taps)
  std::uint32_t units_per_group = 0;  // units consumed by one pass (taps for 1x1 folding, else 1)
  std::uint32_t groups = 0;           // ceil(ct / units_per_group)
  std::uint64_t positions = 0;        // positions swept per pass (cycles at one per cycle)
  std::uint64_t pass_weight_bytes = 0;
  std::uint64_t pass_cycles = 0;      // one pass: max(sweep_cycles(positions), load_cycles)
  std::uint64_t load_cycles = 0;      // loading one pass's weights into the DPE registers
  double cycles_per_position = 1.0;   // TimingParams::cycles_per_position
  std::uint64_t macs_useful = 0;      // the network's MACs (as OFA counts them)
  std::uint64_t macs_issued = 0;      // MACs the array performs (strided positions included)
  std::uint64_t in_bytes = 0;         // active input map C' x in_h x in_w
  std::uint64_t out_pixels = 0;       // out_h x out_w (partial sums per lane)
  std::uint64_t out_pixels_written = 0;  // after the optional 3x3/2 max pool
  std::uint64_t aux_bytes = 0;        // residual map / SE scale vector read per layer
  std::uint64_t transform_bytes = 0;  // kernel-transform matrices read per layer

  // Cycles of n consecutive passes. Pipeline bubbles do not align with pass boundaries, so the
  // fractional sweep cycles are rounded up once per run of passes (a chunk), not per pass; at
  // cycles_per_position = 1 this is exactly n x pass_cycles.
  std::uint64_t passes_cycles(std::uint64_t n) const {
    return std::max(sweep_cycles(n * positions, cycles_per_position), n * load_cycles);
  }
  std::uint64_t group_cycles(std::uint64_t n_groups = 1) const { return passes_cycles(n_groups * kernel_passes); }
  std::uint64_t ktile_cycles() const { return group_cycles(groups); }
  std::uint64_t compute_cycles() const { return kt * ktile_cycles(); }
  std::uint64_t active_weight_bytes() const { return std::uint64_t{kt} * ct * unit_taps * geo.tap_bytes; }
  // Useful MACs / (cycles x k_par x c_par x taps).
  double utilisation(const AccelParams& p) const;
  // Output channels of K-tile i (the last one may be partial).
  std::uint32_t lanes(std::uint32_t i, std::uint32_t k_out, std::uint32_t k_par) const {
    return std::min(k_par, k_out - i * k_par);
  }
};

// SUSHI_ERR_NONE or SUSHI_ERR_BAD_DESCRIPTOR for a malformed descriptor (shape, op, flags,
// weight_bytes not equal to the active region's whole blocks).
std::uint32_t check_descriptor(const sushi_layer_desc& d, const AccelParams& p);
// Assumes check_descriptor passed.
LayerPlan plan_layer(const sushi_layer_desc& d, const AccelParams& p);

// The cached part of a layer according to its PB map entry.
struct PbCoverage {
  bool valid = false;
  std::uint32_t kt = 0;    // cached K-tiles
  std::uint32_t ct = 0;    // cached C-tile units per K-tile
  std::uint32_t taps = 0;  // cached taps per unit (kernel_cached^2)
  std::uint64_t pb_offset = 0;
  // PB offset of unit (i, j) of the cached region: the region is stored compactly, unit by unit
  // in DRAM order (K-tile major), each unit its taps-prefix (docs/accel.md "PB map").
  std::uint64_t unit_pb_offset(std::uint32_t i, std::uint32_t j, std::uint64_t tap_bytes) const {
    return pb_offset + (std::uint64_t{i} * ct + j) * taps * tap_bytes;
  }
  std::uint32_t cached_taps(std::uint32_t i, std::uint32_t j, std::uint32_t unit_taps) const {
    return (valid && i < kt && j < ct) ? std::min(taps, unit_taps) : 0;
  }
};
// SUSHI_ERR_NONE, or SUSHI_ERR_BAD_PB_MAP when a valid entry's region is larger than the layer,
// has a zero or even kernel, or its byte count differs from the region's whole blocks.
std::uint32_t check_pb_entry(const sushi_pb_map_entry& e, const sushi_layer_desc& d, const AccelParams& p);
PbCoverage pb_coverage(const sushi_pb_map_entry* e, const sushi_layer_desc& d, const AccelParams& p);

// Centre-first tap order of a kernel_max x kernel_max kernel (same rule as supernet with
// kernel_min = min(3, kernel_max)): entry t is (dy, dx) from the centre.
std::vector<std::pair<int, int>> centre_first_taps(std::uint32_t kernel_max);
// Kernel-transform matrix entries for a depthwise layer run at kernel k < kernel_max (OFA).
std::uint64_t transform_entries(std::uint32_t kernel_max, std::uint32_t k);

}  // namespace sushi::accel
