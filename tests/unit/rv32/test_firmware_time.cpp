// cpu.firmware_time on both cores, against the rv32 testbench's bus (10 ns per access, the
// interrupt line raised at 20 us and lowered by a write to its ACK address): with `modelled`
// the firmware's work and bus waits take simulated time; with `zero` only the sleep does, so
// the firmware runs at the instants of its interrupts, while its energy is still counted.
#include <gtest/gtest.h>

#include "cpu/host_cpu.h"
#include "rv32_testbench.h"
#include "sushi/hal.h"

using namespace sushi;
using sushi::test::Rv32Bench;
using sushi::test::Rv32BusMemory;
using sushi::test::rv32_program;

namespace {

constexpr std::uint64_t kUs = 1'000'000;  // ps
constexpr std::uint64_t kIrqPs = 20 * kUs;  // the testbench raises the line at 20 us

std::uint64_t now_ps() { return static_cast<std::uint64_t>(sc_core::sc_time_stamp().value()); }

// The host CPU at 1 GHz on the testbench's bus, running a small firmware: boot work (1000
// cycles), one write, sleep, query work (200 cycles), the acknowledge write.
struct HostBench {
  EnergyLedger ledger;
  std::unique_ptr<Rv32BusMemory> bus;
  std::unique_ptr<HostCpu> cpu;
  std::uint64_t woke_ps = 0;

  explicit HostBench(FirmwareTimeMode mode) {
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(1, sc_core::SC_US));
    bus = std::make_unique<Rv32BusMemory>("bus");
    HostCpuParams p;
    p.clock_hz = 1e9;
    p.firmware_time = mode;
    EnergyEntry cycle;
    cycle.pj_per_unit = 70.0;
    cpu = std::make_unique<HostCpu>("cpu", p, [this] { firmware(); }, ledger, cycle);
    cpu->socket.bind(bus->socket);
    cpu->irq(bus->irq);
  }
  void firmware() {
    hal_charge(SUSHI_COST_BOOT, 1);  // 1000 cycles
    hal_write32(Rv32BusMemory::kLow, 7u);
    hal_wait_for_interrupt();
    woke_ps = now_ps();
    hal_charge(SUSHI_COST_QUERY, 1);  // 200 cycles
    hal_write32(Rv32BusMemory::kAck, 0u);
  }
  Json run() {
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC), sc_core::SC_EXIT_ON_STARVATION);
    Json st = Json::object();
    cpu->report_stats(st);
    return st;
  }
};

}  // namespace

TEST(FirmwareTime, HostModelledTakesTheChargedCyclesAndTheBusAnswers) {
  HostBench b(FirmwareTimeMode::modelled);
  const Json st = b.run();
  ASSERT_FALSE(b.cpu->fault().raised) << b.cpu->fault().message;
  // Busy: 1000 + 200 cycles at 1 ns, two writes answered after 10 ns each.
  EXPECT_EQ(st["busy_ps"], 1200 * 1000 + 2 * 10000);
  EXPECT_EQ(st["bus_wait_ps"], 2 * 10000);
  EXPECT_EQ(b.woke_ps, kIrqPs);
  EXPECT_EQ(st["sleep_ps"], kIrqPs - (1000 * 1000 + 10000));  // asleep from 1.01 us
  EXPECT_EQ(now_ps(), kIrqPs + 200 * 1000 + 10000);           // the last write answered
  EXPECT_EQ(st["busy_cycles_count"], 1200);
  EXPECT_DOUBLE_EQ(st["energy_pJ"].get<double>(), 1200 * 70.0);
}

TEST(FirmwareTime, HostZeroTakesOnlyTheSleep) {
  HostBench b(FirmwareTimeMode::zero);
  const Json st = b.run();
  ASSERT_FALSE(b.cpu->fault().raised) << b.cpu->fault().message;
  EXPECT_EQ(st["busy_ps"], 0);
  EXPECT_EQ(st["bus_wait_ps"], 0);
  EXPECT_EQ(b.woke_ps, kIrqPs);
  EXPECT_EQ(st["sleep_ps"], kIrqPs);  // asleep from 0
  EXPECT_EQ(now_ps(), kIrqPs);        // everything after the interrupt took no time either
  EXPECT_EQ(st["mmio_writes_count"], 2);
  EXPECT_EQ(st["wfi_count"], 1);
  // The work was done: its cycles and their energy are counted as in modelled mode.
  EXPECT_EQ(st["busy_cycles_count"], 1200);
  EXPECT_DOUBLE_EQ(st["energy_pJ"].get<double>(), 1200 * 70.0);
}

TEST(FirmwareTime, Rv32ZeroTakesOnlyTheSleep) {
  // programs/hal.c: HAL block and word accesses, a sleep until the line rises at 20 us, the
  // acknowledge, exit. Modelled, it ends after 20 us; under zero time at 20 us exactly.
  Rv32CpuParams p = Rv32Bench::hal_params();
  p.firmware_time = FirmwareTimeMode::zero;
  Rv32Bench b(p);
  b.run();
  ASSERT_FALSE(b.cpu->fault().raised) << b.cpu->fault().message;
  EXPECT_EQ(b.cpu->exit_code(), 0u);
  EXPECT_EQ(now_ps(), kIrqPs);
  EXPECT_EQ(b.signature(6)[5], 1u);  // hal_wait_for_interrupt returned at MTIME >= 20 us
  Json st = Json::object();
  b.cpu->report_stats(st);
  EXPECT_EQ(st["busy_ps"], 0);
  EXPECT_EQ(st["exec_ps"], 0);
  EXPECT_EQ(st["bus_stall_cycles_count"], 0);
  EXPECT_EQ(st["sleep_ps"], kIrqPs);
  EXPECT_EQ(st["wfi_count"], 1);
  EXPECT_EQ(b.bus->accesses, 7u);  // the same bus traffic as modelled (test_rv32_programs.cpp)
  // Instructions and their cycles are counted, and charged their energy (the bench's table:
  // class i costs 10 x (i + 1) pJ).
  EXPECT_GT(b.cpu->core().cycles(), 0u);
  double want = 0;
  for (std::size_t i = 0; i < rv32::kInsnClasses; ++i) {
    want += static_cast<double>(b.cpu->core().class_counts()[i]) * 10.0 * static_cast<double>(i + 1);
  }
  EXPECT_DOUBLE_EQ(st["energy_pJ"].get<double>(), want);
}
