// One layer as a job on the accelerator testbed, shared by `sushi-vp layer` and `sushi-vp
// calibrate` so both time a shape identically: the descriptor built from the shape (SuperNet
// maximum = the active shape, 'same' padding), its weights, input, output and tables placed in
// the first memory, and the job run from the testbed's script thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accel/sushi/accel_params.h"
#include "accel/sushi/tile_model.h"
#include "soc/accel_testbed.h"
#include "sushi/accel_regs.h"

namespace sushi {

struct LayerShape {
  std::string type = "conv";  // conv (a 1x1 kernel maps as CONV1X1), dwconv, fc
  int k = 64, c = 64, hw = 56, kernel = 3, stride = 1;
};

// The descriptor without addresses; std::nullopt if the accelerator would reject it
// (accel::check_descriptor: even kernel, output larger than the input, ...).
std::optional<sushi_layer_desc> layer_descriptor(const LayerShape& s, const accel::AccelParams& p);

// Where a layer job lives: weights at the memory's base, then input, output, the descriptor, a
// one-entry PB map and a one-entry PB load list, each 4 KiB aligned.
struct LayerJobLayout {
  std::uint64_t desc_addr = 0, map_addr = 0, list_addr = 0;
  std::uint64_t end = 0;  // first byte after the layout
};
// Sets d's addresses. Returns std::nullopt if the layout does not fit `mem` (then `needed_bytes`
// says how much it needs).
std::optional<LayerJobLayout> place_layer(sushi_layer_desc& d, const accel::AccelParams& p,
                                          const AccelTestbed::Memory& mem, std::uint64_t* needed_bytes = nullptr);

// From the script thread: writes the descriptor and the PB map entry (all zero: nothing cached),
// starts the one-descriptor job and waits for the interrupt (enable it first; the caller reads
// STATUS and clears IRQ_STATUS).
void run_layer_job(AccelTestbed& t, const sushi_layer_desc& d, const LayerJobLayout& at,
                   const sushi_pb_map_entry& map_entry = {});

}  // namespace sushi
