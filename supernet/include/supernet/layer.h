// One layer of a SuperNet (maximum shape) and the nested region a SubNet or SubGraph uses of it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sushi::supernet {

enum class LayerKind : uint8_t {
  Conv,       // dense KxK convolution (K > 1)
  DwConv,     // depthwise convolution (groups = channels)
  Pointwise,  // 1x1 convolution
  SeReduce,   // squeeze-excite reduce 1x1 conv on the pooled 1x1 map
  SeExpand,   // squeeze-excite expand 1x1 conv on the pooled 1x1 map
  Linear,     // fully connected
};
std::string_view kind_name(LayerKind k);

enum class Act : uint8_t { None, Relu, HSwish, HSigmoid };
std::string_view act_name(Act a);

// Pooling attached to a layer's input or output (not counted in MACs, as in OFA's counter).
enum class Pool : uint8_t {
  None,
  Avg,        // AvgPool(stride x stride, ceil_mode) before a ResNet downsample conv
  GlobalAvg,  // global average pool (SE reduce, MBv3 feature mix, classifiers)
  Max3x3s2,   // ResNet max pool after the stem
};
std::string_view pool_name(Pool p);

// A SuperNet layer at its maximum shape. Spatial sizes are for the SuperNet instance's input
// resolution (SuperNet::get(arch, r); 224x224 by default) and do not depend
// on the SubNet (OFA's elastic dimensions never change strides).
struct SuperLayer {
  std::string name;
  LayerKind kind = LayerKind::Conv;
  uint32_t k_max = 0;       // output channels K
  uint32_t c_max = 0;       // input channels C
  uint32_t kernel_max = 1;  // kernel size k (square)
  uint32_t kernel_min = 1;  // smallest kernel a SubNet may use here
  uint32_t stride = 1;
  uint32_t in_h = 1, in_w = 1, out_h = 1, out_w = 1;
  Act act = Act::None;
  Pool pre_pool = Pool::None;   // applied to the input before the conv
  Pool post_pool = Pool::None;  // applied to the output after the activation
  bool residual_add = false;    // output += shortcut (identity or the block's downsample conv)
  bool act_before_add = false;  // activation precedes the residual add (ResNet stem residual)
  int shortcut_layer = -1;      // layer producing the shortcut; -1 = the block's input (identity)
  bool se_scaled_input = false; // input is the depthwise output scaled by the block's SE vector
  bool optional = false;      // may be excluded by depth (elastic block or skippable stem conv)
  int stage = -1;             // elastic stage index (-1: stem/head)
  int block = -1;             // global block index of the elastic block (-1: none)
  int group = -1;             // residual group: layers sharing one block input (-1: none)
};

// Nested region of one layer: the first k output channels, first c input channels and the centre
// kernel x kernel taps. Not included => all fields zero.
struct Region {
  bool included = false;
  uint32_t k = 0;
  uint32_t c = 0;
  uint32_t kernel = 0;
  bool operator==(const Region& o) const {
    return included == o.included && k == o.k && c == o.c && kernel == o.kernel;
  }
  bool operator!=(const Region& o) const { return !(*this == o); }
};

inline bool is_depthwise(LayerKind k) { return k == LayerKind::DwConv; }

// Weight elements of a region: K*C*k*k, or K*k*k for depthwise (C/groups = 1). Biases excluded.
uint64_t weight_elements(const SuperLayer& l, const Region& r);
// MACs of a region: out_h*out_w*weight_elements (SE convs and Linear have a 1x1 output map).
uint64_t region_macs(const SuperLayer& l, const Region& r);
// Input channels per group of the weight tensor under a region (1 for depthwise).
inline uint32_t weight_in_channels(const SuperLayer& l, const Region& r) {
  return is_depthwise(l.kind) ? (r.included ? 1u : 0u) : r.c;
}

}  // namespace sushi::supernet
