// Per-command DRAM energies from datasheet currents and voltages, the DRAMPower / Micron
// TN-40-07 way. For each core rail (VDD, VPP / VDD1, VDD2), per device, times devices per rank:
//   E_ACT = (IDD0 - IDD3N) x tRAS x V            (row activation above active standby)
//   E_PRE = (IDD0 - IDD2N) x tRP  x V            (precharge above precharged standby)
//     so E_ACT + E_PRE = (IDD0 x tRC - (IDD3N x tRAS + IDD2N x tRP)) x V when tRC = tRAS + tRP
//   E_RD  = (IDD4R - IDD3N) x V x tBURST,   tBURST = BL/2 x tCK
//   E_WR  = (IDD4W - IDD3N) x V x tBURST
//   E_REF = (IDD5 - IDD3N) x V x tRFC            (per rank, all-bank refresh)
//   P_active_standby = IDD3N x V,  P_precharged_standby = IDD2N x V   (background, per rank)
// I/O energy is separate: bits on the bus x pJ/bit from the memspec (with its source).
// Units: A x V x ps = pJ.
#pragma once

#include <string>

#include "common/energy_ledger.h"
#include "dram_channel.h"
#include "dram_params.h"

namespace sushi::dram {

struct DramCommandEnergy {
  double act_pj = 0, pre_pj = 0, rd_pj = 0, wr_pj = 0, ref_pj = 0;
  double active_standby_w = 0, precharged_standby_w = 0;  // per rank; 1 W = 1 pJ/ps
  double io_rd_pj_per_byte = 0, io_wr_pj_per_byte = 0;
};

// refresh per_bank: E_REF is per REFpb, (IDD5PB - IDD3N) x V x tRFCpb.
DramCommandEnergy compute_command_energy(const DramSpec& spec, RefreshKind refresh = RefreshKind::all_bank);

// Declares one channel's actions ("<component>.act" ...) in category dram and returns their ids.
ChannelEnergyIds declare_channel_energy(EnergyLedger& ledger, const std::string& component,
                                        const DramSpec& spec, RefreshKind refresh = RefreshKind::all_bank);

}  // namespace sushi::dram
