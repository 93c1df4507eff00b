// Internal: rules the OFA family files share, and the factory of each family the registry lists.
#pragma once
#include <cstdint>

#include "supernet/family.h"
#include "supernet/layer.h"

namespace sushi::supernet::detail {

// OFA trains every SuperNet with elastic resolution (train_ofa_net.py: image_size
// "128,160,192,224", continuous_size=True, MyRandomResizedCrop IMAGE_SIZE_SEG = 4), so a SubNet may
// run at any multiple of 4 from 128 to 224 pixels.
constexpr int kOfaMinResolution = 128;
constexpr int kOfaMaxResolution = 224;
constexpr int kOfaResolutionStep = 4;

// Output size of a strided layer. Every strided op of both SuperNets has this size: 3x3 convs and
// k x k depthwise convs with padding k // 2 (floor((h + 2 (k // 2) - k) / s) + 1), the ResNet
// max-pool 3x3/2 with padding 1 and the downsample AvgPool(s, s, ceil_mode=True).
inline uint32_t strided(uint32_t h, uint32_t stride) { return (h + stride - 1) / stride; }

inline Region region(uint32_t k, uint32_t c, uint32_t kernel) { return Region{true, k, c, kernel}; }

// The families (one file each); registry.cpp lists them.
const Family& ofa_resnet50_family();
const Family& ofa_mbv3_w10_family();
const Family& ofa_mbv3_w12_family();

}  // namespace sushi::supernet::detail
