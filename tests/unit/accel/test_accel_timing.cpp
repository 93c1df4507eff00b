// Exact timing of single layers: every weight in the PB, none, and parts of it.
//
// Set-up (exact_params / exact_memory in accel_bench.h): 100 MHz (T = 10,000 ps), 16 x 9 x 9 DPE
// array, serial overlap, 6 ports of 64 B/cycle, 4 KiB bursts; memory 1 GB/s (1000 ps per byte,
// one access at a time) + 20 ns latency. A memory access of n bytes arriving when the memory is
// idle completes n x 1000 + 20,000 ps later; ports (64 B per 10 ns = 6.4 GB/s each) never bind.
//
// Layer A: 3x3 conv K=16, C=18, 16x16, stride 1.
//   K-tiles ceil(16/16) = 1, C-tile units ceil(18/9) = 2, kernel passes ceil(9/9) = 1,
//   positions 16 x 16 = 256, pass weight bytes 9 taps x 144 B = 1296 -> feed 1296/144 = 9 cycles,
//   pass = max(256, 9) = 256 cycles; compute = 1 x 2 x 1 x 256 = 512 cycles = 5,120,000 ps.
//   weights 1 x 2 x 9 x 144 = 2592 B; input 18 x 256 = 4608 B; output 16 x 256 = 4096 B.
// Job start S; descriptor fetch 64 B: S + 64,000 + 20,000; PB map fetch (1 entry, 16 B):
// + 16,000 + 20,000, so the layer starts at t0 = S + 120,000.
#include <gtest/gtest.h>

#include "accel_bench.h"

namespace sushi::accel::test {
namespace {

constexpr std::uint64_t kDesc = 0x1000, kMap = 0x2000, kList = 0x3000;
constexpr std::uint64_t kW = 0x10000, kIn = 0x20000, kOut = 0x30000;

struct RunResult {
  LayerRecord layer;
  std::uint64_t job_start = 0, job_end = 0;
  AccelCounters counters;
  std::uint32_t status = 0;
};

// One accelerator + memory running layer `d` with PB map entry `e` (after a PB load of `load`
// if given). Several runs may be elaborated side by side (independent memories).
struct LayerRun {
  std::unique_ptr<Top> top;
  RunResult r;
  void collect() {
    r.layer = top->accel->last_job_layers().at(0);
    r.job_start = top->accel->last_start_ps();
    r.job_end = top->accel->last_end_ps();
    r.counters = top->accel->counters();
  }
};

std::unique_ptr<LayerRun> make_run(const std::string& prefix, const AccelParams& p, sushi_layer_desc d,
                                   sushi_pb_map_entry e, std::vector<sushi_pb_load_entry> load = {}) {
  auto run = std::make_unique<LayerRun>();
  run->top = std::make_unique<Top>(p, exact_memory(), prefix);
  Top& top = *run->top;
  d.weight_addr = kW;
  d.in_addr = kIn;
  d.out_addr = kOut;
  d.layer_index = 0;
  top.put(kDesc, &d, sizeof d);
  top.put(kMap, &e, sizeof e);
  if (!load.empty()) top.put_all(kList, load);
  LayerRun* self = run.get();
  top.drv->script = [self, load](Driver& drv) {
    if (!load.empty()) {
      start_pb_load(drv, kList, static_cast<std::uint32_t>(load.size()));
      drv.wait_irq();
      drv.wr(SUSHI_REG_IRQ_STATUS, SUSHI_IRQ_PB_LOAD_DONE);
    }
    start_job(drv, kDesc, 1, kMap, 1);
    drv.wait_irq();
    self->r.status = drv.rd(SUSHI_REG_STATUS);
  };
  return run;
}

RunResult run_layer(const AccelParams& p, sushi_layer_desc d, sushi_pb_map_entry e,
                    std::vector<sushi_pb_load_entry> load = {}) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  auto run = make_run("", p, d, e, std::move(load));
  sc_core::sc_start();
  run->collect();
  return run->r;
}

sushi_pb_map_entry entry(std::uint16_t k, std::uint16_t c, std::uint8_t kernel, std::uint32_t bytes) {
  sushi_pb_map_entry e{};
  e.pb_offset = 0;
  e.k_cached = k;
  e.c_cached = c;
  e.kernel_cached = kernel;
  e.flags = SUSHI_PB_VALID;
  e.bytes = bytes;
  return e;
}

TEST(AccelTiming, AllWeightsInPbIsComputeOnly) {
  const AccelParams p = exact_params();
  const RunResult r = run_layer(p, conv_desc(16, 18, 16), entry(16, 18, 3, 2592), {{kW, 0, 2592}});
  EXPECT_EQ(r.status, SUSHI_STATUS_DONE);
  EXPECT_EQ(r.layer.start_ps, r.job_start + 120000);  // descriptor 84,000 + map 36,000
  // No weight DMA; the input (4608 B: bursts of 4096 and 512 B, done at t0 + 4,628,000) streams
  // under the compute, so the DPE array runs 512 cycles straight: compute only.
  EXPECT_EQ(r.layer.compute_cycles, 512u);
  EXPECT_EQ(r.layer.compute_end_ps - r.layer.start_ps, 5120000u);  // 512 x 10,000 ps
  // Then the 4096-B output tile drains: 4096 x 1000 + 20,000 = 4,116,000 ps.
  EXPECT_EQ(r.layer.end_ps - r.layer.compute_end_ps, 4116000u);
  EXPECT_EQ(r.job_end, r.layer.end_ps);
  // stall = floor(9,236,000 / 10,000) - 512 = 923 - 512 = 411 cycles (the output drain)
  EXPECT_EQ(r.layer.stall_cycles, 411u);
  EXPECT_EQ(r.layer.dram_weight_B, 0u);
  EXPECT_EQ(r.layer.pb_weight_B, 2592u);
  EXPECT_EQ(r.layer.dram_input_B, 4608u);
  EXPECT_EQ(r.layer.dram_output_B, 4096u);
  // Useful MACs 16 x 18 x 9 x 256 = 663,552; utilisation 663,552 / (512 x 1296) = 1.0
  EXPECT_EQ(r.layer.macs_useful, 663552u);
  EXPECT_DOUBLE_EQ(r.layer.utilisation, 1.0);
  // The PB load before: list fetch 16 B (36,000) + one 2592-B burst (2,592,000 + 20,000).
  EXPECT_EQ(r.counters.pb_load_ps, 36000u + 2612000u);
  EXPECT_EQ(r.counters.pb_load_B, 2592u);
}

TEST(AccelTiming, EmptyPbIsTransferBound) {
  const AccelParams p = exact_params();
  sushi_pb_map_entry none{};  // not valid: nothing cached
  const RunResult r = run_layer(p, conv_desc(16, 18, 16), none);
  // Serial: the K-tile's 2592 weight bytes (one contiguous 2592-B burst) arrive first:
  //   2592 x 1000 + 20,000 = 2,612,000 ps, then 512 compute cycles (5,120,000 ps), then the
  //   output drain 4,116,000 ps: layer = 2,612,000 + 5,120,000 + 4,116,000 = 11,848,000 ps.
  EXPECT_EQ(r.layer.compute_end_ps - r.layer.start_ps, 2612000u + 5120000u);
  EXPECT_EQ(r.layer.end_ps - r.layer.start_ps, 11848000u);
  EXPECT_EQ(r.layer.dram_weight_B, 2592u);
  EXPECT_EQ(r.layer.pb_weight_B, 0u);
  // stall = 1184 - 512 = 672 cycles (weight load 261.2 + drain 411.6 cycles)
  EXPECT_EQ(r.layer.stall_cycles, 672u);
}

// accel.timing: weights through one port (the last) at 1 B per cycle. That port moves a 64-B beat
// in 64 x 1 / 1 = 64 cycles = 640,000 ps, so the 2592-B weight burst (41 beats) occupies it for
// 26,240,000 ps, longer than the memory's 2,612,000: the load ends at t0 + 26,240,000. Compute
// 5,120,000 and the output drain 4,116,000 follow as in EmptyPbIsTransferBound:
// layer = 26,240,000 + 5,120,000 + 4,116,000 = 35,476,000 ps. Activations still use every port
// at full width (the input is done within the compute).
TEST(AccelTiming, WeightPortsAndRateSerialiseTheWeightLoad) {
  AccelParams p = exact_params();
  p.timing.weight_ports = 1;
  p.timing.weight_bytes_per_cycle = 1.0;
  const RunResult r = run_layer(p, conv_desc(16, 18, 16), sushi_pb_map_entry{});
  EXPECT_EQ(r.layer.compute_end_ps - r.layer.start_ps, 26240000u + 5120000u);
  EXPECT_EQ(r.layer.end_ps - r.layer.start_ps, 35476000u);
}

// accel.timing.cycles_per_position = 1.25, every weight in the PB: the K-tile's two passes take
// ceil(2 x 256 x 1.25) = 640 cycles = 6,400,000 ps; the one-burst output then drains 4,116,000.
TEST(AccelTiming, CyclesPerPositionStretchesTheCompute) {
  AccelParams p = exact_params();
  p.timing.cycles_per_position = 1.25;
  const RunResult r = run_layer(p, conv_desc(16, 18, 16), entry(16, 18, 3, 2592), {{kW, 0, 2592}});
  EXPECT_EQ(r.layer.compute_cycles, 640u);
  EXPECT_EQ(r.layer.compute_end_ps - r.layer.start_ps, 6400000u);
  EXPECT_EQ(r.layer.end_ps - r.layer.compute_end_ps, 4116000u);
}

// Outputs stream out during the K-tile's last pass. Layer A, every weight in the PB, 1 KiB bursts:
// the input (4608 B: 4 x 1024 + 512) occupies the memory t0 .. t0 + 4,608,000 (done 4,628,000);
// compute t0 .. t0 + 5,120,000, last pass from t0 + 2,560,000 (256 cycles). The 4096 output bytes
// are 4 bursts of 1024 B, ready as their last byte is produced: t0 + 2,560,000 + 640,000 x k
// (k = 1..4: 3,200,000 .. 5,120,000). The memory takes them back to back from 4,608,000:
// 1,024,000 each, the last done at 4,608,000 + 4 x 1,024,000 + 20,000 = 8,724,000. Written only
// after the compute (all ready at 5,120,000) they would end at 5,120,000 + 4,116,000 = 9,236,000.
TEST(AccelTiming, OutputsStreamOutDuringTheLastPass) {
  AccelParams p = exact_params();
  p.dma_burst_bytes = 1024;
  const RunResult r = run_layer(p, conv_desc(16, 18, 16), entry(16, 18, 3, 2592), {{kW, 0, 2592}});
  EXPECT_EQ(r.layer.compute_end_ps - r.layer.start_ps, 5120000u);
  EXPECT_EQ(r.layer.end_ps - r.layer.start_ps, 8724000u);
  EXPECT_EQ(r.layer.dram_output_B, 4096u);
}

TEST(AccelTiming, PartialPbChannelsStreamsExactlyTheRest) {
  const AccelParams p = exact_params();
  // Cached: first 16 output x first 9 input channels, 3x3: one unit of 1296 B in the PB.
  const RunResult r = run_layer(p, conv_desc(16, 18, 16), entry(16, 9, 3, 1296), {{kW, 0, 1296}});
  // DRAM: unit (0,1) = 1296 B at weight_addr + 1296: 1,296,000 + 20,000 = 1,316,000 ps.
  EXPECT_EQ(r.layer.dram_weight_B, 1296u);
  EXPECT_EQ(r.layer.pb_weight_B, 1296u);
  EXPECT_EQ(r.layer.end_ps - r.layer.start_ps, 1316000u + 5120000u + 4116000u);  // 10,552,000
}

TEST(AccelTiming, PartialPbKernelStreamsOuterTaps) {
  const AccelParams p = exact_params();
  // Cached: the centre tap (kernel 1) of both units: 2 x 144 B = 288 B. DRAM: taps 1..8 of each
  // unit, two separate 1152-B ranges (+144 and +1440): back to back in the memory,
  //   2 x 1,152,000 + 20,000 = 2,324,000 ps.
  const RunResult r = run_layer(p, conv_desc(16, 18, 16), entry(16, 18, 1, 288), {{kW, 0, 144}, {kW + 1296, 144, 144}});
  EXPECT_EQ(r.layer.dram_weight_B, 2592u - 288u);
  EXPECT_EQ(r.layer.pb_weight_B, 288u);
  EXPECT_EQ(r.layer.end_ps - r.layer.start_ps, 2324000u + 5120000u + 4116000u);  // 11,560,000
}

// Layer B: K=64, C=36, 16x16: 4 K-tiles x 4 units of 1296 B = 20,736 B of weights.
// Cached region K_c=32, C_c=18: 2 x 2 units = 5184 B, so DRAM streams 20,736 - 5184 = 15,552 B.
// Three accelerators (own memories) run side by side in one elaboration.
TEST(AccelTiming, PartialCoverageLiesBetweenFullAndEmpty) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const AccelParams p = exact_params();
  const sushi_layer_desc d = conv_desc(64, 36, 16);
  ASSERT_EQ(d.weight_bytes, 20736u);
  sushi_pb_map_entry none{};
  auto empty = make_run("empty_", p, d, none);
  // The cached region is stored unit by unit: K-tile 0 units 0,1 then K-tile 1 units 0,1.
  auto part = make_run("part_", p, d, entry(32, 18, 3, 5184), {{kW, 0, 2592}, {kW + 4 * 1296, 2592, 2592}});
  auto full = make_run("full_", p, d, entry(64, 36, 3, 20736), {{kW, 0, 20736}});
  sc_core::sc_start();
  for (auto* r : {empty.get(), part.get(), full.get()}) r->collect();
  EXPECT_EQ(empty->r.layer.dram_weight_B, 20736u);
  EXPECT_EQ(part->r.layer.dram_weight_B, 15552u);
  EXPECT_EQ(part->r.layer.pb_weight_B, 5184u);
  EXPECT_EQ(full->r.layer.dram_weight_B, 0u);
  EXPECT_EQ(full->r.layer.pb_weight_B, 20736u);
  // compute = 4 K-tiles x 4 passes x 256 positions = 4096 cycles in every case
  for (auto* r : {empty.get(), part.get(), full.get()}) EXPECT_EQ(r->r.layer.compute_cycles, 4096u);
  const auto dur = [](const LayerRun& r) { return r.r.layer.end_ps - r.r.layer.start_ps; };
  EXPECT_LT(dur(*full), dur(*part));
  EXPECT_LT(dur(*part), dur(*empty));
}

// Layer C: K=32, C=18, 16x16, empty PB: two K-tiles of 2592 B weights each, input 4608 B (read
// once: it fits the input buffer), outputs 4096 B per K-tile. Serial vs double-buffered, both in
// one elaboration (separate memories). Times from t0 (layer start):
// serial:
//   load K0 2,612,000; compute K0 2,612,000 .. 7,732,000 (input done at 7,240,000);
//   output K0 issued 7,732,000: memory busy to 11,828,000; load K1 issued 7,732,000 waits:
//   done 11,828,000 + 2,592,000 + 20,000 = 14,440,000; compute K1 to 19,560,000;
//   output K1 done 19,560,000 + 4,116,000 = 23,676,000.
// double_buffered:
//   load K0 done 2,612,000; load K1 issued at 2,612,000 (half free): done 5,224,000 (memory busy
//   to 5,204,000); the K0 input (issued 2,612,000) then waits: 4096 B done 9,320,000, 512 B done
//   9,832,000, so K-tile 0 ends at 9,832,000 (compute alone would end at 7,732,000);
//   output K0 done 13,948,000; compute K1 9,832,000 .. 14,952,000; output K1 done
//   14,952,000 + 4,116,000 = 19,068,000.
TEST(AccelTiming, DoubleBufferedOverlapsTheNextLoad) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  AccelParams ps = exact_params();
  AccelParams pd = exact_params();
  pd.overlap = Overlap::double_buffered;
  const sushi_layer_desc d = conv_desc(32, 18, 16);
  sushi_pb_map_entry none{};
  auto serial = make_run("serial_", ps, d, none);
  auto dbuf = make_run("db_", pd, d, none);
  sc_core::sc_start();
  serial->collect();
  dbuf->collect();
  EXPECT_EQ(serial->r.layer.end_ps - serial->r.layer.start_ps, 23676000u);
  EXPECT_EQ(dbuf->r.layer.end_ps - dbuf->r.layer.start_ps, 19068000u);
  EXPECT_EQ(serial->r.layer.dram_weight_B, 5184u);
  EXPECT_EQ(dbuf->r.layer.dram_weight_B, 5184u);
}

// Activations that do not fit: input buffer 4 KiB, output buffer 8 KiB; layer K=32, C=18, 16x16.
// Input 18 x 256 = 4608 B > 4096: K-tile 0 reads 4608 B, K-tile 1 re-reads 4608 - 4096 = 512 B.
// Partial sums of a K-tile 16 x 256 x 4 B = 16,384 B > 8192: 8192 B spill out and back at each of
// the (2 passes - 1) = 1 pass boundaries per K-tile: 2 x 8192 = 16,384 B written and read.
// Output DRAM writes = 2 x 4096 (outputs) + 16,384 (spills) = 24,576 B.
TEST(AccelTiming, ActivationSpillTraffic) {
  AccelParams p = exact_params();
  p.in_act = BufferParams{4096, 16, 1};
  p.out_act = BufferParams{8192, 16, 1};
  const RunResult r = run_layer(p, conv_desc(32, 18, 16), sushi_pb_map_entry{});
  EXPECT_EQ(r.layer.dram_input_B, 4608u + 512u);
  EXPECT_EQ(r.layer.dram_output_B, 2u * 4096u + 16384u);
  EXPECT_EQ(r.layer.dram_psum_rd_B, 16384u);
  EXPECT_EQ(r.counters.dram_psum_wr_B, 16384u);
  EXPECT_EQ(r.counters.dram_output_wr_B, 8192u);
  EXPECT_EQ(r.counters.dram_wr_B(), 24576u);
}

}  // namespace
}  // namespace sushi::accel::test
