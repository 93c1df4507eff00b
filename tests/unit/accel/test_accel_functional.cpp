// Functional mode: the accelerator computes int8 layers from the bytes in memory (weights in the
// block layout, taps centre-first, part of them from the PB) and writes uint8 outputs; the test
// computes the same layers from plain [K][C][ky][kx] weights and compares byte for byte.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "accel_bench.h"
#include "supernet/layout.h"

namespace sushi::accel::test {
namespace {

constexpr std::uint64_t kDesc = 0x1000, kMap = 0x2000, kList = 0x3000;
constexpr std::uint64_t kW = 0x10000, kIn = 0x40000, kOut = 0x60000, kOut2 = 0x70000;
constexpr std::uint32_t kShift = 3;

struct Lcg {
  std::uint32_t s;
  std::uint32_t next() { return s = s * 1664525u + 1013904223u; }
  int range(int lo, int hi) { return lo + static_cast<int>((next() >> 8) % static_cast<std::uint32_t>(hi - lo + 1)); }
};

struct Layer {
  sushi_layer_desc d{};
  int kernel = 3;
  std::vector<std::int8_t> w;    // [K][Cw][kernel][kernel] (Cw = 1 for depthwise)
  std::vector<std::uint8_t> in;  // [C][H][W]
};

AccelParams functional_params() {
  AccelParams p = exact_params();
  p.functional = true;
  p.functional_output_shift = kShift;
  return p;
}

// Writes the weights into the layer's block layout at weight_addr (centre-first taps).
void put_weights(Top& top, const Layer& l, const AccelParams& p) {
  const sushi_layer_desc& d = l.d;
  const WeightGeometry g = weight_geometry(d, p);
  const auto taps = supernet::centre_first_taps(d.kernel_max, std::min<std::uint32_t>(3, d.kernel_max));
  std::vector<std::uint8_t> area(g.layer_bytes(), 0);
  const int cw_n = g.depthwise ? 1 : d.c_in;
  const int r = l.kernel / 2;
  for (int k = 0; k < d.k_out; ++k)
    for (int c = 0; c < cw_n; ++c)
      for (std::uint32_t t = 0; t < std::uint32_t(l.kernel * l.kernel); ++t) {
        const int ky = taps[t].first + r, kx = taps[t].second + r;
        const std::uint64_t off = g.unit_offset(k / p.k_par, c / g.c_par_eff) + t * g.tap_bytes +
                                  (k % p.k_par) * g.c_par_eff + c % g.c_par_eff;
        area[off] = static_cast<std::uint8_t>(l.w[((k * cw_n + c) * l.kernel + ky) * l.kernel + kx]);
      }
  top.put_all(d.weight_addr, area);
}

std::vector<std::uint8_t> reference(const Layer& l, const std::vector<std::uint8_t>* aux = nullptr) {
  const sushi_layer_desc& d = l.d;
  const bool dw = d.op == SUSHI_OP_DWCONV;
  const int cw_n = dw ? 1 : d.c_in, r = l.kernel / 2;
  std::vector<std::uint8_t> out(std::size_t{d.k_out} * d.out_h * d.out_w);
  for (int k = 0; k < d.k_out; ++k)
    for (int oy = 0; oy < d.out_h; ++oy)
      for (int ox = 0; ox < d.out_w; ++ox) {
        long acc = 0;
        for (int c = 0; c < cw_n; ++c)
          for (int ky = 0; ky < l.kernel; ++ky)
            for (int kx = 0; kx < l.kernel; ++kx) {
              const int iy = oy * d.stride + ky - r, ix = ox * d.stride + kx - r;
              if (iy < 0 || ix < 0 || iy >= d.in_h || ix >= d.in_w) continue;
              const int ic = dw ? k : c;
              acc += l.w[((k * cw_n + c) * l.kernel + ky) * l.kernel + kx] * l.in[(ic * d.in_h + iy) * d.in_w + ix];
            }
        const std::size_t o = (std::size_t(k) * d.out_h + oy) * d.out_w + ox;
        const long v = (acc >> kShift) + (aux ? (*aux)[o] : 0);
        out[o] = static_cast<std::uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v);
      }
  return out;
}

Layer make_layer(std::uint8_t op, int k, int c, int hw, int kernel, int kernel_max, int stride, std::uint32_t seed) {
  const AccelParams p;
  Layer l;
  l.kernel = kernel;
  sushi_layer_desc& d = l.d;
  d.op = op;
  d.act = SUSHI_ACT_RELU;
  d.kernel = static_cast<std::uint8_t>(kernel);
  d.kernel_max = static_cast<std::uint8_t>(kernel_max);
  d.stride = static_cast<std::uint8_t>(stride);
  d.k_out = d.k_max = static_cast<std::uint16_t>(k);
  d.c_in = d.c_max = static_cast<std::uint16_t>(c);
  d.in_h = d.in_w = static_cast<std::uint16_t>(hw);
  d.out_h = d.out_w = static_cast<std::uint16_t>((hw + stride - 1) / stride);
  d.groups = static_cast<std::uint16_t>(op == SUSHI_OP_DWCONV ? k : 1);
  d.weight_bytes = static_cast<std::uint32_t>(weight_geometry(d, p).region_bytes(k, c, kernel, p.k_par, p.c_par));
  d.weight_addr = kW;
  d.in_addr = kIn;
  d.out_addr = kOut;
  Lcg rng{seed};
  const int cw_n = op == SUSHI_OP_DWCONV ? 1 : c;
  l.w.resize(std::size_t(k) * cw_n * kernel * kernel);
  for (auto& v : l.w) v = static_cast<std::int8_t>(rng.range(-4, 4));
  l.in.resize(std::size_t(c) * hw * hw);
  for (auto& v : l.in) v = static_cast<std::uint8_t>(rng.range(0, 20));
  return l;
}

// Runs `l` (PB map and PB load list optional); returns the output bytes at out_addr.
std::vector<std::uint8_t> run(Layer& l, const std::vector<sushi_pb_map_entry>& map = {},
                              const std::vector<sushi_pb_load_entry>& load = {}, std::uint64_t* functional = nullptr,
                              const std::vector<std::uint8_t>* aux = nullptr) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const AccelParams p = functional_params();
  Top top(p);
  put_weights(top, l, p);
  top.put_all(kIn, l.in);
  if (aux) top.put_all(l.d.aux_addr, *aux);
  top.put(kDesc, &l.d, sizeof l.d);
  if (!map.empty()) top.put_all(kMap, map);
  if (!load.empty()) top.put_all(kList, load);
  std::uint32_t status = 0;
  top.drv->script = [&](Driver& drv) {
    if (!load.empty()) {
      start_pb_load(drv, kList, static_cast<std::uint32_t>(load.size()));
      drv.wait_irq();
      drv.wr(SUSHI_REG_IRQ_STATUS, SUSHI_IRQ_PB_LOAD_DONE);
    }
    start_job(drv, kDesc, 1, kMap, static_cast<std::uint32_t>(map.size()));
    drv.wait_irq();
    status = drv.rd(SUSHI_REG_STATUS);
  };
  sc_core::sc_start();
  EXPECT_EQ(status, SUSHI_STATUS_DONE);
  if (functional) *functional = top.accel->counters().functional_layers;
  const std::size_t n = std::size_t{l.d.k_out} * l.d.out_h * l.d.out_w;
  return std::vector<std::uint8_t>(top.at(l.d.out_addr), top.at(l.d.out_addr) + n);
}

// 3x3 conv, K=20 (two K-tiles, the second partial), C=11 (two C-tiles), 7x7 input, stride 2
// (4x4 output). The first unit (K-tile 0, C-tile 0: 1296 B) comes from the PB after a PB load,
// the other units from DRAM.
TEST(AccelFunctional, ConvWithPartOfTheWeightsInThePb) {
  Layer l = make_layer(SUSHI_OP_CONV, 20, 11, 7, 3, 3, 2, 1);
  const auto ref = reference(l);
  sushi_pb_map_entry e{};
  e.flags = SUSHI_PB_VALID;
  e.k_cached = 16;
  e.c_cached = 9;
  e.kernel_cached = 3;
  e.bytes = 1296;
  e.pb_offset = 4096;
  std::uint64_t functional = 0;
  const auto out = run(l, {e}, {{kW, 4096, 1296}}, &functional);
  EXPECT_EQ(functional, 1u);
  EXPECT_EQ(out, ref);
  // Sanity: the reference is not trivially zero or saturated.
  int mid = 0;
  for (auto v : ref) mid += (v > 0 && v < 255);
  EXPECT_GT(mid, 20);
}

// Depthwise 3x3 run at the centre of a 5x5 SuperNet kernel (taps centre-first: the 3x3 core is
// the prefix), K = C = 20, 6x6, stride 1.
TEST(AccelFunctional, DepthwiseCentreKernel) {
  Layer l = make_layer(SUSHI_OP_DWCONV, 20, 20, 6, 3, 5, 1, 2);
  EXPECT_EQ(run(l), reference(l));
}

// Fully connected 100 -> 20 (FC = 1x1 on a 1x1 map; 12 C-tiles folded into 2 passes).
TEST(AccelFunctional, FullyConnected) {
  Layer l = make_layer(SUSHI_OP_FC, 20, 100, 1, 1, 1, 1, 3);
  EXPECT_EQ(run(l), reference(l));
}

// Pointwise 1x1, K=24, C=30, 5x5.
TEST(AccelFunctional, Pointwise) {
  Layer l = make_layer(SUSHI_OP_CONV1X1, 24, 30, 5, 1, 1, 1, 4);
  EXPECT_EQ(run(l), reference(l));
}

// Residual add fused in the output path: out = clamp((acc >> shift) + shortcut, 0, 255);
// 1x1 K=20, C=12, 6x6, the shortcut map read per K-tile from aux_addr.
TEST(AccelFunctional, PointwiseWithResidualAdd) {
  Layer l = make_layer(SUSHI_OP_CONV1X1, 20, 12, 6, 1, 1, 1, 5);
  l.d.flags = SUSHI_DESC_RESIDUAL_ADD;
  l.d.aux_addr = 0x50000;
  std::vector<std::uint8_t> aux(20 * 36);
  Lcg rng{9};
  for (auto& v : aux) v = static_cast<std::uint8_t>(rng.range(0, 200));
  EXPECT_EQ(run(l, {}, {}, nullptr, &aux), reference(l, &aux));
}

// Wrong addresses give wrong outputs: the descriptor points 16 B past the weights.
TEST(AccelFunctional, WrongWeightAddressGivesWrongOutput) {
  Layer l = make_layer(SUSHI_OP_FC, 20, 100, 1, 1, 1, 1, 3);
  const auto ref = reference(l);
  Layer shifted = l;
  shifted.d.weight_addr = kW;  // weights written here ...
  const AccelParams p = functional_params();
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  Top top(p);
  put_weights(top, l, p);
  top.put_all(kIn, l.in);
  shifted.d.weight_addr = kW + 16;  // ... read from here
  shifted.d.out_addr = kOut2;
  top.put(kDesc, &shifted.d, sizeof shifted.d);
  top.drv->script = [&](Driver& drv) {
    start_job(drv, kDesc, 1, 0, 0);
    drv.wait_irq();
  };
  sc_core::sc_start();
  const std::vector<std::uint8_t> out(top.at(kOut2), top.at(kOut2) + ref.size());
  EXPECT_NE(out, ref);
}

}  // namespace
}  // namespace sushi::accel::test
