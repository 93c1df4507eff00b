#include "sram_params.h"

namespace sushi::sram {

namespace {
void require(bool ok, const std::string& key, const std::string& what) {
  if (!ok) throw SramError(key + ": " + what);
}
bool is_pow2(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }
}  // namespace

void SramParams::validate(const std::string& p) const {
  require(word_bytes > 0 && word_bytes <= 4096, p + ".word_bytes",
          std::to_string(word_bytes) + " is outside 1..4096 bytes");
  require(banks > 0 && banks <= 1024, p + ".banks", std::to_string(banks) + " is outside 1..1024");
  require(is_pow2(banks), p + ".banks", std::to_string(banks) + " is not a power of two");
  require(ports > 0 && ports <= 64, p + ".ports", std::to_string(ports) + " is outside 1..64");
  require(capacity_bytes > 0, p + ".capacity_bytes", "0 B: an SRAM must hold at least one word");
  // Word interleaving needs whole words in every bank.
  require(capacity_bytes % (std::uint64_t{word_bytes} * banks) == 0, p + ".capacity_bytes",
          std::to_string(capacity_bytes) + " B is not a multiple of word_bytes x banks = " +
              std::to_string(std::uint64_t{word_bytes} * banks) + " B");
  require(clock_period_ps > 0, p + ".clock_period_ps", "0 ps: the clock must be > 0");
  require(bank_busy_cycles > 0 && bank_busy_cycles <= 64, p + ".bank_busy_cycles",
          std::to_string(bank_busy_cycles) + " is outside 1..64 cycles");
  require(read_latency_cycles <= 1000, p + ".read_latency_cycles",
          std::to_string(read_latency_cycles) + " is outside 0..1000 cycles");
  require(write_latency_cycles <= 1000, p + ".write_latency_cycles",
          std::to_string(write_latency_cycles) + " is outside 0..1000 cycles");
}

}  // namespace sushi::sram
