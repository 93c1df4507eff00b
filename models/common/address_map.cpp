#include "address_map.h"

#include <algorithm>
#include <fmt/format.h>

namespace sushi {

void AddressMap::add(const AddressRegion& r) {
  if (r.size == 0) throw AddressMapError(r.name, "region '" + r.name + "' has size 0");
  if (r.base + r.size < r.base) {
    throw AddressMapError(r.name, "region '" + r.name + "' extends past the 64-bit address space");
  }
  for (const auto& o : regions_) {
    if (r.base < o.end() && o.base < r.end()) {
      throw AddressMapError(
          r.name, fmt::format("region '{}' [{:#x}, {:#x}) overlaps region '{}' [{:#x}, {:#x})",
                              r.name, r.base, r.end(), o.name, o.base, o.end()));
    }
  }
  auto pos = std::lower_bound(regions_.begin(), regions_.end(), r,
                              [](const AddressRegion& a, const AddressRegion& b) { return a.base < b.base; });
  regions_.insert(pos, r);
}

std::optional<AddressRegion> AddressMap::decode(std::uint64_t addr, std::uint64_t len) const {
  auto it = std::upper_bound(regions_.begin(), regions_.end(), addr,
                             [](std::uint64_t a, const AddressRegion& r) { return a < r.base; });
  if (it == regions_.begin()) return std::nullopt;
  --it;
  if (addr >= it->end()) return std::nullopt;
  if (len > it->end() - addr) return std::nullopt;
  return *it;
}

}  // namespace sushi
