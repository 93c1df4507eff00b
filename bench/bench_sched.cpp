// SushiSched decision cost on a 200-SubNet OFA-ResNet50 catalog (random SubNets, seed 1) with the
// image writer's default layout: one SubNet selection, the
// predictions of all SubNets after a PB change, and one SGS plan of a 16-query window under
// 2.25 MiB. Host wall time; the modelled core's cost is the firmware cost model (docs/sched.md).
#include <benchmark/benchmark.h>

#include <vector>

#include "supernet/catalog.h"
#include "supernet/model_image_io.h"
#include "supernet/subnet.h"
#include "sched/plan.h"
#include "sched/sched.h"
#include "sched/sched_model.h"

namespace {

using namespace sushi::supernet;

struct Fixture {
  ModelImage img;
  std::vector<sushi_sched_layer> layers;
  std::vector<uint32_t> acc;
  std::vector<uint64_t> fixed;
  sushi_sched_model model{};
  Fixture() {
    Rng rng(1);
    std::vector<SubNetConfig> nets;
    for (int i = 0; i < 200; ++i) nets.push_back(random_subnet(parse_arch("ofa-resnet50"), rng));
    const std::vector<uint8_t> bytes = write_model_image(make_catalog(parse_arch("ofa-resnet50"), nets));
    img = read_model_image(bytes.data(), bytes.size());
    for (const sushi_img_layer& l : img.layers) {
      layers.push_back({l.weight_offset, l.tap_bytes, l.unit_bytes, img.header.k_par,
                        static_cast<uint16_t>((l.flags & SUSHI_IMG_LAYER_DEPTHWISE) ? 0 : img.header.c_par), l.c_tiles, 0});
    }
    for (const sushi_img_subnet& s : img.subnets) acc.push_back(s.accuracy_milli);
    for (const sushi_img_latency_coef& c : img.latency) fixed.push_back(c.fixed_cycles);
    model = sushi_sched_model{img.header.layer_count, img.header.subnet_count, layers.data(), img.regions.data(),
                              acc.data(), fixed.data(), img.layer_latency.data()};
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_SelectSubnet200(benchmark::State& state) {
  Fixture& f = fixture();
  std::vector<uint64_t> service(f.model.subnet_count);
  for (uint32_t i = 0; i < f.model.subnet_count; ++i) service[i] = 1000u * sushi_predict_subnet_cycles(&f.model, i, nullptr) / 300u;
  const sushi_candidates c{f.model.subnet_count, f.acc.data(), service.data()};
  sushi_query_req q{1, 0, 60000000, 0};
  sushi_choice out{};
  for (auto _ : state) {
    sushi_select_subnet(&c, &q, 0, 0, &out);
    benchmark::DoNotOptimize(out);
    q.deadline_ns += 1;
  }
}
BENCHMARK(BM_SelectSubnet200);

void BM_PredictAll200(benchmark::State& state) {
  Fixture& f = fixture();
  std::vector<sushi_img_region> cached(f.img.regions.begin(), f.img.regions.begin() + f.model.layer_count);
  uint64_t sum = 0;
  for (auto _ : state) {
    for (uint32_t i = 0; i < f.model.subnet_count; ++i) sum += sushi_predict_subnet_cycles(&f.model, i, cached.data());
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK(BM_PredictAll200);

void BM_PlanSgsWindow16(benchmark::State& state) {
  Fixture& f = fixture();
  static sushi_plan_ws ws;
  std::vector<sushi_img_region> out(f.model.layer_count);
  std::vector<uint32_t> window;
  for (uint32_t i = 0; i < 16; ++i) window.push_back((i * 37u) % f.model.subnet_count);
  for (auto _ : state) {
    const sushi_plan_result r = sushi_plan_subgraph(&f.model, window.data(), 16, 2359296, &ws, out.data());
    benchmark::DoNotOptimize(r);
    state.counters["steps"] = r.steps;
  }
}
BENCHMARK(BM_PlanSgsWindow16);

}  // namespace

BENCHMARK_MAIN();
