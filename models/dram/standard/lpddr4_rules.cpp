// LPDDR4 (JEDEC JESD209-4B), with the distances DRAMSys's CheckerLPDDR4 enforces.
//
// ACT, RD and WR are two-part commands of 4 clock cycles (ACT-1 + ACT-2, RD-1/WR-1 + CAS-2);
// PRE and REF are one 2-cycle command. JEDEC counts a two-part command's timings from its second
// part, 2 cycles after its first cycle, so between first cycles a timing grows by 2 from a
// two-part command to PRE/REF and shrinks by 2 from PRE/REF to ACT:
//   PRE -> ACT tRP - 2, ACT -> PRE tRAS + 2, REF -> ACT tRFC - 2, ACT -> REF tRC + 2,
//   REFpb -> ACT (another bank) tRRD - 2, ACT -> REFpb tRRD + 2 (DRAMSys: the same offsets).
// Data: RD -> first data RL + tDQSCK + 3, WR -> first data WL + tDQSS + tDQS2DQ + 3 (counted
// from the command's last cycle; DRAMSys MemSpecLPDDR4::getIntervalOnDataStrobe).
#include <algorithm>

#include "dram/dram_params.h"
#include "dram/standard/timing_rules.h"

namespace sushi::dram {

TimingRules lpddr4_timing_rules(const DramSpec& spec) {
  const DramTiming& t = spec.t;
  constexpr Cycle kSecondPart = 2;  // ACT-2 / CAS-2 start 2 cycles after the command's first
  constexpr Cycle kLastCycle = 3;   // a 4-cycle command's last cycle
  TimingRules r;
  r.burst = spec.org.burst_length / 2;
  r.read_delay = Cycle(t.RL) + t.tDQSCK + kLastCycle;
  r.write_delay = Cycle(t.WL) + t.tDQSS + t.tDQS2DQ + kLastCycle;
  r.act_to_cas = t.tRCD;
  r.act_to_pre = Cycle(t.tRAS) + kSecondPart;
  r.pre_to_act = std::max<Cycle>(0, Cycle(t.tRP) - kSecondPart);
  r.act_to_act = t.tRC;
  // RD -> PRE: BL/2 + max(8, tRTP) - 8 from CAS-2 (JESD209-4B; DRAMSys tRDPRE = tRTP + BL/2 - 6
  // for PREab; its per-bank rule uses tRRD + 2 instead, see docs/dram.md).
  r.rd_to_pre = r.burst + std::max<Cycle>(8, t.tRTP) - 8 + kSecondPart;
  // WR -> PRE: WL + 1 + BL/2 + tWR from CAS-2 (DRAMSys tWRPRE = 2 tCK + WL + tCK + BL/2 + tWR),
  // written against the end of the write data (WR + write_delay + BL/2).
  const Cycle wr_to_pre = Cycle(t.WL) + 1 + r.burst + t.tWR + kSecondPart;
  r.wr_data_to_pre = wr_to_pre - (r.write_delay + r.burst);
  r.act_to_act_s = t.tRRD_S;
  r.act_to_act_l = t.tRRD_L;
  r.faw = t.tFAW;
  r.cas_to_cas_s = t.tCCD_S;
  r.cas_to_cas_l = t.tCCD_L;
  // WR -> RD: WL + 1 + BL/2 + tWTR (DRAMSys tWRRD), against the end of the write data.
  r.wr_data_to_rd_s = Cycle(t.WL) + 1 + r.burst + t.tWTR_S - (r.write_delay + r.burst);
  r.wr_data_to_rd_l = Cycle(t.WL) + 1 + r.burst + t.tWTR_L - (r.write_delay + r.burst);
  // Data bus. Same rank, RD -> WR: RL + tDQSCK + BL/2 - WL + tWPRE + tRPST (DRAMSys tRDWR; tRPST
  // in whole cycles, JEDEC rounds it down), as an idle gap after the read data:
  // (RD -> WR) + write_delay - (read_delay + BL/2) = tWPRE + tRPST + tDQSS + tDQS2DQ.
  auto gap = [&](Cycle rd_to_wr_or_wr_to_rd, Cycle first_delay, Cycle second_delay) {
    return std::max<Cycle>(0, rd_to_wr_or_wr_to_rd + second_delay - (first_delay + r.burst));
  };
  const Cycle rd_to_wr = Cycle(t.RL) + t.tDQSCK + r.burst - t.WL + t.tWPRE + t.tRPST;
  r.bus_gap[TimingRules::bus_gap_index(false, false, true)] = gap(rd_to_wr, r.read_delay, r.write_delay);
  // Another rank: RD -> RD and WR -> WR BL/2 + tRTRS; RD -> WR RL + BL/2 + tRTRS - WL (tRDWR_R);
  // WR -> RD WL + BL/2 + tRTRS - RL (tWRRD_R). Never below 0 (the bursts cannot overlap).
  r.bus_gap[TimingRules::bus_gap_index(true, false, false)] = t.tRTRS;
  r.bus_gap[TimingRules::bus_gap_index(true, true, true)] = t.tRTRS;
  r.bus_gap[TimingRules::bus_gap_index(true, false, true)] =
      gap(Cycle(t.RL) + r.burst + t.tRTRS - t.WL, r.read_delay, r.write_delay);
  r.bus_gap[TimingRules::bus_gap_index(true, true, false)] =
      gap(Cycle(t.WL) + r.burst + t.tRTRS - t.RL, r.write_delay, r.read_delay);
  r.act_to_ref_extra = kSecondPart;
  r.ref_to_act_less = kSecondPart;
  r.refpb_is_act = true;
  r.refpb_act_offset = kSecondPart;
  return r;
}

}  // namespace sushi::dram
