#include "accel/sushi/chunk_plan.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace sushi::accel {

namespace {

void push_range(std::vector<WeightRange>& v, std::uint64_t off, std::uint64_t n) {
  if (n == 0) return;
  if (!v.empty() && v.back().offset + v.back().bytes == off)
    v.back().bytes += n;
  else
    v.push_back(WeightRange{off, n});
}

template <typename T>
void append(std::string& key, const T& v) {
  key.append(reinterpret_cast<const char*>(&v), sizeof v);
}

}  // namespace

ChunkPlan plan_chunks(const LayerPlan& L, const PbCoverage& cov, std::uint64_t half_bytes, bool with_copies) {
  ChunkPlan plan;
  const WeightGeometry& g = L.geo;
  for (std::uint32_t i = 0; i < L.kt; ++i) {
    std::uint32_t grp = 0;
    while (grp < L.groups) {
      WeightChunk ch;
      ch.ktile = i;
      ch.first = grp == 0;
      std::uint64_t pb_run_off = 0, pb_run_len = 0;  // PB reads merge while contiguous
      for (; grp < L.groups; ++grp) {
        std::uint64_t g_dram = 0;
        const std::uint32_t u0 = grp * L.units_per_group, u1 = std::min(L.ct, u0 + L.units_per_group);
        for (std::uint32_t j = u0; j < u1; ++j) g_dram += std::uint64_t{L.unit_taps - cov.cached_taps(i, j, L.unit_taps)} * g.tap_bytes;
        if (ch.groups > 0 && ch.dram_b + g_dram > half_bytes) break;
        for (std::uint32_t j = u0; j < u1; ++j) {
          const std::uint32_t cached = cov.cached_taps(i, j, L.unit_taps);
          const std::uint64_t unit = g.unit_offset(i, j);
          push_range(ch.ranges, unit + std::uint64_t{cached} * g.tap_bytes, std::uint64_t{L.unit_taps - cached} * g.tap_bytes);
          if (cached) {
            const std::uint64_t off = cov.unit_pb_offset(i, j, g.tap_bytes), n = std::uint64_t{cached} * g.tap_bytes;
            if (with_copies) plan.copies.push_back(PbUnitCopy{unit, off, n});
            if (pb_run_len && pb_run_off + pb_run_len == off) {
              pb_run_len += n;
            } else {
              if (pb_run_len) plan.pb_reads.push_back(PbRead{pb_run_off, pb_run_len});
              pb_run_off = off;
              pb_run_len = n;
            }
            ch.pb_b += n;
          }
        }
        ch.dram_b += g_dram;
        ++ch.groups;
      }
      if (pb_run_len) plan.pb_reads.push_back(PbRead{pb_run_off, pb_run_len});
      ch.last = grp == L.groups;
      plan.chunks.push_back(std::move(ch));
    }
  }
  return plan;
}

const ChunkPlan& ChunkPlanCache::get(const sushi_layer_desc& d, const LayerPlan& L, const PbCoverage& cov,
                                     std::uint64_t half_bytes) {
  key_.clear();
  key_.append(reinterpret_cast<const char*>(&d), offsetof(sushi_layer_desc, weight_addr));
  append(key_, cov.valid);
  append(key_, cov.kt);
  append(key_, cov.ct);
  append(key_, cov.taps);
  append(key_, cov.pb_offset);
  append(key_, half_bytes);
  auto it = plans_.find(key_);
  if (it != plans_.end()) return it->second;
  if (plans_.size() >= kMaxPlans) plans_.clear();
  return plans_.emplace(key_, plan_chunks(L, cov, half_bytes, with_copies_)).first->second;
}

}  // namespace sushi::accel
