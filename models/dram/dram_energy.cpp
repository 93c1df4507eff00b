#include "dram_energy.h"

#include <cstdio>

namespace sushi::dram {
namespace {

std::string fmt_pj(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g pJ", v);
  return buf;
}

}  // namespace

DramCommandEnergy compute_command_energy(const DramSpec& spec, RefreshKind refresh) {
  const bool per_bank = refresh == RefreshKind::per_bank;
  const double tck = 1e12 / double(spec.clock_hz);  // ps
  const auto& t = spec.t;
  const double dev = spec.org.devices_per_rank;
  const double burst_ps = spec.org.burst_length / 2 * tck;
  DramCommandEnergy e;
  for (const auto& r : spec.power.rails) {
    const double v = r.voltage_v;
    e.act_pj += (r.idd0_a - r.idd3n_a) * t.tRAS * tck * v * dev;
    e.pre_pj += (r.idd0_a - r.idd2n_a) * t.tRP * tck * v * dev;
    e.rd_pj += (r.idd4r_a - r.idd3n_a) * v * burst_ps * dev;
    e.wr_pj += (r.idd4w_a - r.idd3n_a) * v * burst_ps * dev;
    e.ref_pj += per_bank ? (r.idd5pb_a - r.idd3n_a) * v * t.tRFCpb * tck * dev
                         : (r.idd5_a - r.idd3n_a) * v * t.tRFC * tck * dev;
    e.active_standby_w += r.idd3n_a * v * dev;
    e.precharged_standby_w += r.idd2n_a * v * dev;
  }
  e.io_rd_pj_per_byte = spec.power.io_read_pj_per_bit * 8.0;
  e.io_wr_pj_per_byte = spec.power.io_write_pj_per_bit * 8.0;
  return e;
}

ChannelEnergyIds declare_channel_energy(EnergyLedger& ledger, const std::string& component,
                                        const DramSpec& spec, RefreshKind refresh) {
  const DramCommandEnergy e = compute_command_energy(spec, refresh);
  const std::string core = spec.power_source + "; equations: DRAMPower / Micron TN-40-07 (docs/dram.md)";
  auto entry = [&](double pj, CountUnit unit, const std::string& given, const std::string& src) {
    EnergyEntry x;
    x.pj_per_unit = pj;
    x.unit = unit;
    x.given = given;
    x.source = src;
    x.origin = spec.name;
    return x;
  };
  ChannelEnergyIds ids;
  ids.ledger = &ledger;
  const auto ev = CountUnit::event;
  ids.act = ledger.declare(component, "act", EnergyCategory::dram,
                           entry(e.act_pj, ev, "(IDD0-IDD3N) x tRAS x V = " + fmt_pj(e.act_pj), core));
  ids.pre = ledger.declare(component, "pre", EnergyCategory::dram,
                           entry(e.pre_pj, ev, "(IDD0-IDD2N) x tRP x V = " + fmt_pj(e.pre_pj), core));
  ids.pre_ref = ledger.declare(component, "pre_refresh", EnergyCategory::dram,
                               entry(e.pre_pj, ev, "(IDD0-IDD2N) x tRP x V = " + fmt_pj(e.pre_pj) +
                                                       " per PRE that closes banks for a refresh", core),
                               EnergyKind::background);
  ids.rd = ledger.declare(component, "rd", EnergyCategory::dram,
                          entry(e.rd_pj, ev, "(IDD4R-IDD3N) x V x BL/2 x tCK = " + fmt_pj(e.rd_pj), core));
  ids.wr = ledger.declare(component, "wr", EnergyCategory::dram,
                          entry(e.wr_pj, ev, "(IDD4W-IDD3N) x V x BL/2 x tCK = " + fmt_pj(e.wr_pj), core));
  ids.ref = ledger.declare(component, "ref", EnergyCategory::dram,
                           entry(e.ref_pj, ev,
                                 (refresh == RefreshKind::per_bank ? "(IDD5PB-IDD3N) x V x tRFCpb = "
                                                                   : "(IDD5-IDD3N) x V x tRFC = ") +
                                     fmt_pj(e.ref_pj),
                                 core),
                           EnergyKind::background);  // due every tREFI whatever the traffic
  ids.bg_active_ps = ledger.declare(
      component, "bg_active", EnergyCategory::dram,
      entry(e.active_standby_w, CountUnit::ps, "IDD3N x V = " + std::to_string(e.active_standby_w * 1e3) + " mW", core));
  ids.bg_precharged_ps = ledger.declare(
      component, "bg_precharged", EnergyCategory::dram,
      entry(e.precharged_standby_w, CountUnit::ps,
            "IDD2N x V = " + std::to_string(e.precharged_standby_w * 1e3) + " mW", core));
  ids.io_rd_bytes = ledger.declare(
      component, "io_rd", EnergyCategory::dram,
      entry(e.io_rd_pj_per_byte, CountUnit::byte, std::to_string(spec.power.io_read_pj_per_bit) + " pJ/bit",
            spec.power.io_source));
  ids.io_wr_bytes = ledger.declare(
      component, "io_wr", EnergyCategory::dram,
      entry(e.io_wr_pj_per_byte, CountUnit::byte, std::to_string(spec.power.io_write_pj_per_bit) + " pJ/bit",
            spec.power.io_source));
  return ids;
}

}  // namespace sushi::dram
