// The serving subsystem's own keys, declared once (util/params.h): whether the SoC holds the
// accelerator without a CPU (accel.enabled), and the served model (model.*): its catalog, its
// latency profile and where its regions lie in which DRAM. They belong to no component model, so
// they are declared here, on the platform side; platform/soc/serving.cpp reads them once and
// checks the regions against the DRAM and each other, each error naming the declared key.
#pragma once

#include <cstdint>
#include <string>

#include "util/params.h"

namespace sushi::config {

struct ServingParams {
  ServingParams() { params::apply_defaults(*this); }

  bool accel_enabled;  // the accelerator without a CPU (a CPU implies it)

  template <class V, class P>
  static void describe(V& v, P& p) {
    v.boolean("accel.enabled", p.accel_enabled, false,
              "Put the SushiAccel accelerator in the SoC (implied by cpu.kind: host or rv32)");
  }
};

struct ServedModelParams {
  ServedModelParams() { params::apply_defaults(*this); }

  std::string catalog;  // file
  std::string dram;     // the dram.<name> instance
  std::uint64_t weights_offset;  // B, inside that DRAM
  std::uint64_t act_offset;      // B
  std::uint64_t image_offset;    // B
  std::uint64_t scratch_offset;  // B
  std::uint64_t scratch_size;    // B
  std::string profile;  // file; empty: the analytic latency estimate

  template <class V, class P>
  static void describe(V& v, P& p) {
    using params::Kind;
    v.section("model",
              "The served SuperNet: its catalog, and where the model image, the weights "
              "and the activation arena live in DRAM (docs/supernet.md).");
    v.path("model.catalog", p.catalog, "<vp_configs>/catalogs/ofa-resnet50.csv",
           "Catalog of served SubNets (CSV or YAML; its arch is read from the file)");
    v.string("model.dram", p.dram, "main", "DRAM instance (dram.<name>) holding image, weights and activations");
    v.quantity("model.weights_offset", Kind::size, p.weights_offset, "0 B", "0 B", "1 TiB",
               "Offset of the SuperNet's weights inside that DRAM");
    v.quantity("model.act_offset", Kind::size, p.act_offset, "512 MiB", "0 B", "1 TiB",
               "Offset of the activation arena inside that DRAM");
    v.quantity("model.image_offset", Kind::size, p.image_offset, "1 GiB", "0 B", "1 TiB",
               "Offset of the model image inside that DRAM");
    v.quantity("model.scratch_offset", Kind::size, p.scratch_offset, "1040 MiB", "0 B", "1 TiB",
               "Offset of the firmware's working memory (PB maps, PB load lists) inside that DRAM");
    v.quantity("model.scratch_size", Kind::size, p.scratch_size, "1 MiB", "4 KiB", "1 GiB",
               "Firmware working memory size");
    v.path("model.profile", p.profile, "",
           "Latency profile measured by `sushi-vp profile` (JSON) for the image's latency "
           "coefficients; empty: the analytic estimate (docs/sched.md)");
  }
};

}  // namespace sushi::config
