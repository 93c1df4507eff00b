// Loading an RV32 ELF executable into the core's local memory: every PT_LOAD segment (file
// bytes, then zeros up to its memory size), the entry point and the symbol table (tests read
// their signature region by symbol). Errors name the file (Rv32ElfError).
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sushi::rv32 {

class Rv32ElfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ElfImage {
  struct Segment {
    std::uint32_t addr = 0;
    std::vector<std::uint8_t> bytes;  // memory size: file bytes followed by zeros
  };
  std::uint32_t entry = 0;
  std::vector<Segment> segments;
  std::map<std::string, std::uint32_t> symbols;

  // The address of a symbol; throws Rv32ElfError if the ELF has no such symbol.
  std::uint32_t symbol(const std::string& name) const;
};

// Reads an ELF32 little-endian RISC-V executable. Throws Rv32ElfError naming `path` when the
// file is missing, unreadable or not such an ELF.
ElfImage read_elf(const std::string& path);

// The firmware ELF built with this simulator (<build>/firmware/rv32/sushi-fw-rv32.elf): the
// default of cpu.rv32.elf. It exists only if the cross-compiler was found at build time.
std::string default_firmware_elf();

// Copies the segments into `mem` (local memory at address 0, `mem_bytes` long). Throws
// Rv32ElfError naming `path` if a segment lies outside [reserved_below, mem_bytes).
void load_elf(const ElfImage& elf, const std::string& path, std::uint8_t* mem, std::uint32_t mem_bytes,
              std::uint32_t reserved_below);

}  // namespace sushi::rv32
