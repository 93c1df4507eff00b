// LPDDR4 data-path terms and the DRAMSys-equivalent presets. LPDDR4-3200 (DRAMSys
// JEDEC_8Gb_LPDDR4-3200_16bit): RL 28, WL 14, tDQSCK 6, tDQSS 1, tDQS2DQ 2, RD/WR commands of 4
// cycles (latencies count from the last), tRCD 29, tRP 29, BL16 = 8 cycles; tCK 625 ps.
// The shipped lpddr4-3200-x16-2ch memspec has the same terms.
#include <gtest/gtest.h>

#include <set>

#include "config/memspec_loader.h"
#include "dram_test_util.h"
#include "test_paths.h"

namespace sushi::dram::test {
namespace {

TEST(DramLpddr4Terms, ReadAndWriteDataPathTerms) {
  // Read: RD + RL 28 + tDQSCK 6 + 3 (a 4-cycle command, counted from its last cycle) = RD + 37;
  // write: WR + WL 14 + tDQSS 1 + tDQS2DQ 2 + 3 = WR + 20 (DRAMSys
  // MemSpecLPDDR4::getIntervalOnDataStrobe). The shipped memspec has the terms.
  const DramSpec lp = lpddr4_3200_x16_2ch();
  EXPECT_EQ(timing_rules(lp).read_delay, 37);
  EXPECT_EQ(timing_rules(lp).write_delay, 20);
  DramChannel ch(lp, PagePolicy::open, 32);
  // Closed bank: ACT 0, RD 29, data 29 + 37 = 66 .. 74: 74 tCK (without the terms 65).
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 0).data_end, 74);
  // Row hit at 200: RD 200, data end 200 + 37 + 8 = 245: 45 tCK.
  EXPECT_EQ(ch.access(0, 0, 0, 1, false, 200).data_end, 245);
  // Conflict at 400: PRE 400 (ACT 0 + tRAS 68 + 2 and RD 200 + 14 met), ACT 400 + tRP 29 - 2 =
  // 427, RD 456, end 456 + 45 = 501: 101 tCK.
  EXPECT_EQ(ch.access(0, 0, 0, 2, false, 400).data_end, 501);
  // Write to a closed bank at 1000: ACT 1000, WR 1029, data 1029 + 20 = 1049 .. 1057.
  EXPECT_EQ(ch.access(0, 0, 1, 0, true, 1000).data_end, 1057);
}

TEST(DramLpddr4Terms, DramsysPresetsLoadWithTheirTimings) {
  const auto dir = sushi::test::source_dir() / "vp_configs/memspecs";
  const DramSpec lp = config::load_memspec((dir / "lpddr4-3200-x16-1ch-dramsys.yaml").string());
  EXPECT_EQ(lp.org.channels, 1u);
  EXPECT_EQ(timing_rules(lp).read_delay, 37);   // 28 + 6 + 3
  EXPECT_EQ(timing_rules(lp).write_delay, 20);  // 14 + 1 + 2 + 3
  EXPECT_EQ(lp.t.tWPRE, 2u);
  EXPECT_EQ(lp.t.tRPST, 0u);
  EXPECT_EQ(lp.t.tRPab, 34u);
  EXPECT_EQ(lp.t.tRC, 97u);
  EXPECT_EQ(lp.t.tRFCpb, 224u);
  EXPECT_EQ(lp.t.tREFIpb, 780u);
  const DramSpec d4 = config::load_memspec((dir / "ddr4-2400-x64-dramsys.yaml").string());
  EXPECT_EQ(d4.t.WL, 16u);
  EXPECT_EQ(d4.t.tRTP, 12u);
  EXPECT_EQ(timing_rules(d4).read_delay, 16);  // DDR4: RL includes everything
  EXPECT_EQ(d4.org.capacity_bytes(), 4ull << 30);
}

TEST(DramAddressHashing, XorSpreadsRowsOfOneBankOverTheBanks) {
  // DDR4 default mapping bg:2,co:7,ba:2,ro:15 (above 6 offset bits): bank bits 15-16, row 17-31.
  // Row 5 = 0b101, bank 0, bank group 0: hashed bank = 0 ^ (5 & 3) = 1, bank group
  // = 0 ^ ((5 >> 2) & 3) = 1.
  DramSpec spec = ddr4_2400_x64();
  AddressMappingSpec m;
  m.hashing = BankHashing::xor_row;
  const AddressMapper hashed(spec, m), plain(spec, {});
  const DramCoord c = hashed.decode(d4_addr(0, 0, 5));
  EXPECT_EQ(c.bank, 1u);
  EXPECT_EQ(c.bank_group, 1u);
  EXPECT_EQ(c.row, 5u);
  EXPECT_EQ(plain.decode(d4_addr(0, 0, 5)).bank, 0u);
  // A bijection: the 16 banks of one row map to 16 distinct banks.
  std::set<std::uint32_t> seen;
  for (std::uint32_t bg = 0; bg < 4; ++bg) {
    for (std::uint32_t b = 0; b < 4; ++b) {
      const DramCoord x = hashed.decode(d4_addr(bg, b, 7));
      seen.insert(x.bank_group * 4 + x.bank);
    }
  }
  EXPECT_EQ(seen.size(), 16u);
  EXPECT_THROW(parse_name(kBankHashingNames, "xor_row", "dram.main.bank_hashing"), DramParamError);
}

TEST(DramAddressHashing, XorHashingGivesTheSameResultAsBurstByBurst) {
  // With hashing the controller schedules every request burst by burst; a 4 KiB request's end
  // equals the end of its 64 bursts sent as 64 B requests.
  EnergyLedger l1, l2;
  DramParams p = ddr4();
  p.mapping.hashing = BankHashing::xor_row;
  DramController a("a", p, l1), b("b", p, l2);
  const std::uint64_t end_a = a.access_ps(d4_addr(0, 1, 9), 4096, false, 0);
  std::uint64_t end_b = 0;
  for (std::uint64_t off = 0; off < 4096; off += 64) end_b = b.access_ps(d4_addr(0, 1, 9) + off, 64, false, 0);
  EXPECT_EQ(end_a, end_b);
  EXPECT_EQ(a.channel(0).counters().act, b.channel(0).counters().act);
}

}  // namespace
}  // namespace sushi::dram::test
