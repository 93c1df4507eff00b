// The profiler replaces the firmware on the host CPU (Serving::firmware_override) with a driver
// that, for every SubNet of the catalog, runs its job on the accelerator
//   1. with an empty PB,
//   2. once per chunk of its layers that fits the PB, with that chunk's regions in the PB
//      (a layer larger than the PB caches the K-tile prefix that fits),
//   3. with a validation SubGraph not used by the fit: half of each layer's K-tiles, in layer
//      order, as far as the PB holds,
// through the same registers, PB load jobs and PB maps the firmware uses. Per layer, the empty
// and the cached run give two points (uncached weight bytes, layer cycles): the slope is the
// cycles per uncached byte, the intercept at zero uncached bytes the cached cycles. The job's
// fixed cycles are its time outside its layers. The prediction error is reported on run 3.
#include "run/latency_profiler.h"

#include "io/output_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <systemc>
#include <tlm>

#include "config/config.h"
#include "config/energy_params.h"
#include "config/platform_schema.h"
#include "config/sim_params.h"
extern "C" {
#include "fw_accel.h"
#include "fw_image.h"
}
#include "soc/soc.h"
#include "supernet/latency_profile.h"
#include "sushi/hal.h"
#include "sched/pb_layout.h"
#include "sushi/timer_regs.h"

namespace sushi {
namespace {

struct Measured {
  std::uint64_t job_cycles = 0;
  std::vector<std::uint64_t> layer_cycles;  // per SuperNet layer (0 if not run)
};

class Profiler {
 public:
  explicit Profiler(Soc*& soc) : soc_(soc) {}

  void run() {
    hal_boot_info(&boot_);
    img_ = std::make_unique<fw_image>();
    pool_ = std::make_unique<fw_image_pool>();
    fw_image_load(img_.get(), pool_.get(), boot_.image_addr, boot_.image_size);
    fw_image_sched_model(img_.get(), &model_);
    // The first accelerator of sched.processors (accel by default), with the image built for it.
    const sushi_boot_accel target =
        boot_.accel_count ? boot_.accels[0] : sushi_boot_accel{boot_.accel_regs, SUSHI_IRQ_ACCEL, boot_.accel_clock_khz};
    regs_ = target.regs;
    line_ = target.irq_line;
    fw_accel_init(regs_);
    hal_write32(boot_.timer + SUSHI_INTC_REG_ENABLE, 1u << target.irq_line);  // the accelerator's line to the CPU
    // The profile is SushiAccel's per-layer latency (its layer records); other kinds have none yet.
    accel_ = dynamic_cast<accel::SushiAccel*>(soc_->serving()->processor(0));
    if (accel_ == nullptr) throw std::logic_error("sushi-vp profile measures SushiAccel layers: needs accel.kind sushi");
    period_ps_ = accel_->params().clock_period_ps;
    pb_bytes_ = fw_accel_pb_bytes(regs_);
    const std::uint32_t L = model_.layer_count;
    result_.subnets.resize(model_.subnet_count);
    for (std::uint32_t s = 0; s < model_.subnet_count; ++s) {
      const sushi_img_region* r = &model_.regions[static_cast<std::size_t>(s) * L];
      std::vector<std::uint64_t> bytes(L, 0);
      for (std::uint32_t i = 0; i < L; ++i) bytes[i] = sushi_region_bytes(&model_.layers[i], &r[i]);
      const Measured empty = measure(s, nullptr);
      std::vector<sushi_img_layer_latency> coef(L, sushi_img_layer_latency{0, 0});
      // Chunks of consecutive layers that fit the PB.
      std::uint32_t i = 0;
      while (i < L) {
        std::vector<sushi_img_region> g(L, sushi_img_region{0, 0, 0, 0, 0});
        std::uint64_t used = 0;
        std::uint32_t first = i;
        for (; i < L; ++i) {
          if (!r[i].included) continue;
          sushi_img_region part = r[i];
          if (used + bytes[i] > pb_bytes_) {
            if (i != first && used > 0) break;
            part = k_prefix(i, r[i], pb_bytes_ - used);  // alone and larger than the PB
            if (!part.included) { ++i; break; }
          }
          g[i] = part;
          used += sushi_region_bytes(&model_.layers[i], &part);
          if (part.k != r[i].k) { ++i; break; }  // a partial layer ends the chunk
        }
        if (used == 0) continue;
        const Measured cached = measure(s, g.data());
        for (std::uint32_t l = first; l < i && l < L; ++l) {
          if (!g[l].included) continue;
          const double u0 = static_cast<double>(bytes[l]);
          const double u1 = u0 - static_cast<double>(sushi_region_bytes(&model_.layers[l], &g[l]));
          const double t0 = static_cast<double>(empty.layer_cycles[l]);
          const double t1 = static_cast<double>(cached.layer_cycles[l]);
          const double slope = std::max(0.0, (t0 - t1) / (u0 - u1));  // cycles per byte
          const double base = std::max(0.0, t1 - slope * u1);
          coef[l].cached_cycles = static_cast<std::uint32_t>(std::llround(std::min(base, 4.0e9)));
          coef[l].cycles_per_kib_q8 = static_cast<std::uint32_t>(std::llround(std::min(slope * 1024.0 * 256.0, 4.0e9)));
        }
      }
      std::uint64_t layers_sum = 0;
      for (std::uint32_t l = 0; l < L; ++l) {
        layers_sum += empty.layer_cycles[l];
        if (r[l].included && coef[l].cached_cycles == 0 && coef[l].cycles_per_kib_q8 == 0) {
          coef[l].cached_cycles = static_cast<std::uint32_t>(empty.layer_cycles[l]);  // no weights to cache
        }
      }
      result_.subnets[s].fixed_cycles = empty.job_cycles > layers_sum ? empty.job_cycles - layers_sum : 0;
      result_.subnets[s].layers = coef;
      // Validation: half of each layer's K-tiles, in layer order, up to the PB.
      std::vector<sushi_img_region> half(L, sushi_img_region{0, 0, 0, 0, 0});
      std::uint64_t used = 0;
      for (std::uint32_t l = 0; l < L; ++l) {
        if (!r[l].included) continue;
        const std::uint32_t kt = (r[l].k + model_.layers[l].k_par - 1u) / model_.layers[l].k_par;
        sushi_img_region h = r[l];
        h.k = static_cast<std::uint16_t>(std::min<std::uint32_t>(r[l].k, ((kt + 1u) / 2u) * model_.layers[l].k_par));
        const std::uint64_t b = sushi_region_bytes(&model_.layers[l], &h);
        if (used + b > pb_bytes_) break;
        half[l] = h;
        used += b;
      }
      const Measured val = measure(s, half.data());
      validation_.push_back({s, val.job_cycles, half});
    }
  }

  const supernet::LatencyProfile& result() const { return result_; }
  const sushi_sched_model& model() const { return model_; }

  struct Validation {
    std::uint32_t subnet;
    std::uint64_t measured_cycles;
    std::vector<sushi_img_region> cached;
  };
  const std::vector<Validation>& validation() const { return validation_; }
  const fw_image& image() const { return *img_; }

 private:
  // The largest K-tile prefix of `r` within `room` bytes (not included if not even one tile).
  sushi_img_region k_prefix(std::uint32_t l, sushi_img_region r, std::uint64_t room) const {
    sushi_img_region one = r;
    one.k = model_.layers[l].k_par;
    const std::uint64_t row = sushi_region_bytes(&model_.layers[l], &one);
    const std::uint64_t rows = row ? room / row : 0;
    if (rows == 0) return sushi_img_region{0, 0, 0, 0, 0};
    r.k = static_cast<std::uint16_t>(std::min<std::uint64_t>(r.k, rows * model_.layers[l].k_par));
    return r;
  }

  // Loads `cached` (nullptr: nothing) into the PB, runs SubNet s's job, reads its layer times.
  Measured measure(std::uint32_t s, const sushi_img_region* cached) {
    sushi_pb_layout pb;
    sushi_pb_layout_init(&pb, pb_bytes_);
    std::uint32_t map_count = 0;
    const std::uint64_t map_addr = boot_.scratch_addr;
    const std::uint64_t list_addr = boot_.scratch_addr + ((model_.layer_count * 16u + 15u) & ~15u);
    if (cached != nullptr && sushi_pb_layout_change(&pb, &model_, cached) != UINT64_MAX) {
      std::uint64_t cursor = 0;
      for (;;) {
        const std::uint32_t n = sushi_pb_layout_emit(&pb, &model_, img_->header.weights_base, &cursor, list_.data(),
                                                     static_cast<std::uint32_t>(list_.size()));
        if (n == 0) break;
        hal_write(list_addr, list_.data(), n * static_cast<std::uint32_t>(sizeof(sushi_pb_load_entry)));
        fw_accel_pb_load_on(regs_, line_, list_addr, n);
      }
      std::vector<sushi_pb_map_entry> map(model_.layer_count);
      sushi_pb_layout_map(&pb, &model_, map.data());
      hal_write(map_addr, map.data(), model_.layer_count * static_cast<std::uint32_t>(sizeof(sushi_pb_map_entry)));
      map_count = model_.layer_count;
    }
    const fw_accel_result res = fw_accel_run_job_on(regs_, line_, img_->desc_addr[s], img_->desc_count[s],
                                                 map_count ? map_addr : 0, map_count);
    if (res.err_code) hal_fault(0xE0u, "profile: the accelerator reported an error on a profiling job");
    Measured m;
    m.job_cycles = (accel_->last_end_ps() - accel_->last_start_ps()) / period_ps_;
    m.layer_cycles.assign(model_.layer_count, 0);
    for (const accel::LayerRecord& lr : accel_->last_job_layers()) {
      if (lr.layer_index < model_.layer_count) m.layer_cycles[lr.layer_index] += (lr.end_ps - lr.start_ps) / period_ps_;
    }
    return m;
  }

  Soc*& soc_;
  sushi_boot_info boot_{};
  std::unique_ptr<fw_image> img_;
  std::unique_ptr<fw_image_pool> pool_;  // the image's tables
  sushi_sched_model model_{};
  accel::SushiAccel* accel_ = nullptr;
  std::uint64_t regs_ = 0;  // its register block
  std::uint32_t line_ = 0;  // its interrupt line
  std::uint64_t period_ps_ = 1;
  std::uint64_t pb_bytes_ = 0;
  supernet::LatencyProfile result_;
  std::vector<Validation> validation_;
  std::vector<sushi_pb_load_entry> list_ = std::vector<sushi_pb_load_entry>(65536);  // one PB load list (accelerator limit)
};

// Percentile (nearest rank) of absolute relative errors in percent.
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

nlohmann::ordered_json error_report(const std::vector<double>& err) {
  nlohmann::ordered_json j;
  j["p50_pct"] = percentile(err, 50);
  j["p95_pct"] = percentile(err, 95);
  j["max_pct"] = err.empty() ? 0.0 : *std::max_element(err.begin(), err.end());
  return j;
}

}  // namespace

int run_profile(const ProfileOptions& opt) {
  using namespace sc_core;
  const config::Schema schema = config::build_platform_schema();
  std::vector<std::string> overrides = opt.overrides;
  overrides.push_back("cpu.kind=host");  // the profiler drives the accelerator from the host CPU
  const config::Config cfg = config::Config::load(opt.config_file, overrides, schema);
  config::SimParams sim;  // sim.quantum
  config::read_keys(cfg, sim);
  const EnergyTable table = config::energy_table_from_config(cfg);  // energy.tables
  EnergyLedger ledger;
  tlm::tlm_global_quantum::instance().set(sc_time::from_value(static_cast<sc_dt::uint64>(sim.quantum_ps)));

  Soc* soc_ptr = nullptr;
  Profiler profiler(soc_ptr);
  Serving::firmware_override() = [&profiler] { profiler.run(); };
  Soc soc("soc", cfg, table, ledger);
  soc_ptr = &soc;
  sc_start(SC_ZERO_TIME);
  sc_start();
  const FirmwareFault* fault = soc.serving()->fault();
  if (fault && fault->raised) {
    std::cerr << "error: profiling stopped: " << fault->message << "\n";
    return 1;
  }
  if (!soc.serving()->finished()) {
    std::cerr << "error: profiling did not finish (the accelerator never answered)\n";
    return 1;
  }

  // Prediction errors on the validation SubGraphs: the fitted coefficients and, for comparison,
  // the coefficients the image carried (analytic unless model.profile was given).
  const sushi_sched_model& m = profiler.model();
  std::vector<sushi_layer_latency> fitted;
  std::vector<std::uint64_t> fixed;
  for (const supernet::SubnetProfile& sp : profiler.result().subnets) {
    fitted.insert(fitted.end(), sp.layers.begin(), sp.layers.end());
    fixed.push_back(sp.fixed_cycles);
  }
  sushi_sched_model fm = m;
  fm.latency = fitted.data();
  fm.fixed_cycles = fixed.data();
  std::vector<double> err_fit, err_image, err_fit_empty;
  for (const auto& v : profiler.validation()) {
    const double meas = static_cast<double>(v.measured_cycles);
    err_fit.push_back(100.0 * std::abs(static_cast<double>(sushi_predict_subnet_cycles(&fm, v.subnet, v.cached.data())) - meas) / meas);
    err_image.push_back(100.0 * std::abs(static_cast<double>(sushi_predict_subnet_cycles(&m, v.subnet, v.cached.data())) - meas) / meas);
  }
  nlohmann::ordered_json fit;
  fit["subnets"] = profiler.validation().size();
  fit["validation"] = "half of each layer's K-tiles in the PB, in layer order, up to the PB size";
  fit["error_fitted"] = error_report(err_fit);
  fit["error_image_coefficients"] = error_report(err_image);
  fit["simulated_s"] = static_cast<double>(sc_time_stamp().value()) * 1e-12;

  const std::string arch(supernet::arch_name(soc.serving()->catalog().arch));
  std::filesystem::path out = opt.out_file.empty()
                                  ? std::filesystem::path("out") / "profiles" / (std::filesystem::path(opt.config_file).stem().string() + ".json")
                                  : std::filesystem::path(opt.out_file);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  // The accelerator it was measured on: a task's profiles apply to the accelerators of this shape.
  supernet::LatencyProfile result = profiler.result();
  const auto* sushi = dynamic_cast<const accel::SushiAccel*>(soc.serving()->processor(0));
  if (sushi != nullptr) result.profiled_on = supernet::profiled_on(Serving::image_options(sushi->params()));
  io::write_file_atomic(out, supernet::latency_profile_json(result, soc.serving()->catalog(), fit.dump()));
  if (!opt.quiet) {
    std::cout << fmt::format("profiled {} SubNets of {} -> {}\n", profiler.validation().size(), arch, out.string())
              << fmt::format("prediction error, fitted:            p50 {:.2f}%  p95 {:.2f}%  max {:.2f}%\n",
                             fit["error_fitted"]["p50_pct"].get<double>(), fit["error_fitted"]["p95_pct"].get<double>(),
                             fit["error_fitted"]["max_pct"].get<double>())
              << fmt::format("prediction error, image (before):    p50 {:.2f}%  p95 {:.2f}%  max {:.2f}%\n",
                             fit["error_image_coefficients"]["p50_pct"].get<double>(),
                             fit["error_image_coefficients"]["p95_pct"].get<double>(),
                             fit["error_image_coefficients"]["max_pct"].get<double>());
  }
  return 0;
}

}  // namespace sushi
