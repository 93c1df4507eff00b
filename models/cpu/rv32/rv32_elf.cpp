#include "cpu/rv32/rv32_elf.h"

#include <cstring>

#include <fmt/format.h>

#include "io/input_file.h"

namespace sushi::rv32 {
namespace {

constexpr std::uint16_t kEtExec = 2, kEmRiscv = 243;
constexpr std::uint32_t kPtLoad = 1, kShtSymtab = 2;

std::uint16_t u16(const std::vector<std::uint8_t>& f, std::size_t at) {
  return static_cast<std::uint16_t>(f[at] | (f[at + 1] << 8));
}
std::uint32_t u32(const std::vector<std::uint8_t>& f, std::size_t at) {
  return static_cast<std::uint32_t>(f[at]) | (static_cast<std::uint32_t>(f[at + 1]) << 8) |
         (static_cast<std::uint32_t>(f[at + 2]) << 16) | (static_cast<std::uint32_t>(f[at + 3]) << 24);
}

}  // namespace

std::string default_firmware_elf() { return SUSHI_RV32_DEFAULT_ELF; }

std::uint32_t ElfImage::symbol(const std::string& name) const {
  auto it = symbols.find(name);
  if (it == symbols.end()) throw Rv32ElfError(fmt::format("ELF has no symbol '{}'", name));
  return it->second;
}

ElfImage read_elf(const std::string& path) {
  std::string bytes;
  try {
    bytes = io::read_input_file(path, "RV32 firmware ELF", io::kDataFileLimit);
  } catch (const io::InputError& e) {
    throw Rv32ElfError(e.what());
  }
  const std::vector<std::uint8_t> f(bytes.begin(), bytes.end());
  auto bad = [&](const std::string& why) { return Rv32ElfError(fmt::format("{}: not an RV32 executable: {}", path, why)); };
  auto need = [&](std::uint64_t off, std::uint64_t len, const char* what) {
    if (off + len > f.size()) throw bad(fmt::format("{} past the end of the file", what));
  };
  need(0, 52, "ELF header");
  if (std::memcmp(f.data(), "\x7f" "ELF", 4) != 0) throw bad("no ELF magic");
  if (f[4] != 1) throw bad("not ELFCLASS32 (is it a 64-bit build?)");
  if (f[5] != 1) throw bad("not little-endian");
  if (u16(f, 16) != kEtExec) throw bad("not an executable (ET_EXEC)");
  if (u16(f, 18) != kEmRiscv) throw bad("machine is not RISC-V");

  ElfImage img;
  img.entry = u32(f, 24);
  const std::uint32_t phoff = u32(f, 28), shoff = u32(f, 32);
  const std::uint16_t phentsize = u16(f, 42), phnum = u16(f, 44), shentsize = u16(f, 46), shnum = u16(f, 48);
  if (phnum == 0) throw bad("no program headers");
  need(phoff, std::uint64_t{phentsize} * phnum, "program headers");
  for (std::uint16_t i = 0; i < phnum; ++i) {
    const std::size_t p = phoff + std::size_t{i} * phentsize;
    if (u32(f, p) != kPtLoad) continue;
    const std::uint32_t offset = u32(f, p + 4), vaddr = u32(f, p + 8), filesz = u32(f, p + 16), memsz = u32(f, p + 20);
    if (memsz == 0) continue;
    if (filesz > memsz) throw bad("a segment's file size exceeds its memory size");
    need(offset, filesz, "a segment");
    ElfImage::Segment s;
    s.addr = vaddr;
    s.bytes.assign(memsz, 0);
    std::memcpy(s.bytes.data(), f.data() + offset, filesz);
    img.segments.push_back(std::move(s));
  }
  if (img.segments.empty()) throw bad("no loadable segment");

  // Symbols (optional: a stripped firmware still runs).
  if (shoff != 0 && shnum != 0) {
    need(shoff, std::uint64_t{shentsize} * shnum, "section headers");
    for (std::uint16_t i = 0; i < shnum; ++i) {
      const std::size_t s = shoff + std::size_t{i} * shentsize;
      if (u32(f, s + 4) != kShtSymtab) continue;
      const std::uint32_t off = u32(f, s + 16), size = u32(f, s + 20), link = u32(f, s + 24), entsize = u32(f, s + 36);
      if (link >= shnum || entsize < 16) throw bad("malformed symbol table");
      const std::size_t str = shoff + std::size_t{link} * shentsize;
      const std::uint32_t stroff = u32(f, str + 16), strsize = u32(f, str + 20);
      need(off, size, "symbol table");
      need(stroff, strsize, "string table");
      for (std::uint32_t at = off; at + entsize <= off + size; at += entsize) {
        const std::uint32_t name = u32(f, at);
        if (name == 0 || name >= strsize) continue;
        const char* n = reinterpret_cast<const char*>(f.data() + stroff + name);
        img.symbols[std::string(n, strnlen(n, strsize - name))] = u32(f, at + 4);
      }
    }
  }
  return img;
}

void load_elf(const ElfImage& elf, const std::string& path, std::uint8_t* mem, std::uint32_t mem_bytes,
              std::uint32_t reserved_below) {
  for (const auto& s : elf.segments) {
    const std::uint64_t end = std::uint64_t{s.addr} + s.bytes.size();
    if (s.addr < reserved_below || end > mem_bytes) {
      throw Rv32ElfError(fmt::format(
          "{}: segment [{:#x}, {:#x}) lies outside the core's local memory [{:#x}, {:#x}) "
          "(cpu.rv32.local_memory; below {:#x} is the boot info block)",
          path, s.addr, end, reserved_below, mem_bytes, reserved_below));
    }
    std::memcpy(mem + s.addr, s.bytes.data(), s.bytes.size());
  }
  if (elf.entry < reserved_below || elf.entry >= mem_bytes) {
    throw Rv32ElfError(fmt::format("{}: entry point {:#x} outside the local memory", path, elf.entry));
  }
}

}  // namespace sushi::rv32
