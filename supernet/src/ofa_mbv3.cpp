// OFA-MobileNetV3 (ofa/imagenet_classification/elastic_nn/networks/ofa_mbv3.py): see
// docs/supernet.md for the rules and their sources.
#include <array>

#include "arch_impl.h"
#include "supernet/ofa_rules.h"

namespace sushi::supernet::detail {

namespace {

constexpr std::array<uint32_t, 9> kBaseWidth = {16, 16, 24, 40, 80, 112, 160, 960, 1280};
constexpr std::array<uint32_t, 5> kStride = {2, 2, 2, 1, 2};  // stride_stages[1:]
constexpr std::array<Act, 5> kAct = {Act::Relu, Act::Relu, Act::HSwish, Act::HSwish, Act::HSwish};
constexpr std::array<bool, 5> kSe = {false, true, false, true, true};
constexpr uint32_t kClasses = 1000;
constexpr int kBlocksPerStage = 4;

uint32_t width(Arch a, size_t i) {  // make_divisible(base * width_mult, 8)
  return make_divisible(static_cast<uint64_t>(kBaseWidth[i]) * arch_spec(a).width_mult_pct[0], 100);
}
// DynamicMBConvLayer.active_middle_channel = make_divisible(round(in * e), 8)
uint32_t mid_channels(uint32_t in, int e_pct) {
  return make_divisible(round_half_even(static_cast<uint64_t>(in) * e_pct, 100), 1);
}
// SEModule: make_divisible(channel // 4, 8)
uint32_t se_mid(uint32_t channels) { return make_divisible(channels / 4, 1); }

SuperLayer mk(std::string name, LayerKind kind, uint32_t k, uint32_t c, uint32_t kmax, uint32_t kmin,
              uint32_t stride, uint32_t in_hw, uint32_t out_hw, Act act) {
  SuperLayer l;
  l.name = std::move(name);
  l.kind = kind;
  l.k_max = k;
  l.c_max = c;
  l.kernel_max = kmax;
  l.kernel_min = kmin;
  l.stride = stride;
  l.in_h = l.in_w = in_hw;
  l.out_h = l.out_w = out_hw;
  l.act = act;
  return l;
}

}  // namespace

std::vector<SuperLayer> mbv3_layers(Arch a, uint32_t res) {
  std::vector<SuperLayer> L;
  const uint32_t c0 = width(a, 0), c1 = width(a, 1);
  const uint32_t h1 = strided(res, 2);  // 224 -> 112, 160 -> 80
  L.push_back(mk("first_conv", LayerKind::Conv, c0, 3, 3, 3, 2, res, h1, Act::HSwish));
  SuperLayer dw0 = mk("b0.dw", LayerKind::DwConv, c0, c0, 3, 3, 1, h1, h1, Act::Relu);
  dw0.group = 0;
  L.push_back(dw0);
  SuperLayer pw = mk("b0.project", LayerKind::Pointwise, c1, c0, 1, 1, 1, h1, h1, Act::None);
  pw.residual_add = (c0 == c1);  // IdentityLayer shortcut only when channels match
  pw.group = 0;
  L.push_back(pw);

  uint32_t c_in = c1, hw = h1;
  int block = 0;
  for (int st = 0; st < 5; ++st) {
    const uint32_t W = width(a, 2 + st);
    for (int i = 0; i < kBlocksPerStage; ++i, ++block) {
      const uint32_t s = i == 0 ? kStride[st] : 1;
      const uint32_t ho = strided(hw, s);
      const uint32_t m = mid_channels(c_in, 600);
      const std::string p = "s" + std::to_string(st + 1) + ".b" + std::to_string(i) + ".";
      auto add = [&](SuperLayer l) {
        l.stage = st;
        l.block = block;
        l.optional = i >= 2;
        l.group = block + 1;
        L.push_back(std::move(l));
      };
      add(mk(p + "expand", LayerKind::Pointwise, m, c_in, 1, 1, 1, hw, hw, kAct[st]));
      add(mk(p + "dw", LayerKind::DwConv, m, m, 7, 3, s, hw, ho, kAct[st]));
      if (kSe[st]) {
        SuperLayer r = mk(p + "se_reduce", LayerKind::SeReduce, se_mid(m), m, 1, 1, 1, 1, 1, Act::Relu);
        r.pre_pool = Pool::GlobalAvg;
        add(r);
        add(mk(p + "se_expand", LayerKind::SeExpand, m, se_mid(m), 1, 1, 1, 1, 1, Act::HSigmoid));
      }
      SuperLayer pj = mk(p + "project", LayerKind::Pointwise, W, m, 1, 1, 1, ho, ho, Act::None);
      pj.residual_add = (s == 1 && c_in == W);
      pj.se_scaled_input = kSe[st];
      add(pj);
      c_in = W;
      hw = ho;
    }
  }
  const uint32_t fe = width(a, 7), last = width(a, 8);
  L.push_back(mk("final_expand", LayerKind::Pointwise, fe, c_in, 1, 1, 1, hw, hw, Act::HSwish));
  SuperLayer mix = mk("feature_mix", LayerKind::Pointwise, last, fe, 1, 1, 1, 1, 1, Act::HSwish);
  mix.pre_pool = Pool::GlobalAvg;
  L.push_back(mix);
  L.push_back(mk("classifier", LayerKind::Linear, kClasses, last, 1, 1, 1, 1, 1, Act::None));
  return L;
}

std::vector<Region> mbv3_regions(const SubNetConfig& s) {
  const Arch a = s.arch;
  std::vector<Region> R;
  const uint32_t c0 = width(a, 0), c1 = width(a, 1);
  R.push_back(region(c0, 3, 3));
  R.push_back(region(c0, c0, 3));
  R.push_back(region(c1, c0, 1));
  uint32_t c_in = c1;
  int block = 0;
  for (int st = 0; st < 5; ++st) {
    const uint32_t W = width(a, 2 + st);
    for (int i = 0; i < kBlocksPerStage; ++i, ++block) {
      const bool on = i < s.d[st];
      const uint32_t m = mid_channels(c_in, s.e[block]);
      const uint32_t k = static_cast<uint32_t>(s.ks[block]);
      R.push_back(on ? region(m, c_in, 1) : Region{});
      R.push_back(on ? region(m, m, k) : Region{});
      if (kSe[st]) {
        R.push_back(on ? region(se_mid(m), m, 1) : Region{});
        R.push_back(on ? region(m, se_mid(m), 1) : Region{});
      }
      R.push_back(on ? region(W, m, 1) : Region{});
      c_in = W;  // the first block of a stage is always active, so the chain never skips a width
    }
  }
  const uint32_t fe = width(a, 7), last = width(a, 8);
  R.push_back(region(fe, c_in, 1));
  R.push_back(region(last, fe, 1));
  R.push_back(region(kClasses, last, 1));
  return R;
}

}  // namespace sushi::supernet::detail
