#include "sram_params.h"

namespace sushi::sram {

namespace {
bool is_pow2(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }
}  // namespace

void SramParams::validate(const std::string& k) const {
  params::check_ranges<SramParamError>(*this, k);
  if (!is_pow2(banks)) throw SramParamError(k + ".banks", std::to_string(banks) + " is not a power of two");
  // Word interleaving needs whole words in every bank.
  if (capacity_bytes % (std::uint64_t{word_bytes} * banks) != 0) {
    throw SramParamError(k + ".size", std::to_string(capacity_bytes) + " B is not a multiple of word x banks = " +
                                          std::to_string(std::uint64_t{word_bytes} * banks) + " B");
  }
}

}  // namespace sushi::sram
