// The SoC address map: named, non-overlapping regions. Interconnects decode with it;
// targets see addresses relative to their region's base.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sushi {

struct AddressRegion {
  std::string name;
  std::uint64_t base = 0;
  std::uint64_t size = 0;
  std::size_t target = 0;  // index of the target port the region belongs to
  std::uint64_t end() const { return base + size; }  // one past the last byte
};

class AddressMapError : public std::invalid_argument {
 public:
  AddressMapError(const std::string& region, const std::string& msg)
      : std::invalid_argument(msg), region_(region) {}
  const std::string& region() const { return region_; }  // the offending region's name

 private:
  std::string region_;
};

class AddressMap {
 public:
  // Throws AddressMapError for an empty region, a region past 2^64, or an overlap (naming both).
  void add(const AddressRegion& r);
  // The region holding [addr, addr+len), or nullopt if unmapped or straddling regions.
  std::optional<AddressRegion> decode(std::uint64_t addr, std::uint64_t len = 1) const;
  const std::vector<AddressRegion>& regions() const { return regions_; }

 private:
  std::vector<AddressRegion> regions_;  // sorted by base
};

}  // namespace sushi
