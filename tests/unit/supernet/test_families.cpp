// The SuperNet family registry: every registered description is complete and consistent, names and
// image codes round-trip, the layer builders give the layer counts the library has always had, and
// no code outside the family files tests which family it has.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "supernet/accuracy.h"
#include "supernet/family.h"
#include "supernet/supernet.h"
#include "test_paths.h"

namespace {
using namespace sushi::supernet;

bool ascending_unique(const std::vector<int>& v) {
  return std::adjacent_find(v.begin(), v.end(), [](int a, int b) { return a >= b; }) == v.end();
}

TEST(Families, RegistryListsEachFamilyOnceInOrder) {
  const auto& fams = registered_families();
  ASSERT_FALSE(fams.empty());
  ASSERT_EQ(all_archs().size(), fams.size());
  std::set<std::string_view> names;
  std::set<uint32_t> codes;
  std::string joined;
  for (size_t i = 0; i < fams.size(); ++i) {
    const Arch a = all_archs()[i];
    EXPECT_EQ(&a.family(), fams[i]);
    EXPECT_FALSE(a->name().empty());
    EXPECT_TRUE(names.insert(a->name()).second) << "name listed twice: " << a->name();
    EXPECT_NE(a->image_code(), 0u) << a->name();  // 0 is no family in the image format
    EXPECT_TRUE(codes.insert(a->image_code()).second) << "image code used twice: " << a->image_code();
    // name <-> Arch <-> image code round trips
    EXPECT_EQ(parse_arch(a->name()), a);
    EXPECT_EQ(arch_name(a), a->name());
    ASSERT_TRUE(arch_of_image_code(image_code(a)).has_value());
    EXPECT_EQ(*arch_of_image_code(image_code(a)), a);
    if (i > 0) {
      EXPECT_TRUE(all_archs()[i - 1] < a);  // Arch orders by registry position
    }
    joined += (i ? ", " : "") + std::string(a->name());
  }
  EXPECT_EQ(arch_names(), joined);
  EXPECT_EQ(Arch(), all_archs().front());  // default-made: the first registered family
  EXPECT_FALSE(arch_of_image_code(0).has_value());
  try {
    parse_arch("ofa-resnet18");
    FAIL() << "unknown name accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("(allowed: " + joined + ")"), std::string::npos) << e.what();
  }
}

TEST(Families, SearchSpaceIsComplete) {
  const std::map<std::string, std::pair<size_t ArchSpec::*, std::vector<int> ArchSpec::*>> dims = {
      {"ks", {&ArchSpec::n_ks, &ArchSpec::ks_choices}},
      {"e", {&ArchSpec::n_e, &ArchSpec::e_choices}},
      {"d", {&ArchSpec::n_d, &ArchSpec::d_choices}},
      {"w", {&ArchSpec::n_w, &ArchSpec::w_choices}}};
  for (Arch a : all_archs()) {
    SCOPED_TRACE(std::string(a->name()));
    const ArchSpec& sp = a->spec();
    // Every listed field has a length and choices; every other field has neither.
    std::set<std::string> listed(sp.fields.begin(), sp.fields.end());
    EXPECT_EQ(listed.size(), sp.fields.size()) << "a field listed twice";
    for (const auto& [key, dim] : dims) {
      const bool on = listed.count(key) > 0;
      EXPECT_EQ(sp.*(dim.first) > 0, on) << key;
      EXPECT_EQ(!(sp.*(dim.second)).empty(), on) << key;
      EXPECT_TRUE(ascending_unique(sp.*(dim.second))) << key << ": min/max SubNets take front/back";
    }
    for (const std::string& key : sp.fields) EXPECT_TRUE(dims.count(key)) << "unknown field " << key;
    EXPECT_TRUE(listed.count("e") && listed.count("d")) << "every OFA family has elastic expand and depth";
    for (int d0 : sp.d0_choices)
      EXPECT_NE(std::find(sp.d_choices.begin(), sp.d_choices.end(), d0), sp.d_choices.end()) << "d0 " << d0;
    for (int w : sp.w_choices) EXPECT_LT(static_cast<size_t>(w), sp.width_mult_pct.size());
    EXPECT_FALSE(sp.width_mult_pct.empty());
    // One expand ratio (and kernel, when elastic) per block of every elastic stage.
    size_t blocks = 0;
    for (int n : sp.blocks_per_stage) blocks += static_cast<size_t>(n);
    EXPECT_EQ(sp.n_e, blocks);
    if (sp.n_ks) {
      EXPECT_EQ(sp.n_ks, blocks);
    }
    // The resolution range holds the default and is a whole number of steps.
    EXPECT_GT(sp.resolution_step, 0);
    EXPECT_LE(sp.min_resolution, sp.max_resolution);
    EXPECT_EQ((sp.max_resolution - sp.min_resolution) % sp.resolution_step, 0);
    EXPECT_TRUE(resolution_allowed(a, kDefaultResolution));
    EXPECT_TRUE(resolution_allowed(a, sp.min_resolution));
    EXPECT_TRUE(resolution_allowed(a, sp.max_resolution));
    EXPECT_FALSE(resolution_allowed(a, sp.max_resolution + sp.resolution_step));
    // The accuracy proxy has points to fit a line to.
    EXPECT_GE(a->published_points().size(), 2u);
    for (const PublishedPoint& p : a->published_points()) {
      EXPECT_GT(p.mmacs, 0);
      EXPECT_GT(p.top1, 0);
      EXPECT_LE(p.top1, 100);
    }
    EXPECT_GT(fit_proxy(a).b, 0) << "accuracy grows with MACs";
  }
}

TEST(Families, LayerBuildersKeepTheirLayerCounts) {
  // ofa-resnet50: 3 stem convs + 18 bottleneck blocks x 3 convs + 4 stage downsamples + classifier
  //   = 3 + 54 + 4 + 1 = 62.
  // ofa-mbv3-*: first conv, b0.dw, b0.project (3) + 20 blocks x (expand, dw, project) = 60, plus an
  //   SE pair in the 12 blocks of stages 2, 4, 5 = 24, + final_expand, feature_mix, classifier (3)
  //   = 90.
  const std::map<std::string, size_t> expected = {{"ofa-resnet50", 62}, {"ofa-mbv3-w1.0", 90}, {"ofa-mbv3-w1.2", 90}};
  for (Arch a : all_archs()) {
    SCOPED_TRACE(std::string(a->name()));
    ASSERT_TRUE(expected.count(std::string(a->name()))) << "a new family: add its layer count here";
    const ArchSpec& sp = a->spec();
    const size_t n = expected.at(std::string(a->name()));
    EXPECT_EQ(a->layers(kDefaultResolution).size(), n);
    EXPECT_EQ(a->layers(static_cast<uint32_t>(sp.min_resolution)).size(), n);  // resolution moves sizes only
    const SuperNet& net = SuperNet::get(a);
    EXPECT_EQ(net.size(), n);
    EXPECT_EQ(net.arch(), a);
    // Regions: one per layer; the largest SubNet covers every layer at maximum shape.
    const SubNetConfig hi = max_subnet(a), lo = min_subnet(a);
    EXPECT_EQ(a->regions(hi).size(), n);
    EXPECT_EQ(a->regions(lo).size(), n);
    EXPECT_EQ(net.region_of(hi), net.full());
    // Depth: the largest SubNet runs every block, the smallest at least one per stage.
    for (size_t st = 0; st < sp.blocks_per_stage.size(); ++st) {
      EXPECT_EQ(a->active_blocks(hi, st), sp.blocks_per_stage[st]) << "stage " << st;
      EXPECT_GE(a->active_blocks(lo, st), 1) << "stage " << st;
      EXPECT_LE(a->active_blocks(lo, st), sp.blocks_per_stage[st]) << "stage " << st;
    }
    // The canonical form is a fixed point and the text form round-trips.
    EXPECT_EQ(canonical(hi), hi);
    EXPECT_EQ(canonical(lo), lo);
    Rng rng(19);
    for (int i = 0; i < 20; ++i) {
      const SubNetConfig s = random_subnet(a, rng, {sp.min_resolution, kDefaultResolution});
      EXPECT_EQ(canonical(s), s);
      EXPECT_EQ(parse_subnet(a, format_subnet(s)), s) << format_subnet(s);
      EXPECT_EQ(net.region_of(s).regions.size(), n);
    }
  }
}

// Family facts live in the family files only: no code elsewhere branches on the family or spells a
// family's name as a literal (names come from the registry).
TEST(Families, NoFamilyBranchesOutsideTheFamilyFiles) {
  namespace fs = std::filesystem;
  const fs::path src = sushi::test::source_dir();
  const fs::path families = src / "supernet" / "src" / "families";
  std::vector<std::string> needles = {"is_mbv3", "is_resnet", "Arch::Ofa", "OfaResNet50", "OfaMbv3"};
  for (Arch a : all_archs()) needles.push_back("\"" + std::string(a->name()) + "\"");
  size_t files = 0;
  for (const char* room : {"supernet", "platform", "models", "sched", "firmware", "hw", "io"}) {
    for (const auto& e : fs::recursive_directory_iterator(src / room)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".h" && ext != ".c")) continue;
      if (e.path().parent_path() == families) continue;
      ++files;
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      for (const std::string& n : needles)
        EXPECT_EQ(text.find(n), std::string::npos) << fs::relative(e.path(), src).string() << " contains " << n;
    }
  }
  EXPECT_GT(files, 100u);  // the walk found the tree
}

}  // namespace
