// `sushi-vp supernet` subcommand: output, JSON totals and exit status.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
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
