// `sushi-vp layer CONFIG --type conv|dwconv|fc --k K --c C --hw H --kernel R --stride S
//  [--pb-cached FRACTION] [--json]`: times one layer on the configured accelerator. Weights,
// input and output live in the first memory of the config; the PB is empty unless a cached
// fraction is given (then the first round(F x K-tiles) K-tiles are loaded into the PB first, by a
// PB load reported separately). Prints cycles, latency, DRAM bytes by operand and energy.
#include "cli/cmd_layer.h"

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "accel/sushi/tile_model.h"
#include "config/accel_config.h"
#include "config/energy_params.h"
#include "soc/accel_testbed.h"
#include "soc/layer_job.h"

namespace sushi::cli {

namespace {

struct LayerOptions {
  std::string config_file;
  std::vector<std::string> overrides;
  std::string type = "conv";
  int k = 64, c = 64, hw = 56, kernel = 3, stride = 1;
  double pb_cached = 0.0;
  bool json = false;
};

int bad_input(const std::string& msg) {
  std::cerr << "error: " << msg << "\n";
  return 2;
}

int run_layer(const LayerOptions& o) {
  const config::Schema schema = config::platform_schema_with_accel();
  const config::Config cfg = config::Config::load(o.config_file, o.overrides, schema);
  const EnergyTable table = config::energy_table_from_config(cfg);  // energy.tables
  EnergyLedger ledger;
  AccelTestbed tb("tb", cfg, table, ledger);
  const accel::AccelParams& p = tb.accel().params();

  // The layer's descriptor (SuperNet maximum = the active shape) and its place in the first memory.
  const LayerShape shape{o.type, o.k, o.c, o.hw, o.kernel, o.stride};
  std::optional<sushi_layer_desc> desc = layer_descriptor(shape, p);
  if (!desc) {
    return bad_input(fmt::format("--type {} --k {} --c {} --hw {} --kernel {} --stride {} is not a valid layer "
                                 "(kernel odd, output not larger than the input)",
                                 o.type, o.k, o.c, o.hw, o.kernel, o.stride));
  }
  sushi_layer_desc& d = *desc;
  const int kernel = d.kernel, hw = d.in_h;
  const accel::LayerPlan plan = accel::plan_layer(d, p);
  const accel::WeightGeometry g = accel::weight_geometry(d, p);
  const AccelTestbed::Memory& mem = tb.memories().front();
  std::uint64_t needed = 0;
  const std::optional<LayerJobLayout> at = place_layer(d, p, mem, &needed);
  if (!at) {
    return bad_input(fmt::format("the layer needs {} B of memory; memory {} has {} B", needed, mem.name, mem.size));
  }

  // PB: the first round(F x K-tiles) K-tiles, whole (all input channels, all taps).
  const std::uint32_t cached_tiles = static_cast<std::uint32_t>(std::llround(o.pb_cached * plan.kt));
  sushi_pb_map_entry e{};
  sushi_pb_load_entry load{};
  if (cached_tiles > 0) {
    e.k_cached = static_cast<std::uint16_t>(std::min<std::uint32_t>(d.k_out, cached_tiles * p.k_par));
    e.c_cached = d.c_in;
    e.kernel_cached = d.kernel;
    e.flags = SUSHI_PB_VALID;
    e.bytes = static_cast<std::uint32_t>(g.region_bytes(e.k_cached, e.c_cached, e.kernel_cached, p.k_par, p.c_par));
    if (e.bytes > p.pb.bytes) {
      return bad_input(fmt::format("--pb-cached {}: {} B of weights do not fit the {} B PB (accel.pb.size)",
                                   o.pb_cached, e.bytes, p.pb.bytes));
    }
    load = {d.weight_addr, 0, e.bytes};  // whole K-tiles at full kernel and C: one contiguous range
  }
  tb.write_mem(at->list_addr, &load, sizeof load);

  std::vector<double> e_job, e_load;
  std::uint64_t load_ps = 0;
  std::uint32_t status = 0, err = 0;
  // Readings: every static energy (leakage, DRAM standby and refresh) booked up to now.
  auto accrue_now = [&ledger] { ledger.accrue(static_cast<std::uint64_t>(sc_core::sc_time_stamp().value())); };
  tb.script = [&](AccelTestbed& t) {
    t.write_reg(SUSHI_REG_IRQ_ENABLE, SUSHI_IRQ_JOB_DONE | SUSHI_IRQ_PB_LOAD_DONE | SUSHI_IRQ_ERROR);
    if (cached_tiles > 0) {
      const auto s0 = ledger.snapshot();
      t.write_reg64(SUSHI_REG_PB_LOAD_ADDR_LO, at->list_addr);
      t.write_reg(SUSHI_REG_PB_LOAD_COUNT, 1);
      t.write_reg(SUSHI_REG_CTRL, SUSHI_CTRL_START_PB_LOAD);
      t.wait_irq();
      accrue_now();
      e_load = ledger.energy_by_category_pj(s0, ledger.snapshot());
      load_ps = t.accel().last_end_ps() - t.accel().last_start_ps();
      t.write_reg(SUSHI_REG_IRQ_STATUS, 0xFFFFFFFFu);
    }
    accrue_now();
    const auto s0 = ledger.snapshot();
    run_layer_job(t, d, *at, e);
    accrue_now();
    e_job = ledger.energy_by_category_pj(s0, ledger.snapshot());
    status = t.read_reg(SUSHI_REG_STATUS);
    err = t.read_reg(SUSHI_REG_ERR_CODE);
  };
  sc_core::sc_start();
  if (!(status & SUSHI_STATUS_DONE)) {
    std::cerr << "internal error: the accelerator reported error code " << err << "\n";
    return 1;
  }
  const accel::LayerRecord& r = tb.accel().last_job_layers().at(0);
  const std::uint64_t T = p.clock_period_ps;
  const std::uint64_t job_ps = tb.accel().last_end_ps() - tb.accel().last_start_ps();
  const std::uint64_t host_ps = config::host_call_overhead_ps(cfg);
  auto cat = [](const std::vector<double>& v, EnergyCategory c) { return v.empty() ? 0.0 : v[static_cast<int>(c)]; };
  double job_total = 0;
  for (double v : e_job) job_total += v;

  nlohmann::ordered_json j;
  j["layer"] = {{"type", o.type}, {"mapping", accel::to_string(r.mapping)}, {"k", o.k}, {"c", d.c_in},
                {"hw", hw}, {"kernel", kernel}, {"stride", d.stride}};
  j["layer_cycles_count"] = (r.end_ps - r.start_ps) / T;
  j["layer_latency_ns"] = static_cast<double>(r.end_ps - r.start_ps) / 1e3;
  j["job_latency_ns"] = static_cast<double>(job_ps) / 1e3;  // + descriptor and PB map fetch
  // What a host that starts the kernel and polls it would time (docs/accel.md "Calibration").
  j["host_call_overhead_ns"] = static_cast<double>(host_ps) / 1e3;
  j["board_call_latency_ns"] = static_cast<double>(job_ps + host_ps) / 1e3;
  j["compute_cycles_count"] = r.compute_cycles;
  j["stall_cycles_count"] = r.stall_cycles;
  j["macs_count"] = r.macs_useful;
  j["dpe_utilisation_pct"] = 100.0 * r.utilisation;
  j["dram_weight_B"] = r.dram_weight_B;
  j["dram_input_B"] = r.dram_input_B;
  j["dram_output_B"] = r.dram_output_B;
  j["pb_weight_B"] = r.pb_weight_B;
  j["energy"] = {{"dram_pJ", cat(e_job, EnergyCategory::dram)},
                 {"sram_pJ", cat(e_job, EnergyCategory::sram)},
                 {"noc_pJ", cat(e_job, EnergyCategory::noc)},
                 {"compute_pJ", cat(e_job, EnergyCategory::compute)},
                 {"total_pJ", job_total}};
  if (cached_tiles > 0) {
    double t = 0;
    for (double v : e_load) t += v;
    j["pb_load"] = {{"bytes_B", e.bytes}, {"latency_ns", static_cast<double>(load_ps) / 1e3}, {"energy_pJ", t}};
  }
  if (o.json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("layer {} ({} mapping): K={} C={} {}x{} kernel {} stride {}\n", o.type, accel::to_string(r.mapping),
                           o.k, d.c_in, hw, hw, kernel, int{d.stride});
  std::cout << fmt::format("  cycles        {} ({} compute, {} stalled on memory), utilisation {:.1f} %\n",
                           (r.end_ps - r.start_ps) / T, r.compute_cycles, r.stall_cycles, 100.0 * r.utilisation);
  std::cout << fmt::format("  latency       {:.3f} us (job incl. descriptor fetch {:.3f} us)\n",
                           static_cast<double>(r.end_ps - r.start_ps) / 1e6, static_cast<double>(job_ps) / 1e6);
  if (host_ps > 0) {
    std::cout << fmt::format("  board call    {:.3f} us (job + host call overhead {:.3f} us, accel.timing.host_call_overhead)\n",
                             static_cast<double>(job_ps + host_ps) / 1e6, static_cast<double>(host_ps) / 1e6);
  }
  std::cout << fmt::format("  DRAM bytes    weights {} B, input {} B, output {} B; PB weights {} B\n", r.dram_weight_B,
                           r.dram_input_B, r.dram_output_B, r.pb_weight_B);
  std::cout << fmt::format("  energy        {:.3f} uJ: DRAM {:.3f}, SRAM {:.3f}, NoC {:.3f}, compute {:.3f} uJ\n", job_total / 1e6,
                           cat(e_job, EnergyCategory::dram) / 1e6, cat(e_job, EnergyCategory::sram) / 1e6,
                           cat(e_job, EnergyCategory::noc) / 1e6, cat(e_job, EnergyCategory::compute) / 1e6);
  if (cached_tiles > 0) {
    std::cout << fmt::format("  PB load       {} B in {:.3f} us (before the job, not included above)\n", e.bytes,
                             static_cast<double>(load_ps) / 1e6);
  }
  return 0;
}

}  // namespace

void add_layer_command(CLI::App& app, std::function<int()>& action) {
  auto o = std::make_shared<LayerOptions>();
  auto* cmd = app.add_subcommand("layer", "Time one layer on the configured accelerator (weights in DRAM)");
  cmd->add_option("config", o->config_file, "Platform config (YAML) with accel, noc and memories or dram sections")->required();
  cmd->add_option("--set", o->overrides, "Override a key (repeatable)")->type_name("KEY=VALUE");
  cmd->add_option("--type", o->type, "Layer type")->check(CLI::IsMember({"conv", "dwconv", "fc"}));
  cmd->add_option("--k", o->k, "Output channels")->check(CLI::Range(1, 65535));
  cmd->add_option("--c", o->c, "Input channels (conv, fc)")->check(CLI::Range(1, 65535));
  cmd->add_option("--hw", o->hw, "Input height = width (conv, dwconv)")->check(CLI::Range(1, 65535));
  cmd->add_option("--kernel", o->kernel, "Kernel size (odd)")->check(CLI::Range(1, 15));
  cmd->add_option("--stride", o->stride, "Stride")->check(CLI::Range(1, 8));
  cmd->add_option("--pb-cached", o->pb_cached, "Fraction of the layer's K-tiles held in the PB")->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--json", o->json, "Print JSON (units in key names)");
  cmd->callback([o, &action] { action = [o] { return run_layer(*o); }; });
}

}  // namespace sushi::cli
