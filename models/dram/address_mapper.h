// Decodes a local byte address into channel, rank, bank group, bank, row and burst column
// following an AddressMappingSpec (bit fields above the burst offset, least significant first).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "dram_params.h"

namespace sushi::dram {

struct DramCoord {
  std::uint32_t channel = 0, rank = 0, bank_group = 0, bank = 0, row = 0, column = 0;
};

class AddressMapper {
 public:
  AddressMapper(const DramSpec& spec, const AddressMappingSpec& mapping);

  DramCoord decode(std::uint64_t addr) const {
    DramCoord c = decode_plain(addr);
    if (xor_) {  // bank ^= row low bits, bank group ^= the row bits above them
      c.bank ^= c.row & bank_mask_;
      c.bank_group ^= (c.row >> bank_bits_) & bg_mask_;
    }
    return c;
  }
  DramCoord decode_plain(std::uint64_t addr) const {
    const std::uint64_t a = addr >> offset_bits_;
    if (!two_pieces_) return decode_steps(a);
    // Each field in at most two pieces (every shipped mapping): independent shifts and masks,
    // no loop and no stores through pointers (which stall the loads that follow).
    DramCoord c;
    c.channel = field(a, 0);
    c.rank = field(a, 1);
    c.bank_group = field(a, 2);
    c.bank = field(a, 3);
    c.row = field(a, 4);
    c.column = field(a, 5);
    return c;
  }

  std::uint32_t offset_bits() const { return offset_bits_; }
  std::uint64_t burst_bytes() const { return std::uint64_t(1) << offset_bits_; }
  std::uint64_t capacity() const { return capacity_; }
  const AddressMappingSpec& spec() const { return spec_; }

 private:
  struct Step {
    std::uint8_t field;      // index into DramCoord order: ch, ra, bg, ba, ro, co
    std::uint8_t bits;
    std::uint8_t dst_shift;  // position of these bits inside the field
    std::uint64_t mask;
  };
  DramCoord decode_steps(std::uint64_t a) const {
    DramCoord c;
    std::uint32_t* dst[6] = {&c.channel, &c.rank, &c.bank_group, &c.bank, &c.row, &c.column};
    for (const auto& s : steps_) {
      *dst[s.field] |= static_cast<std::uint32_t>((a & s.mask) << s.dst_shift);
      a >>= s.bits;
    }
    return c;
  }
  struct Piece {
    std::uint8_t src = 0, dst = 0;  // bit position in the burst index, in the field
    std::uint64_t mask = 0;         // 0: unused piece
  };
  std::uint32_t field(std::uint64_t a, int f) const {
    const Piece* p = pieces_[static_cast<std::size_t>(f)];
    const auto v = static_cast<std::uint32_t>(((a >> p[0].src) & p[0].mask) << p[0].dst);
    if (p[1].mask == 0) return v;  // the same way on every call for a given mapping
    return v | static_cast<std::uint32_t>(((a >> p[1].src) & p[1].mask) << p[1].dst);
  }

  AddressMappingSpec spec_;
  std::vector<Step> steps_;
  Piece pieces_[6][2];  // per field (DramCoord order), when two_pieces_
  bool two_pieces_ = true;
  std::uint32_t offset_bits_ = 0;
  std::uint64_t capacity_ = 0;
  bool xor_ = false;
  std::uint32_t bank_mask_ = 0, bank_bits_ = 0, bg_mask_ = 0;
};

}  // namespace sushi::dram
