// Internal: per-architecture layer builders and SubNet -> region mapping.
#pragma once
#include <vector>

#include "supernet/layer.h"
#include "supernet/subnet.h"

namespace sushi::supernet::detail {

std::vector<SuperLayer> resnet50_layers();
std::vector<Region> resnet50_regions(const SubNetConfig& s);

std::vector<SuperLayer> mbv3_layers(Arch a);
std::vector<Region> mbv3_regions(const SubNetConfig& s);

inline Region region(uint32_t k, uint32_t c, uint32_t kernel) { return Region{true, k, c, kernel}; }

}  // namespace sushi::supernet::detail
