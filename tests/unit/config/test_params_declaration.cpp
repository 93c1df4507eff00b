// Adding a config key to a model is one declaration plus its use (models/common/params.h): a
// test-only params struct declares its keys once, and the schema entry (unit, default, range,
// description), the generated reference text, the defaults, the mapping from a config file, the
// file:line:key of a bad value and the range check of a struct built in code all come from it.
// The accelerator's declaration (AccelParams::describe) and the enum name tables are checked too.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "accel/sushi/accel_params.h"
#include "util/params.h"
#include "config/accel_config.h"
#include "config/config.h"
#include "config/params_visitors.h"
#include "config/platform_schema.h"
#include "config/reference_doc.h"
#include "config/sched_params.h"

namespace sushi::config {
namespace {

struct ToyError : std::invalid_argument {
  ToyError(std::string k, const std::string& m) : std::invalid_argument(k + ": " + m), key(std::move(k)) {}
  std::string key;
};

enum class ToyMode { fast, exact };
inline constexpr params::Named<ToyMode> kToyModeNames[] = {{ToyMode::fast, "fast"}, {ToyMode::exact, "exact"}};

// The model's side of a new key: the member and one declaration line per key.
struct ToyParams {
  ToyParams() { params::apply_defaults(*this); }
  std::uint64_t fifo_bytes;
  std::uint32_t lanes;
  std::uint64_t clock_period_ps;
  ToyMode mode;
  double gain;
  bool trace;

  template <class V, class P>
  static void describe(V& v, P& p) {
    v.section("toy", "A test-only model.");
    v.quantity("toy.fifo", params::Kind::size, p.fifo_bytes, "2 KiB", "64 B", "1 MiB", "FIFO capacity");
    v.integer("toy.lanes", p.lanes, 4, 1, 16, "Parallel lanes");
    v.quantity("toy.clock", params::Kind::frequency, params::period_ps(p.clock_period_ps), "500 MHz", "1 MHz",
               "2 GHz", "Toy clock");
    v.choice("toy.mode", p.mode, kToyModeNames, ToyMode::fast, "fast or exact");
    v.real("toy.gain", p.gain, 1.5, 0.0, 8.0, "Gain");
    v.boolean("toy.trace", p.trace, false, "Trace every event");
  }
};

Schema toy_schema() {
  Schema s;
  declare_keys<ToyParams>(s);
  return s;
}

ConfigError config_error(const std::string& yaml) {
  try {
    Config c = Config::from_tree(parse_config_text(yaml, "toy.yaml"), toy_schema());
    ToyParams p;
    read_keys(c, p);
  } catch (const ConfigError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a ConfigError";
  return ConfigError({}, "", "");
}

TEST(ParamsDeclaration, DefaultsComeFromTheDeclaration) {
  const ToyParams p;
  EXPECT_EQ(p.fifo_bytes, 2048u);        // 2 KiB
  EXPECT_EQ(p.lanes, 4u);
  EXPECT_EQ(p.clock_period_ps, 2000u);   // 1e12 / 500e6
  EXPECT_EQ(p.mode, ToyMode::fast);
  EXPECT_EQ(p.gain, 1.5);
  EXPECT_FALSE(p.trace);
}

TEST(ParamsDeclaration, SchemaKeyCarriesUnitDefaultRangeAndDescription) {
  const Schema s = toy_schema();
  const KeySpec* k = s.match("toy.fifo");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->type, KeyType::size);
  EXPECT_EQ(k->default_text.value_or(""), "2 KiB");
  EXPECT_EQ(k->range_text(), "64 B .. 1 MiB");
  EXPECT_EQ(k->doc, "FIFO capacity");
  const KeySpec* m = s.match("toy.mode");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->range_text(), "one of: fast, exact");  // from kToyModeNames
  EXPECT_EQ(m->default_text.value_or(""), "fast");
  ASSERT_EQ(s.keys().size(), 6u);
}

TEST(ParamsDeclaration, GeneratedReferenceListsTheKey) {
  const std::string md = reference_markdown(toy_schema());
  EXPECT_NE(md.find("## `toy`\n\nA test-only model.\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| `toy.fifo` | size (B) | `2 KiB` | 64 B .. 1 MiB | FIFO capacity |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `toy.lanes` | integer | `4` | 1 .. 16 | Parallel lanes |"), std::string::npos) << md;
}

TEST(ParamsDeclaration, ConfigValuesReachTheMembers) {
  const Config c = Config::from_tree(
      parse_config_text("toy:\n  fifo: 4 KiB\n  clock: 250 MHz\n  mode: exact\n  trace: true\n", "toy.yaml"),
      toy_schema());
  ToyParams p;
  read_keys(c, p);
  EXPECT_EQ(p.fifo_bytes, 4096u);
  EXPECT_EQ(p.clock_period_ps, 4000u);  // 1e12 / 250e6
  EXPECT_EQ(p.mode, ToyMode::exact);
  EXPECT_TRUE(p.trace);
  EXPECT_EQ(p.lanes, 4u);  // default
}

TEST(ParamsDeclaration, BadValueIsLocatedAtFileLineAndKey) {
  const ConfigError e = config_error("toy:\n  fifo: 4 KiB\n  lanes: 17\n");
  EXPECT_EQ(e.loc().file, "toy.yaml");
  EXPECT_EQ(e.loc().line, 3);
  EXPECT_EQ(e.key(), "toy.lanes");
  EXPECT_NE(e.message().find("1 .. 16"), std::string::npos) << e.message();
  const ConfigError m = config_error("toy:\n  mode: slow\n");
  EXPECT_EQ(m.loc().line, 2);
  EXPECT_NE(m.message().find("one of: fast, exact"), std::string::npos) << m.message();
}

TEST(ParamsDeclaration, StructBuiltInCodeIsCheckedAgainstTheSameRanges) {
  ToyParams p;
  p.lanes = 0;
  try {
    params::check_ranges<ToyError>(p);
    FAIL() << "no error";
  } catch (const ToyError& e) {
    EXPECT_EQ(e.key, "toy.lanes");
    EXPECT_STREQ(e.what(), "toy.lanes: 0 is outside 1 .. 16");
  }
  ToyParams q;
  q.clock_period_ps = 100;  // 10 GHz
  try {
    params::check_ranges<ToyError>(q);
    FAIL() << "no error";
  } catch (const ToyError& e) {
    EXPECT_STREQ(e.what(), "toy.clock: 10 GHz is outside 1 MHz .. 2 GHz");
  }
  EXPECT_NO_THROW(params::check_ranges<ToyError>(ToyParams{}));
}

// The accelerator's defaults are the ZCU104 preset's structure, as before the declaration.
TEST(ParamsDeclaration, AccelDefaultsFromItsDeclaration) {
  const accel::AccelParams p;
  EXPECT_EQ(p.clock_period_ps, 10000u);  // 100 MHz
  EXPECT_EQ(p.pb.bytes, 2359296u);       // 2.25 MiB
  EXPECT_EQ(p.pb.word_bytes, 144u);
  EXPECT_EQ(p.pb.banks, 4u);
  EXPECT_EQ(p.weight_buffer.bytes, 576u << 10);
  EXPECT_EQ(p.out_act.bytes, 1u << 20);
  EXPECT_EQ(p.dma_burst_bytes, 4096u);
  EXPECT_EQ(p.functional_max_macs, 1u << 24);
  EXPECT_EQ(p.data_bytes, 1u);
  EXPECT_EQ(p.timing.cycles_per_position, 1.0);
  EXPECT_NO_THROW(p.validate());
  const Schema schema = build_platform_schema();
  const KeySpec* k = schema.match("accel.array.k_par");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->range_text(), "1 .. 255");  // CAPS1 holds 8 bits
}

// CAPS0 reports the PB size in KiB: a size that is not a whole number of KiB is rejected at
// config time, at the line that set it, naming the register's granularity.
TEST(ParamsDeclaration, PbSizeMustBeWholeKiBForCaps0) {
  EnergyTable table;
  table.set("compute.mac_int8", EnergyEntry{});
  // 2359872 B = 4097 x 576 B (word x banks: legal for the SRAM) but 2304.5625 KiB.
  const Config c = Config::from_tree(parse_config_text("accel:\n  pb:\n    size: 2359872 B\n", "pb.yaml"),
                                     build_platform_schema());
  try {
    accel_params_from_config(c, table);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "accel.pb.size");
    EXPECT_EQ(e.loc().file, "pb.yaml");
    EXPECT_EQ(e.loc().line, 3);
    EXPECT_NE(e.message().find("CAPS0"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("KiB"), std::string::npos) << e.message();
  }
}

// The caching policies' names come from sched.h's one list, in the enum's order.
TEST(ParamsDeclaration, PolicyNamesFollowTheSchedulerEnum) {
  EXPECT_EQ(*params::value_of(kCachePolicyNames, "none"), SUSHI_POLICY_NONE);
  EXPECT_EQ(*params::value_of(kCachePolicyNames, "sgs"), SUSHI_POLICY_SGS);
  EXPECT_EQ(*params::value_of(kCachePolicyNames, "oracle"), SUSHI_POLICY_ORACLE);
  EXPECT_STREQ(params::name_of(kCachePolicyNames, std::uint32_t{SUSHI_POLICY_LRU}), "lru");
  EXPECT_EQ(*params::value_of(kObjectiveNames, "min_latency"), SUSHI_OBJECTIVE_MIN_LATENCY);
  const Schema schema = build_platform_schema();
  const KeySpec* k = schema.match("sched.cache.policy");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->range_text(), "one of: none, static, sgs, lru, oracle");
}

}  // namespace
}  // namespace sushi::config
