// Loading the RV32 ELF: a missing or malformed file is an error naming the file (the platform
// turns it into a config error on cpu.rv32.elf, exit status 2).
#include <gtest/gtest.h>

#include <fstream>

#include "cpu/rv32/rv32_elf.h"
#include "test_paths.h"

using namespace sushi::rv32;

TEST(Rv32Elf, MissingFileNamesIt) {
  try {
    read_elf("/nonexistent/fw.elf");
    FAIL() << "no error";
  } catch (const Rv32ElfError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/fw.elf: cannot read the RV32 firmware ELF: No such file or directory");
  }
}

TEST(Rv32Elf, NotAnElfNamesFileAndReason) {
  const auto path = (sushi::test::scratch_dir() / "bad.elf").string();
  std::ofstream(path) << "this is not an ELF file, but it is long enough to hold an ELF header.....";
  try {
    read_elf(path);
    FAIL() << "no error";
  } catch (const Rv32ElfError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": not an RV32 executable: no ELF magic");
  }
}

TEST(Rv32Elf, SixtyFourBitElfIsRejected) {
  // An ELF64 header (class 2), as a host or rv64 build would be.
  const auto path = (sushi::test::scratch_dir() / "host.elf").string();
  std::ofstream out(path, std::ios::binary);
  const char hdr[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
  out.write(hdr, sizeof hdr);
  out.close();
  try {
    read_elf(path);
    FAIL() << "no error";
  } catch (const Rv32ElfError& e) {
    EXPECT_NE(std::string(e.what()).find("not ELFCLASS32"), std::string::npos) << e.what();
  }
}
