// Catalog search (seeded, repeatable), CSV/YAML round trip, validation errors, shipped catalogs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "supernet/catalog.h"
#include "supernet/catalog_search.h"
#include "supernet/supernet.h"
#include "test_paths.h"

using namespace sushi::supernet;

namespace {
SearchParams small(uint64_t seed) {
  SearchParams p;
  p.seed = seed;
  p.samples = 600;
  p.generations = 3;
  p.target = 30;
  return p;
}
std::vector<SubNetConfig> subnets_of(const std::vector<SearchPoint>& pts) {
  std::vector<SubNetConfig> v;
  for (const auto& p : pts) v.push_back(p.subnet);
  return v;
}
std::string read_error(const std::string& text, bool yaml = false) {
  std::istringstream in(text);
  try {
    if (yaml)
      read_catalog_yaml(in, "c.yaml");
    else
      read_catalog_csv(in, "c.csv");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(SnCatalogSearch, SameSeedSameCatalog) {
  for (Arch a : all_archs()) {
    const auto x = search_catalog(a, small(3)), y = search_catalog(a, small(3)), z = search_catalog(a, small(4));
    ASSERT_EQ(x.size(), 30u);
    EXPECT_EQ(subnets_of(x), subnets_of(y));
    EXPECT_NE(subnets_of(x), subnets_of(z));
    for (size_t i = 1; i < x.size(); ++i) EXPECT_LE(x[i - 1].latency_ms, x[i].latency_ms);
    // the fastest SubNet found is the min SubNet (smallest in every dimension)
    EXPECT_EQ(x.front().subnet, min_subnet(a));
  }
}

TEST(SnCatalog, CsvAndYamlRoundTrip) {
  const Arch a = parse_arch("ofa-mbv3-w1.2");
  const Catalog c = make_catalog(a, subnets_of(search_catalog(a, small(1))));
  ASSERT_EQ(c.entries.size(), 30u);
  for (const CatalogEntry& e : c.entries) {
    EXPECT_EQ(e.accuracy_source, AccuracySource::Proxy);
    EXPECT_NEAR(e.accuracy, fit_proxy(a).predict(e.macs), 1e-9);
    EXPECT_EQ(e.weight_bytes, e.weight_params);
  }
  std::stringstream csv, yaml;
  write_catalog_csv(c, csv);
  write_catalog_yaml(c, yaml);
  EXPECT_NE(csv.str().find("accuracy_source"), std::string::npos);
  for (const Catalog& back : {read_catalog_csv(csv, "x.csv"), read_catalog_yaml(yaml, "x.yaml")}) {
    ASSERT_EQ(back.entries.size(), c.entries.size());
    EXPECT_EQ(back.arch, a);
    for (size_t i = 0; i < c.entries.size(); ++i) {
      EXPECT_EQ(back.entries[i].id, i);
      EXPECT_EQ(back.entries[i].subnet, c.entries[i].subnet);
      EXPECT_EQ(back.entries[i].macs, c.entries[i].macs);
      EXPECT_NEAR(back.entries[i].accuracy, c.entries[i].accuracy, 1e-3);
      EXPECT_EQ(back.entries[i].accuracy_source, AccuracySource::Proxy);
    }
  }
}

TEST(SnCatalog, MeasuredAccuracyWins) {
  std::istringstream acc("arch,subnet,top1\nofa-resnet50,min,74.9\n");
  const MeasuredAccuracy m = MeasuredAccuracy::load_csv(acc, parse_arch("ofa-resnet50"), "acc.csv");
  const Catalog c = make_catalog(parse_arch("ofa-resnet50"), {min_subnet(parse_arch("ofa-resnet50")), max_subnet(parse_arch("ofa-resnet50"))}, &m);
  EXPECT_EQ(c.entries[0].accuracy_source, AccuracySource::Measured);
  EXPECT_DOUBLE_EQ(c.entries[0].accuracy, 74.9);
  EXPECT_EQ(c.entries[1].accuracy_source, AccuracySource::Proxy);
}

TEST(SnCatalog, RejectsInconsistentFiles) {
  const std::string hdr = "id,arch,subnet,accuracy,accuracy_source,macs,weight_params,weight_bytes\n";
  // min ofa-mbv3-w1.0: 121278672 MACs, 3395856 params
  const std::string good = "0,ofa-mbv3-w1.0,min,73.6,proxy,121278672,3395856,3395856\n";
  EXPECT_EQ(read_error(hdr + good), "");
  EXPECT_NE(read_error(hdr + "0,ofa-mbv3-w1.0,min,73.6,proxy,121278673,3395856,3395856\n")
                .find("c.csv:2: macs 121278673 does not match the SubNet (121278672)"),
            std::string::npos);
  EXPECT_NE(read_error(hdr + "1,ofa-mbv3-w1.0,min,73.6,proxy,121278672,3395856,3395856\n").find("out of order"), std::string::npos);
  EXPECT_NE(read_error(hdr + good + "1,ofa-resnet50,min,76,proxy,962192128,6515464,6515464\n").find("c.csv:3: SuperNet"),
            std::string::npos);
  EXPECT_NE(read_error(hdr + "0,ofa-mbv3-w1.0,min,73.6,guess,121278672,3395856,3395856\n").find("allowed: measured, proxy"),
            std::string::npos);
  EXPECT_NE(read_error(hdr + "0,ofa-mbv3-w1.0,min,173.6,proxy,121278672,3395856,3395856\n").find("[0, 100]"), std::string::npos);
  EXPECT_NE(read_error("id,arch\n").find("header must be"), std::string::npos);
  EXPECT_NE(read_error(hdr).find("no SubNets"), std::string::npos);
  // YAML catalogs are read by the platform's one YAML reader: FILE:LINE:COL: key 'K': message.
  // The entry starts at line 3, column 5 (after "  - ").
  EXPECT_EQ(read_error("arch: ofa-mbv3-w1.0\nsubnets:\n  - id: 0\n    subnet: min\n", true),
            "c.yaml:3:5: key 'subnets[0]': entry misses key 'accuracy'");
  EXPECT_EQ(read_error("arch: ofa-mbv3-w1.0\nbytes_per_weight: 9\nsubnets: []\n", true),
            "c.yaml:2:19: key 'bytes_per_weight': must be 1..8");
  EXPECT_EQ(read_error("arch: ofa-mbv3-w1.0\nsubnets:\n  - {id: -1, subnet: min, accuracy: 1, accuracy_source: proxy, "
                       "macs: 1, weight_params: 1, weight_bytes: 1}\n", true),
            "c.yaml:3:10: key 'subnets[0].id': '-1' is not a whole number >= 0");
  EXPECT_NE(read_error("arch: x\nsubnets: [\n", true).find("c.yaml:"), std::string::npos);  // syntax error, located
  EXPECT_THROW(load_catalog("/nonexistent/catalog.csv"), std::runtime_error);
  EXPECT_THROW(load_catalog("catalog.txt"), std::runtime_error);
}

TEST(SnCatalog, ShippedCatalogsAreValid) {
  const auto dir = sushi::test::source_dir() / "vp_configs" / "catalogs";
  size_t n = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    const std::string ext = f.path().extension().string();
    if (ext != ".csv" && ext != ".yaml") continue;
    const Catalog c = load_catalog(f.path().string());
    EXPECT_GE(c.entries.size(), 50u) << f.path();
    EXPECT_LE(c.entries.size(), 200u) << f.path();
    ++n;
  }
  EXPECT_GE(n, 3u);
}
