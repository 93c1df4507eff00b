// A small SoC for whole-network jobs: SushiAccel -> crossbar NoC -> DRAM controller (DDR4-2400
// x64, the ZCU104's PS memory type), built by the one SoC assembly (platform/soc/soc_assembly.h),
// plus a driver thread in place of the CPU. Also the
// OFA-ResNet50 max-SubNet program (descriptors from the model-image writer) and a PB plan holding
// the SubNet's first layers. Shared by test_accel_resnet50 and bench/bench_accel.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "accel_bench.h"
#include "dram/dram_controller.h"
#include "noc/noc.h"
#include "noc/noc_energy.h"
#include "soc/soc_assembly.h"
#include "supernet/catalog.h"
#include "supernet/layout.h"
#include "supernet/model_image_io.h"
#include "supernet/supernet.h"

namespace sushi::accel::test {

namespace sn = sushi::supernet;

// The ZCU104 preset (vp_configs/platforms/zcu104-accel.yaml) as a struct.
inline AccelParams zcu104_params(std::uint64_t burst_bytes = 4096) {
  AccelParams p;  // defaults are the ZCU104 preset
  p.dma_burst_bytes = burst_bytes;
  p.mac_energy = mac_entry();
  return p;
}

struct System {
  static constexpr std::uint64_t kBase = 0x80000000ull;  // DRAM window (model image weights_base)
  static constexpr std::uint64_t kSize = 1ull << 30;
  EnergyLedger ledger;
  SocAssembly soc{ledger};  // owns the DRAM, the accelerator, its interrupt line and the NoC
  dram::DramController* dram = nullptr;
  SushiAccel* accel = nullptr;
  noc::Noc* noc = nullptr;
  std::unique_ptr<Driver> drv;

  System(const AccelParams& ap, const std::string& prefix = "") {
    dram::DramParams dp;
    dp.spec = dram::ddr4_2400_x64();
    dram = &soc.add_dram(prefix + "dram", dp, kBase, "", kSize);
    // The driver reaches the registers directly; the DMA reaches the DRAM window.
    AccelParams a = ap;
    soc.add_accelerator({prefix + "accel", std::nullopt, "", soc.memory_windows(true)},
                        [&](const char* name, std::vector<MemoryWindow> memory) {
                          a.memory = std::move(memory);
                          auto m = std::make_unique<SushiAccel>(name, a, sram_table(), ledger);
                          accel = m.get();
                          return m;
                        });
    noc::NocParams np;  // nodes and address map: the assembly's (crossbar port 0 the DRAM, 1 the accelerator)
    np.topology = noc::Topology::crossbar;
    np.flit_bytes = 16;
    np.clock_period_ps = 1000;  // 1 GHz, 16 GB/s per port
    const auto noc_table = noc::load_noc_energy_table((sushi::test::source_dir() / "vp_configs/energy/noc-noxim.yaml").string());
    noc = &soc.build_noc(np, noc_table, prefix + "noc");
    drv = std::make_unique<Driver>((prefix + "cpu").c_str());
    drv->socket.bind(accel->regs);
    drv->irq.bind(soc.irq(0));
  }
  void put(std::uint64_t addr, const void* src, std::size_t n) {
    dram->memory().write(addr - kBase, static_cast<const std::uint8_t*>(src), n);
  }
  double dram_energy_pj() const {
    return ledger.energy_by_category_pj()[static_cast<int>(EnergyCategory::dram)];
  }
};

struct Program {
  std::vector<sushi_layer_desc> descs;
  std::uint64_t image_weight_bytes = 0;  // the catalog entry's whole-block weight bytes
  std::uint64_t macs = 0;
  sn::SubGraph graph;
  // PB plan: the first layers (execution order) whose active regions fit the PB.
  std::vector<sushi_pb_load_entry> load;
  std::vector<sushi_pb_map_entry> map;
  std::uint64_t cached_bytes = 0;
  std::uint32_t cached_layers = 0;
};

inline Program subnet_program(sn::Arch arch, const sn::SubNetConfig& subnet, const AccelParams& p, std::uint64_t pb_bytes) {
  Program prog;
  const sn::SuperNet& net = sn::SuperNet::get(arch);
  const sn::Catalog cat = sn::make_catalog(arch, {subnet});
  sn::ImageOptions opt;
  opt.layout = sn::LayoutParams{p.k_par, p.c_par, 1, 64};
  opt.weights_base = System::kBase;
  opt.act_base = System::kBase + 0x20000000ull;
  const std::vector<std::uint8_t> img = sn::write_model_image(cat, opt);
  const sn::ModelImage mi = sn::read_model_image(img.data(), img.size());
  const sushi_img_subnet& s = mi.subnets.at(0);
  const std::size_t first = s.desc_offset / sizeof(sushi_layer_desc);
  prog.descs.assign(mi.descriptors.begin() + first, mi.descriptors.begin() + first + s.desc_count);
  prog.image_weight_bytes = s.weight_bytes;
  prog.macs = s.macs;
  prog.graph = net.region_of(cat.entries[0].subnet);

  const sn::WeightLayout lay(net, opt.layout);
  prog.map.assign(net.size(), sushi_pb_map_entry{});
  std::uint64_t pb_off = 0;
  for (const sushi_layer_desc& d : prog.descs) {
    const sn::Region& r = prog.graph.regions[d.layer_index];
    const std::uint64_t bytes = lay.region_bytes(d.layer_index, r);
    if (pb_off + bytes > pb_bytes) break;
    sushi_pb_map_entry& e = prog.map[d.layer_index];
    e.pb_offset = static_cast<std::uint32_t>(pb_off);
    e.k_cached = static_cast<std::uint16_t>(r.k);
    e.c_cached = static_cast<std::uint16_t>(r.c);
    e.kernel_cached = static_cast<std::uint8_t>(r.kernel);
    e.flags = SUSHI_PB_VALID;
    e.bytes = static_cast<std::uint32_t>(bytes);
    for (const sn::ByteRange& br : lay.region_ranges(d.layer_index, r)) {
      prog.load.push_back({opt.weights_base + br.offset, static_cast<std::uint32_t>(pb_off), static_cast<std::uint32_t>(br.bytes)});
      pb_off += br.bytes;
    }
    prog.cached_bytes += bytes;
    ++prog.cached_layers;
  }
  return prog;
}

inline Program max_program(sn::Arch arch, const AccelParams& p, std::uint64_t pb_bytes) {
  return subnet_program(arch, sn::max_subnet(arch), p, pb_bytes);
}

inline Program resnet50_max_program(const AccelParams& p, std::uint64_t pb_bytes) {
  return max_program(sn::parse_arch("ofa-resnet50"), p, pb_bytes);
}

// Addresses of the program tables in DRAM (past the activation arena).
constexpr std::uint64_t kProgDesc = System::kBase + 0x30000000ull;
constexpr std::uint64_t kProgMap = kProgDesc + 0x100000ull;
constexpr std::uint64_t kProgList = kProgDesc + 0x200000ull;

struct JobResult {
  std::uint32_t status = 0;
  std::uint64_t job_ps = 0;
  double dram_job_pj = 0;  // DRAM energy of the inference job only (not the PB load)
};

// Installs the program in `sys` and a driver script that (optionally) loads the PB, then runs the
// job; the result is filled in when sc_start returns.
inline void install(System& sys, const Program& prog, bool with_pb, JobResult& out) {
  sys.put(kProgDesc, prog.descs.data(), prog.descs.size() * sizeof(sushi_layer_desc));
  sys.put(kProgMap, prog.map.data(), prog.map.size() * sizeof(sushi_pb_map_entry));
  sys.put(kProgList, prog.load.data(), prog.load.size() * sizeof(sushi_pb_load_entry));
  System* s = &sys;
  const auto n = static_cast<std::uint32_t>(prog.descs.size());
  const auto m = static_cast<std::uint32_t>(prog.map.size());
  const auto l = static_cast<std::uint32_t>(prog.load.size());
  JobResult* r = &out;
  sys.drv->script = [s, n, m, l, with_pb, r](Driver& drv) {
    if (with_pb) {
      start_pb_load(drv, kProgList, l);
      drv.wait_irq();
      drv.wr(SUSHI_REG_IRQ_STATUS, SUSHI_IRQ_PB_LOAD_DONE);
    }
    s->dram->settle();
    const double e0 = s->dram_energy_pj();
    // With an empty PB the map is given but holds no valid entry; otherwise the planned map.
    start_job(drv, kProgDesc, n, with_pb ? kProgMap : 0, with_pb ? m : 0);
    drv.wait_irq();
    s->dram->settle();
    r->dram_job_pj = s->dram_energy_pj() - e0;
    r->status = drv.rd(SUSHI_REG_STATUS);
    r->job_ps = s->accel->last_end_ps() - s->accel->last_start_ps();
  };
}

}  // namespace sushi::accel::test
