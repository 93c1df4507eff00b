// DRAM model throughput (benchmark, not a test): wall-clock speed of the full TLM path
// (initiator socket -> b_transport -> burst split -> bank timing -> energy ledger -> stats ->
// sparse memory copy).
//  (a) 64-byte random reads: transactions per second (target >= 3 M/s)
//  (b) 4 KiB sequential reads: simulated bytes per wall-clock second (target >= 10 GB/s)
// Under `fcfs` every request is issued at the same local time (a DMA engine with many requests in
// flight), so the model's queue, banks and bus pace them. Under `fr_fcfs` (the *FrFcfs rows, the
// controller preset of docs/dram.md: open page, bank-wise buffer of 8) b_transport returns at the
// request's data end, so each request arrives when the one before it has ended, as a DMA
// engine's bursts reach that controller in the serving platforms. The benchmarks run in a
// SystemC thread, where such a call can wait.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <systemc>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include "dram/dram_controller.h"

namespace {

using sushi::dram::DramController;
using sushi::dram::DramParams;

struct Initiator : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Initiator> socket;
  explicit Initiator(sc_core::sc_module_name n) : sc_core::sc_module(n), socket("socket") {}
};

struct Rig {
  sushi::EnergyLedger ledger;
  std::unique_ptr<DramController> dram;
  std::unique_ptr<Initiator> init;
};

std::vector<std::unique_ptr<Rig>>& rigs() {
  static std::vector<std::unique_ptr<Rig>> r;
  return r;
}

// All modules are built before sc_start (one elaboration per process).
Rig& make_rig(const char* name, sushi::dram::DramSpec spec,
              sushi::dram::SchedulerKind scheduler = sushi::dram::SchedulerKind::fcfs) {
  auto rig = std::make_unique<Rig>();
  DramParams p;
  p.spec = std::move(spec);
  p.scheduler = scheduler;
  p.buffer = sushi::dram::BufferKind::bankwise;
  p.buffer_size = 8;
  rig->dram = std::make_unique<DramController>((std::string(name) + "_dram").c_str(), p, rig->ledger);
  rig->init = std::make_unique<Initiator>((std::string(name) + "_init").c_str());
  rig->init->socket.bind(rig->dram->socket);
  rigs().push_back(std::move(rig));
  return *rigs().back();
}

Rig* g_rand_ddr4;
Rig* g_seq_ddr4;
Rig* g_rand_lp4;
Rig* g_seq_lp4;
Rig* g_rand_ddr4_fr;
Rig* g_seq_ddr4_fr;

void random_reads(benchmark::State& state, Rig* rig) {
  std::mt19937_64 rng(1);
  const std::uint64_t lines = rig->dram->capacity() / 64;
  std::uint8_t buf[64];
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_data_ptr(buf);
  gp.set_data_length(64);
  gp.set_streaming_width(64);
  for (auto _ : state) {
    gp.set_address((rng() % lines) * 64);
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    rig->init->socket->b_transport(gp, d);
    benchmark::DoNotOptimize(d);
  }
  // The local time never advances, so a controller that waits (fr_fcfs) sees each request at
  // its own arrival once the previous one has ended: the kernel's time is that end.
  state.SetItemsProcessed(state.iterations());
  state.counters["transactions_per_s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

void sequential_4k(benchmark::State& state, Rig* rig) {
  std::vector<std::uint8_t> buf(4096);
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_data_ptr(buf.data());
  gp.set_data_length(4096);
  gp.set_streaming_width(4096);
  std::uint64_t addr = 0;
  const std::uint64_t cap = rig->dram->capacity();
  sc_core::sc_time last = sc_core::SC_ZERO_TIME;
  for (auto _ : state) {
    gp.set_address(addr);
    addr = (addr + 4096) % cap;
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    rig->init->socket->b_transport(gp, d);
    last = d;
  }
  state.SetBytesProcessed(std::int64_t(state.iterations()) * 4096);
  state.counters["simulated_GB_per_wall_s"] =
      benchmark::Counter(double(state.iterations()) * 4096 / 1e9, benchmark::Counter::kIsRate);
  // The rig keeps its state across Google Benchmark's repeated runs: use its totals. The last
  // request's end is the kernel's time plus its returned delay (the kernel moves under fr_fcfs).
  last += sc_core::sc_time_stamp();
  state.counters["simulated_bandwidth_GBps"] = double(rig->dram->bytes_read()) / last.to_seconds() / 1e9;
}

void BM_Ddr4Random64B(benchmark::State& s) { random_reads(s, g_rand_ddr4); }
void BM_Ddr4Sequential4KiB(benchmark::State& s) { sequential_4k(s, g_seq_ddr4); }
void BM_Lpddr4Random64B(benchmark::State& s) { random_reads(s, g_rand_lp4); }
void BM_Lpddr4Sequential4KiB(benchmark::State& s) { sequential_4k(s, g_seq_lp4); }
BENCHMARK(BM_Ddr4Random64B);
BENCHMARK(BM_Ddr4Sequential4KiB);
BENCHMARK(BM_Lpddr4Random64B);
BENCHMARK(BM_Lpddr4Sequential4KiB);
void BM_Ddr4Random64BFrFcfs(benchmark::State& s) { random_reads(s, g_rand_ddr4_fr); }
void BM_Ddr4Sequential4KiBFrFcfs(benchmark::State& s) { sequential_4k(s, g_seq_ddr4_fr); }
BENCHMARK(BM_Ddr4Random64BFrFcfs);
BENCHMARK(BM_Ddr4Sequential4KiBFrFcfs);

// Runs the benchmarks in a thread of the kernel (an fr_fcfs b_transport waits).
struct Runner : sc_core::sc_module {
  SC_HAS_PROCESS(Runner);
  explicit Runner(sc_core::sc_module_name n) : sc_core::sc_module(n) {
    SC_THREAD(run);
    set_stack_size(std::size_t(16) << 20);  // Google Benchmark's own frames, beside the model's
  }
  void run() {
    benchmark::RunSpecifiedBenchmarks();
    sc_core::sc_stop();
  }
};

}  // namespace

int sc_main(int argc, char** argv) {
  g_rand_ddr4 = &make_rig("rand_ddr4", sushi::dram::ddr4_2400_x64());
  g_seq_ddr4 = &make_rig("seq_ddr4", sushi::dram::ddr4_2400_x64());
  g_rand_lp4 = &make_rig("rand_lp4", sushi::dram::lpddr4_3200_x16_2ch());
  g_seq_lp4 = &make_rig("seq_lp4", sushi::dram::lpddr4_3200_x16_2ch());
  g_rand_ddr4_fr = &make_rig("rand_ddr4_fr", sushi::dram::ddr4_2400_x64(), sushi::dram::SchedulerKind::fr_fcfs);
  g_seq_ddr4_fr = &make_rig("seq_ddr4_fr", sushi::dram::ddr4_2400_x64(), sushi::dram::SchedulerKind::fr_fcfs);
  benchmark::Initialize(&argc, argv);
  Runner runner("runner");
  sc_core::sc_start();
  return 0;
}
