#include "address_mapper.h"

namespace sushi::dram {

AddressMapper::AddressMapper(const DramSpec& spec, const AddressMappingSpec& mapping)
    : spec_(mapping.segments.empty() ? default_mapping(spec) : mapping) {
  spec_.hashing = mapping.hashing;
  std::uint32_t bb = spec.org.burst_bytes();
  while ((std::uint64_t(1) << offset_bits_) < bb) ++offset_bits_;
  std::array<std::uint8_t, 6> used{};
  std::uint32_t total = offset_bits_;
  for (const auto& seg : spec_.segments) {
    Step s{};
    switch (seg.field) {
      case AddrField::channel: s.field = 0; break;
      case AddrField::rank: s.field = 1; break;
      case AddrField::bank_group: s.field = 2; break;
      case AddrField::bank: s.field = 3; break;
      case AddrField::row: s.field = 4; break;
      case AddrField::column: s.field = 5; break;
    }
    s.bits = static_cast<std::uint8_t>(seg.bits);
    s.dst_shift = used[s.field];
    s.mask = (std::uint64_t(1) << seg.bits) - 1;
    Piece* pc = pieces_[s.field];
    const int slot = pc[0].mask == 0 ? 0 : pc[1].mask == 0 ? 1 : -1;
    if (slot < 0) {
      two_pieces_ = false;
    } else {
      pc[slot].src = static_cast<std::uint8_t>(total - offset_bits_);
      pc[slot].dst = used[s.field];
      pc[slot].mask = s.mask;
    }
    used[s.field] = static_cast<std::uint8_t>(used[s.field] + seg.bits);
    total += seg.bits;
    steps_.push_back(s);
  }
  capacity_ = std::uint64_t(1) << total;
  xor_ = mapping.hashing == BankHashing::xor_row;
  bank_mask_ = spec.org.banks_per_group - 1;
  while ((1u << bank_bits_) < spec.org.banks_per_group) ++bank_bits_;
  bg_mask_ = spec.org.bank_groups - 1;
}

}  // namespace sushi::dram
