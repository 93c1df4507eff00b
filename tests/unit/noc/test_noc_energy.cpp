// NoC energy table: shipped file, router-only derivation, interpolation, loader errors.
#include <fstream>

#include <gtest/gtest.h>

#include "noc/noc_energy.h"
#include "noc/noc_params.h"
#include "test_paths.h"

using namespace sushi::noc;

namespace {
NocEnergyTable shipped() {
  return load_noc_energy_table((sushi::test::source_dir() / "vp_configs/energy/noc-noxim.yaml").string());
}
}  // namespace

TEST(NocEnergyTable, RouterRowsExcludeTheIncludedWire) {
  NocEnergyTable t = shipped();
  // 32-bit: 3.2 pJ - 32 bit x 0.049 pJ/bit (1 mm) = 1.632 pJ per flit per hop.
  EXPECT_NEAR(t.lookup(32, 1.0).router_flit.pj_per_unit, 1.632, 1e-12);
  // 64-bit: 6.2 - 64 x 0.049 = 3.064 pJ.
  EXPECT_NEAR(t.lookup(64, 1.0).router_flit.pj_per_unit, 3.064, 1e-12);
  // 48-bit: halfway: (1.632 + 3.064) / 2 = 2.348 pJ.
  EXPECT_NEAR(t.lookup(48, 1.0).router_flit.pj_per_unit, 2.348, 1e-12);
  // 128-bit: per-bit scaling from 64 bit: 3.064 x 2 = 6.128 pJ.
  NocEnergy e = t.lookup(128, 1.0);
  EXPECT_NEAR(e.router_flit.pj_per_unit, 6.128, 1e-12);
  // Link: 0.049 pJ/bit x 128 bit = 6.272 pJ per flit over 1 mm.
  EXPECT_NEAR(e.link_flit.pj_per_unit, 6.272, 1e-12);
  EXPECT_NE(e.router_flit.source.find("Noxim"), std::string::npos);
  EXPECT_NE(e.link_flit.source.find("Noxim"), std::string::npos);
}

TEST(NocEnergyTable, LinkEnergyByLength) {
  NocEnergyTable t = shipped();
  EXPECT_NEAR(t.link_pj_per_bit(1.5), 0.049 + 0.5 * (0.096 - 0.049), 1e-12);  // linear: 0.0725
  EXPECT_NEAR(t.link_pj_per_bit(4.0), 0.096 * 2.0, 1e-12);   // per mm from the 2 mm row
  EXPECT_NEAR(t.link_pj_per_bit(0.25), 0.025 * 0.5, 1e-12);  // per mm from the 0.5 mm row
  EXPECT_EQ(t.link_pj_per_bit(0.0), 0.0);
}

TEST(NocEnergyTable, LoaderErrorNamesFileLineAndKey) {
  auto path = sushi::test::scratch_dir() / "noc_bad.yaml";
  std::ofstream(path) << "name: t\n"
                         "router:\n"
                         "  - {flit: 32 bit, energy_per_flit: 3.2 pJ, source: x}\n"
                         "link:\n"
                         "  - {length: 1 km, energy_per_bit: 0.049 pJ, source: x}\n";
  try {
    load_noc_energy_table(path.string());
    FAIL() << "expected NocConfigError";
  } catch (const NocConfigError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("noc_bad.yaml:5:"), std::string::npos) << m;
    EXPECT_NE(m.find("link[0].length"), std::string::npos) << m;
    EXPECT_NE(m.find("mm"), std::string::npos) << m;
  }
}
