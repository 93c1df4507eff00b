// DRAM contention between two accelerators on one DRAM channel (issue 22): the same job takes
// longer while the other accelerator streams than alone, by an amount derived from the DRAM
// model's rules (models/dram/dram_channel.cpp, standard/ddr4_rules.cpp); contention changes time,
// never traffic. Each TEST is its own process (one SystemC simulation each).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <systemc>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "accel_system.h"
#include "common/trace_hooks.h"
#include "dram/dram_controller.h"
#include "noc/noc.h"
#include "noc/noc_energy.h"
#include "soc/soc_assembly.h"
#include "test_paths.h"

namespace sushi::accel::test {
namespace {

void wait_until(std::uint64_t t_ps) {
  if (t_ps > now_ps()) sc_core::wait(sc_core::sc_time::from_value(t_ps - now_ps()));
}

// Two accelerators "a" and "b" of shape `p` on one DDR4-2400 x64 channel (accel_system.h's
// memspec), built by the one SoC assembly, each driven by its own host thread on its registers.
// with_noc: through accel_system.h's crossbar (16 B flits at 1 GHz), the DRAM at 0x8000_0000;
// without: their DMA sockets bind the DRAM's (multi-initiator) socket directly, the DRAM at 0.
struct TwoAccels {
  EnergyLedger ledger;
  SocAssembly soc{ledger};
  dram::DramController* dram = nullptr;
  SushiAccel* acc[2] = {nullptr, nullptr};
  std::unique_ptr<Driver> drv[2];
  std::uint64_t base = 0;

  TwoAccels(const AccelParams& p, bool with_noc) : base(with_noc ? 0x80000000ull : 0) {
    dram::DramParams dp;
    dp.spec = dram::ddr4_2400_x64();
    dram = &soc.add_dram("dram", dp, base, "", 1ull << 30);
    const char* names[2] = {"a", "b"};
    for (int i = 0; i < 2; ++i) {
      soc.add_accelerator({names[i], std::nullopt, "", soc.memory_windows(true)},
                          [&](const char* name, std::vector<MemoryWindow> memory) {
                            AccelParams ap = p;
                            ap.memory = std::move(memory);
                            auto m = std::make_unique<SushiAccel>(name, ap, sram_table(), ledger);
                            acc[i] = m.get();
                            return m;
                          });
      if (!with_noc) acc[i]->dma.bind(dram->socket);
      drv[i] = std::make_unique<Driver>((std::string(names[i]) + "_cpu").c_str());
      drv[i]->socket.bind(acc[i]->regs);
      drv[i]->irq.bind(soc.irq(i));
    }
    if (with_noc) {
      noc::NocParams np;
      np.topology = noc::Topology::crossbar;
      np.flit_bytes = 16;
      np.clock_period_ps = 1000;
      soc.build_noc(np, noc::load_noc_energy_table((sushi::test::source_dir() / "vp_configs/energy/noc-noxim.yaml").string()));
    }
  }
  void put(std::uint64_t addr, const void* src, std::size_t n) {
    dram->memory().write(addr - base, static_cast<const std::uint8_t*>(src), n);
  }
};

// The exact cases' pair: DRAM-paced accelerators (64-B DMA bursts; 288-B PB words, so that the
// PB write never paces) without a NoC; A's one-entry PB load list at 0 with its weights from 64,
// B's at 32 KiB with its weights from 32 KiB + 64 (the layout is explained at the first test).
constexpr std::uint64_t kAList = 0, kBList = 32 * 1024;
std::unique_ptr<TwoAccels> pb_load_pair(std::uint32_t a_bytes, std::uint32_t b_bytes) {
  AccelParams p = exact_params();
  p.dma_burst_bytes = 64;
  p.pb.word_bytes = 288;
  auto sys = std::make_unique<TwoAccels>(p, false);
  const sushi_pb_load_entry ea{kAList + 64, 0, a_bytes};
  const sushi_pb_load_entry eb{kBList + 64, 0, b_bytes};
  sys->put(kAList, &ea, sizeof ea);
  sys->put(kBList, &eb, sizeof eb);
  return sys;
}

// One PB load of the one-entry list at `list`, from START to its interrupt.
void pb_load(Driver& d, std::uint64_t list) {
  start_pb_load(d, list, 1);
  d.wait_irq();
  d.wr(SUSHI_REG_IRQ_STATUS, SUSHI_IRQ_PB_LOAD_DONE);
}

// One job of n descriptors at `desc`, PB empty, from START to its interrupt; returns STATUS.
std::uint32_t job(Driver& d, std::uint64_t desc, std::uint32_t n) {
  start_job(d, desc, n, 0, 0);
  d.wait_irq();
  const std::uint32_t status = d.rd(SUSHI_REG_STATUS);
  d.wr(SUSHI_REG_IRQ_STATUS, SUSHI_IRQ_JOB_DONE);
  return status;
}

struct Window {
  std::uint64_t start = 0, end = 0;
  AccelCounters before, after;
  std::uint64_t ps() const { return end - start; }
};

// A's job: a 4 KiB PB load (one list entry). Alone at 2 us, then again 150 ns after B starts its
// own 4 KiB PB load. The configuration leaves the DRAM as the only pacing term:
//  * no NoC (DMA sockets on the DRAM directly); 64-B DMA bursts = one DDR4 burst (BL8 x 64 bit)
//    per TLM request; 6 ports x 64 B at 100 MHz issue 6 bursts per 10 ns = 12 DRAM cycles, while the
//    DRAM serves one per 4 cycles: the DRAM is backlogged, the ports never pace (16 slots each,
//    96 > 65 requests);
//  * PB words of 288 B: the PB write of 4 KiB takes 15 cycles (150 ns), less than the DRAM (the
//    ZCU104's 144-B word would make the PB, 14.4 GB/s, the pace);
//  * default DDR4 mapping bg:2,co:7,ba:2,ro:15 above the 64-B burst offset: a 32 KiB region is row 0
//    of one bank index in all four bank groups, consecutive bursts rotating bg 0,1,2,3. A's list
//    (at 0) and weights (64 .. 4159) are in bank 0, B's (at 32 KiB) in bank 1: B never closes A's
//    rows. A warm-up load each opens the rows (8 misses in all); every timed burst is a row hit;
//    no refresh falls due (the first at tREFI = 9360 cycles = 7.8 us; the test ends at 4.5 us).
// DDR4-2400: tCK = 2500/3 ps, cycle c starts at floor(c x 2500 / 3) ps. A row-hit read's CAS is at
// the latest of its arrival, the previous CAS + tCCD_S = 4 (another bank group) or + tCCD_L = 6
// (same bank group), and the previous data end - RL (read after read, same rank: no bus gap); its
// data end is CAS + RL 16 + BL/2 4 = CAS + 20. Bursts take the bus in arrival order (fcfs).
TEST(AccelContention, ExactExtraTimeFromTheDramRules) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const std::unique_ptr<TwoAccels> owner = pb_load_pair(4096, 4096);
  TwoAccels& sys = *owner;

  Window alone, contended, b_run;
  std::uint64_t dram_rd_alone = 0, dram_rd_contended = 0;
  SushiAccel* a = sys.acc[0];
  SushiAccel* b = sys.acc[1];
  const dram::DramController* dram = sys.dram;
  sys.drv[0]->script = [&](Driver& d) {
    pb_load(d, kAList);  // opens A's rows
    wait_until(2000000);
    alone.before = a->counters();
    const std::uint64_t r0 = dram->bytes_read();
    pb_load(d, kAList);
    dram_rd_alone = dram->bytes_read() - r0;
    alone.start = a->last_start_ps();
    alone.end = a->last_end_ps();
    alone.after = a->counters();
    wait_until(3900000);
    contended.before = a->counters();
    const std::uint64_t r1 = dram->bytes_read();
    wait_until(4150000);
    pb_load(d, kAList);
    dram_rd_contended = dram->bytes_read() - r1;  // A's and B's
    contended.start = a->last_start_ps();
    contended.end = a->last_end_ps();
    contended.after = a->counters();
  };
  sys.drv[1]->script = [&](Driver& d) {
    wait_until(1000000);
    pb_load(d, kBList);  // opens B's rows
    wait_until(4000000);
    b_run.before = b->counters();
    pb_load(d, kBList);
    b_run.start = b->last_start_ps();
    b_run.end = b->last_end_ps();
    b_run.after = b->counters();
  };
  sc_core::sc_start();

  // Alone. START at 2,040,000 ps (2 us + the driver's register writes) = cycle 2448 exactly.
  // List read (bg 0): CAS 2448, data end 2468 (2,056,666 ps); the 64 weight bursts are ready
  // then and the DRAM is backlogged: CAS_k = 2468 + 4k (bg 1,2,3,0,...: tCCD_S and the bus both
  // give 4), k = 0..63; last data end 2468 + 252 + 20 = 2740 = 2,283,333 ps (the PB write, 15 PB cycles
  // from the list's end, is over by then). Job: 2,283,333 - 2,040,000 = 243,333 ps.
  EXPECT_EQ(alone.start, 2040000u);
  EXPECT_EQ(alone.end, 2283333u);
  EXPECT_EQ(alone.ps(), 243333u);

  // B streams: START at 4,040,000 ps = cycle 4848. List CAS 4848 (data end 4868), weight CAS
  // 4868 + 4k, the last (k = 63, bank group (63 + 1) mod 4 = 0) at 5120, data end 5140 =
  // 4,283,333 ps. Every one of B's 65 requests has arrived by 4,156,666 ps (the ports issue its
  // 64th weight burst in their 11th round, 10 x 10 ns after 4,056,666), before A starts: so they
  // precede A's in arrival order as in call order (temporal decoupling plays no part).
  EXPECT_EQ(b_run.start, 4040000u);
  EXPECT_EQ(b_run.end, 4283333u);

  // A with B streaming: START at 4,190,000 ps = cycle 5028. Its list read (bg 0, a row hit) takes
  // CAS = max(arrival 5028, B's last CAS 5120 + tCCD_L 6 (same bank group 0),
  //           B's last data end 5140 - RL 16 = 5124) = 5126
  // rather than at its arrival: B's 24 bursts still queued at 5028 (CAS 5028 .. 5120) hold the bus
  // 24 x BL/2 = 96 cycles, and tCCD_L - tCCD_S = 2 more, since B's last burst and A's first share
  // bank group 0: 98 cycles. From then on the alone schedule repeats shifted by 98 cycles (every
  // rule B touched is satisfied by then): last data end 5126 + 20 + 252 + 20 = 5418 =
  // 4,515,000 ps. Job: 4,515,000 - 4,190,000 = 325,000 ps.
  EXPECT_EQ(contended.start, 4190000u);
  EXPECT_EQ(contended.end, 4515000u);
  EXPECT_EQ(contended.ps(), 325000u);
  // Extra: 98 DRAM cycles = 98 x 2500 / 3 = 81,666.7 ps; with cycle starts floored,
  // floor(5418 x 2500 / 3) - floor(2740 x 2500 / 3) - (4,190,000 - 2,040,000) = 81,667 ps.
  EXPECT_EQ(contended.ps() - alone.ps(), 81667u);
  const dram::DramClock clock(dram::ddr4_2400_x64().clock_hz);
  EXPECT_EQ(clock.cycle_at_or_after(contended.end) - clock.cycle_at_or_after(contended.start) -
                (clock.cycle_at_or_after(alone.end) - clock.cycle_at_or_after(alone.start)),
            98);

  // Contention changes time, not traffic: A moved the same bytes in the same requests, and the
  // DRAM read A's 16 + 4096 B alone and A's plus B's with B streaming.
  EXPECT_EQ(alone.after.pb_load_B - alone.before.pb_load_B, 4096u);
  EXPECT_EQ(contended.after.pb_load_B - contended.before.pb_load_B, 4096u);
  EXPECT_EQ(alone.after.dram_rd_B() - alone.before.dram_rd_B(), 4112u);
  EXPECT_EQ(contended.after.dram_rd_B() - contended.before.dram_rd_B(), 4112u);
  EXPECT_EQ(b_run.after.dram_rd_B() - b_run.before.dram_rd_B(), 4112u);
  EXPECT_EQ(dram_rd_alone, 4112u);
  EXPECT_EQ(dram_rd_contended, 2u * 4112u);
  const dram::ChannelCounters& c = sys.dram->channel(0).counters();
  EXPECT_EQ(c.row_misses, 8u);  // the warm-ups' four ACTs each (one bank per bank group)
  EXPECT_EQ(c.row_conflicts, 0u);
  EXPECT_EQ(c.ref, 0u);
  EXPECT_EQ(c.rd, 5u * 65u);  // five loads of 65 bursts
}

// A realistic pair: two ZCU104-preset accelerators (16 x 9 array, 100 MHz, 6 x 16 B ports, 4 KiB
// DMA bursts) through the crossbar NoC to the DDR4 channel. A's job, one FC layer (1x1 conv,
// K = C = 1024, 1 x 1 map, PB empty: ~1 MiB of weights), runs alone, then again while B runs the
// same layer three times from other addresses (B starts 20 us earlier and ends after A).
//
// Bound on the extra time: A waits only while a resource it shares with B serves B (every shared
// resource is a work-conserving in-order server), so the extra is at most the time B's requests
// that overlap A's job occupy those resources, summed over them:
//   NoC: the DRAM's crossbar ports carry each B request's header flit and its write data, and the
//        response's header flit and read data: (2 + ceil(bytes / 16)) flits x 1 ns;
//   DRAM: its data bus, ceil(bytes / 64) bursts x BL/2 = 4 cycles; plus, once per B request, one
//        row switch forced on A (tRP + tRCD = 32 cycles) and one bus turnaround (write to read at
//        most tWTR_L + RL = 25 cycles).
// "Overlap": B's requests whose DRAM service ends after A's start minus 1 us (a response may still
// cross the NoC after its DRAM data ends: at most 258 flits) and arrives before A's end.
TEST(AccelContention, RealisticJobSlowerWithinBsBandwidthShare) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  const AccelParams p = zcu104_params();
  TwoAccels sys(p, true);
  const std::uint64_t base = sys.base;
  constexpr std::uint64_t kBRegion = 0x04000000;  // B's descriptors' data lie at and above this
  sushi_layer_desc fa = conv_desc(1024, 1024, 1, 1, 1, p);
  fa.weight_addr = base + 0x01000000;
  fa.in_addr = base + 0x02000000;
  fa.out_addr = base + 0x02100000;
  sushi_layer_desc fb = fa;
  fb.weight_addr = base + kBRegion;
  fb.in_addr = base + kBRegion + 0x01000000;
  fb.out_addr = base + kBRegion + 0x01100000;
  const sushi_layer_desc db[3] = {fb, fb, fb};
  const std::uint64_t desc_a = base, desc_b = base + 0x100000;
  sys.put(desc_a, &fa, sizeof fa);
  sys.put(desc_b, db, sizeof db);

  Window alone, contended, b_run;
  std::vector<std::uint32_t> status;
  SushiAccel* a = sys.acc[0];
  SushiAccel* b = sys.acc[1];
  sys.drv[0]->script = [&](Driver& d) {
    alone.before = a->counters();
    status.push_back(job(d, desc_a, 1));
    alone.start = a->last_start_ps();
    alone.end = a->last_end_ps();
    alone.after = a->counters();
    wait_until(1000000000);  // 1 ms
    contended.before = a->counters();
    status.push_back(job(d, desc_a, 1));
    contended.start = a->last_start_ps();
    contended.end = a->last_end_ps();
    contended.after = a->counters();
  };
  sys.drv[1]->script = [&](Driver& d) {
    wait_until(980000000);
    status.push_back(job(d, desc_b, 3));
    b_run.start = b->last_start_ps();
    b_run.end = b->last_end_ps();
  };
  struct Log : DramObserver {
    std::vector<DramTransactionRecord> v;
    void on_dram_transaction(const DramTransactionRecord& r) override { v.push_back(r); }
  } log;
  sys.dram->set_trace_observer(&log);
  sc_core::sc_start();

  ASSERT_EQ(status.size(), 3u);
  for (std::uint32_t st : status) EXPECT_EQ(st, SUSHI_STATUS_DONE);
  ASSERT_LT(b_run.start, contended.start);  // B streams during the whole of A's job
  ASSERT_GT(b_run.end, contended.end);

  // Same traffic: the same bytes of each kind, in the same number of DMA requests.
  const AccelCounters& a0 = alone.before;
  const AccelCounters& a1 = alone.after;
  const AccelCounters& c0 = contended.before;
  const AccelCounters& c1 = contended.after;
  EXPECT_EQ(c1.dram_weight_rd_B - c0.dram_weight_rd_B, a1.dram_weight_rd_B - a0.dram_weight_rd_B);
  EXPECT_EQ(c1.dram_input_rd_B - c0.dram_input_rd_B, a1.dram_input_rd_B - a0.dram_input_rd_B);
  EXPECT_EQ(c1.dram_output_wr_B - c0.dram_output_wr_B, a1.dram_output_wr_B - a0.dram_output_wr_B);
  EXPECT_EQ(c1.dram_rd_B() - c0.dram_rd_B(), a1.dram_rd_B() - a0.dram_rd_B());
  EXPECT_EQ(c1.dram_wr_B() - c0.dram_wr_B(), a1.dram_wr_B() - a0.dram_wr_B());
  EXPECT_GT(a1.dram_weight_rd_B - a0.dram_weight_rd_B, 1000000u);  // ~1 MiB of weights
  std::uint64_t a_requests[2] = {0, 0};  // alone, contended
  for (const DramTransactionRecord& r : log.v) {
    if (r.addr >= desc_a - base && r.addr < kBRegion && r.addr != desc_b - base) {
      ++a_requests[r.arrival_ps >= contended.start ? 1 : 0];
    }
  }
  EXPECT_EQ(a_requests[1], a_requests[0]);

  // Longer, but by no more than B's occupancy of the shared resources explains.
  ASSERT_GT(contended.ps(), alone.ps());
  const double tck_ps = 1e12 / double(dram::ddr4_2400_x64().clock_hz);
  double bound_ps = 0;
  std::uint64_t b_bytes = 0;
  for (const DramTransactionRecord& r : log.v) {
    if (r.addr < kBRegion || r.done_ps + 1000000 <= contended.start || r.arrival_ps >= contended.end) continue;
    const std::uint64_t flits = 2 + (r.bytes + 15) / 16;
    const std::uint64_t bursts = (r.bytes + 63) / 64;
    bound_ps += double(flits) * 1000.0 + (double(bursts) * 4 + 32 + 25) * tck_ps;
    b_bytes += r.bytes;
  }
  EXPECT_GT(b_bytes, 0u);
  EXPECT_LE(double(contended.ps() - alone.ps()), bound_ps)
      << "alone " << alone.ps() << " ps, with B " << contended.ps() << " ps, B's overlapping bytes " << b_bytes;
}

// A PB load goes out at the quantum of temporal decoupling: another accelerator's request issued
// meanwhile in simulated time reaches the DRAM before the load's later bursts, not behind the
// whole load. Same wiring as above (no NoC, 64-B bursts, 288-B PB words, DDR4 served in arrival
// order = call order); quantum 10 ns. B loads 64 KiB (1024 bursts), A 4 KiB while B's load runs.
// Without the gate B's thread issued all 1025 requests at its START and A's list read queued
// behind every one of them (946 of which had later issue times).
TEST(AccelContention, PbLoadGoesOutAtTheQuantum) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_core::sc_time(10, sc_core::SC_NS));
  const std::unique_ptr<TwoAccels> owner = pb_load_pair(4096, 64 * 1024);
  TwoAccels& sys = *owner;
  struct Log : DramObserver {
    std::vector<DramTransactionRecord> v;
    void on_dram_transaction(const DramTransactionRecord& r) override { v.push_back(r); }
  } log;
  sys.dram->set_trace_observer(&log);
  sys.drv[0]->script = [&](Driver& d) {
    wait_until(1155000);
    pb_load(d, kAList);
  };
  sys.drv[1]->script = [&](Driver& d) {
    wait_until(1000000);
    pb_load(d, kBList);
  };
  sc_core::sc_start();

  // The DRAM reports requests in service order.
  std::size_t a_first = log.v.size();
  for (std::size_t i = 0; i < log.v.size(); ++i) {
    if (log.v[i].addr < kBList) {
      a_first = i;
      break;
    }
  }
  ASSERT_LT(a_first, log.v.size());
  std::size_t b_before = 0, b_later_before = 0;
  for (std::size_t i = 0; i < a_first; ++i) {
    ++b_before;
    if (log.v[i].arrival_ps > log.v[a_first].arrival_ps) ++b_later_before;
  }
  // B: START at 1,040,000 ps = DDR4 cycle 1248 (tCK = 2500/3 ps). List read (bank 1, closed):
  // ACT 1248, CAS + tRCD 16 = 1264, data end + RL 16 + BL/2 4 = 1284 = 1,070,000 ps. Its 1024
  // weight bursts are ready then; 6 ports x 64 B at 100 MHz issue them in rounds of 6 at
  // 1,070,000 + 10,000 k ps (the 96 request slots never fill this early). Burst j's CAS is
  // 1300 + 4j (the first opens bank group 1: ACT 1284 + tRCD; then bank groups rotate, tCCD_S = 4
  // and the data bus both give 4), its data end 1320 + 4j.
  // Each round is one quantum past the last, so B's thread waits for every round: at 1,195,000 ps
  // (A's START, cycle 1434) B has issued rounds k = 0..12 (up to 1,190,000) and waits for round 13
  // (1,200,000). A's list read (bank 0, bank group 0, closed) therefore follows B's list read and
  // 13 x 6 = 78 weight bursts, and precedes every burst B issues later: ACT 1434, and
  // CAS = max(1434 + tRCD 16, burst 77's CAS 1608 + tCCD_S 4 (bank group (77 + 1) mod 4 = 2),
  //           burst 77's data end 1628 - RL 16) = 1612, data end 1632 = 1,360,000 ps.
  // (Issued all at B's START, as before the gate, B's 1025 requests all preceded it, 946 of them
  // issued after it: CAS 1300 + 4 x 1023 + tCCD_L 6 (burst 1023 is in bank group 0 too) = 5398,
  // data end 5418 cycles = 4,515,000 ps.)
  EXPECT_EQ(log.v[a_first].arrival_ps, 1195000u);
  EXPECT_EQ(b_before, 1u + 13u * 6u);
  EXPECT_EQ(b_later_before, 0u);
  EXPECT_EQ(log.v[a_first].done_ps, 1360000u);
  EXPECT_EQ(log.v.size(), (1u + 1024u) + (1u + 64u));  // the gate moves time, not traffic
}

}  // namespace
}  // namespace sushi::accel::test
