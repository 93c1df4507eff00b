// The shipped memspecs as C++ values. vp_configs/memspecs/*.yaml hold the same numbers with
// their units and sources; tests/unit/dram/test_memspec_loader.cpp checks that both agree.
#include "dram_params.h"

namespace sushi::dram {
namespace {
constexpr double ns = 1000.0;  // ps per ns
}

DramSpec ddr4_2400_x64() {
  DramSpec s;
  s.name = "DDR4-2400 x64 channel (8 x Micron MT40A512M8 4Gb x8, 1 rank)";
  s.memory_type = "DDR4";
  s.clock_hz = 1200000000;  // 2400 MT/s
  s.organisation_source = "Micron 4Gb DDR4 SDRAM datasheet MT40A512M8 (x8: 4 bank groups x 4 banks, 32K rows, 1K columns)";
  auto& o = s.org;
  o.channels = 1; o.ranks = 1; o.bank_groups = 4; o.banks_per_group = 4;
  o.rows = 32768; o.columns = 1024; o.device_width = 8; o.devices_per_rank = 8; o.burst_length = 8;
  s.timing_source = "JEDEC JESD79-4B DDR4 speed bin DDR4-2400R (16-16-16), x8 (1 KB page)";
  auto& t = s.t;
  const auto c = s.clock_hz;
  t.RL = 16;                                  // CL 16, AL 0
  t.WL = 12;                                  // CWL 12, AL 0
  t.tRCD = time_to_nck_jedec(13.32 * ns, c);  // 16
  t.tRP = time_to_nck_jedec(13.32 * ns, c);   // 16
  t.tRAS = time_to_nck_jedec(32 * ns, c);     // 39
  t.tRC = time_to_nck_jedec(45.32 * ns, c);   // 55
  t.tCCD_S = 4;
  t.tCCD_L = 6;                               // max(5 nCK, 5 ns)
  t.tRRD_S = 4;                               // max(4 nCK, 3.3 ns)
  t.tRRD_L = 6;                               // max(4 nCK, 4.9 ns)
  t.tFAW = time_to_nck_jedec(21 * ns, c);     // 26
  t.tWR = time_to_nck_jedec(15 * ns, c);      // 18
  t.tWTR_S = 3;                               // max(2 nCK, 2.5 ns)
  t.tWTR_L = 9;                               // max(4 nCK, 7.5 ns)
  t.tRTP = 9;                                 // max(4 nCK, 7.5 ns)
  t.tRFC = time_to_nck_jedec(260 * ns, c);    // 312 (tRFC1, 4Gb)
  t.tREFI = time_to_nck_floor(7800 * ns, c);  // 9360 (0..85 C)
  t.tWPRE = 1;                                // 1 nCK write preamble: RD->WR = RL + BL/2 - WL + 2 nCK
  t.tRPRE = 1;                                // 1 nCK read preamble
  t.tRTRS = 1;
  s.power_source = "Micron 4Gb DDR4 x8 (MT40A512M8) IDD/IPP values as transcribed in DRAMSys memspec "
                   "MICRON_4Gb_DDR4-2400_8bit_A.json (tukl-msd/DRAMSys); per device";
  s.power.rails = {
      {"VDD", 1.2, 60.75e-3, 38.25e-3, 44.0e-3, 184.5e-3, 168.75e-3, 118.0e-3},
      {"VPP", 2.5, 4.05e-3, 0.0, 0.0, 0.0, 0.0, 0.0}};
  s.power.vddq_v = 1.2;
  // POD12 termination (JESD79-4): a low bit drives VDDQ through RON 34 ohm + RTT 48 ohm:
  // 1.2^2 / 82 = 17.56 mW per DQ while low; half the bits low -> 8.78 mW per DQ; / 2.4 Gb/s
  // per DQ = 3.66 pJ/bit. DC termination only (no DQS, C/A, controller PHY switching).
  s.power.io_read_pj_per_bit = 3.66;
  s.power.io_write_pj_per_bit = 3.66;
  s.power.io_source = "derived from JEDEC JESD79-4 POD12 I/O: VDDQ 1.2 V, RON 34 ohm, RTT 48 ohm, "
                      "50% zeros, 2.4 Gb/s per DQ: 1.2^2/82 ohm x 0.5 / 2.4e9 = 3.66 pJ/bit";
  return s;
}

DramSpec lpddr4_3200_x16_2ch() {
  DramSpec s;
  s.name = "LPDDR4-3200 2 x16 channels (JEDEC 16Gb die, 8Gb per channel, 1 rank)";
  s.memory_type = "LPDDR4";
  s.clock_hz = 1600000000;  // 3200 MT/s
  s.organisation_source = "JEDEC JESD209-4B LPDDR4, 8Gb per channel: 8 banks, 64K rows, 1K columns, x16";
  auto& o = s.org;
  o.channels = 2; o.ranks = 1; o.bank_groups = 1; o.banks_per_group = 8;
  o.rows = 65536; o.columns = 1024; o.device_width = 16; o.devices_per_rank = 1; o.burst_length = 16;
  s.timing_source = "JEDEC JESD209-4B LPDDR4-3200 (RL 28 / WL 14 set A, no DBI)";
  auto& t = s.t;
  const auto c = s.clock_hz;
  t.RL = 28;
  t.WL = 14;
  t.tRCD = time_to_nck_jedec(18 * ns, c);     // 29
  t.tRP = time_to_nck_jedec(18 * ns, c);      // 29 (tRPpb: the controller precharges per bank)
  t.tRAS = time_to_nck_jedec(42 * ns, c);     // 68
  t.tRC = time_to_nck_jedec(60 * ns, c);      // 96 (tRAS + tRPpb; the model also enforces 68 + 29)
  t.tCCD_S = 8;
  t.tCCD_L = 8;
  t.tRRD_S = time_to_nck_jedec(10 * ns, c);   // 16
  t.tRRD_L = t.tRRD_S;
  t.tFAW = time_to_nck_jedec(40 * ns, c);     // 64
  t.tWR = time_to_nck_jedec(18 * ns, c);      // 29
  t.tWTR_S = time_to_nck_jedec(10 * ns, c);   // 16
  t.tWTR_L = t.tWTR_S;
  t.tRTP = time_to_nck_jedec(7.5 * ns, c);    // 12
  t.tRFC = time_to_nck_jedec(280 * ns, c);    // 448 (tRFCab, 8Gb per channel)
  t.tREFI = time_to_nck_floor(3904 * ns, c);  // 6246
  t.tRFCpb = time_to_nck_jedec(140 * ns, c);  // 224 (per-bank refresh, 8Gb per channel)
  t.tREFIpb = time_to_nck_floor(488 * ns, c); // 780 (tREFI / 8)
  t.tRTRS = 1;
  // JESD209-4B: tRPab 21 ns, write preamble 2 nCK, read postamble 0.5 nCK (0 whole cycles),
  // DQS output access tDQSCK 1.5-3.5 ns (the maximum, 6 nCK), tDQSS 1 nCK, tDQS2DQ 0.2-0.8 ns
  // (2 nCK); the numbers DRAMSys's JEDEC_8Gb_LPDDR4-3200_16bit.json gives (RPab 34, WPRE 2, RPST 0,
  // DQSCK 6, DQSS 1, DQS2DQ 2).
  t.tRPab = time_to_nck_jedec(21 * ns, c);    // 34
  t.tWPRE = 2;
  t.tRPST = 0;
  t.tDQSCK = 6;
  t.tDQSS = 1;
  t.tDQS2DQ = 2;
  s.power_source = "JEDEC LPDDR4 8Gb x16 IDD values as transcribed in DRAMSys memspec "
                   "JEDEC_8Gb_LPDDR4-3200_16bit.json (tukl-msd/DRAMSys); per channel";
  s.power.rails = {
      {"VDD1", 1.8, 3.5e-3, 2.0e-3, 2.25e-3, 2.25e-3, 2.25e-3, 10.0e-3},
      {"VDD2", 1.1, 45.0e-3, 27.0e-3, 30.0e-3, 275.0e-3, 210.0e-3, 90.0e-3}};
  s.power.rails[0].idd5pb_a = 2.5e-3;  // IDD5PB (DRAMSys idd5pb1 / idd5pb2)
  s.power.rails[1].idd5pb_a = 30.0e-3;
  s.power.vddq_v = 1.1;
  // (IDD4RQ - IDD3NQ) x VDDQ x burst / bits = (150 - 0.75) mA x 1.1 V x 5 ns / 256 = 3.21 pJ/bit;
  // (IDD4WQ - IDD3NQ): (55 - 0.75) mA x 1.1 V x 5 ns / 256 = 1.17 pJ/bit.
  s.power.io_read_pj_per_bit = 3.21;
  s.power.io_write_pj_per_bit = 1.17;
  s.power.io_source = "derived from the same JEDEC LPDDR4 VDDQ currents: (IDD4RQ 150 mA - IDD3NQ 0.75 mA) x 1.1 V "
                      "x 5 ns / 256 bit = 3.21 pJ/bit read; (IDD4WQ 55 mA - 0.75 mA) -> 1.17 pJ/bit write";
  return s;
}

}  // namespace sushi::dram
