// OFA-ResNet50 (ofa/imagenet_classification/elastic_nn/networks/ofa_resnets.py, ResNet50D design
// space): see docs/supernet.md for the rules and their sources.
#include <array>

#include "family_rules.h"
#include "sushi/model_image.h"
#include "supernet/ofa_rules.h"

namespace sushi::supernet::detail {

namespace {

ArchSpec make_spec() {
  ArchSpec s;
  s.fields = {"d", "e", "w"};
  s.e_choices = {20, 25, 35};
  s.d_choices = {0, 1, 2};
  s.d0_choices = {0, 2};  // stem: the middle conv runs only at d = max (2); 1 is accepted, treated as 0
  s.w_choices = {0, 1, 2};
  s.width_mult_pct = {65, 80, 100};
  s.blocks_per_stage = {4, 4, 6, 4};  // base depths [2,2,4,2] + max extra depth 2
  s.n_e = 18;
  s.n_d = 5;
  s.n_w = 6;
  s.min_resolution = kOfaMinResolution;
  s.max_resolution = kOfaMaxResolution;
  s.resolution_step = kOfaResolutionStep;
  return s;
}

const ArchSpec& spec() {
  static const ArchSpec s = make_spec();
  return s;
}

constexpr std::array<int, 4> kBaseDepth = {2, 2, 4, 2};
constexpr std::array<uint32_t, 4> kStageWidth = {256, 512, 1024, 2048};
constexpr std::array<uint32_t, 4> kStageStride = {1, 2, 2, 2};
constexpr uint32_t kClasses = 1000;

// Channel counts of one width choice (w index 0..2 -> multiplier 0.65, 0.8, 1.0).
uint32_t stem_out(int w) {  // make_divisible(64 * wm, 8)
  return make_divisible(64ull * spec().width_mult_pct.at(w), 100);
}
uint32_t stem_mid(int w) { return make_divisible(stem_out(w) / 2, 1); }  // make_divisible(c // 2, 8)
uint32_t stage_width(int stage, int w) {
  return make_divisible(static_cast<uint64_t>(kStageWidth[stage]) * spec().width_mult_pct.at(w), 100);
}
// active_middle_channels = make_divisible(round(out * e), 8)
uint32_t bottleneck_mid(uint32_t out, int e_pct) {
  return make_divisible(round_half_even(static_cast<uint64_t>(out) * e_pct, 100), 1);
}

SuperLayer conv(std::string name, LayerKind kind, uint32_t k, uint32_t c, uint32_t kernel, uint32_t stride,
                uint32_t in_hw, uint32_t out_hw, Act act) {
  SuperLayer l;
  l.name = std::move(name);
  l.kind = kind;
  l.k_max = k;
  l.c_max = c;
  l.kernel_max = l.kernel_min = kernel;
  l.stride = stride;
  l.in_h = l.in_w = in_hw;
  l.out_h = l.out_w = out_hw;
  l.act = act;
  return l;
}

std::vector<SuperLayer> resnet50_layers(uint32_t res) {
  std::vector<SuperLayer> L;
  const int wmax = 2;
  const uint32_t mid = stem_mid(wmax), out = stem_out(wmax);
  const uint32_t h1 = strided(res, 2);  // 224 -> 112, 160 -> 80
  L.push_back(conv("stem.conv0", LayerKind::Conv, mid, 3, 3, 2, res, h1, Act::Relu));
  SuperLayer s1 = conv("stem.conv1", LayerKind::Conv, mid, mid, 3, 1, h1, h1, Act::Relu);
  s1.optional = true;
  s1.residual_add = true;
  s1.act_before_add = true;
  s1.group = 0;
  L.push_back(s1);
  SuperLayer s2 = conv("stem.conv2", LayerKind::Conv, out, mid, 3, 1, h1, h1, Act::Relu);
  s2.post_pool = Pool::Max3x3s2;
  L.push_back(s2);

  uint32_t c_in = out, hw = strided(h1, 2);  // after the max-pool: 56 at 224, 40 at 160
  int block = 0;
  for (int st = 0; st < 4; ++st) {
    const uint32_t W = stage_width(st, wmax);
    const uint32_t m = bottleneck_mid(W, 35);
    for (int i = 0; i < kBaseDepth[st] + 2; ++i, ++block) {
      const uint32_t s = i == 0 ? kStageStride[st] : 1;
      const uint32_t ho = strided(hw, s);
      const std::string p = "s" + std::to_string(st + 1) + ".b" + std::to_string(i) + ".";
      const bool opt = i >= kBaseDepth[st];
      int shortcut = -1;
      auto add = [&](SuperLayer l) {
        l.stage = st;
        l.block = block;
        l.optional = opt;
        l.group = block + 1;
        L.push_back(std::move(l));
      };
      if (i == 0) {  // avgpool_conv downsample: channels or stride differ in every first block
        SuperLayer ds = conv(p + "downsample", LayerKind::Pointwise, W, c_in, 1, s, hw, ho, Act::None);
        if (s > 1) ds.pre_pool = Pool::Avg;
        shortcut = static_cast<int>(L.size());
        add(ds);
      }
      add(conv(p + "conv1", LayerKind::Pointwise, m, c_in, 1, 1, hw, hw, Act::Relu));
      add(conv(p + "conv2", LayerKind::Conv, m, m, 3, s, hw, ho, Act::Relu));
      SuperLayer c3 = conv(p + "conv3", LayerKind::Pointwise, W, m, 1, 1, ho, ho, Act::Relu);
      c3.residual_add = true;  // relu(conv3 + shortcut)
      c3.shortcut_layer = shortcut;
      add(c3);
      c_in = W;
      hw = ho;
    }
  }
  SuperLayer fc = conv("classifier", LayerKind::Linear, kClasses, c_in, 1, 1, 1, 1, Act::None);
  fc.pre_pool = Pool::GlobalAvg;
  L.push_back(fc);
  return L;
}

std::vector<Region> resnet50_regions(const SubNetConfig& s) {
  std::vector<Region> R;
  const uint32_t mid = stem_mid(s.w[0]), out = stem_out(s.w[1]);
  R.push_back(region(mid, 3, 3));
  R.push_back(s.d[0] == 2 ? region(mid, mid, 3) : Region{});  // skipped unless stem depth is max
  R.push_back(region(out, mid, 3));
  uint32_t c_in = out;
  int block = 0;
  for (int st = 0; st < 4; ++st) {
    const uint32_t W = stage_width(st, s.w[2 + st]);
    const int active = kBaseDepth[st] + s.d[1 + st];
    for (int i = 0; i < kBaseDepth[st] + 2; ++i, ++block) {
      const bool on = i < active;
      const uint32_t m = bottleneck_mid(W, s.e[block]);
      if (i == 0) R.push_back(region(W, c_in, 1));
      R.push_back(on ? region(m, c_in, 1) : Region{});
      R.push_back(on ? region(m, m, 3) : Region{});
      R.push_back(on ? region(W, m, 1) : Region{});
      if (on) c_in = W;
    }
  }
  R.push_back(region(kClasses, c_in, 1));
  return R;
}

class OfaResNet50 final : public Family {
 public:
  std::string_view name() const override { return "ofa-resnet50"; }
  uint32_t image_code() const override { return SUSHI_IMG_ARCH_OFA_RESNET50; }
  const ArchSpec& spec() const override { return detail::spec(); }
  std::vector<SuperLayer> layers(uint32_t resolution) const override { return resnet50_layers(resolution); }
  std::vector<Region> regions(const SubNetConfig& s) const override { return resnet50_regions(s); }
  // d[0] is the stem; d[1 + st] is the extra depth of stage st over its base depth (n - 2).
  int active_blocks(const SubNetConfig& s, size_t stage) const override {
    return kBaseDepth[stage] + s.d[stage + 1];
  }
  // OFA treats stem depth 1 like 0 (the middle stem conv runs only at d = 2).
  void canonicalize(SubNetConfig& s) const override {
    if (s.d[0] != 2) s.d[0] = 0;
  }
  const std::vector<PublishedPoint>& published_points() const override {
    // mit-han-lab/once-for-all README.md, table "OFA Specialized Sub-nets" (Top-1 %, #MACs).
    static const std::vector<PublishedPoint> points = {
        {"resnet50D_MAC@4.1B_top1@79.8", 4100, 79.8},
        {"resnet50D_MAC@3.7B_top1@79.7", 3700, 79.7},
        {"resnet50D_MAC@3.0B_top1@79.3", 3000, 79.3},
        {"resnet50D_MAC@2.4B_top1@79.0", 2400, 79.0},
        {"resnet50D_MAC@1.8B_top1@78.3", 1800, 78.3},
        {"resnet50D_MAC@1.2B_top1@77.1_finetune@25", 1200, 77.1},
        {"resnet50D_MAC@0.9B_top1@76.3_finetune@25", 900, 76.3},
        {"resnet50D_MAC@0.6B_top1@75.0_finetune@25", 600, 75.0},
    };
    return points;
  }
};

}  // namespace

const Family& ofa_resnet50_family() {
  static const OfaResNet50 family;
  return family;
}

}  // namespace sushi::supernet::detail
