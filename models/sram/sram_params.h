// Parameters of one on-chip SRAM array (scratchpad, buffer). Plain struct: the model never reads
// YAML; platform/config maps config keys onto it and tests construct it directly.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace sushi::sram {

// Bad parameters or bad accesses (outside the capacity). The message names the key path or the
// array, the offending value and the allowed range.
class SramError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct SramParams {
  std::uint64_t capacity_bytes = 64 * 1024;  // total size of the array, bytes
  std::uint32_t word_bytes = 8;              // width of one bank word (and of one port), bytes
  std::uint32_t banks = 1;                   // word-interleaved banks: word i lives in bank i % banks
  std::uint32_t ports = 1;                   // independent access ports; each issues 1 word/cycle
  std::uint64_t clock_period_ps = 1000;      // array clock period (1 GHz = 1000 ps)
  std::uint32_t read_latency_cycles = 1;     // issue of the last word -> data out, cycles
  std::uint32_t write_latency_cycles = 1;    // issue of the last word -> write retired, cycles
  // Cycles a bank stays busy after accepting a word (the "cycle window" of a bank conflict): a
  // second word to the same bank inside this window waits until the window closes.
  std::uint32_t bank_busy_cycles = 1;

  std::uint64_t bank_bytes() const { return capacity_bytes / banks; }

  // Throws SramError naming "<key_prefix>.<field>" and the allowed range.
  void validate(const std::string& key_prefix) const;
};

}  // namespace sushi::sram
