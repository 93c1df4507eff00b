// DDR4 (JEDEC JESD79-4B). Every command takes one clock cycle and its timings count from it, so
// the datasheet values apply as they are. With AL = 0 (the shipped memspecs), DRAMSys's
// CheckerDDR4 enforces the same distances (tRDWR = RL + BL/2 + tCK - WL + tWPRE,
// tRDWR_R = RL + BL/2 + tRTRS - WL + tWPRE, tWRRD_S/L = WL + BL/2 + tWTR_S/L,
// tWRRD_R = WL + BL/2 + tRTRS - RL + tRPRE, tWRPRE = WL + BL/2 + tWR); here they are written
// against the end of the data burst, which is the same thing with write delay WL and read delay RL.
#include "dram/dram_params.h"
#include "dram/standard/timing_rules.h"

namespace sushi::dram {

TimingRules ddr4_timing_rules(const DramSpec& spec) {
  const DramTiming& t = spec.t;
  TimingRules r;
  r.burst = spec.org.burst_length / 2;
  r.read_delay = t.RL;
  r.write_delay = t.WL;
  r.act_to_cas = t.tRCD;
  r.act_to_pre = t.tRAS;
  r.pre_to_act = t.tRP;
  r.act_to_act = t.tRC;
  r.rd_to_pre = t.tRTP;
  r.wr_data_to_pre = t.tWR;
  r.act_to_act_s = t.tRRD_S;
  r.act_to_act_l = t.tRRD_L;
  r.faw = t.tFAW;
  r.cas_to_cas_s = t.tCCD_S;
  r.cas_to_cas_l = t.tCCD_L;
  r.wr_data_to_rd_s = t.tWTR_S;
  r.wr_data_to_rd_l = t.tWTR_L;
  // Data bus, same rank: read data to write data tCK + tWPRE (RD to WR = RL + BL/2 - WL + 2 nCK
  // with the 1 nCK write preamble); write to read is the command rule tWTR above.
  r.bus_gap[TimingRules::bus_gap_index(false, false, true)] = 1 + Cycle(t.tWPRE);
  // Another rank drives the bus: tRTRS, plus the preamble of the direction that follows.
  r.bus_gap[TimingRules::bus_gap_index(true, false, false)] = t.tRTRS;
  r.bus_gap[TimingRules::bus_gap_index(true, true, true)] = t.tRTRS;
  r.bus_gap[TimingRules::bus_gap_index(true, false, true)] = Cycle(t.tRTRS) + t.tWPRE;
  r.bus_gap[TimingRules::bus_gap_index(true, true, false)] = Cycle(t.tRTRS) + t.tRPRE;
  return r;
}

}  // namespace sushi::dram
