#include "accel/sushi/tile_model.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace sushi::accel {

namespace {
std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }
bool pointwise_op(std::uint8_t op) {
  return op == SUSHI_OP_CONV1X1 || op == SUSHI_OP_FC || op == SUSHI_OP_SE_REDUCE || op == SUSHI_OP_SE_EXPAND;
}
}  // namespace

std::uint64_t sweep_cycles(std::uint64_t positions, double cycles_per_position) {
  if (cycles_per_position == 1.0) return positions;  // the ideal pipeline, exactly
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(positions) * cycles_per_position));
}

const char* to_string(Mapping m) {
  switch (m) {
    case Mapping::conv: return "conv";
    case Mapping::depthwise: return "depthwise";
    case Mapping::pointwise: return "pointwise";
    case Mapping::fc: return "fc";
    case Mapping::se: return "se";
  }
  return "?";
}

std::uint64_t WeightGeometry::region_bytes(std::uint32_t k, std::uint32_t c, std::uint32_t kernel,
                                           std::uint32_t k_par, std::uint32_t c_par) const {
  const std::uint64_t ct = depthwise ? 1 : ceil_div(c, c_par);
  return ceil_div(k, k_par) * ct * kernel * kernel * tap_bytes;
}

WeightGeometry weight_geometry(const sushi_layer_desc& d, const AccelParams& p) {
  WeightGeometry g;
  g.depthwise = d.op == SUSHI_OP_DWCONV;
  g.c_par_eff = g.depthwise ? 1 : p.c_par;
  g.k_tiles_max = static_cast<std::uint32_t>(ceil_div(d.k_max, p.k_par));
  g.c_tiles_max = g.depthwise ? 1 : static_cast<std::uint32_t>(ceil_div(d.c_max, p.c_par));
  g.taps_max = std::uint32_t{d.kernel_max} * d.kernel_max;
  g.tap_bytes = std::uint64_t{p.k_par} * g.c_par_eff * p.data_bytes;
  g.unit_bytes = g.tap_bytes * g.taps_max;
  return g;
}

std::uint64_t transform_entries(std::uint32_t kernel_max, std::uint32_t k) {
  std::uint64_t n = 0;
  for (std::uint32_t s = kernel_max; s > k && s >= 3; s -= 2) {
    const std::uint64_t t = std::uint64_t{s - 2} * (s - 2);
    n += t * t;  // (s-2)^2 x (s-2)^2 matrix derives the next smaller centre kernel
  }
  return n;
}

std::uint32_t check_descriptor(const sushi_layer_desc& d, const AccelParams& p) {
  const std::uint32_t bad = SUSHI_ERR_BAD_DESCRIPTOR;
  if (d.op < SUSHI_OP_CONV || d.op > SUSHI_OP_SE_EXPAND) return bad;
  if (d.act > SUSHI_ACT_HSIGMOID) return bad;
  if (d.kernel_max == 0 || d.kernel_max % 2 == 0 || d.kernel_max > 15) return bad;
  if (d.kernel == 0 || d.kernel % 2 == 0 || d.kernel > d.kernel_max) return bad;
  if (pointwise_op(d.op) && d.kernel_max != 1) return bad;
  if (d.k_max == 0 || d.k_out == 0 || d.k_out > d.k_max) return bad;
  if (d.c_max == 0 || d.c_in == 0 || d.c_in > d.c_max) return bad;
  if (d.stride == 0 || d.stride > 8) return bad;
  if (d.in_h == 0 || d.in_w == 0 || d.out_h == 0 || d.out_w == 0) return bad;
  if (d.op == SUSHI_OP_DWCONV ? d.groups != d.k_out : d.groups != 1) return bad;
  const bool vector_op = d.op == SUSHI_OP_FC || d.op == SUSHI_OP_SE_REDUCE || d.op == SUSHI_OP_SE_EXPAND;
  if (vector_op && (d.out_h != 1 || d.out_w != 1)) return bad;
  if (!vector_op && !(d.flags & SUSHI_DESC_PRE_GLOBALPOOL) && (d.out_h > d.in_h || d.out_w > d.in_w)) return bad;
  if ((d.flags & SUSHI_DESC_KERNEL_TRANSFORM) && (d.op != SUSHI_OP_DWCONV || d.kernel == d.kernel_max)) return bad;
  const WeightGeometry g = weight_geometry(d, p);
  if (d.weight_bytes != g.region_bytes(d.k_out, d.c_in, d.kernel, p.k_par, p.c_par)) return bad;
  return SUSHI_ERR_NONE;
}

LayerPlan plan_layer(const sushi_layer_desc& d, const AccelParams& p) {
  LayerPlan l;
  l.geo = weight_geometry(d, p);
  l.kt = static_cast<std::uint32_t>(ceil_div(d.k_out, p.k_par));
  l.ct = l.geo.depthwise ? 1 : static_cast<std::uint32_t>(ceil_div(d.c_in, p.c_par));
  l.unit_taps = std::uint32_t{d.kernel} * d.kernel;
  const std::uint64_t out_px = std::uint64_t{d.out_h} * d.out_w;
  const std::uint64_t cw = l.geo.depthwise ? 1 : d.c_in;  // input channels per output channel
  switch (d.op) {
    case SUSHI_OP_CONV:
      l.mapping = Mapping::conv;
      break;
    case SUSHI_OP_DWCONV:
      l.mapping = Mapping::depthwise;
      break;
    case SUSHI_OP_CONV1X1:
      l.mapping = Mapping::pointwise;
      break;
    case SUSHI_OP_FC:
      l.mapping = Mapping::fc;
      break;
    default:
      l.mapping = Mapping::se;
      break;
  }
  if (l.mapping == Mapping::conv || l.mapping == Mapping::depthwise) {
    // Larger kernels run as ceil(k^2 / taps) passes of `taps` taps each (centre-first groups).
    l.kernel_passes = static_cast<std::uint32_t>(ceil_div(l.unit_taps, p.taps));
    l.units_per_group = 1;
    // No strided support: every input position is computed, then subsampled (facts sheet);
    // a pre-avg-pool (ResNet-D downsample) pools on the input path and runs at the output size.
    const std::uint64_t s = (d.flags & SUSHI_DESC_PRE_AVGPOOL) ? 1 : d.stride;
    l.positions = out_px * s * s;
  } else {
    // 1x1 folding: `taps` more C-tiles ride in the taps, k_par x c_par x taps inputs per cycle.
    l.kernel_passes = 1;
    l.units_per_group = p.taps;
    const std::uint64_t s = (d.flags & SUSHI_DESC_PRE_AVGPOOL) || l.mapping != Mapping::pointwise ? 1 : d.stride;
    l.positions = out_px * s * s;
  }
  l.groups = static_cast<std::uint32_t>(ceil_div(l.ct, l.units_per_group));
  // Weight bytes one pass loads into the DPE registers: units_per_group units x (up to) taps taps.
  l.pass_weight_bytes = std::uint64_t{l.units_per_group} * std::min(l.unit_taps, p.taps) * l.geo.tap_bytes;
  const std::uint64_t feed = std::min(p.pb.word_bytes, p.weight_buffer.word_bytes);
  l.load_cycles = ceil_div(l.pass_weight_bytes, feed);
  l.cycles_per_position = p.timing.cycles_per_position;
  l.pass_cycles = l.passes_cycles(1);
  l.macs_useful = std::uint64_t{d.k_out} * cw * l.unit_taps * out_px;
  l.macs_issued = std::uint64_t{d.k_out} * cw * l.unit_taps * l.positions;
  l.in_bytes = std::uint64_t{d.c_in} * d.in_h * d.in_w * p.data_bytes;
  l.out_pixels = out_px;
  l.out_pixels_written = (d.flags & SUSHI_DESC_POST_MAXPOOL)
                             ? ceil_div(d.out_h, 2) * ceil_div(d.out_w, 2)  // 3x3 stride-2 max pool, padding 1
                             : out_px;
  if (d.flags & SUSHI_DESC_RESIDUAL_ADD) l.aux_bytes += std::uint64_t{d.k_out} * l.out_pixels_written * p.data_bytes;
  if (d.flags & SUSHI_DESC_SE_SCALE_INPUT) l.aux_bytes += std::uint64_t{d.c_in} * p.data_bytes;
  if (d.flags & SUSHI_DESC_KERNEL_TRANSFORM) l.transform_bytes = transform_entries(d.kernel_max, d.kernel) * p.data_bytes;
  return l;
}

double LayerPlan::utilisation(const AccelParams& p) const {
  const double slots = static_cast<double>(compute_cycles()) * p.k_par * p.c_par * p.taps;
  return slots > 0 ? static_cast<double>(macs_useful) / slots : 0.0;
}

std::uint32_t check_pb_entry(const sushi_pb_map_entry& e, const sushi_layer_desc& d, const AccelParams& p) {
  if (!(e.flags & SUSHI_PB_VALID)) return SUSHI_ERR_NONE;
  const bool dw = d.op == SUSHI_OP_DWCONV;
  if (e.k_cached == 0 || e.k_cached > d.k_max) return SUSHI_ERR_BAD_PB_MAP;
  if (!dw && (e.c_cached == 0 || e.c_cached > d.c_max)) return SUSHI_ERR_BAD_PB_MAP;
  if (e.kernel_cached == 0 || e.kernel_cached % 2 == 0 || e.kernel_cached > d.kernel_max) return SUSHI_ERR_BAD_PB_MAP;
  const WeightGeometry g = weight_geometry(d, p);
  if (e.bytes != g.region_bytes(e.k_cached, e.c_cached, e.kernel_cached, p.k_par, p.c_par)) return SUSHI_ERR_BAD_PB_MAP;
  return SUSHI_ERR_NONE;
}

PbCoverage pb_coverage(const sushi_pb_map_entry* e, const sushi_layer_desc& d, const AccelParams& p) {
  PbCoverage c;
  if (!e || !(e->flags & SUSHI_PB_VALID)) return c;
  c.valid = true;
  c.kt = static_cast<std::uint32_t>(ceil_div(e->k_cached, p.k_par));
  c.ct = d.op == SUSHI_OP_DWCONV ? 1 : static_cast<std::uint32_t>(ceil_div(e->c_cached, p.c_par));
  c.taps = std::uint32_t{e->kernel_cached} * e->kernel_cached;
  c.pb_offset = e->pb_offset;
  return c;
}

std::vector<std::pair<int, int>> centre_first_taps(std::uint32_t kernel_max) {
  std::vector<std::pair<int, int>> taps;
  const int core = static_cast<int>(std::min<std::uint32_t>(3, kernel_max)) / 2;
  for (int dy = -core; dy <= core; ++dy)
    for (int dx = -core; dx <= core; ++dx) taps.emplace_back(dy, dx);
  for (int ring = core + 1; ring <= static_cast<int>(kernel_max) / 2; ++ring)
    for (int dy = -ring; dy <= ring; ++dy)
      for (int dx = -ring; dx <= ring; ++dx)
        if (std::abs(dy) == ring || std::abs(dx) == ring) taps.emplace_back(dy, dx);
  return taps;
}

}  // namespace sushi::accel
