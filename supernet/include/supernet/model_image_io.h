// Host-side writer and bounds-checked reader of the model image (format: hw/include/sushi/
// model_image.h; byte-by-byte description in docs/supernet.md).
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <optional>
#include <vector>

#include "sushi/model_image.h"
#include "supernet/act_residency.h"
#include "supernet/catalog.h"
#include "supernet/latency_model.h"
#include "supernet/layout.h"

namespace sushi::supernet {

// Latency coefficients measured on the VP (`sushi-vp profile`): per SubNet of the catalog, its
// fixed job cycles and one sushi_img_layer_latency per SuperNet layer.
struct SubnetProfile {
  uint64_t fixed_cycles = 0;
  std::vector<sushi_img_layer_latency> layers;
};
// The accelerator a profile was measured on: what its image's latency terms depend on
// (ImageOptions' layout and latency parameters, activation residency and store).
struct ProfiledOn {
  uint32_t k_par = 0, c_par = 0, bytes_per_weight = 0, taps = 0;
  double freq_mhz = 0, dram_bytes_per_cycle = 0;
  bool act_on_chip = false;
  uint64_t act_store_bytes = 0;
  bool operator==(const ProfiledOn& o) const {
    return k_par == o.k_par && c_par == o.c_par && bytes_per_weight == o.bytes_per_weight && taps == o.taps &&
           freq_mhz == o.freq_mhz && dram_bytes_per_cycle == o.dram_bytes_per_cycle && act_on_chip == o.act_on_chip &&
           act_store_bytes == o.act_store_bytes;
  }
};
struct LatencyProfile {
  std::vector<SubnetProfile> subnets;  // catalog order
  std::optional<ProfiledOn> profiled_on;  // absent in profiles written before it was recorded
};

struct ImageOptions {
  LayoutParams layout;                    // must match the DRAM weight image
  LatencyParams latency;                  // for the analytic latency coefficients
  uint64_t weights_base = 0x80000000ull;  // DRAM address of weight offset 0
  uint64_t act_base = 0xA0000000ull;      // DRAM address of the activation arena
  const LatencyProfile* profile = nullptr;  // measured coefficients; nullptr = analytic
  ActResidency activations = ActResidency::Dram;  // accel.activations: sets the descriptors' act_flags
  uint64_t act_store_bytes = 512ull << 10;        // on-chip activation store (accel.act_in.size)
};

struct ImageOptions;
// The accelerator shape an image built with `o` is for.
ProfiledOn profiled_on(const ImageOptions& o);

// Activation arena the descriptors use: four slots of act_slot_bytes() (input, ping-pong,
// shortcut) followed by two SE vectors of se_slot_bytes(). Sizes are uint8 activations.
uint64_t act_slot_bytes(const SuperNet& net);
inline constexpr uint64_t kActSlots = 4;
inline constexpr uint64_t kSeSlotBytes = 4096;

// Serialises a catalog (its SuperNet, layout, regions, descriptors, latency coefficients).
std::vector<uint8_t> write_model_image(const Catalog& c, const ImageOptions& o = {});

class ImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parsed image (copies of the tables). Every offset, count and size is checked against the
// buffer and against each other before use; any inconsistency throws ImageError with a precise
// message. Never reads outside [data, data + size).
struct ModelImage {
  sushi_img_header header{};
  std::vector<sushi_img_layer> layers;
  std::vector<sushi_img_subnet> subnets;
  std::vector<sushi_img_region> regions;  // subnet-major: subnet i's regions at i * layer_count
  std::vector<sushi_layer_desc> descriptors;
  std::vector<sushi_img_latency_coef> latency;
  std::vector<sushi_img_layer_latency> layer_latency;  // subnet-major, layer_count per SubNet
};
ModelImage read_model_image(const uint8_t* data, size_t size);

// CRC-32/IEEE (the header's checksum).
uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0);

}  // namespace sushi::supernet
