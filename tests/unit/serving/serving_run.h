// The serving SoC of tests/unit/serving/fixtures/serve.yaml (or another fixture) built as `sushi-vp run` builds it,
// with the test's overrides; shared by the serving test files.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "accel/sushi/sushi_accel.h"
#include "config/config.h"
#include "config/energy_table_loader.h"
#include "config/platform_schema.h"
#include "dram/dram_controller.h"
#include "soc/soc.h"
#include "test_paths.h"

namespace sushi::test {

struct ServingRun {
  config::Config cfg;
  EnergyTable table;
  EnergyLedger ledger;
  std::unique_ptr<Soc> soc;

  // `fixture`: a file of tests/unit/serving/fixtures/.
  explicit ServingRun(std::vector<std::string> overrides, const std::string& fixture = "serve.yaml")
      : cfg(config::Config::load((test::source_dir() / "tests/unit/serving/fixtures" / fixture).string(),
                                 overrides, config::build_platform_schema())),
        table(config::load_energy_tables(cfg.paths("energy.tables"))) {
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(10, sc_core::SC_US));
    soc = std::make_unique<Soc>("soc", cfg, table, ledger);
  }
  void simulate() {
    sc_core::sc_start(sc_core::sc_time(10, sc_core::SC_SEC), sc_core::SC_EXIT_ON_STARVATION);
    soc->finish();
  }
  const std::vector<QueryRow>& rows() { return soc->serving()->query_log().rows(); }
  // The SushiAccel of the SoC named `name` (accel, or the name of accels.<name>), or null.
  static accel::SushiAccel* sushi_accel(const std::string& name) {
    return dynamic_cast<accel::SushiAccel*>(sc_core::sc_find_object(("soc." + name).c_str()));
  }
  dram::DramController& dram() {
    return *dynamic_cast<dram::DramController*>(sc_core::sc_find_object("soc.main"));
  }
  // DRAM offset of the image (model.image_offset) and of a SubNet's first descriptor.
  std::uint64_t image_offset() const { return cfg.size("model.image_offset"); }
};

}  // namespace sushi::test
