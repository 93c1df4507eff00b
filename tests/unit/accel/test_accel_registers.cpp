// Register block: identification, capabilities, access rights, interrupt masking, perf counters
// and soft reset.
#include <gtest/gtest.h>

#include "accel_bench.h"

namespace sushi::accel::test {
namespace {

constexpr std::uint64_t kDesc = 0x1000, kList = 0x3000;
constexpr std::uint64_t kW = 0x10000, kIn = 0x20000, kOut = 0x30000;

TEST(AccelRegisters, IdVersionCaps) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  Top top(exact_params());
  std::uint32_t id = 0, ver = 0, caps0 = 0, caps1 = 0;
  tlm::tlm_response_status ro_write = tlm::TLM_OK_RESPONSE, wo_read = tlm::TLM_OK_RESPONSE;
  top.drv->script = [&](Driver& drv) {
    id = drv.rd(SUSHI_REG_ID);
    ver = drv.rd(SUSHI_REG_VERSION);
    caps0 = drv.rd(SUSHI_REG_CAPS0);
    caps1 = drv.rd(SUSHI_REG_CAPS1);
    drv.wr(SUSHI_REG_STATUS, 1);
    ro_write = drv.last_status;
    drv.rd(SUSHI_REG_CTRL);
    wo_read = drv.last_status;
  };
  sc_core::sc_start();
  EXPECT_EQ(id, SUSHI_ID_VALUE);
  EXPECT_EQ(ver, SUSHI_IF_VERSION);
  EXPECT_EQ(caps0, 2304u);  // 2.25 MiB PB / 1 KiB
  EXPECT_EQ(SUSHI_CAPS1_K_PAR(caps1), 16u);
  EXPECT_EQ(SUSHI_CAPS1_C_PAR(caps1), 9u);
  EXPECT_EQ(SUSHI_CAPS1_TAPS(caps1), 9u);
  EXPECT_EQ(ro_write, tlm::TLM_COMMAND_ERROR_RESPONSE);
  EXPECT_EQ(wo_read, tlm::TLM_COMMAND_ERROR_RESPONSE);
}

// Layer: 3x3 conv K=16, C=9, 8x8 (compute 1 x 1 x 64 = 64 cycles, 1296 B of weights).
TEST(AccelRegisters, PerfCountersIrqMaskAndSoftReset) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  Top top(exact_params());
  sushi_layer_desc d = conv_desc(16, 9, 8);
  d.weight_addr = kW;
  d.in_addr = kIn;
  d.out_addr = kOut;
  top.put(kDesc, &d, sizeof d);
  const sushi_pb_load_entry load{kW, 0, 1296};
  top.put(kList, &load, sizeof load);
  std::vector<std::uint8_t> w(1296, 0x5A);
  top.put_all(kW, w);
  std::uint64_t perf[SUSHI_PERF_COUNT] = {};
  bool line_masked = true, line_enabled = false;
  std::uint8_t pb_before = 0, pb_after = 1;
  std::uint64_t macs_after_reset = 1;
  top.drv->script = [&](Driver& drv) {
    drv.wr64(SUSHI_REG_PB_LOAD_ADDR_LO, kList);
    drv.wr(SUSHI_REG_PB_LOAD_COUNT, 1);
    drv.wr(SUSHI_REG_IRQ_ENABLE, 0);  // masked: the line stays low
    drv.wr(SUSHI_REG_CTRL, SUSHI_CTRL_START_PB_LOAD);
    while (drv.rd(SUSHI_REG_STATUS) & SUSHI_STATUS_BUSY) sc_core::wait(1, sc_core::SC_US);
    line_masked = top.irq.read();
    EXPECT_TRUE(drv.rd(SUSHI_REG_IRQ_STATUS) & SUSHI_IRQ_PB_LOAD_DONE);
    drv.wr(SUSHI_REG_IRQ_ENABLE, SUSHI_IRQ_PB_LOAD_DONE);  // unmasking raises the line
    line_enabled = top.irq.read();
    drv.wr(SUSHI_REG_IRQ_STATUS, SUSHI_IRQ_PB_LOAD_DONE);
    pb_before = top.accel->pb_data()[100];
    start_job(drv, kDesc, 1, 0, 0);
    drv.wait_irq();
    for (std::uint32_t n = 0; n < SUSHI_PERF_COUNT; ++n)
      perf[n] = drv.rd(SUSHI_REG_PERF_LO(n)) | (std::uint64_t{drv.rd(SUSHI_REG_PERF_HI(n))} << 32);
    drv.wr(SUSHI_REG_CTRL, SUSHI_CTRL_SOFT_RESET);
    pb_after = top.accel->pb_data()[100];
    macs_after_reset = drv.rd(SUSHI_REG_PERF_LO(SUSHI_PERF_MACS));
  };
  sc_core::sc_start();
  EXPECT_FALSE(line_masked);
  EXPECT_TRUE(line_enabled);
  EXPECT_EQ(pb_before, 0x5A);  // the PB load copied the weights
  EXPECT_EQ(pb_after, 0u);     // soft reset clears the PB
  EXPECT_EQ(macs_after_reset, 0u);
  // MACs 16 x 9 x 9 x 64 = 82,944.
  EXPECT_EQ(perf[SUSHI_PERF_MACS], 82944u);
  // DRAM reads: PB load list 16 + PB load 1296 + descriptor 64 + weights 1296 + input 9 x 64 = 576.
  EXPECT_EQ(perf[SUSHI_PERF_DRAM_RD_BYTES], 16u + 1296u + 64u + 1296u + 576u);
  EXPECT_EQ(perf[SUSHI_PERF_DRAM_WR_BYTES], 16u * 64u);  // output 16 x 64
  EXPECT_EQ(perf[SUSHI_PERF_PB_RD_BYTES], 0u);           // no PB map given: nothing read from the PB
  // Job: descriptor 84,000 ps; weights 1,296,000 + 20,000; compute 640,000; output 1024 B:
  // 1,044,000 -> 3,084,000 ps of job (308 cycles) plus the PB load: list 36,000 + 1,316,000
  // = 1,352,000 ps (135 cycles).
  EXPECT_EQ(perf[SUSHI_PERF_CYCLES], 308u + 135u);
}

// SOFT_RESET during a job: the job stops without DONE (at its next synchronisation point), the
// counters restart from 0, and the next job runs normally. Job 1: K=64, C=36, 16x16, empty PB
// (4 K-tiles, > 20 us); reset 2 us after its start.
TEST(AccelRegisters, SoftResetAbortsRunningJob) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  Top top(exact_params());
  sushi_layer_desc big = conv_desc(64, 36, 16), small = conv_desc(16, 9, 8);
  for (auto* d : {&big, &small}) {
    d->weight_addr = kW;
    d->in_addr = kIn;
    d->out_addr = kOut;
  }
  top.put(kDesc, &big, sizeof big);
  top.put(kDesc + 0x100, &small, sizeof small);
  std::uint32_t status_after_reset = 1, status_end = 0;
  std::uint64_t layers = 0, jobs = 0;
  top.drv->script = [&](Driver& drv) {
    start_job(drv, kDesc, 1, 0, 0);
    sc_core::wait(2, sc_core::SC_US);
    drv.wr(SUSHI_REG_CTRL, SUSHI_CTRL_SOFT_RESET);
    status_after_reset = drv.rd(SUSHI_REG_STATUS);
    start_job(drv, kDesc + 0x100, 1, 0, 0);
    drv.wait_irq();
    status_end = drv.rd(SUSHI_REG_STATUS);
    layers = top.accel->counters().layers;
    jobs = top.accel->counters().jobs;
  };
  sc_core::sc_start();
  EXPECT_EQ(status_after_reset, 0u);
  EXPECT_EQ(status_end, SUSHI_STATUS_DONE);
  EXPECT_EQ(layers, 1u);  // only the second job's layer: the first was aborted, counters reset
  EXPECT_EQ(jobs, 1u);
  EXPECT_EQ(top.accel->last_job_layers().size(), 1u);
  EXPECT_EQ(top.accel->last_job_layers()[0].compute_cycles, 64u);  // the small layer
}

}  // namespace
}  // namespace sushi::accel::test
