// Config loading: include/override precedence, defaults, and every error class, each naming
// file, line and key.
#include <gtest/gtest.h>

#include <sstream>

#include "config/config.h"
#include "config/platform_schema.h"
#include "test_paths.h"

using namespace sushi::config;

namespace {

std::string fixture(const std::string& name) {
  return (sushi::test::source_dir() / "tests/unit/config/fixtures" / name).string();
}

Config from_text(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  ConfigNode tree = parse_config_text(yaml, "inline.yaml");
  int i = 1;
  for (const auto& o : overrides) apply_override(tree, o, i++);
  return Config::from_tree(tree, build_platform_schema());
}

// Runs `f`, expects a ConfigError, returns it.
template <class F>
ConfigError expect_error(F f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a ConfigError";
  return ConfigError({}, "", "");
}

const char* kMinimal = R"(
memories:
  ram:
    base: 0x1000
    size: 4 KiB
)";

}  // namespace

TEST(Config, IncludesMergeAndLaterKeysOverride) {
  const Config c = Config::load(fixture("override.yaml"), {}, build_platform_schema());
  EXPECT_EQ(c.integer("sim.seed"), 9);                        // override.yaml beats base.yaml (7)
  EXPECT_DOUBLE_EQ(c.time_ps("sim.quantum"), 20e6);           // middle.yaml (20 us) beats base (10 us)
  EXPECT_EQ(c.size("memories.ram.size"), 8u * 1024);          // middle.yaml
  EXPECT_DOUBLE_EQ(c.time_ps("memories.ram.latency"), 7000);  // override.yaml (7 ns)
  EXPECT_EQ(c.integer("memories.ram.base"), 0x1000);          // base.yaml, untouched
  EXPECT_EQ(c.loc("sim.seed").file, fixture("override.yaml"));
  EXPECT_EQ(c.loc("sim.seed").line, 3);  // "  seed: 9" is line 3 of override.yaml
}

TEST(Config, CommandLineOverridesBeatFiles) {
  const Config c = Config::load(fixture("override.yaml"),
                                {"sim.seed=11", "memories.ram.size=1MiB"}, build_platform_schema());
  EXPECT_EQ(c.integer("sim.seed"), 11);
  EXPECT_EQ(c.size("memories.ram.size"), 1024u * 1024);
  EXPECT_NE(c.loc("sim.seed").file.find("--set #1"), std::string::npos);
}

TEST(Config, DefaultsFillUnsetKeysPerInstance) {
  const Config c = from_text(kMinimal);
  EXPECT_EQ(c.integer("sim.seed"), 1);
  EXPECT_DOUBLE_EQ(c.time_ps("memories.ram.latency"), 10000);  // default 10 ns
  EXPECT_EQ(c.string("memories.ram.category"), "sram");
  EXPECT_FALSE(c.is_set("memories.ram.latency"));
  EXPECT_TRUE(c.is_set("memories.ram.size"));
  EXPECT_EQ(c.instances("memories"), std::vector<std::string>{"ram"});
}

TEST(Config, UnknownKeyNamesFileLineKeyAndSuggestion) {
  const ConfigError e = expect_error([] { Config::load(fixture("typo.yaml"), {}, build_platform_schema()); });
  EXPECT_EQ(e.loc().file, fixture("typo.yaml"));
  EXPECT_EQ(e.loc().line, 7);
  EXPECT_EQ(e.loc().column, 13);
  EXPECT_EQ(e.key(), "memories.ram.latncy");
  EXPECT_NE(std::string(e.what()).find("did you mean 'memories.ram.latency'"), std::string::npos) << e.what();
}

TEST(Config, BareNumberWhereAUnitIsRequired) {
  const ConfigError e = expect_error([] { from_text("memories:\n  ram:\n    base: 0\n    size: 4096\n"); });
  EXPECT_EQ(e.key(), "memories.ram.size");
  EXPECT_EQ(e.loc().line, 4);
  EXPECT_NE(e.message().find("has no unit"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find("allowed: 1 B .. 1 TiB"), std::string::npos) << e.what();
}

TEST(Config, WrongTypeIsAnError) {
  const ConfigError e1 = expect_error([] { from_text("sim:\n  seed: many\n"); });
  EXPECT_EQ(e1.key(), "sim.seed");
  EXPECT_EQ(e1.loc().line, 2);
  EXPECT_NE(e1.message().find("not an integer"), std::string::npos);
  const ConfigError e2 = expect_error([] { from_text("sim:\n  quantum: [1, 2]\n"); });
  EXPECT_EQ(e2.key(), "sim.quantum");
  const ConfigError e3 = expect_error([] { from_text("sim: 5\n"); });
  EXPECT_EQ(e3.key(), "sim");
  EXPECT_NE(e3.message().find("is a section"), std::string::npos);
}

TEST(Config, OutOfRangeNamesTheAllowedRange) {
  const ConfigError e = expect_error([] { from_text("sim:\n  quantum: 2 s\n"); });
  EXPECT_EQ(e.key(), "sim.quantum");
  EXPECT_EQ(e.loc().line, 2);
  EXPECT_NE(e.message().find("out of range (allowed: 1 ps .. 1 s)"), std::string::npos) << e.what();
  const ConfigError e2 = expect_error([] { from_text("noc:\n  router_latency_cycles: -1\n"); });
  EXPECT_NE(e2.message().find("allowed: 0 .. 64"), std::string::npos) << e2.what();
}

TEST(Config, BadChoiceListsTheChoices) {
  const ConfigError e = expect_error([] {
    from_text(std::string(kMinimal) + "    category: flash\n");
  });
  EXPECT_EQ(e.key(), "memories.ram.category");
  EXPECT_NE(e.message().find("one of: sram, dram"), std::string::npos) << e.what();
}

TEST(Config, BadFirmwareTimeNamesFileLineKeyAndTheModes) {
  const ConfigError e = expect_error([] { from_text("cpu:\n  kind: rv32\n  firmware_time: none\n"); });
  EXPECT_EQ(e.key(), "cpu.firmware_time");
  EXPECT_EQ(e.loc().file, "inline.yaml");
  EXPECT_EQ(e.loc().line, 3);
  EXPECT_NE(e.message().find("one of: modelled, zero"), std::string::npos) << e.what();
}

TEST(Config, MissingRequiredKeyPointsAtItsSection) {
  const ConfigError e = expect_error([] { from_text("memories:\n  ram:\n    base: 0x10\n"); });
  EXPECT_EQ(e.key(), "memories.ram.size");
  EXPECT_EQ(e.loc().line, 3);  // the "ram:" map starts on line 3 (its first key)
  EXPECT_NE(e.message().find("required size is missing"), std::string::npos) << e.what();
}

TEST(Config, BadOverrideIsLocatedAtTheCommandLine) {
  const ConfigError e = expect_error([] { from_text(kMinimal, {"sim.sed=3"}); });
  EXPECT_EQ(e.key(), "sim.sed");
  EXPECT_NE(e.loc().file.find("--set #1"), std::string::npos);
  const ConfigError e2 = expect_error([] { from_text(kMinimal, {"noequals"}); });
  EXPECT_NE(e2.message().find("key.path=value"), std::string::npos);
}

TEST(Config, YamlSyntaxErrorHasLineAndColumn) {
  const ConfigError e = expect_error([] { from_text("sim:\n  seed: [1, 2\n"); });
  EXPECT_EQ(e.loc().file, "inline.yaml");
  EXPECT_GT(e.loc().line, 0);
  EXPECT_NE(e.message().find("YAML syntax error"), std::string::npos);
}

TEST(Config, DuplicateKeyIsAnError) {
  const ConfigError e = expect_error([] { from_text("sim:\n  seed: 1\n  seed: 2\n"); });
  EXPECT_EQ(e.key(), "sim.seed");
  EXPECT_EQ(e.loc().line, 3);
}

TEST(Config, IncludeCycleAndMissingFile) {
  const ConfigError e = expect_error([] { Config::load(fixture("cycle_a.yaml"), {}, build_platform_schema()); });
  EXPECT_NE(e.message().find("include cycle"), std::string::npos) << e.what();
  const ConfigError e2 = expect_error([] { Config::load(fixture("absent.yaml"), {}, build_platform_schema()); });
  EXPECT_NE(e2.message().find("cannot read"), std::string::npos);
}

TEST(Config, PathsAreRelativeToTheFileThatSetsThem) {
  const Config c = Config::load((sushi::test::source_dir() / "vp_configs/examples/quickstart.yaml").string(),
                                {}, build_platform_schema());
  const auto tables = c.paths("energy.tables");
  ASSERT_EQ(tables.size(), 2u);  // platforms/zcu104.yaml: the defaults, then the 16 nm figures
  EXPECT_EQ(tables[0], (sushi::test::source_dir() / "vp_configs/energy/default-45nm.yaml").lexically_normal().string());
  EXPECT_EQ(tables[1], (sushi::test::source_dir() / "vp_configs/energy/zcu104-16nm.yaml").lexically_normal().string());
}

TEST(Config, ResolvedYamlHoldsEveryKeyAndReloads) {
  const Config c = from_text(kMinimal, {"sim.seed=5"});
  std::ostringstream out;
  c.write_resolved_yaml(out);
  const std::string text = out.str();
  EXPECT_NE(text.find("seed: 5"), std::string::npos) << text;
  EXPECT_NE(text.find("latency: 10 ns"), std::string::npos) << text;  // a default, written out
  // The resolved file is itself a valid config giving the same values.
  const Config again = Config::from_tree(parse_config_text(text, "resolved.yaml"), build_platform_schema());
  EXPECT_EQ(again.integer("sim.seed"), 5);
  EXPECT_EQ(again.size("memories.ram.size"), 4096u);
}
