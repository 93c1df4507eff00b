// The cpu.* keys both firmware cores read (docs/cpu.md), declared once (models/common/params.h,
// docs/configuration.md "Declaring a parameter"): which core runs the firmware, its clock, how its
// execution advances simulated time, and the host core's cost model. The RV32 core's own keys
// (cpu.rv32.*) are declared beside it (cpu/rv32/rv32_params.h). The platform reads a validated
// config into this struct and hands the members to HostCpuParams / Rv32CpuParams, whose defaults
// are these declared ones.
#pragma once

#include <array>
#include <cstdint>

#include "util/params.h"
#include "cpu/firmware_time.h"
#include "sushi/hal.h"

namespace sushi {

// Which core runs the firmware (cpu.kind).
enum class CpuKind { none, host, rv32 };
inline constexpr params::Named<CpuKind> kCpuKindNames[] = {
    {CpuKind::none, "none"}, {CpuKind::host, "host"}, {CpuKind::rv32, "rv32"}};

struct CpuParams {
  CpuParams() { params::apply_defaults(*this); }

  CpuKind kind;
  double clock_hz;
  FirmwareTimeMode firmware_time;
  // Cycles charged per unit of each sushi_cost kind (host core's cost model).
  std::array<std::uint64_t, SUSHI_COST_KINDS> cost_cycles;

  // Every cpu.* key but cpu.rv32.*. `P` is CpuParams or const CpuParams.
  template <class V, class P>
  static void describe(V& v, P& p) {
    using params::Kind;
    v.section("cpu",
              "The embedded core that runs the SushiSched firmware (docs/cpu.md). host: the "
              "firmware's C code runs natively in the CPU model's thread; every MMIO access "
              "is a TLM transaction and firmware compute time is charged by the cost model.");
    v.choice("cpu.kind", p.kind, kCpuKindNames, CpuKind::none,
             "none: no CPU (traffic-generator SoCs); host: host-compiled firmware; rv32: the "
             "cross-compiled firmware ELF on the RV32IM instruction-set simulator (docs/rv32.md)");
    v.quantity("cpu.clock", Kind::frequency, p.clock_hz, "1 GHz", "1 MHz", "10 GHz",
               "CPU clock (host: cost model cycles; rv32: the core's cycle)");
    v.choice("cpu.firmware_time", p.firmware_time, kFirmwareTimeNames, FirmwareTimeMode::modelled,
             "modelled: the firmware's own execution takes simulated time (host: charged cycles; "
             "rv32: each instruction's cycles) and the core waits for each bus answer; zero: an "
             "infinitely fast core, the firmware decides at the instants of the interrupts that "
             "woke it (sleeping still waits; the bus, accelerator and DRAM keep their timing; "
             "energy is still charged per cycle / instruction). docs/cpu.md");
    v.integer("cpu.cost.query_cycles", p.cost_cycles[SUSHI_COST_QUERY], 200, 0, 100000000,
              "Cycles charged per query handled (request read, bookkeeping, completion record)");
    v.integer("cpu.cost.candidate_cycles", p.cost_cycles[SUSHI_COST_CANDIDATE], 20, 0, 100000000,
              "Cycles charged per catalog entry the scheduler examines");
    v.integer("cpu.cost.layer_cycles", p.cost_cycles[SUSHI_COST_LAYER], 10, 0, 100000000,
              "Cycles charged per PB-map or descriptor entry the firmware prepares");
    v.integer("cpu.cost.boot_cycles", p.cost_cycles[SUSHI_COST_BOOT], 1000, 0, 100000000,
              "Cycles charged once for image validation");
    // Energy-table entries: the platform looks them up (platform/soc/serving.cpp).
    v.string("cpu.cycle_energy", params::unbound, "cpu.core_cycle", "Energy-table entry charged per busy CPU cycle");
    v.string("cpu.static_power", params::unbound, "",
             "Energy-table power entry the core draws all the time, asleep or running (leakage, "
             "clock-gated idle); its work adds cpu.cycle_energy per cycle; empty: none (docs/energy.md)");
  }
};

}  // namespace sushi
