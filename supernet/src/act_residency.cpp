#include "supernet/act_residency.h"

#include <map>
#include <stdexcept>

namespace sushi::supernet {

uint64_t desc_output_bytes(const sushi_layer_desc& d, uint32_t data_bytes) {
  uint64_t px = uint64_t{d.out_h} * d.out_w;
  if (d.flags & SUSHI_DESC_POST_MAXPOOL) px = uint64_t{(d.out_h + 1u) / 2u} * ((d.out_w + 1u) / 2u);
  return uint64_t{d.k_out} * px * data_bytes;
}

uint64_t desc_input_bytes(const sushi_layer_desc& d, uint32_t data_bytes) {
  return uint64_t{d.c_in} * d.in_h * d.in_w * data_bytes;
}

uint64_t desc_aux_bytes(const sushi_layer_desc& d, uint32_t data_bytes) {
  if (d.flags & SUSHI_DESC_RESIDUAL_ADD) return desc_output_bytes(d, data_bytes);
  if (d.flags & SUSHI_DESC_SE_SCALE_INPUT) return uint64_t{d.c_in} * data_bytes;
  return 0;
}

namespace {
bool reads_aux_map(const sushi_layer_desc& d) {
  return (d.flags & (SUSHI_DESC_RESIDUAL_ADD | SUSHI_DESC_SE_SCALE_INPUT)) != 0;
}
}  // namespace

std::vector<ResidencyLayer> plan_activation_residency(std::vector<sushi_layer_desc>& descs, ActResidency mode,
                                                      uint64_t capacity_bytes, uint32_t data_bytes) {
  const size_t n = descs.size();
  std::vector<ResidencyLayer> out(n);
  // Tensors: the output of layer p (bytes); -1 = a map the job did not produce (the input image).
  std::vector<uint64_t> bytes(n);
  std::vector<size_t> last_use(n);
  std::vector<long> in_t(n, -1), aux_t(n, -1);
  std::map<uint64_t, size_t> at;  // address -> latest tensor written there
  for (size_t j = 0; j < n; ++j) {
    const sushi_layer_desc& d = descs[j];
    auto find = [&](uint64_t a) -> long {
      const auto it = at.find(a);
      return it == at.end() ? -1 : static_cast<long>(it->second);
    };
    in_t[j] = find(d.in_addr);
    if (reads_aux_map(d)) aux_t[j] = find(d.aux_addr);
    for (long t : {in_t[j], aux_t[j]})
      if (t >= 0) last_use[static_cast<size_t>(t)] = j;
    bytes[j] = desc_output_bytes(d, data_bytes);
    last_use[j] = j;  // no consumer yet
    at[d.out_addr] = j;
  }
  std::vector<bool> resident(n, false);
  uint64_t resident_bytes = 0;
  for (size_t j = 0; j < n; ++j) {
    sushi_layer_desc& d = descs[j];
    ResidencyLayer& r = out[j];
    const uint64_t in_b = desc_input_bytes(d, data_bytes), aux_b = desc_aux_bytes(d, data_bytes);
    r.in_on_chip = in_t[j] >= 0 && resident[static_cast<size_t>(in_t[j])];
    r.aux_on_chip = aux_t[j] >= 0 && resident[static_cast<size_t>(aux_t[j])];
    if (mode == ActResidency::OnChip) {
      if (!r.in_on_chip) r.pinned_bytes = resident_bytes;  // what the staging of a DRAM input cannot use
      const uint64_t need = resident_bytes + (r.in_on_chip ? 0 : in_b) + bytes[j];
      r.out_on_chip = last_use[j] > j && need <= capacity_bytes;
    }
    r.dram_in_bytes = r.in_on_chip ? 0 : in_b;
    r.dram_aux_bytes = r.aux_on_chip ? 0 : aux_b;
    r.dram_out_bytes = r.out_on_chip ? 0 : bytes[j];
    if (r.out_on_chip) {
      resident[j] = true;
      resident_bytes += bytes[j];
    }
    // Tensors whose last consumer was this layer leave the store.
    for (long t : {in_t[j], aux_t[j]})
      if (t >= 0 && resident[static_cast<size_t>(t)] && last_use[static_cast<size_t>(t)] == j) {
        resident[static_cast<size_t>(t)] = false;
        resident_bytes -= bytes[static_cast<size_t>(t)];
      }
    const uint64_t pinned_kib = (r.pinned_bytes + 1023) / 1024;
    if (pinned_kib > SUSHI_ACT_PINNED_KIB_MAX)
      throw std::length_error("activation residency: " + std::to_string(pinned_kib) + " KiB pinned exceeds the descriptor field");
    d.act_flags = static_cast<uint16_t>((r.in_on_chip ? SUSHI_ACT_IN_ONCHIP : 0u) | (r.out_on_chip ? SUSHI_ACT_OUT_ONCHIP : 0u) |
                                        (r.aux_on_chip ? SUSHI_ACT_AUX_ONCHIP : 0u) |
                                        (static_cast<uint32_t>(pinned_kib) << SUSHI_ACT_PINNED_SHIFT));
  }
  return out;
}

}  // namespace sushi::supernet
