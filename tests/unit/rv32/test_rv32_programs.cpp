// C programs on the RV32 core with the firmware's start-up, trap handler and HAL: a compute
// kernel checked against the same C compiled for the host, energy per instruction class, and
// the fault records of hal_fault and of bus errors of a load and of a block transfer (with the
// program counter).
#include <gtest/gtest.h>

#include "compute_kernel.h"
#include "rv32_testbench.h"
#include "sushi/fw_faults.h"
#include "sushi/rv32_local.h"

using namespace sushi;
using sushi::test::Rv32Bench;
using sushi::test::rv32_program;

TEST(Rv32Programs, ComputeKernelMatchesTheHostBuild) {
  Rv32Bench b(rv32_program("compute"));
  b.run();
  ASSERT_FALSE(b.cpu->fault().raised) << b.cpu->fault().message;
  const auto sig = b.signature(2);
  EXPECT_EQ(sig[0], sushi_compute_kernel(1000));
  EXPECT_EQ(sig[1], 0x600dc0deu);
}

TEST(Rv32Programs, EnergyIsCountPerClassTimesTheTableEntry) {
  Rv32Bench b(rv32_program("compute"));
  b.run();
  // The bench's table: class i costs 10 x (i + 1) pJ per retired instruction.
  double want = 0;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < rv32::kInsnClasses; ++i) {
    want += static_cast<double>(b.cpu->core().class_counts()[i]) * 10.0 * static_cast<double>(i + 1);
    total += b.cpu->core().class_counts()[i];
  }
  EXPECT_EQ(total, b.cpu->core().instret());
  Json st = Json::object();
  b.cpu->report_stats(st);
  EXPECT_DOUBLE_EQ(st["energy_pJ"].get<double>(), want);
  EXPECT_DOUBLE_EQ(b.ledger.total_pj(), want);
  // No bus access and no sleep: simulated time is the cycles at 1 ns each.
  EXPECT_EQ(st["busy_ps"].get<std::uint64_t>(), b.cpu->core().cycles() * 1000);
}

TEST(Rv32Programs, HalFaultRecordsCodeMessageAndPc) {
  Rv32Bench b(rv32_program("fault1"));
  b.run();
  const FirmwareFault& f = b.cpu->fault();
  ASSERT_TRUE(f.raised);
  EXPECT_EQ(f.code, 0x42u);
  EXPECT_EQ(f.message.rfind("demo fault from the firmware (pc 0x", 0), 0u) << f.message;
  // The pc is the call to hal_fault inside fault_site.
  const std::uint32_t site = b.sym("fault_site");
  EXPECT_GE(b.cpu->fault_pc(), site);
  EXPECT_LT(b.cpu->fault_pc(), site + 32);
}

TEST(Rv32Programs, BusErrorIsABusFaultWithTheLoadPc) {
  Rv32Bench b(rv32_program("fault2"));
  b.run();
  const FirmwareFault& f = b.cpu->fault();
  ASSERT_TRUE(f.raised);
  EXPECT_EQ(f.code, SUSHI_FAULT_BUS);
  EXPECT_NE(f.message.find("load access fault: bus error"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("at address 0x90000000"), std::string::npos) << f.message;
  EXPECT_TRUE(b.fault_pc_is_in("hal_read32", 0x03u)) << "pc " << b.cpu->fault_pc();  // at a load
}

TEST(Rv32Programs, BlockTransferBusErrorIsABusFaultWithTheStartStorePc) {
  Rv32Bench b(rv32_program("fault3"));
  b.run();
  const FirmwareFault& f = b.cpu->fault();
  ASSERT_TRUE(f.raised);
  EXPECT_EQ(f.code, SUSHI_FAULT_BUS);
  // The START store faults (mcause 7, mtval its register's address); the message names the
  // block's bus address.
  EXPECT_NE(f.message.find("store access fault: bus error: TLM_ADDRESS_ERROR_RESPONSE at address 0x90000000 "
                           "[mcause 7, mtval 0x02000050]"),
            std::string::npos)
      << f.message;
  EXPECT_TRUE(b.fault_pc_is_in("hal_read", 0x23u)) << "pc " << b.cpu->fault_pc();  // at a store
  EXPECT_EQ(b.bus->accesses, 1u);  // one transaction for the 16-byte block
}

TEST(Rv32Programs, HalMovesBlocksAndWordsAndSleepsUntilTheInterrupt) {
  Rv32CpuParams p = Rv32Bench::hal_params();
  Rv32Bench b(p);
  b.run();
  ASSERT_FALSE(b.cpu->fault().raised) << b.cpu->fault().message;
  EXPECT_EQ(b.cpu->exit_code(), 0u);
  const std::vector<std::uint32_t> want = {
      0xA0000000u,  // boot info read from 0x0 (accel_regs)
      8,            // upper half of image_addr 0x8_4000_0000
      7,            // a 32-bit field after the 64-bit ones: same layout on both sides
      1,            // hal_write then hal_read of 11 unaligned bytes at 0x1_0000_0003
      0xfeedf00du,  // hal_write32 / hal_read32 at 0x8000_0100
      1,            // hal_wait_for_interrupt returned at MTIME >= 20 us (the line rose then)
      0x600du,
      0x5a5aa5a5u,  // hal_write32 / hal_read32 at 0x1_0000_0020, through the window
  };
  EXPECT_EQ(b.signature(want.size()), want);
  for (std::uint32_t i = 0; i < 11; ++i) EXPECT_EQ(b.bus->high[3 + i], static_cast<std::uint8_t>(i * 7 + 1)) << i;
  // One bus transaction per block (as in host mode), one per word: the block write and read,
  // the words at 0x8000_0100 and through the window (a write and a read each), the acknowledge.
  EXPECT_EQ(b.bus->accesses, 7u);
  Json st = Json::object();
  b.cpu->report_stats(st);
  EXPECT_EQ(st["wfi_count"], 1);  // one sleep; the interrupt was then taken once
  EXPECT_EQ(b.cpu->core().traps(), 1u);
}
