// The caching policies end to end: the firmware drives PB loads and PB maps on the accelerator;
// checked against the scheduler's own arithmetic on the image the firmware read.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "config/energy_table_loader.h"
#include "config/platform_schema.h"
#include "dram/dram_controller.h"
#include "soc/soc.h"
#include "supernet/model_image_io.h"
#include "sched/plan.h"
#include "sched/sched_model.h"
#include "run_cli.h"
#include "serving_run.h"
#include "test_paths.h"

using namespace sushi;

namespace {

struct PolicyRun : test::ServingRun {
  using test::ServingRun::ServingRun;
  accel::AccelSnapshot counters() { return soc->serving()->accel()->snapshot(); }
  // Bytes the planner gives SubNet 0 alone under the PB: what static/sgs must load.
  std::uint64_t planned_bytes() {
    auto* dram = dynamic_cast<dram::DramController*>(sc_core::sc_find_object("soc.main"));
    sushi_img_header h{};
    dram->memory().read(cfg.size("model.image_offset"), reinterpret_cast<std::uint8_t*>(&h), sizeof h);
    std::vector<std::uint8_t> bytes(h.total_size);
    dram->memory().read(cfg.size("model.image_offset"), bytes.data(), bytes.size());
    const supernet::ModelImage img = supernet::read_model_image(bytes.data(), bytes.size());
    std::vector<sushi_sched_layer> layers;
    for (const sushi_img_layer& l : img.layers) {
      layers.push_back({l.weight_offset, l.tap_bytes, l.unit_bytes, img.header.k_par,
                        static_cast<std::uint16_t>((l.flags & SUSHI_IMG_LAYER_DEPTHWISE) ? 0 : img.header.c_par),
                        l.c_tiles, 0});
    }
    const std::uint32_t acc = 0;
    const std::uint64_t fixed = 0;
    const sushi_sched_model m{img.header.layer_count, 1, layers.data(), img.regions.data(), &acc, &fixed,
                              img.layer_latency.data()};
    static sushi_plan_ws ws;
    std::vector<sushi_img_region> out(m.layer_count);
    const std::uint32_t window[] = {0};
    return sushi_plan_subgraph(&m, window, 1, cfg.size("accel.pb.size"), &ws, out.data()).bytes;
  }
};

}  // namespace

TEST(Policies, NoneNeverTouchesThePb) {
  PolicyRun r({"sched.cache.policy=none"});
  r.simulate();
  EXPECT_EQ(r.counters().pb_loads, 0u);
  for (const QueryRow& q : r.rows()) EXPECT_EQ(q.pb_bytes, 0u);
}

TEST(Policies, StaticLoadsThePlanOnceAtBootAndEveryJobReadsIt) {
  PolicyRun r({"sched.cache.policy=static"});
  r.simulate();
  const std::uint64_t planned = r.planned_bytes();
  // The smallest ResNet50 SubNet (6.5 MB) does not fit 2.25 MiB: its largest prefix that fits.
  EXPECT_GT(planned, 0u);
  EXPECT_LE(planned, 2359296u);
  EXPECT_EQ(r.counters().pb_loads, 1u);
  EXPECT_EQ(r.counters().pb_load_B, planned);
  ASSERT_EQ(r.rows().size(), 3u);
  for (const QueryRow& q : r.rows()) {
    EXPECT_EQ(q.pb_bytes, planned);  // the plan is a prefix of the SubNet's own regions: all hit
    EXPECT_EQ(q.pb_load_bytes, 0u);  // loaded at boot, before any query
    EXPECT_EQ(q.choice, 0u);
  }
}

TEST(Policies, SgsPlansAfterItsWindowAndLoadsOnlyChanges) {
  PolicyRun r({"sched.cache.policy=sgs", "sched.cache.window=2"});
  r.simulate();
  const std::uint64_t planned = r.planned_bytes();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 3u);
  // Queries 1 and 2 run with an empty PB; after query 2 the window {0, 0} is planned (the same
  // SubGraph as for {0}) and loaded; query 3 reads it.
  EXPECT_EQ(q[0].pb_bytes, 0u);
  EXPECT_EQ(q[1].pb_bytes, 0u);
  EXPECT_EQ(q[2].pb_bytes, planned);
  EXPECT_EQ(r.counters().pb_loads, 1u);
  EXPECT_EQ(r.counters().pb_load_B, planned);
}

TEST(Policies, LruReloadsBeforeJobsAndHitsWhatStayed) {
  PolicyRun r({"sched.cache.policy=lru"});
  r.simulate();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 3u);
  EXPECT_GT(q[0].pb_load_bytes, 0u);  // loaded before the first job, inside its service
  EXPECT_EQ(q[0].pb_bytes, q[0].pb_load_bytes);
  EXPECT_GT(q[1].pb_bytes, 0u);
  EXPECT_EQ(r.counters().pb_load_B, q[0].pb_load_bytes + q[1].pb_load_bytes + q[2].pb_load_bytes);
}

TEST(Policies, SgsWithoutWindowOrPeriodIsAConfigError) {
  try {
    PolicyRun r({"sched.cache.policy=sgs", "sched.cache.window=0"});
    FAIL() << "expected a ConfigError";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("sched.cache.window"), std::string::npos) << e.what();
  }
}

TEST(Profile, FitsThePlatformAndLoadsAsModelProfile) {
  const auto dir = test::scratch_dir();
  const std::string cfg = (test::source_dir() / "tests/unit/serving/fixtures/serve.yaml").string();
  const std::string prof = (dir / "p.json").string();
  ASSERT_EQ(test::run_sushi_vp("profile " + cfg + " -q --out " + prof).status, 0);
  std::ifstream in(prof);
  const nlohmann::json j = nlohmann::json::parse(in);
  EXPECT_EQ(j["format"], "sushi-latency-profile");
  EXPECT_EQ(j["subnets"].size(), 1u);
  // The fitted coefficients predict the validation job (half of each layer's K-tiles cached)
  // within 2 %; the analytic ones are further off.
  EXPECT_LT(j["fit"]["error_fitted"]["max_pct"].get<double>(), 2.0);
  EXPECT_LT(j["fit"]["error_fitted"]["max_pct"].get<double>(), j["fit"]["error_image_coefficients"]["max_pct"].get<double>());
  ASSERT_EQ(test::run_sushi_vp("run " + cfg + " -q --set model.profile=" + prof + " --out " + (dir / "run").string()).status, 0);
  // A profile of another catalog is refused naming the key.
  const std::string other = (test::source_dir() / "vp_configs/profiles/ofa-resnet50-zcu104.json").string();
  const test::CliResult bad = test::run_sushi_vp("check " + cfg + " -q --set model.profile=" + other);
  EXPECT_EQ(bad.status, 2);
  const std::string& msg = bad.output;
  EXPECT_NE(msg.find("model.profile"), std::string::npos) << msg;
}
