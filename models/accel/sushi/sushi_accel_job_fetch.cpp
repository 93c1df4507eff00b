// SushiAccel: job fetch. Reads a job's program (layer descriptors, PB map) or a PB load list from
// memory through the DMA, validates all of it before anything executes, then runs the layers
// (sushi_accel_layer_pipeline.cpp) or the PB load.
#include "accel/sushi/sushi_accel.h"

#include <algorithm>
#include <set>
#include <vector>

namespace sushi::accel {

bool SushiAccel::in_memory(std::uint64_t addr, std::uint64_t bytes) const {
  if (p_.memory.empty()) return true;
  for (const MemoryWindow& w : p_.memory) {
    if (addr >= w.base && bytes <= w.size && addr - w.base <= w.size - bytes) return true;
  }
  return false;
}

std::uint64_t SushiAccel::fetch(std::uint64_t addr, std::uint64_t bytes, std::uint8_t* into, std::uint64_t t,
                                std::uint32_t err_info) {
  if (!in_memory(addr, bytes)) {
    sync(t, true);
    throw JobError{SUSHI_ERR_ADDR_RANGE, err_info};
  }
  c_.dram_control_rd_B += bytes;
  operand_ = TraceOperand::control;
  return dma_read(addr, bytes, into, t, err_info);
}

std::uint32_t SushiAccel::check_addresses(const sushi_layer_desc& d) const {
  const LayerPlan l = plan_layer(d, p_);
  // Extent of the weight area the active region touches (the last unit's active taps).
  const std::uint64_t w_end = l.geo.unit_offset(l.kt - 1, l.ct - 1) + std::uint64_t{l.unit_taps} * l.geo.tap_bytes;
  if (!in_memory(d.weight_addr, w_end)) return SUSHI_ERR_ADDR_RANGE;
  if (!in_memory(d.in_addr, l.in_bytes)) return SUSHI_ERR_ADDR_RANGE;
  if (!in_memory(d.out_addr, std::uint64_t{d.k_out} * l.out_pixels_written * p_.data_bytes)) return SUSHI_ERR_ADDR_RANGE;
  if ((d.flags & SUSHI_DESC_RESIDUAL_ADD) &&
      !in_memory(d.aux_addr, std::uint64_t{d.k_out} * l.out_pixels_written * p_.data_bytes))
    return SUSHI_ERR_ADDR_RANGE;
  if ((d.flags & SUSHI_DESC_SE_SCALE_INPUT) && !in_memory(d.aux_addr, std::uint64_t{d.c_in} * p_.data_bytes))
    return SUSHI_ERR_ADDR_RANGE;
  if ((d.flags & SUSHI_DESC_KERNEL_TRANSFORM) && !in_memory(d.aux_addr, l.transform_bytes)) return SUSHI_ERR_ADDR_RANGE;
  return SUSHI_ERR_NONE;
}

std::uint64_t SushiAccel::execute_job(std::uint64_t t0) {
  const std::uint64_t desc_addr = reg64(SUSHI_REG_JOB_DESC_ADDR_LO);
  const std::uint32_t n = bank_.at(SUSHI_REG_JOB_DESC_COUNT).get();
  const std::uint64_t map_addr = reg64(SUSHI_REG_PB_MAP_ADDR_LO);
  const std::uint32_t m = bank_.at(SUSHI_REG_PB_MAP_COUNT).get();
  if (n == 0 || n > p_.max_descriptors) {
    sync(t0, true);
    throw JobError{SUSHI_ERR_BAD_COUNT, n};
  }
  if (m > p_.max_pb_map_entries) {
    sync(t0, true);
    throw JobError{SUSHI_ERR_BAD_COUNT, m};
  }
  // Fetch the program: descriptors, then the PB map (timed reads through the DMA).
  std::vector<sushi_layer_desc> descs(n);
  std::uint64_t t = fetch(desc_addr, std::uint64_t{n} * sizeof(sushi_layer_desc),
                          reinterpret_cast<std::uint8_t*>(descs.data()), t0, 0);
  std::vector<sushi_pb_map_entry> map(m);
  if (m) t = fetch(map_addr, std::uint64_t{m} * sizeof(sushi_pb_map_entry), reinterpret_cast<std::uint8_t*>(map.data()), t, 0);

  // Validate everything before executing anything.
  for (std::uint32_t i = 0; i < m; ++i) {
    if ((map[i].flags & SUSHI_PB_VALID) && std::uint64_t{map[i].pb_offset} + map[i].bytes > p_.pb.bytes) {
      sync(t, true);
      throw JobError{SUSHI_ERR_PB_OVERFLOW, i};
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const sushi_layer_desc& d = descs[i];
    std::uint32_t err = check_descriptor(d, p_);
    if (err == SUSHI_ERR_NONE) err = check_addresses(d);
    if (err != SUSHI_ERR_NONE) {
      sync(t, true);
      throw JobError{err, i};
    }
    if (d.layer_index < m && check_pb_entry(map[d.layer_index], d, p_) != SUSHI_ERR_NONE) {
      sync(t, true);
      throw JobError{SUSHI_ERR_BAD_PB_MAP, d.layer_index};
    }
  }
  // Activation residency: a map may be read from the store only if an earlier layer of this job
  // left it there (act_flags OUT_ONCHIP at that address, not overwritten since).
  {
    std::set<std::uint64_t> resident;
    for (std::uint32_t i = 0; i < n; ++i) {
      const sushi_layer_desc& d = descs[i];
      const bool aux_map = (d.flags & (SUSHI_DESC_RESIDUAL_ADD | SUSHI_DESC_SE_SCALE_INPUT)) != 0;
      const bool bad = (d.act_flags != 0 && p_.activations != Activations::on_chip) ||
                       ((d.act_flags & SUSHI_ACT_IN_ONCHIP) && !resident.count(d.in_addr)) ||
                       ((d.act_flags & SUSHI_ACT_AUX_ONCHIP) && (!aux_map || !resident.count(d.aux_addr)));
      if (bad) {
        sync(t, true);
        throw JobError{SUSHI_ERR_BAD_DESCRIPTOR, i};
      }
      if (d.act_flags & SUSHI_ACT_OUT_ONCHIP)
        resident.insert(d.out_addr);
      else
        resident.erase(d.out_addr);
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const sushi_layer_desc& d = descs[i];
    t = execute_layer(i, d, d.layer_index < m ? &map[d.layer_index] : nullptr, t);
    sync(t, true);
  }
  return t;
}

std::uint64_t SushiAccel::execute_pb_load(std::uint64_t t0) {
  const std::uint64_t list_addr = reg64(SUSHI_REG_PB_LOAD_ADDR_LO);
  const std::uint32_t n = bank_.at(SUSHI_REG_PB_LOAD_COUNT).get();
  if (n == 0 || n > p_.max_pb_load_entries) {
    sync(t0, true);
    throw JobError{SUSHI_ERR_BAD_COUNT, n};
  }
  std::vector<sushi_pb_load_entry> list(n);
  std::uint64_t t = fetch(list_addr, std::uint64_t{n} * sizeof(sushi_pb_load_entry),
                          reinterpret_cast<std::uint8_t*>(list.data()), t0, 0);
  // 16 B: the AXI beat of the real design and the smallest weight block (a depthwise tap).
  const std::uint64_t align = kPbLoadAlignBytes;
  for (std::uint32_t i = 0; i < n; ++i) {
    const sushi_pb_load_entry& e = list[i];
    std::uint32_t err = SUSHI_ERR_NONE;
    if (e.bytes == 0 || e.bytes % align || e.pb_offset % align || e.dram_addr % align)
      err = SUSHI_ERR_BAD_PB_LOAD;
    else if (std::uint64_t{e.pb_offset} + e.bytes > p_.pb.bytes)
      err = SUSHI_ERR_PB_OVERFLOW;
    else if (!in_memory(e.dram_addr, e.bytes))
      err = SUSHI_ERR_ADDR_RANGE;
    if (err != SUSHI_ERR_NONE) {
      sync(t, true);
      throw JobError{err, i};
    }
  }
  // Every entry's bursts are ready at once; the ports and the memory system pace them. The data
  // lands in the PB's storage; the PB array times and counts the writes.
  // A PB load is one long stream (up to the whole PB, milliseconds of DRAM time), so its bursts
  // go out at the quantum: the thread waits whenever a burst's issue time is a quantum or more
  // ahead of SystemC time. Another initiator's requests issued meanwhile then reach the shared
  // memory system in their time order, not behind the whole load (temporal decoupling bounds the
  // run-ahead to one quantum, as the layer pipeline's sync at every K-tile does). The bursts'
  // issue times never decrease (each goes to the port free earliest), so waiting moves none.
  const DmaEngine::IssueGate at_quantum = [this](std::uint64_t issue_ps) { sync(issue_ps, false); };
  const std::uint64_t start = t;
  std::uint64_t done = start;
  for (std::uint32_t i = 0; i < n; ++i) {
    const sushi_pb_load_entry& e = list[i];
    operand_ = TraceOperand::pb_load;
    const std::uint64_t d =
        dma_read(e.dram_addr, e.bytes, pb_data_.data() + e.pb_offset, start, i, weight_ports_, at_quantum);
    const auto w = pb_->access(sram::AccessKind::write, e.pb_offset, e.bytes, start);
    done = std::max({done, d, w.done_ps});
    c_.pb_load_B += e.bytes;
  }
  return done;
}

}  // namespace sushi::accel
