// The platform's own sections are declared once too (util/params.h): sim.* (SimParams),
// energy.* (EnergyTableParams), accel.enabled (ServingParams) and model.* (ServedModelParams).
// For a key of each, the platform schema's entry, the generated reference row, the struct's
// default, the value read from a file (paths relative to that file) and the file:line of an
// error all come from the one declaration; key_of gives an error the declared name.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "config/config.h"
#include "config/energy_params.h"
#include "config/params_visitors.h"
#include "config/platform_schema.h"
#include "config/reference_doc.h"
#include "config/serving_params.h"
#include "config/sim_params.h"
#include "traces/tracer.h"

namespace sushi::config {
namespace {

// The entry of `k` (a failed expectation, not a crash, when it is missing).
const KeySpec& key(const Schema& s, const std::string& k) {
  static const KeySpec none;
  const KeySpec* spec = s.match(k);
  EXPECT_NE(spec, nullptr) << "no key " << k;
  return spec != nullptr ? *spec : none;
}

// The platform schema's entry for `k` is the one P's declaration alone produces.
template <class P>
void expect_declared_by(const std::string& k) {
  Schema own;
  declare_keys<P>(own);
  const Schema platform = build_platform_schema();
  const KeySpec& a = key(own, k);
  const KeySpec& b = key(platform, k);
  EXPECT_EQ(a.type, b.type) << k;
  EXPECT_EQ(a.default_text, b.default_text) << k;
  EXPECT_EQ(a.range_text(), b.range_text()) << k;
  EXPECT_EQ(a.doc, b.doc) << k;
}

Config platform_config(const std::string& yaml, const std::string& file) {
  return Config::from_tree(parse_config_text(yaml, file), build_platform_schema());
}

TEST(PlatformParams, SchemaEntriesComeFromTheDeclarations) {
  expect_declared_by<SimParams>("sim.quantum");
  expect_declared_by<EnergyTableParams>("energy.tables");
  expect_declared_by<EnergyTableParams>("energy.sram_table");
  expect_declared_by<ServingParams>("accel.enabled");
  expect_declared_by<ServedModelParams>("model.scratch_size");
  const Schema s = build_platform_schema();
  EXPECT_EQ(key(s, "sim.quantum").type, KeyType::time);
  EXPECT_EQ(key(s, "sim.quantum").range_text(), "1 ps .. 1 s");
  EXPECT_EQ(key(s, "energy.tables").type, KeyType::path_list);
  EXPECT_EQ(key(s, "model.scratch_size").range_text(), "4 KiB .. 1 GiB");
  EXPECT_EQ(key(s, "accel.enabled").default_text.value_or(""), "false");
}

TEST(PlatformParams, GeneratedReferenceHasTheirRows) {
  const std::string md = reference_markdown(build_platform_schema());
  EXPECT_NE(md.find("## `sim`\n\nSimulation control: seed, temporal decoupling, time limit.\n"), std::string::npos);
  EXPECT_NE(md.find("| `sim.seed` | integer | `1` | 0 .. +inf | Seed of every random stream"), std::string::npos);
  EXPECT_NE(md.find("| `energy.tables` | list of paths | `[<vp_configs>/energy/default-45nm.yaml]` |  |"),
            std::string::npos);
  EXPECT_NE(md.find("| `accel.enabled` | boolean | `false` | true or false |"), std::string::npos);
  EXPECT_NE(md.find("| `model.image_offset` | size (B) | `1 GiB` | 0 B .. 1 TiB | Offset of the model image"),
            std::string::npos);
}

TEST(PlatformParams, DefaultsComeFromTheDeclarations) {
  const SimParams sim;
  EXPECT_EQ(sim.seed, 1u);
  EXPECT_EQ(sim.quantum_ps, 1000000u);               // 1 us
  EXPECT_EQ(sim.stop_time_ps, 10000000000000u);      // 10 s = 1e13 ps
  // The energy tables' defaults name the shipped folder, which the Config resolves.
  EnergyTableParams energy;
  read_keys(platform_config("sim:\n  seed: 1\n", "d.yaml"), energy);
  ASSERT_EQ(energy.tables.size(), 1u);
  const auto ends_with = [](const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  EXPECT_TRUE(ends_with(energy.tables[0], "vp_configs/energy/default-45nm.yaml")) << energy.tables[0];
  EXPECT_TRUE(ends_with(energy.noc_table, "vp_configs/energy/noc-noxim.yaml")) << energy.noc_table;
  EXPECT_FALSE(ServingParams{}.accel_enabled);
  const ServedModelParams model;
  EXPECT_EQ(model.dram, "main");
  EXPECT_EQ(model.act_offset, 512u << 20);           // 512 MiB
  EXPECT_EQ(model.scratch_offset, 1040u << 20);      // 1040 MiB
  EXPECT_EQ(model.scratch_size, 1u << 20);           // 1 MiB
  EXPECT_EQ(model.profile, "");
}

TEST(PlatformParams, ConfigValuesReachTheMembers) {
  const Config c = platform_config(
      "sim:\n  seed: 42\n  stop_time: 2 ms\n"
      "energy:\n  tables: [a.yaml, ../b.yaml]\n  sram_table: s.yaml\n"
      "accel:\n  enabled: true\n"
      "model:\n  dram: hbm\n  image_offset: 3 MiB\n  catalog: cat.csv\n",
      "/cfg/dir/p.yaml");
  SimParams sim;
  read_keys(c, sim);
  EXPECT_EQ(sim.seed, 42u);
  EXPECT_EQ(sim.stop_time_ps, 2000000000u);  // 2 ms = 2e9 ps
  EXPECT_EQ(sim.quantum_ps, 1000000u);       // default 1 us
  EnergyTableParams energy;
  read_keys(c, energy);
  // Paths relative to the file that sets them.
  ASSERT_EQ(energy.tables.size(), 2u);
  EXPECT_EQ(energy.tables[0], "/cfg/dir/a.yaml");
  EXPECT_EQ(energy.tables[1], "/cfg/b.yaml");
  EXPECT_EQ(energy.sram_table, "/cfg/dir/s.yaml");
  ServingParams serving;
  read_keys(c, serving);
  EXPECT_TRUE(serving.accel_enabled);
  ServedModelParams model;
  read_keys(c, model);
  EXPECT_EQ(model.dram, "hbm");
  EXPECT_EQ(model.image_offset, 3u << 20);
  EXPECT_EQ(model.catalog, "/cfg/dir/cat.csv");
}

// An error about a member names its declared key (key_of) and is located where the file set it.
TEST(PlatformParams, ErrorsNameTheDeclaredKeyAtItsLine) {
  const Config c = platform_config("sim:\n  seed: 3\nmodel:\n  weights_offset: 0 B\n  dram: hbm\n", "p.yaml");
  ServedModelParams model;
  read_keys(c, model);
  EXPECT_EQ(key_of(model, model.dram), "model.dram");
  EXPECT_EQ(key_of(model, model.scratch_offset), "model.scratch_offset");
  try {
    c.fail(key_of(model, model.dram), "no DRAM named 'hbm'");  // as platform/soc/serving.cpp does
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "model.dram");
    EXPECT_EQ(e.loc().file, "p.yaml");
    EXPECT_EQ(e.loc().line, 5);
  }
  const SimParams sim;
  EXPECT_EQ(key_of(sim, sim.seed), "sim.seed");
  const EnergyTableParams energy;
  EXPECT_EQ(key_of(energy, energy.tables), "energy.tables");
  EXPECT_EQ(key_of(energy, energy.sram_table), "energy.sram_table");
  const ServingParams serving;
  EXPECT_EQ(key_of(serving, serving.accel_enabled), "accel.enabled");
  // A member of a member (the trace window), as platform/run/run_traces.cpp names it.
  const traces::TraceOptions trace;
  EXPECT_EQ(key_of(trace, trace.transaction_filter.until_ps), "trace.transactions_until");
  // A member bound to no key is a programming error, not a silent empty name.
  EXPECT_THROW((void)key_of(trace, trace.dir), std::logic_error);
}

// A value outside the declared range is refused at its file and line, with the declared range.
TEST(PlatformParams, OutOfRangeValueIsLocated) {
  try {
    (void)platform_config("model:\n  dram: main\n  scratch_size: 1 KiB\n", "m.yaml");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "model.scratch_size");
    EXPECT_EQ(e.loc().line, 3);
    EXPECT_NE(e.message().find("4 KiB .. 1 GiB"), std::string::npos) << e.message();
  }
  try {
    (void)platform_config("sim:\n  quantum: 0 s\n", "s.yaml");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "sim.quantum");
    EXPECT_EQ(e.loc().line, 2);
  }
}

}  // namespace
}  // namespace sushi::config
