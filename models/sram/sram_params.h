// Parameters of one on-chip SRAM array (scratchpad, buffer). Plain struct: the model never reads
// YAML. SramParams::describe() declares every sram.<name>.* key once (models/common/params.h): the
// schema (sram.*), the config mapping (platform/soc/soc.cpp), the defaults and validate()'s range
// checks come from it. The accelerator's buffers are SramParams too, built in code and checked
// against the same ranges under their own key prefix (accel.pb). Tests construct it directly.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "util/param_error.h"
#include "util/params.h"

namespace sushi::sram {

// Bad parameters or bad accesses (outside the capacity). The message names the key path or the
// array, the offending value and the allowed range.
class SramError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Bad parameters (SramParams::validate). key() is the key "<prefix>.<name>" declared in
// SramParams::describe ("sram.scratch.word"), what() starts with it, message() is the rest.
class SramParamError : public params::KeyedError<SramError> {
 public:
  using KeyedError::KeyedError;
};

// The largest SRAM array, stated once: sram.<name>.size and the accelerator's buffers
// (accel.pb.size, ...), which are SRAM arrays too, declare it as their upper bound.
inline constexpr char kMaxCapacity[] = "1 GiB";

struct SramParams {
  // Defaults of the declared members: describe(). The capacity has none (sram.<name>.size is
  // required); a struct built in code starts at 64 KiB.
  SramParams() { params::apply_defaults(*this); }

  std::uint64_t capacity_bytes = 64 * 1024;  // total size of the array, bytes
  std::uint32_t word_bytes;                  // width of one bank word (and of one port), bytes
  std::uint32_t banks;                       // word-interleaved banks: word i lives in bank i % banks
  std::uint32_t ports;                       // independent access ports; each issues 1 word/cycle
  std::uint64_t clock_period_ps;             // array clock period (1 GHz = 1000 ps)
  std::uint32_t read_latency_cycles;         // issue of the last word -> data out, cycles
  std::uint32_t write_latency_cycles;        // issue of the last word -> write retired, cycles
  // Cycles a bank stays busy after accepting a word (the "cycle window" of a bank conflict): a
  // second word to the same bank inside this window waits until the window closes.
  std::uint32_t bank_busy_cycles;

  std::uint64_t bank_bytes() const { return capacity_bytes / banks; }

  // Every key of one SRAM, under `k`: "sram.*" (the schema) or an instance ("sram.scratch").
  // `P` is SramParams or const SramParams. Limits (docs/sram.md, "Parameters", says why):
  // size at most 1 GiB (an SRAM target holds every byte in host memory; no on-chip array is
  // larger), a word up to 4 KiB (the accelerator's buffers gang many macros into one wide word),
  // up to 16 ports, a bank busy window up to 64 cycles.
  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "sram.*") {
    using params::Kind;
    v.section("sram",
              "On-chip SRAMs reachable over the NoC (scratchpads), one named instance each "
              "(e.g. sram.scratch). Timing and energy: docs/sram.md.");
    v.integer(k + ".base", params::unbound, std::nullopt, 0, std::nullopt,
              "First byte address of the SRAM in the SoC address map (0x hex allowed)");
    v.quantity(k + ".size", Kind::size, p.capacity_bytes, std::nullopt, "1 B", kMaxCapacity,
               "Capacity (a multiple of word x banks)");
    v.quantity(k + ".word", Kind::size, p.word_bytes, "8 B", "1 B", "4 KiB",
               "Word width of a bank and of a port (one word per port per cycle)");
    v.integer(k + ".banks", p.banks, 1, 1, 1024,
              "Word-interleaved banks (word i in bank i mod banks), a power of two");
    v.integer(k + ".ports", p.ports, 1, 1, 16, "Independent access ports");
    v.quantity(k + ".clock", Kind::frequency, params::period_ps(p.clock_period_ps), "1 GHz", "1 MHz", "10 GHz",
               "Array clock");
    v.integer(k + ".read_latency_cycles", p.read_latency_cycles, 1, 0, 1000, "Last word issued to data out");
    v.integer(k + ".write_latency_cycles", p.write_latency_cycles, 1, 0, 1000, "Last word issued to write retired");
    v.integer(k + ".bank_busy_cycles", p.bank_busy_cycles, 1, 1, 64,
              "Cycles a bank stays busy per word: a second word to the bank inside this window waits");
  }

  // Throws SramParamError naming "<key_prefix>.<key>" (the declared keys) and the allowed range:
  // the declared ranges, then banks a power of two and whole words in every bank.
  void validate(const std::string& key_prefix) const;
};

}  // namespace sushi::sram
