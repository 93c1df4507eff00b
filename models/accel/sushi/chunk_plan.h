// How a layer's weights stream through the streaming (weight) buffer: per K-tile, runs of weight
// groups ("chunks") whose DRAM-streamed bytes fit one half of the buffer (at least one group);
// the PB-resident taps of each unit are read from the PB instead (docs/accel.md "Timing").
//
// The plan is a pure function of the layer plan, its PB coverage and the buffer half, so the
// accelerator keeps the plans it made (ChunkPlanCache): a serving run executes the same layers of
// the same SubNets with the same PB contents over and over.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "accel/sushi/tile_model.h"

namespace sushi::accel {

// A contiguous DRAM range of a weight stream, as an offset from the layer's weight_addr.
struct WeightRange {
  std::uint64_t offset;
  std::uint64_t bytes;
};

struct WeightChunk {
  std::uint32_t ktile = 0;
  std::uint64_t groups = 0;
  std::uint64_t dram_b = 0, pb_b = 0;  // weight bytes streamed from DRAM / read from the PB
  bool first = false, last = false;    // first / last chunk of its K-tile
  std::vector<WeightRange> ranges;     // DRAM ranges, merged where contiguous
};

// A PB read of the plan (contiguous cached taps, merged within a chunk), in plan order.
struct PbRead {
  std::uint64_t pb_offset;
  std::uint64_t bytes;
};

// Cached taps of one unit: where they sit in the PB and in the layer's weight area (the
// functional model copies them from the PB into its weight staging).
struct PbUnitCopy {
  std::uint64_t weight_offset;
  std::uint64_t pb_offset;
  std::uint64_t bytes;
};

struct ChunkPlan {
  std::vector<WeightChunk> chunks;
  std::vector<PbRead> pb_reads;
  std::vector<PbUnitCopy> copies;  // only when planned `with_copies`
};

ChunkPlan plan_chunks(const LayerPlan& L, const PbCoverage& cov, std::uint64_t half_bytes, bool with_copies);

// Plans by (descriptor geometry, PB coverage). plan_layer() reads only the descriptor's fields
// before weight_addr (geometry and flags), never its addresses, so those are the key; the
// accelerator's parameters are fixed per instance. Bounded: cleared when it holds kMaxPlans.
class ChunkPlanCache {
 public:
  // with_copies: plans list the PB-to-weight-area copies (an accelerator in functional mode).
  explicit ChunkPlanCache(bool with_copies = false) : with_copies_(with_copies) {}
  const ChunkPlan& get(const sushi_layer_desc& d, const LayerPlan& L, const PbCoverage& cov,
                       std::uint64_t half_bytes);
  std::size_t size() const { return plans_.size(); }

 private:
  static constexpr std::size_t kMaxPlans = 4096;
  bool with_copies_;
  std::unordered_map<std::string, ChunkPlan> plans_;
  std::string key_;  // reused buffer
};

}  // namespace sushi::accel
