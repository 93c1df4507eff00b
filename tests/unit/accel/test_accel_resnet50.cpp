// A whole OFA-ResNet50 max-SubNet job on the ZCU104 preset (DDR4-2400 behind a crossbar), once
// with an empty PB and once with the PB (2 MiB) holding the SubNet's first layers. The DRAM
// weight bytes must equal the model image's figures exactly: all of the SubNet's whole-block
// weight bytes, minus exactly the cached regions' bytes.
#include <gtest/gtest.h>

#include <cmath>

#include "accel_system.h"

namespace sushi::accel::test {
namespace {

TEST(AccelResNet50, MaxSubnetEmptyPbVersusCachedFirstLayers) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const AccelParams p = zcu104_params();
  const Program prog = resnet50_max_program(p, p.pb.bytes);
  ASSERT_GT(prog.cached_layers, 0u);
  System empty(p, "empty_"), cached(p, "cached_");
  JobResult r_empty, r_cached;
  install(empty, prog, false, r_empty);
  install(cached, prog, true, r_cached);
  sc_core::sc_start();

  ASSERT_EQ(r_empty.status, SUSHI_STATUS_DONE);
  ASSERT_EQ(r_cached.status, SUSHI_STATUS_DONE);
  const AccelCounters& ce = empty.accel->counters();
  const AccelCounters& cc = cached.accel->counters();
  EXPECT_EQ(ce.layers, prog.descs.size());
  // Empty PB: every weight block of the SubNet streams from DRAM once.
  EXPECT_EQ(ce.dram_weight_rd_B, prog.image_weight_bytes);
  EXPECT_EQ(ce.pb_rd_B, 0u);
  // PB with the first layers: DRAM streams exactly the rest; the PB supplies the cached bytes.
  EXPECT_EQ(cc.dram_weight_rd_B, prog.image_weight_bytes - prog.cached_bytes);
  EXPECT_EQ(cc.pb_rd_B, prog.cached_bytes);
  EXPECT_EQ(cc.pb_load_B, prog.cached_bytes);
  // MACs as the catalog counts them.
  EXPECT_EQ(ce.macs_useful, prog.macs);
  // Faster, and less DRAM energy for the job.
  EXPECT_LT(r_cached.job_ps, r_empty.job_ps);
  EXPECT_LT(r_cached.dram_job_pj, r_empty.dram_job_pj);
  RecordProperty("empty_job_ps", std::to_string(r_empty.job_ps));
  RecordProperty("cached_job_ps", std::to_string(r_cached.job_ps));
  RecordProperty("cached_layers", std::to_string(prog.cached_layers));
  RecordProperty("cached_bytes", std::to_string(prog.cached_bytes));
  std::printf("ResNet50 max: %zu layers, weights %llu B (cached %llu B in %u layers); job %.3f ms empty, %.3f ms cached; "
              "DRAM job energy %.1f uJ vs %.1f uJ\n",
              prog.descs.size(), static_cast<unsigned long long>(prog.image_weight_bytes), static_cast<unsigned long long>(prog.cached_bytes),
              prog.cached_layers, r_empty.job_ps / 1e9, r_cached.job_ps / 1e9, r_empty.dram_job_pj / 1e6,
              r_cached.dram_job_pj / 1e6);
  std::printf("  empty PB: compute %llu cycles, stall %llu cycles, DRAM rd %llu B, wr %llu B, utilisation %.1f %%\n",
              static_cast<unsigned long long>(ce.compute_cycles), static_cast<unsigned long long>(ce.stall_cycles),
              static_cast<unsigned long long>(ce.dram_rd_B()), static_cast<unsigned long long>(ce.dram_wr_B()),
              100.0 * static_cast<double>(ce.macs_useful) / (static_cast<double>(ce.compute_cycles) * 1296.0));
}

// dma.burst_bytes is a simulation-speed knob: 4 KiB bursts (one TLM call each) and the 64-byte
// reference mode must agree closely. Same traffic by operand exactly; job time within 5 % (the
// 4 KiB mode stripes small transfers over fewer ports: one 4 KiB burst holds a 16-B port for 256
// cycles). Measured: 90.38 ms vs 87.97 ms (2.7 %).
TEST(AccelResNet50, BurstGranularityAgrees) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const AccelParams p4k = zcu104_params(4096), p64 = zcu104_params(64);
  const Program prog = resnet50_max_program(p4k, p4k.pb.bytes);
  System big(p4k, "b4k_"), small(p64, "b64_");
  JobResult r4k, r64;
  install(big, prog, false, r4k);
  install(small, prog, false, r64);
  sc_core::sc_start();
  ASSERT_EQ(r4k.status, SUSHI_STATUS_DONE);
  ASSERT_EQ(r64.status, SUSHI_STATUS_DONE);
  const AccelCounters& a = big.accel->counters();
  const AccelCounters& b = small.accel->counters();
  EXPECT_EQ(a.dram_weight_rd_B, b.dram_weight_rd_B);
  EXPECT_EQ(a.dram_input_rd_B, b.dram_input_rd_B);
  EXPECT_EQ(a.dram_output_wr_B, b.dram_output_wr_B);
  EXPECT_EQ(a.compute_cycles, b.compute_cycles);
  const double rel = std::abs(static_cast<double>(r4k.job_ps) - static_cast<double>(r64.job_ps)) / static_cast<double>(r64.job_ps);
  EXPECT_LT(rel, 0.05);
  EXPECT_LT(big.accel->dma_bursts() * 32, small.accel->dma_bursts());  // far fewer transactions
  std::printf("burst 4 KiB: %.3f ms, %llu bursts; 64 B: %.3f ms, %llu bursts (%.2f %%)\n", r4k.job_ps / 1e9,
              static_cast<unsigned long long>(big.accel->dma_bursts()), r64.job_ps / 1e9,
              static_cast<unsigned long long>(small.accel->dma_bursts()), 100 * rel);
}

// Statistics carry unit suffixes and agree with the counters.
TEST(AccelResNet50, StatsReport) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const AccelParams p = zcu104_params();
  const Program prog = resnet50_max_program(p, p.pb.bytes);
  System sys(p);
  JobResult r;
  install(sys, prog, true, r);
  sc_core::sc_start();
  Json j;
  sys.accel->report_stats(j);
  EXPECT_EQ(j["dram_weight_rd_B"].get<std::uint64_t>(), prog.image_weight_bytes - prog.cached_bytes);
  EXPECT_EQ(j["pb_rd_B"].get<std::uint64_t>(), prog.cached_bytes);
  EXPECT_EQ(j["layers_count"].get<std::uint64_t>(), prog.descs.size());
  EXPECT_GT(j["dpe_utilisation_pct"].get<double>(), 0.0);
  EXPECT_GT(j["mac_energy_pJ"].get<double>(), 0.0);
  EXPECT_TRUE(j["buffers"].contains("pb"));
  for (const auto& [k, v] : j.items()) {
    if (!v.is_number()) continue;
    const bool unit = k.size() > 2 && (k.rfind("_B") == k.size() - 2 || k.rfind("_ps") == k.size() - 3 ||
                                       k.rfind("_count") == k.size() - 6 || k.rfind("_pct") == k.size() - 4 ||
                                       k.rfind("_pJ") == k.size() - 3);
    EXPECT_TRUE(unit) << k;
  }
}

// The OFA-MobileNetV3 (w1.2) max SubNet: depthwise 3x3..7x7, SE blocks, residuals; every
// descriptor the image writer produces is accepted and timed; weight bytes match the image.
TEST(AccelMbv3, MaxSubnetJobRuns) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const AccelParams p = zcu104_params();
  const Program prog = max_program(sn::parse_arch("ofa-mbv3-w1.2"), p, p.pb.bytes);
  System sys(p);
  JobResult r;
  install(sys, prog, true, r);
  sc_core::sc_start();
  ASSERT_EQ(r.status, SUSHI_STATUS_DONE) << "ERR_CODE " << sys.accel->counters().errors;
  const AccelCounters& c = sys.accel->counters();
  EXPECT_EQ(c.layers, prog.descs.size());
  EXPECT_EQ(c.dram_weight_rd_B + c.pb_rd_B, prog.image_weight_bytes);
  EXPECT_EQ(c.pb_rd_B, prog.cached_bytes);
  EXPECT_EQ(c.macs_useful, prog.macs);
  std::printf("MBv3 w1.2 max: %zu layers, %.3f ms, weights %llu B (cached %llu B), transforms %llu B\n", prog.descs.size(),
              r.job_ps / 1e9, static_cast<unsigned long long>(prog.image_weight_bytes),
              static_cast<unsigned long long>(prog.cached_bytes), static_cast<unsigned long long>(c.dram_transform_rd_B));
}

// The MBv3 min SubNet runs its depthwise layers at 3x3 inside 7x7 SuperNet kernels: the
// KERNEL_TRANSFORM flag makes the accelerator read the transform matrices (625 + 81 entries each).
TEST(AccelMbv3, MinSubnetReadsTransforms) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const AccelParams p = zcu104_params();
  const Program prog = subnet_program(sn::parse_arch("ofa-mbv3-w1.0"), sn::min_subnet(sn::parse_arch("ofa-mbv3-w1.0")), p, 0);
  System sys(p);
  JobResult r;
  install(sys, prog, false, r);
  sc_core::sc_start();
  ASSERT_EQ(r.status, SUSHI_STATUS_DONE);
  const AccelCounters& c = sys.accel->counters();
  EXPECT_EQ(c.dram_weight_rd_B, prog.image_weight_bytes);
  std::uint64_t expected = 0;
  for (const auto& d : prog.descs)
    if (d.flags & SUSHI_DESC_KERNEL_TRANSFORM) expected += transform_entries(d.kernel_max, d.kernel);
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(c.dram_transform_rd_B, expected);
}

}  // namespace
}  // namespace sushi::accel::test
