// Where each layer's activations live when the accelerator keeps them on chip
// (accel.activations: on_chip; docs/accel.md, "Activation residency").
//
// The planner works on a job's descriptor list alone: a layer's output is a tensor at its out_addr;
// a later layer reading that address (in_addr, or aux_addr for a residual add or an SE scale) is a
// consumer, and the tensor lives from its producer to its last consumer. Walking the layers in
// execution order, a layer's output stays in the on-chip activation store when, at that layer,
//     resident tensors + the layer's input (if it comes from DRAM it is staged there too) + output
//     <= capacity
// and it has a consumer in the job (the job's last output always goes to DRAM, where the firmware
// reads it). Resident tensors stay until their last consumer ran, so the input and output of a
// layer ping-pong inside the store and a residual shortcut (block input or downsample output)
// stays pinned until its add. Everything else goes to and comes from DRAM as with
// accel.activations: dram. The decisions are written into each descriptor's act_flags.
#pragma once
#include <cstdint>
#include <vector>

#include "sushi/accel_regs.h"

namespace sushi::supernet {

enum class ActResidency { Dram, OnChip };

// Bytes a descriptor writes (K' x written pixels, after POST_MAXPOOL) and reads as its input map
// (C' x in_h x in_w) and as its aux operand (residual map K' x written pixels, or C' SE scales),
// at `data_bytes` per element: the same figures the accelerator moves (models/accel/sushi/tile_model.h).
uint64_t desc_output_bytes(const sushi_layer_desc& d, uint32_t data_bytes);
uint64_t desc_input_bytes(const sushi_layer_desc& d, uint32_t data_bytes);
uint64_t desc_aux_bytes(const sushi_layer_desc& d, uint32_t data_bytes);  // 0 without an aux map

struct ResidencyLayer {
  bool in_on_chip = false, out_on_chip = false, aux_on_chip = false;
  uint64_t pinned_bytes = 0;  // other tensors resident while the layer runs (its input from DRAM)
  uint64_t dram_in_bytes = 0, dram_out_bytes = 0, dram_aux_bytes = 0;  // per job, first pass
};

// Sets act_flags of every descriptor (all zero for ActResidency::Dram) and returns the per-layer
// decisions. capacity_bytes is the on-chip activation store (accel.act_in.size).
std::vector<ResidencyLayer> plan_activation_residency(std::vector<sushi_layer_desc>& descs, ActResidency mode,
                                                      uint64_t capacity_bytes, uint32_t data_bytes);

}  // namespace sushi::supernet
