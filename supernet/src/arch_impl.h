// Internal: per-architecture layer builders and SubNet -> region mapping.
#pragma once
#include <vector>

#include "supernet/layer.h"
#include "supernet/subnet.h"

namespace sushi::supernet::detail {

std::vector<SuperLayer> resnet50_layers(uint32_t resolution);
std::vector<Region> resnet50_regions(const SubNetConfig& s);

std::vector<SuperLayer> mbv3_layers(Arch a, uint32_t resolution);
std::vector<Region> mbv3_regions(const SubNetConfig& s);

// Output size of a strided layer. Every strided op of both SuperNets has this size: 3x3 convs and
// k x k depthwise convs with padding k // 2 (floor((h + 2 (k // 2) - k) / s) + 1), the ResNet
// max-pool 3x3/2 with padding 1 and the downsample AvgPool(s, s, ceil_mode=True).
inline uint32_t strided(uint32_t h, uint32_t stride) { return (h + stride - 1) / stride; }

inline Region region(uint32_t k, uint32_t c, uint32_t kernel) { return Region{true, k, c, kernel}; }

}  // namespace sushi::supernet::detail
