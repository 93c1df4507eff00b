// SRAM energy per access and leakage, keyed by array size and word width (default table:
// vp_configs/energy/sram-45nm-cacti.yaml, CACTI 7 figures with sources).
//
// Lookup rules (docs/sram.md):
//  - The size looked up is the size of ONE bank (an access activates one bank); leakage is per
//    bank and the array leaks banks x that.
//  - Between two size rows of one word width: piecewise power law, i.e. linear interpolation of
//    log(value) against log2(size).
//  - Below the smallest size row: access energy is clamped to the smallest row (conservative:
//    smaller arrays cost less); leakage scales in proportion to size (leakage ~ cell count).
//  - Above the largest size row: error (split the array into more banks).
//  - Word widths between two table widths: linear in bits between the two widths' values (each
//    taken at the looked-up size); outside the table's widths: scaled per bit from the nearest
//    width (value x bits / nearest_bits).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/energy_table.h"

namespace sushi::sram {

struct SramAccessRow {
  std::uint64_t size_bytes = 0;
  std::uint32_t word_bits = 0;
  double read_pj = 0.0;
  double write_pj = 0.0;
  std::string source;
  std::string origin;  // file:line
};

struct SramLeakageRow {
  std::uint64_t size_bytes = 0;
  double watts = 0.0;
  std::string source;
  std::string origin;
};

// A memory primitive of an FPGA (UltraRAM, block RAM): a fixed width and depth, an energy per
// access of one primitive and a static power per primitive in use. An array built from them is
// ceil(word / width) primitives side by side and as many rows as its depth needs (the banks of
// a small array share a primitive's depth); an access enables one row: the primitives side by
// side (a cascade enables one block at a time: XPE / Power Design Manager, "Cascade Group
// Size"); every primitive in use draws its static power (UG440, "Design Static Power").
struct SramBlock {
  std::string name;
  std::uint32_t width_bits = 0;
  std::uint64_t depth = 0;  // words of width_bits
  double read_pj = 0.0, write_pj = 0.0;  // per access of one primitive
  double static_w = 0.0;                 // per primitive in use
  std::string source;
  std::string origin;
};

// Which primitive an array is built from: the first rule whose `array` is the array's name or
// a dot-separated suffix of it ("accel.pb" matches "soc.accel.pb"); "*" matches any array.
struct SramBlockRule {
  std::string array;
  std::string block;
  std::string origin;
};

// What one array costs: energy entries ready for the EnergyLedger (read/write per word access,
// leakage in pJ per ps of simulated time, i.e. numerically watts), each with the source and the
// interpolation applied in `given`.
struct SramEnergy {
  EnergyEntry read;
  EnergyEntry write;
  EnergyEntry leakage;
};

class SramEnergyTable {
 public:
  std::string name = "unnamed";
  std::string file;  // where it was loaded from (for messages)
  // A table is either CACTI-style (access and leakage rows by size, interpolated) or FPGA-style
  // (blocks and the rules that assign them to arrays).
  std::vector<SramAccessRow> access;
  std::vector<SramLeakageRow> leakage;
  std::vector<SramBlock> blocks;
  std::vector<SramBlockRule> rules;

  // Energy of an array built from `banks` banks of `bank_bytes` with `word_bits` words; `array`
  // (its name, e.g. "soc.accel.pb") chooses the primitive of a block table.
  // Throws SramError when the bank is larger than the table covers or the table is empty.
  SramEnergy lookup(std::uint64_t bank_bytes, std::uint32_t word_bits, std::uint32_t banks,
                    const std::string& array = "") const;

 private:
  SramEnergy lookup_blocks(std::uint64_t bank_bytes, std::uint32_t word_bits, std::uint32_t banks,
                           const std::string& array) const;
};

// Loads a table file (format: docs/sram.md). Errors name file:line:col and the key path.
SramEnergyTable load_sram_energy_table(const std::string& path);

}  // namespace sushi::sram
