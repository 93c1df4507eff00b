// Activation residency (accel.activations: on_chip): the planner's decisions for a small network
// and the DRAM input/output bytes per layer the accelerator moves, worked by hand for both
// settings and for a store too small for one of the maps (a spill).
//
// The network (int8, 16 x 16 maps, exact_params: 16 x 9 array):
//   L0 3x3 conv K=32 C=9: input image 9 x 256 = 2304 B (at kIn, from DRAM), output A1 32 x 256 = 8192 B
//   L1 1x1 conv K=16 C=32: input A1 (8192 B), output A2 16 x 256 = 4096 B
//   L2 1x1 conv K=32 C=16, residual add of A1 (8192 B): input A2 (4096 B), output A3 8192 B (job end)
// A1 lives from L0 to L2 (L1's input and L2's shortcut), A2 from L1 to L2.
#include <gtest/gtest.h>

#include "accel_bench.h"
#include "supernet/act_residency.h"

namespace sushi::accel::test {
namespace {

using supernet::ActResidency;

constexpr std::uint64_t kDesc = 0x1000, kMap = 0x2000;
constexpr std::uint64_t kW0 = 0x10000, kW1 = 0x14000, kW2 = 0x18000;
constexpr std::uint64_t kIn = 0x20000, kA1 = 0x30000, kA2 = 0x40000, kA3 = 0x50000;

std::vector<sushi_layer_desc> network() {
  sushi_layer_desc l0 = conv_desc(32, 9, 16), l1 = conv_desc(16, 32, 16, 1), l2 = conv_desc(32, 16, 16, 1);
  l0.weight_addr = kW0;
  l0.in_addr = kIn;
  l0.out_addr = kA1;
  l1.weight_addr = kW1;
  l1.in_addr = kA1;
  l1.out_addr = kA2;
  l2.weight_addr = kW2;
  l2.in_addr = kA2;
  l2.out_addr = kA3;
  l2.aux_addr = kA1;
  l2.flags = SUSHI_DESC_RESIDUAL_ADD | SUSHI_DESC_LAST;
  l0.layer_index = 0;
  l1.layer_index = 1;
  l2.layer_index = 2;
  return {l0, l1, l2};
}

AccelParams params(Activations a, std::uint64_t store) {
  AccelParams p = exact_params();
  p.activations = a;
  p.in_act = BufferParams{store, 16, 1};
  return p;
}

struct JobRun {
  std::unique_ptr<Top> top;
  std::uint32_t status = 0, err_code = 0, err_info = 0;
};

std::unique_ptr<JobRun> make_job(const std::string& prefix, const AccelParams& p, const std::vector<sushi_layer_desc>& d) {
  auto run = std::make_unique<JobRun>();
  run->top = std::make_unique<Top>(p, exact_memory(), prefix);
  run->top->put_all(kDesc, d);
  run->top->put_all(kMap, std::vector<sushi_pb_map_entry>(d.size()));
  JobRun* self = run.get();
  const auto n = static_cast<std::uint32_t>(d.size());
  run->top->drv->script = [self, n](Driver& drv) {
    start_job(drv, kDesc, n, kMap, n);
    drv.wait_irq();
    self->status = drv.rd(SUSHI_REG_STATUS);
    self->err_code = drv.rd(SUSHI_REG_ERR_CODE);
    self->err_info = drv.rd(SUSHI_REG_ERR_INFO);
  };
  return run;
}

TEST(AccelResidency, PlannerKeepsWhatFitsAndPinsTheShortcut) {
  // dram: no flags at all (every result with accel.activations: dram is unchanged).
  auto d = network();
  supernet::plan_activation_residency(d, ActResidency::Dram, 16384, 1);
  for (const auto& x : d) EXPECT_EQ(x.act_flags, 0u);

  // on_chip, 16 KiB store:
  //   L0: nothing resident; input staged 2304 + output 8192 = 10,496 <= 16,384 -> A1 kept (OUT)
  //   L1: resident A1 8192 + output 4096 = 12,288 <= 16,384 -> A2 kept (IN | OUT)
  //   L2: input and shortcut resident (IN | AUX); A3 has no consumer in the job -> DRAM
  d = network();
  auto r = supernet::plan_activation_residency(d, ActResidency::OnChip, 16384, 1);
  EXPECT_EQ(d[0].act_flags, SUSHI_ACT_OUT_ONCHIP);
  EXPECT_EQ(d[1].act_flags, SUSHI_ACT_IN_ONCHIP | SUSHI_ACT_OUT_ONCHIP);
  EXPECT_EQ(d[2].act_flags, SUSHI_ACT_IN_ONCHIP | SUSHI_ACT_AUX_ONCHIP);
  EXPECT_EQ(r[0].dram_in_bytes, 2304u);
  EXPECT_EQ(r[2].dram_out_bytes, 8192u);

  // on_chip, 11 KiB = 11,264 B store (spill):
  //   L0: 10,496 <= 11,264 -> A1 kept
  //   L1: 8192 + 4096 = 12,288 > 11,264 -> A2 spills to DRAM (flags IN only)
  //   L2: input from DRAM while A1 (8192 B = 8 KiB) stays pinned for the add: AUX | 8 << 3
  d = network();
  r = supernet::plan_activation_residency(d, ActResidency::OnChip, 11264, 1);
  EXPECT_EQ(d[0].act_flags, SUSHI_ACT_OUT_ONCHIP);
  EXPECT_EQ(d[1].act_flags, SUSHI_ACT_IN_ONCHIP);
  EXPECT_EQ(d[2].act_flags, SUSHI_ACT_AUX_ONCHIP | (8u << SUSHI_ACT_PINNED_SHIFT));
  EXPECT_EQ(r[1].dram_out_bytes, 4096u);
  EXPECT_EQ(r[2].pinned_bytes, 8192u);
}

// Per layer DRAM bytes the accelerator moves (dram_input_B includes the residual reads):
//   dram, 11 KiB act_in:      L0 in 2304 / out 8192; L1 in 8192 / out 4096;
//                             L2 in 4096 + shortcut 2 K-tiles x 16 x 256 = 8192 -> 12,288 / out 8192
//   on_chip, 16 KiB:          L0 2304 / 0; L1 0 / 0; L2 0 / 8192
//   on_chip, 11 KiB (spill):  L0 2304 / 0; L1 0 / 4096; L2: the input is staged in 11,264 - 8 KiB
//                             pinned = 3072 B, so K-tile 0 reads 4096 and K-tile 1 re-reads
//                             4096 - 3072 = 1024 -> 5120 / out 8192; the shortcut is on chip
TEST(AccelResidency, DramBytesPerLayerBothSettingsAndSpill) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  auto dram_net = network(), chip_net = network(), spill_net = network();
  supernet::plan_activation_residency(chip_net, ActResidency::OnChip, 16384, 1);
  supernet::plan_activation_residency(spill_net, ActResidency::OnChip, 11264, 1);
  auto dram = make_job("d_", params(Activations::dram, 11264), dram_net);
  auto chip = make_job("c_", params(Activations::on_chip, 16384), chip_net);
  auto spill = make_job("s_", params(Activations::on_chip, 11264), spill_net);
  sc_core::sc_start();
  for (auto* j : {dram.get(), chip.get(), spill.get()}) EXPECT_EQ(j->status & SUSHI_STATUS_ERROR, 0u);
  const struct {
    JobRun* run;
    std::uint64_t in[3], out[3];
  } expect[] = {{dram.get(), {2304, 8192, 12288}, {8192, 4096, 8192}},
                {chip.get(), {2304, 0, 0}, {0, 0, 8192}},
                {spill.get(), {2304, 0, 5120}, {0, 4096, 8192}}};
  for (const auto& e : expect) {
    const auto& layers = e.run->top->accel->last_job_layers();
    ASSERT_EQ(layers.size(), 3u);
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(layers[i].dram_input_B, e.in[i]) << "layer " << i;
      EXPECT_EQ(layers[i].dram_output_B, e.out[i]) << "layer " << i;
    }
  }
  // Less traffic, same compute: the on-chip job ends earlier.
  EXPECT_LT(chip->top->accel->last_end_ps() - chip->top->accel->last_start_ps(),
            dram->top->accel->last_end_ps() - dram->top->accel->last_start_ps());
  EXPECT_EQ(chip->top->accel->counters().dram_aux_rd_B, 0u);
  EXPECT_EQ(dram->top->accel->counters().dram_aux_rd_B, 8192u);
}

// A descriptor that claims a resident map no earlier layer left there, or any residency flag
// while the accelerator is configured with activations in DRAM, is rejected before anything runs.
TEST(AccelResidency, InconsistentFlagsAreBadDescriptors) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  auto orphan = network();
  orphan[1].act_flags = SUSHI_ACT_IN_ONCHIP;  // A1 was written to DRAM by L0
  auto planned = network();
  supernet::plan_activation_residency(planned, ActResidency::OnChip, 16384, 1);
  auto a = make_job("a_", params(Activations::on_chip, 16384), orphan);
  auto b = make_job("b_", params(Activations::dram, 16384), planned);
  sc_core::sc_start();
  for (auto* j : {a.get(), b.get()}) {
    EXPECT_NE(j->status & SUSHI_STATUS_ERROR, 0u);
    EXPECT_EQ(j->top->accel->counters().layers, 0u);
  }
  EXPECT_EQ(a->err_code, static_cast<std::uint32_t>(SUSHI_ERR_BAD_DESCRIPTOR));
  EXPECT_EQ(a->err_info, 1u);
  EXPECT_EQ(b->err_code, static_cast<std::uint32_t>(SUSHI_ERR_BAD_DESCRIPTOR));
  EXPECT_EQ(b->err_info, 0u);
}

}  // namespace
}  // namespace sushi::accel::test
