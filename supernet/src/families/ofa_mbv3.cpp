// OFA-MobileNetV3 (ofa/imagenet_classification/elastic_nn/networks/ofa_mbv3.py): see
// docs/supernet.md for the rules and their sources.
#include <array>

#include "family_rules.h"
#include "sushi/model_image.h"
#include "supernet/ofa_rules.h"

namespace sushi::supernet::detail {

namespace {

constexpr std::array<uint32_t, 9> kBaseWidth = {16, 16, 24, 40, 80, 112, 160, 960, 1280};
constexpr std::array<uint32_t, 5> kStride = {2, 2, 2, 1, 2};  // stride_stages[1:]
constexpr std::array<Act, 5> kAct = {Act::Relu, Act::Relu, Act::HSwish, Act::HSwish, Act::HSwish};
constexpr std::array<bool, 5> kSe = {false, true, false, true, true};
constexpr uint32_t kClasses = 1000;
constexpr int kBlocksPerStage = 4;

uint32_t width(const ArchSpec& sp, size_t i) {  // make_divisible(base * width_mult, 8)
  return make_divisible(static_cast<uint64_t>(kBaseWidth[i]) * sp.width_mult_pct[0], 100);
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

std::vector<SuperLayer> mbv3_layers(const ArchSpec& a, uint32_t res) {
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

std::vector<Region> mbv3_regions(const ArchSpec& a, const SubNetConfig& s) {
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

ArchSpec make_spec(int width_pct) {
  ArchSpec s;
  s.fields = {"ks", "e", "d"};
  s.ks_choices = {3, 5, 7};
  s.e_choices = {300, 400, 600};
  s.d_choices = {2, 3, 4};
  s.width_mult_pct = {width_pct};
  s.blocks_per_stage = {kBlocksPerStage, kBlocksPerStage, kBlocksPerStage, kBlocksPerStage, kBlocksPerStage};
  s.n_ks = 20;
  s.n_e = 20;
  s.n_d = 5;
  s.min_resolution = kOfaMinResolution;
  s.max_resolution = kOfaMaxResolution;
  s.resolution_step = kOfaResolutionStep;
  return s;
}

// Both widths share the design space and the rules; they differ in name, image code and width
// multiplier.
class OfaMbv3 final : public Family {
 public:
  OfaMbv3(std::string_view name, uint32_t image_code, int width_pct)
      : name_(name), image_code_(image_code), spec_(make_spec(width_pct)) {}
  std::string_view name() const override { return name_; }
  uint32_t image_code() const override { return image_code_; }
  const ArchSpec& spec() const override { return spec_; }
  std::vector<SuperLayer> layers(uint32_t resolution) const override { return mbv3_layers(spec_, resolution); }
  std::vector<Region> regions(const SubNetConfig& s) const override { return mbv3_regions(spec_, s); }
  // d[st] is the number of blocks stage st runs.
  int active_blocks(const SubNetConfig& s, size_t stage) const override { return s.d[stage]; }
  const std::vector<PublishedPoint>& published_points() const override {
    // mit-han-lab/once-for-all README.md, table "OFA Specialized Sub-nets" (Top-1 %, #MACs):
    // the FLOPs-constrained nets and the mobile-phone latency-constrained nets (the GPU/CPU-latency
    // nets trade MACs for parallelism and are left out). Both widths fit the same points.
    static const std::vector<PublishedPoint> points = {
        {"flops@595M_top1@80.0_finetune@75", 595, 80.0},
        {"flops@482M_top1@79.6_finetune@75", 482, 79.6},
        {"flops@389M_top1@79.1_finetune@75", 389, 79.1},
        {"LG-G8_lat@24ms_top1@76.4_finetune@25", 230, 76.4},
        {"LG-G8_lat@16ms_top1@74.7_finetune@25", 151, 74.7},
        {"LG-G8_lat@11ms_top1@73.0_finetune@25", 103, 73.0},
        {"LG-G8_lat@8ms_top1@71.1_finetune@25", 74, 71.1},
        {"s7edge_lat@88ms_top1@76.3_finetune@25", 219, 76.3},
        {"s7edge_lat@58ms_top1@74.7_finetune@25", 145, 74.7},
        {"s7edge_lat@41ms_top1@73.1_finetune@25", 96, 73.1},
        {"s7edge_lat@29ms_top1@70.5_finetune@25", 66, 70.5},
        {"note8_lat@65ms_top1@76.1_finetune@25", 220, 76.1},
        {"note8_lat@49ms_top1@74.9_finetune@25", 164, 74.9},
        {"note8_lat@31ms_top1@72.8_finetune@25", 101, 72.8},
        {"note8_lat@22ms_top1@70.4_finetune@25", 67, 70.4},
        {"note10_lat@64ms_top1@80.2_finetune@75", 743, 80.2},
        {"note10_lat@50ms_top1@79.7_finetune@75", 554, 79.7},
        {"note10_lat@41ms_top1@79.3_finetune@75", 457, 79.3},
        {"note10_lat@30ms_top1@78.4_finetune@75", 339, 78.4},
        {"note10_lat@22ms_top1@76.6_finetune@25", 237, 76.6},
        {"note10_lat@16ms_top1@75.5_finetune@25", 163, 75.5},
        {"note10_lat@11ms_top1@73.6_finetune@25", 110, 73.6},
        {"note10_lat@8ms_top1@71.4_finetune@25", 79, 71.4},
        {"pixel1_lat@143ms_top1@80.1_finetune@75", 642, 80.1},
        {"pixel1_lat@132ms_top1@79.8_finetune@75", 593, 79.8},
        {"pixel1_lat@79ms_top1@78.7_finetune@75", 356, 78.7},
        {"pixel1_lat@58ms_top1@76.9_finetune@75", 230, 76.9},
        {"pixel1_lat@40ms_top1@74.9_finetune@25", 162, 74.9},
        {"pixel1_lat@28ms_top1@73.3_finetune@25", 109, 73.3},
        {"pixel1_lat@20ms_top1@71.4_finetune@25", 77, 71.4},
        {"pixel2_lat@62ms_top1@75.8_finetune@25", 208, 75.8},
        {"pixel2_lat@50ms_top1@74.7_finetune@25", 166, 74.7},
        {"pixel2_lat@35ms_top1@73.4_finetune@25", 113, 73.4},
        {"pixel2_lat@25ms_top1@71.5_finetune@25", 79, 71.5},
    };
    return points;
  }

 private:
  std::string_view name_;
  uint32_t image_code_;
  ArchSpec spec_;
};

}  // namespace

const Family& ofa_mbv3_w10_family() {
  static const OfaMbv3 family("ofa-mbv3-w1.0", SUSHI_IMG_ARCH_OFA_MBV3_W10, 100);
  return family;
}

const Family& ofa_mbv3_w12_family() {
  static const OfaMbv3 family("ofa-mbv3-w1.2", SUSHI_IMG_ARCH_OFA_MBV3_W12, 120);
  return family;
}

}  // namespace sushi::supernet::detail
