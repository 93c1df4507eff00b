// `sushi-vp supernet` subcommand: output, JSON totals and exit status.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "cmd_supernet.h"
#include "test_paths.h"

namespace {
struct Result {
  int status;
  std::string out, err;
};
Result run(std::vector<std::string> args) {
  CLI::App app{"sushi-vp"};
  std::function<int()> action;
  sushi::cli::add_supernet_command(app, action);
  std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
  app.parse(args);
  std::ostringstream out, err;
  auto* o = std::cout.rdbuf(out.rdbuf());
  auto* e = std::cerr.rdbuf(err.rdbuf());
  const int st = action ? action() : -1;
  std::cout.rdbuf(o);
  std::cerr.rdbuf(e);
  return {st, out.str(), err.str()};
}
}  // namespace

TEST(SnCliSupernet, JsonTotalsOfMaxAndMin) {
  // numbers derived in test_totals_*.cpp
  const struct {
    const char* arch;
    const char* subnet;
    uint64_t params, macs;
  } cases[] = {{"ofa-resnet50", "max", 48037856, 7491643904}, {"ofa-resnet50", "min", 6515464, 962192128},
               {"ofa-mbv3-w1.0", "max", 7613280, 566170656},  {"ofa-mbv3-w1.0", "min", 3395856, 121278672},
               {"ofa-mbv3-w1.2", "max", 10639344, 843101040}, {"ofa-mbv3-w1.2", "min", 4584504, 193078200}};
  for (const auto& c : cases) {
    const Result r = run({"supernet", "--arch", c.arch, "--subnet", c.subnet, "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["totals"]["weight_params"].get<uint64_t>(), c.params) << c.arch << " " << c.subnet;
    EXPECT_EQ(j["totals"]["macs"].get<uint64_t>(), c.macs) << c.arch << " " << c.subnet;
    EXPECT_EQ(j["accuracy_source"], "proxy");
  }
}

// SubNets at resolution 160 (MACs derived in test_resolution.cpp); the per-layer MACs of the first
// conv and of a stride-2 depthwise layer are the ones `sushi-vp layer` reports for the same shapes
// (tests/unit/accel/test_accel_cli.cpp, AccelCli.*At160).
TEST(SnCliSupernet, JsonAtResolution160) {
  const Result a = run({"supernet", "--arch", "ofa-resnet50", "--subnet", "min;r=160", "--json"});
  ASSERT_EQ(a.status, 0) << a.err;
  const auto ja = nlohmann::json::parse(a.out);
  EXPECT_EQ(ja["resolution"].get<int>(), 160);
  EXPECT_EQ(ja["totals"]["macs"].get<uint64_t>(), 491564800u);
  EXPECT_EQ(ja["totals"]["weight_params"].get<uint64_t>(), 6515464u);
  EXPECT_EQ(ja["layers"][0]["in_shape"], nlohmann::json::array({3, 160, 160}));
  EXPECT_EQ(ja["layers"][0]["macs"].get<uint64_t>(), 4147200u);  // 80*80 * 24*3*9
  const Result m = run({"supernet", "--arch", "ofa-mbv3-w1.0", "--subnet", R"({"ks":3,"e":3,"d":2,"r":[160]})", "--json"});
  ASSERT_EQ(m.status, 0) << m.err;
  const auto jm = nlohmann::json::parse(m.out);
  EXPECT_EQ(jm["totals"]["macs"].get<uint64_t>(), 63240528u);
  bool found = false;
  for (const auto& l : jm["layers"])
    if (l["name"] == "s1.b0.dw") {  // 48 channels, 3x3, stride 2, 80 -> 40: 40*40*48*9
      EXPECT_EQ(l["macs"].get<uint64_t>(), 691200u);
      EXPECT_EQ(l["out_shape"], nlohmann::json::array({48, 40, 40}));
      found = true;
    }
  EXPECT_TRUE(found);
  const Result t = run({"supernet", "--arch", "ofa-mbv3-w1.0", "--subnet", "min;r=160"});
  EXPECT_NE(t.out.find("input 3x160x160"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("macs 63240528"), std::string::npos) << t.out;
}

TEST(SnCliSupernet, MakeCatalogSamplesResolutions) {
  const auto path = (std::filesystem::temp_directory_path() / "sn_cli_res_catalog.csv").string();
  const Result r = run({"supernet", "--arch", "ofa-mbv3-w1.0", "--make-catalog", path, "--count", "8", "--resolutions",
                        "160,224", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  std::set<int> rs;
  for (const auto& e : j["subnets"]) rs.insert(e["resolution"].get<int>());
  EXPECT_EQ(rs, (std::set<int>{160, 224}));
  std::filesystem::remove(path);
  const Result bad = run({"supernet", "--arch", "ofa-mbv3-w1.0", "--make-catalog", path, "--resolutions", "150"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("resolution 150 is not allowed"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SnCliSupernet, TableOutput) {
  const Result r = run({"supernet", "--arch", "ofa-mbv3-w1.0"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("totals: weight_params 7613280  macs 566170656"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("accuracy_source: proxy"), std::string::npos);
}

TEST(SnCliSupernet, BadInputExitsTwo) {
  Result r = run({"supernet", "--arch", "ofa-resnet18"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: unknown SuperNet 'ofa-resnet18' (allowed: ofa-resnet50, ofa-mbv3-w1.0, ofa-mbv3-w1.2)"),
            std::string::npos);
  r = run({"supernet", "--arch", "ofa-mbv3-w1.0", "--subnet", "ks=9;e=6;d=4"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: ofa-mbv3-w1.0: ks[0] = 9 is not allowed"), std::string::npos);
  r = run({"supernet", "--catalog", "/nonexistent.csv"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: /nonexistent.csv: cannot read the catalog: No such file or directory"), std::string::npos);
  r = run({"supernet"});
  EXPECT_EQ(r.status, 2);
}

TEST(SnCliSupernet, CatalogReport) {
  const auto path = (sushi::test::source_dir() / "vp_configs/catalogs/ofa-mbv3-w1.0.csv").string();
  const Result r = run({"supernet", "--catalog", path});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("pairwise overlap"), std::string::npos);
  EXPECT_NE(r.out.find("proxy"), std::string::npos);
}
