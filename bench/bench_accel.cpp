// SushiAccel simulation speed: one OFA-ResNet50 max-SubNet job on the ZCU104 preset (DDR4-2400
// behind a crossbar NoC, empty PB) with dma.burst_bytes = 4 KiB and 64 B. Reports the wall-clock
// time per job and, as counters, the simulated job time (sim_ms), simulated/wall time
// (sim_over_wall; target > 1 at 4 KiB) and DMA bursts per job. Both systems are elaborated once
// (SystemC allows one elaboration per process); each iteration runs one more job on them.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <memory>

#include "accel_system.h"

namespace {

using namespace sushi::accel;
using namespace sushi::accel::test;

struct Rig {
  std::unique_ptr<System> sys;
  Program prog;
  sc_core::sc_event go;
  std::uint64_t last_job_ps = 0;
  std::uint64_t jobs = 0;
};
Rig* g_rig[2] = {nullptr, nullptr};  // [0]: 4 KiB bursts, [1]: 64 B bursts

void setup(Rig& r, std::uint64_t burst, const char* prefix) {
  const AccelParams p = zcu104_params(burst);
  r.prog = resnet50_max_program(p, p.pb.bytes);
  r.sys = std::make_unique<System>(p, prefix);
  r.sys->put(kProgDesc, r.prog.descs.data(), r.prog.descs.size() * sizeof(sushi_layer_desc));
  Rig* rp = &r;
  r.sys->drv->script = [rp](Driver& drv) {
    for (;;) {
      sc_core::wait(rp->go);
      start_job(drv, kProgDesc, static_cast<std::uint32_t>(rp->prog.descs.size()), 0, 0);
      drv.wait_irq();
      drv.wr(SUSHI_REG_IRQ_STATUS, 0xFFFFFFFFu);
      rp->last_job_ps = rp->sys->accel->last_end_ps() - rp->sys->accel->last_start_ps();
      ++rp->jobs;
    }
  };
}

void BM_ResNet50MaxJob(benchmark::State& state) {
  Rig& r = *g_rig[state.range(0) == 4096 ? 0 : 1];
  const std::uint64_t bursts0 = r.sys->accel->dma_bursts();
  std::uint64_t jobs = 0;
  double sim_s = 0, wall_s = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    r.go.notify(sc_core::SC_ZERO_TIME);
    sc_core::sc_start();  // runs until the job is done and everything is idle
    wall_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sim_s += static_cast<double>(r.last_job_ps) * 1e-12;
    ++jobs;
  }
  state.counters["sim_ms"] = static_cast<double>(r.last_job_ps) / 1e9;
  state.counters["sim_over_wall"] = wall_s > 0 ? sim_s / wall_s : 0;
  state.counters["dma_bursts_per_job"] =
      jobs ? static_cast<double>(r.sys->accel->dma_bursts() - bursts0) / static_cast<double>(jobs) : 0;
  state.counters["dram_weight_MB"] = static_cast<double>(r.prog.image_weight_bytes) / 1e6;
}
BENCHMARK(BM_ResNet50MaxJob)->Arg(4096)->Arg(64)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int sc_main(int argc, char* argv[]) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  setenv("SUSHI_SOURCE_DIR", SUSHI_SOURCE_DIR_DEFAULT, 0);
  static Rig big, small;
  setup(big, 4096, "b4k_");
  setup(small, 64, "b64_");
  g_rig[0] = &big;
  g_rig[1] = &small;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
