// Overlap of 1,000,000 SubGraph/SubNet pairs (what the firmware-side scheduler evaluates per
// query): 1000 random SubGraphs x 1000 random SubNets per iteration, packed regions, one core.
#include <benchmark/benchmark.h>

#include "supernet/overlap.h"
#include "supernet/supernet.h"

using namespace sushi::supernet;

namespace {

void BM_Overlap1M(benchmark::State& state, Arch arch, OverlapUnit unit) {
  const SuperNet& net = SuperNet::get(arch);
  const OverlapEngine eng(net, LayoutParams{}, unit);
  Rng rng(1);
  std::vector<PackedSubGraph> graphs, subnets;
  for (int i = 0; i < 1000; ++i) {
    graphs.push_back(eng.pack(union_bound(net.region_of(random_subnet(arch, rng)), net.region_of(random_subnet(arch, rng)))));
    subnets.push_back(eng.pack(net.region_of(random_subnet(arch, rng))));
  }
  for (auto _ : state) {
    uint64_t sum = 0;
    for (const PackedSubGraph& g : graphs)
      for (const PackedSubGraph& s : subnets) sum += eng.overlap(g, s);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * 1000000);
  state.counters["layers"] = static_cast<double>(net.size());
}

}  // namespace

BENCHMARK_CAPTURE(BM_Overlap1M, resnet50_exact, parse_arch("ofa-resnet50"), OverlapUnit::ExactBytes)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Overlap1M, resnet50_blocks, parse_arch("ofa-resnet50"), OverlapUnit::BlockBytes)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Overlap1M, mbv3_w10_exact, parse_arch("ofa-mbv3-w1.0"), OverlapUnit::ExactBytes)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Overlap1M, mbv3_w12_blocks, parse_arch("ofa-mbv3-w1.2"), OverlapUnit::BlockBytes)->Unit(benchmark::kMillisecond);
