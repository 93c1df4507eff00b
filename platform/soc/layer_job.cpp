#include "soc/layer_job.h"

namespace sushi {

namespace {
std::uint64_t align_up(std::uint64_t v, std::uint64_t a) { return (v + a - 1) / a * a; }
}  // namespace

std::optional<sushi_layer_desc> layer_descriptor(const LayerShape& s, const accel::AccelParams& p) {
  sushi_layer_desc d{};
  d.act = SUSHI_ACT_RELU;
  d.stride = static_cast<std::uint8_t>(s.stride);
  if (s.type == "conv") {
    d.op = s.kernel == 1 ? SUSHI_OP_CONV1X1 : SUSHI_OP_CONV;
    d.c_in = d.c_max = static_cast<std::uint16_t>(s.c);
    d.groups = 1;
  } else if (s.type == "dwconv") {
    d.op = SUSHI_OP_DWCONV;
    d.c_in = d.c_max = static_cast<std::uint16_t>(s.k);  // one input channel per output channel
    d.groups = static_cast<std::uint16_t>(s.k);
  } else {
    d.op = SUSHI_OP_FC;
    d.c_in = d.c_max = static_cast<std::uint16_t>(s.c);
    d.groups = 1;
    d.stride = 1;
  }
  const int kernel = s.type == "fc" ? 1 : s.kernel;
  const int hw = s.type == "fc" ? 1 : s.hw;
  d.kernel = d.kernel_max = static_cast<std::uint8_t>(kernel);
  d.k_out = d.k_max = static_cast<std::uint16_t>(s.k);
  d.in_h = d.in_w = static_cast<std::uint16_t>(hw);
  d.out_h = d.out_w = static_cast<std::uint16_t>((hw + d.stride - 1) / d.stride);
  const accel::WeightGeometry g = accel::weight_geometry(d, p);
  d.weight_bytes = static_cast<std::uint32_t>(g.region_bytes(d.k_out, d.c_in, kernel, p.k_par, p.c_par));
  if (accel::check_descriptor(d, p) != SUSHI_ERR_NONE) return std::nullopt;
  return d;
}

std::optional<LayerJobLayout> place_layer(sushi_layer_desc& d, const accel::AccelParams& p,
                                          const AccelTestbed::Memory& mem, std::uint64_t* needed_bytes) {
  const accel::LayerPlan plan = accel::plan_layer(d, p);
  const accel::WeightGeometry g = accel::weight_geometry(d, p);
  const std::uint64_t page = 4096;
  d.weight_addr = mem.base;
  d.in_addr = align_up(d.weight_addr + g.layer_bytes(), page);
  d.out_addr = align_up(d.in_addr + plan.in_bytes, page);
  LayerJobLayout at;
  at.desc_addr = align_up(d.out_addr + std::uint64_t{d.k_out} * plan.out_pixels_written, page);
  at.map_addr = at.desc_addr + page;
  at.list_addr = at.map_addr + page;
  at.end = at.list_addr + page;
  if (needed_bytes) *needed_bytes = at.end - mem.base;
  if (at.end > mem.base + mem.size) return std::nullopt;
  return at;
}

void run_layer_job(AccelTestbed& t, const sushi_layer_desc& d, const LayerJobLayout& at,
                   const sushi_pb_map_entry& map_entry) {
  t.write_mem(at.desc_addr, &d, sizeof d);
  t.write_mem(at.map_addr, &map_entry, sizeof map_entry);
  t.write_reg64(SUSHI_REG_JOB_DESC_ADDR_LO, at.desc_addr);
  t.write_reg(SUSHI_REG_JOB_DESC_COUNT, 1);
  t.write_reg64(SUSHI_REG_PB_MAP_ADDR_LO, at.map_addr);
  t.write_reg(SUSHI_REG_PB_MAP_COUNT, 1);
  t.write_reg(SUSHI_REG_CTRL, SUSHI_CTRL_START_JOB);
  t.wait_irq();
}

}  // namespace sushi
