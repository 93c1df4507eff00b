// Several tasks on one SoC (tasks.<name>, issue 22): each task's queries wait in their own queue
// of the query port and run its own SuperNet's image on the accelerators it may use. Fixture
// two-tasks.yaml: task r50 (the smallest OFA-ResNet50 SubNet, 3 queries at 1 ms) and task mbv3
// (the smallest OFA-MobileNetV3 SubNet, 2 queries at 1 ms), accelerators accel (16 x 9 DPE array)
// and small (8 x 9), policy none. Each TEST is its own process (one SystemC simulation each).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accel/sushi/sushi_accel.h"
#include "config/config_error.h"
#include "serving_run.h"
#include "supernet/latency_profile.h"
#include "supernet/layout.h"
#include "supernet/model_image_io.h"
#include "supernet/supernet.h"

using namespace sushi;

namespace {

std::string config_error(const std::vector<std::string>& overrides) {
  try {
    test::ServingRun r(overrides, "two-tasks.yaml");
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

// The weight bytes a job of the task's one SubNet reads with nothing in the PB: its region of the
// SuperNet laid out in the accelerator's blocks (k_par x c_par, K and C padded to whole blocks).
std::uint64_t job_weight_bytes(const Serving::Task& t, std::uint32_t k_par, std::uint32_t c_par = 9) {
  const supernet::SuperNet& net = supernet::SuperNet::get(t.catalog.arch);
  return supernet::WeightLayout(net, {k_par, c_par, 1}).region_bytes(net.region_of(t.catalog.entries[0].subnet));
}

}  // namespace

// Pinned: r50 on accel, mbv3 on small. Each accelerator runs its task's queries one after the
// other: accel 3 jobs, small 2. mbv3's queries wait in their own queue, so they start at once on
// small while r50's queue still holds two queries (one FIFO would have held them behind r50's).
// Every job read its own SuperNet's weights in its accelerator's layout: ResNet50's smallest SubNet
// in 16 x 9 blocks is 6,794,064 B (as in test_serving.cpp), MobileNetV3's smallest in 8 x 9 blocks
// 3,429,072 B; a job of the other image would have read another count.
TEST(ServingTasks, TwoTasksPinnedToTwoAccelerators) {
  test::ServingRun r({"tasks.r50.processors=[accel]", "tasks.mbv3.processors=[small]"}, "two-tasks.yaml");
  r.simulate();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 5u);
  const auto& tasks = r.soc->serving()->tasks();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(job_weight_bytes(tasks[0], 16), 6794064u);
  EXPECT_EQ(job_weight_bytes(tasks[1], 8), 3429072u);
  // Ids in arrival order, ties by task: r50's three, then mbv3's two.
  for (std::size_t i = 0; i < 5; ++i) {
    const bool r50 = i < 3;
    EXPECT_EQ(q[i].status, QueryStatus::ok);
    EXPECT_EQ(q[i].task, r50 ? "r50" : "mbv3");
    EXPECT_EQ(q[i].processor, r50 ? "accel" : "small");
    EXPECT_EQ(q[i].dram_weight_bytes, r50 ? 6794064u : 3429072u);
    EXPECT_EQ(q[i].accuracy_pct, r50 ? 76.449 : 73.601);
  }
  EXPECT_LT(q[3].start_ps, q[0].end_ps);  // mbv3 did not wait behind r50's queue
  EXPECT_GE(q[4].start_ps, q[3].end_ps);  // small runs one job at a time
  EXPECT_EQ(test::ServingRun::sushi_accel("accel")->snapshot().jobs, 3u);
  EXPECT_EQ(test::ServingRun::sushi_accel("small")->snapshot().jobs, 2u);
  EXPECT_EQ(test::ServingRun::sushi_accel("accel")->snapshot().dram_weight_rd_B, 3u * 6794064u);
  EXPECT_EQ(test::ServingRun::sushi_accel("small")->snapshot().dram_weight_rd_B, 2u * 3429072u);

  // summary.json serving.tasks: each task's queries; its memory: one weight copy, one image.
  const Json s = r.soc->serving()->tasks_summary(sc_core::sc_time_stamp().value());
  EXPECT_EQ(s.at("r50").at("served_count").get<std::uint64_t>(), 3u);
  EXPECT_EQ(s.at("mbv3").at("served_count").get<std::uint64_t>(), 2u);
  EXPECT_EQ(s.at("r50").at("memory").at("weights_dram_B").get<std::uint64_t>(), 6794064u);
  EXPECT_EQ(s.at("mbv3").at("memory").at("weights_dram_B").get<std::uint64_t>(), 3429072u);
  EXPECT_EQ(s.at("mbv3").at("memory").at("weight_copies_count").get<std::uint64_t>(), 1u);
  EXPECT_EQ(s.at("mbv3").at("processors"), Json::array({"small"}));
}

// Unpinned, both tasks on both accelerators; the firmware picks the accelerator per query from
// its predicted end (same SubNet, same SLO met everywhere):
//  * q0 (r50): both idle, accel's 16 x 9 array is faster: accel;
//  * q1 (r50): small idle ends sooner than accel's running job plus q1: small;
//  * q2 (r50): both busy: it waits; accel frees first (38 ms) and takes it;
//    mbv3's head (q3) waits too: both busy;
//  * q3 (mbv3): small frees first (61.6 ms), but accel, 0.3 ms from its end, then runs q3 faster
//    than small would: it waits for accel;
//  * q4 (mbv3): small.
// accel: 3 jobs (two r50, one mbv3), small: 2 (one of each), each with its task's weights.
TEST(ServingTasks, TwoTasksShareTwoAccelerators) {
  test::ServingRun r({}, "two-tasks.yaml");
  r.simulate();
  const auto& q = r.rows();
  ASSERT_EQ(q.size(), 5u);
  const char* on[] = {"accel", "small", "accel", "accel", "small"};
  const std::uint64_t bytes[] = {6794064u, 6657480u, 6794064u, 3453840u, 3429072u};
  const auto& tasks = r.soc->serving()->tasks();
  EXPECT_EQ(job_weight_bytes(tasks[0], 8), 6657480u);
  EXPECT_EQ(job_weight_bytes(tasks[1], 16), 3453840u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(q[i].status, QueryStatus::ok);
    EXPECT_EQ(q[i].processor, on[i]) << i;
    EXPECT_EQ(q[i].dram_weight_bytes, bytes[i]) << i;
  }
  EXPECT_GE(q[2].start_ps, q[0].end_ps);
  EXPECT_GE(q[3].start_ps, q[2].end_ps);
  EXPECT_EQ(test::ServingRun::sushi_accel("accel")->snapshot().jobs, 3u);
  EXPECT_EQ(test::ServingRun::sushi_accel("small")->snapshot().jobs, 2u);
  // Each task holds a copy of its weights per layout (two layouts) and an image per accelerator.
  EXPECT_EQ(tasks[0].weight_copies, 2u);
  EXPECT_EQ(tasks[0].weights_dram_B, 6794064u + 6657480u);
  EXPECT_EQ(tasks[1].weights_dram_B, 3453840u + 3429072u);
}

// Partitioned PB: with policy static, each accelerator serving both tasks gives each half its PB
// (64 B aligned) and loads each task's SubGraph into its half at boot: four PB loads, none refused
// (a load outside its share would overflow the PB or overwrite the other task's). small is made
// 16 x 4 here (its depthwise taps whole 16-B beats, so MobileNetV3 loads too). Every job then reads
// part of its weights from its own task's share: PB bytes + DRAM bytes = its region in the
// accelerator's layout, with PB bytes > 0.
TEST(ServingTasks, EachTaskCachesInItsShareOfEachPb) {
  test::ServingRun r({"accels.small.array.k_par=16", "accels.small.array.c_par=4", "sched.cache.policy=static"},
                     "two-tasks.yaml");
  r.simulate();
  const auto& tasks = r.soc->serving()->tasks();
  const std::uint64_t region[2][2] = {{job_weight_bytes(tasks[0], 16), job_weight_bytes(tasks[0], 16, 4)},
                                      {job_weight_bytes(tasks[1], 16), job_weight_bytes(tasks[1], 16, 4)}};
  // Where they run (the rv32 build's test checks the same): r50 accel, small, accel; mbv3 small,
  // small.
  const char* on[] = {"accel", "small", "accel", "small", "small"};
  for (const auto& row : r.rows()) {
    ASSERT_EQ(row.status, QueryStatus::ok);
    EXPECT_EQ(row.processor, on[row.id]) << row.id;
    const int t = row.task == "r50" ? 0 : 1, p = row.processor == "accel" ? 0 : 1;
    EXPECT_GT(row.pb_bytes, 0u) << row.id;
    EXPECT_EQ(row.pb_bytes + row.dram_weight_bytes, region[t][p]) << row.id;
  }
  for (const char* a : {"accel", "small"}) {
    const auto s = test::ServingRun::sushi_accel(a)->snapshot();
    EXPECT_EQ(s.pb_loads, 2u) << a;  // one per task's share
    EXPECT_EQ(s.errors, 0u) << a;
  }
}

// A fixed-model task (the baseline): every query runs the chosen catalog SubNet, reported by its
// index in the catalog file; the image holds that SubNet alone.
TEST(ServingTasks, AFixedSubNetTaskServesThatSubNet) {
  test::ServingRun r({"tasks.r50.catalog=<vp_configs>/catalogs/ofa-resnet50.csv", "tasks.r50.subnet=7",
                      "tasks.r50.processors=[accel]", "tasks.mbv3.processors=[small]"},
                     "two-tasks.yaml");
  r.simulate();
  const auto& t = r.soc->serving()->tasks()[0];
  ASSERT_EQ(t.catalog.entries.size(), 1u);
  EXPECT_EQ(t.catalog_index, std::vector<std::uint32_t>{7});
  for (const auto& row : r.rows()) {
    EXPECT_EQ(row.status, QueryStatus::ok);
    if (row.task == "r50") {
      EXPECT_EQ(row.subnet, 7);
      EXPECT_EQ(row.accuracy_pct, t.catalog.entries[0].accuracy);
    }
  }
}

// A task's profiles apply by the accelerator shape they record: the MobileNetV3 image for small
// (16 x 4 x 9, 3 DMA ports: 48 B per cycle, the shape zcu104-small-accel.yaml has) takes the profile
// measured on that shape, the one for accel the profile without a shape block (accel's). Each
// image's first SubNet's first-layer coefficients are the profile's; without the small profile
// small's image falls back to the analytic estimate.
TEST(ServingTasks, ProfilesApplyByTheAcceleratorShapeTheyRecord) {
  const std::string big = "<vp_configs>/profiles/ofa-mbv3-w1.0-zcu104.json";
  const std::string small = "<vp_configs>/profiles/ofa-mbv3-w1.0-zcu104-small-fr_fcfs.json";
  for (const bool with_small : {true, false}) {
    test::ServingRun r({"accels.small.array.k_par=16", "accels.small.array.c_par=4", "accels.small.dma.ports=3",
                        "tasks.mbv3.catalog=<vp_configs>/catalogs/ofa-mbv3-w1.0.csv",
                        "tasks.mbv3.profiles=[" + big + (with_small ? ", " + small : std::string()) + "]"},
                       "two-tasks.yaml");
    const sushi_boot_info& b = r.soc->serving()->boot_info();
    const std::uint64_t base = r.cfg.integer("dram.main.base");
    ASSERT_EQ(b.task_count, 2u);
    sushi_boot_task mbv3{};
    r.dram().memory().read(b.task_table - base + sizeof(sushi_boot_task), reinterpret_cast<std::uint8_t*>(&mbv3),
                           sizeof mbv3);
    const supernet::Catalog& c = r.soc->serving()->tasks()[1].catalog;
    for (std::size_t p = 0; p < 2; ++p) {
      std::vector<std::uint8_t> bytes(mbv3.image_size[p]);
      r.dram().memory().read(mbv3.image_addr[p] - base, bytes.data(), bytes.size());
      const supernet::ModelImage img = supernet::read_model_image(bytes.data(), bytes.size());
      const bool profiled = p == 0 || with_small;
      EXPECT_EQ(img.latency[0].flags, profiled ? SUSHI_IMG_LAT_PROFILED : SUSHI_IMG_LAT_ANALYTIC) << p;
      if (!profiled) continue;
      const supernet::LatencyProfile want = supernet::read_latency_profile(
          (test::source_dir() / "vp_configs/profiles" / (p == 0 ? "ofa-mbv3-w1.0-zcu104.json" : "ofa-mbv3-w1.0-zcu104-small-fr_fcfs.json"))
              .string(),
          c);
      EXPECT_EQ(img.layer_latency[0].cached_cycles, want.subnets[0].layers[0].cached_cycles) << p;
      EXPECT_EQ(img.layer_latency[0].cycles_per_kib_q8, want.subnets[0].layers[0].cycles_per_kib_q8) << p;
      EXPECT_EQ(want.profiled_on.has_value(), p == 1);
    }
  }
}

TEST(ServingTasks, BadTaskSettingsAreConfigErrors) {
  const std::string pin = config_error({"tasks.r50.processors=[big]"});
  EXPECT_NE(pin.find("tasks.r50.processors"), std::string::npos) << pin;
  EXPECT_NE(pin.find("'big' is not in sched.processors (allowed: accel, small)"), std::string::npos) << pin;
  const std::string subnet = config_error({"tasks.mbv3.subnet=3"});
  EXPECT_NE(subnet.find("tasks.mbv3.subnet"), std::string::npos) << subnet;
  EXPECT_NE(subnet.find("neither choose, largest nor a catalog index (allowed: 0 .. 0)"), std::string::npos) << subnet;
  const std::string oracle = config_error({"sched.cache.policy=oracle"});
  EXPECT_NE(oracle.find("sched.cache.policy"), std::string::npos) << oracle;
  EXPECT_NE(oracle.find("not with several tasks"), std::string::npos) << oracle;
  const std::string stream = config_error({"tasks.mbv3.workload=no-such-file.yaml"});
  EXPECT_NE(stream.find("tasks.mbv3.workload"), std::string::npos) << stream;
  // A platform config given as a task's stream: its other keys would be ignored.
  const std::string other = config_error(
      {"tasks.mbv3.workload=" + (test::source_dir() / "tests/unit/serving/fixtures/serve.yaml").string()});
  EXPECT_NE(other.find("serve.yaml:"), std::string::npos) << other;
  EXPECT_NE(other.find("is read for its workload section and sim.seed only"), std::string::npos) << other;
  const std::string both = config_error({"workload.rate_qps=5"});
  EXPECT_NE(both.find("workload.rate_qps"), std::string::npos) << both;
  EXPECT_NE(both.find("per task with a tasks section"), std::string::npos) << both;
}

// A task's profile of a shape no accelerator of the SoC has (small's profile while small is
// 8 x 9 with 6 DMA ports), or a second profile for one shape, would be ignored: errors at
// tasks.<name>.profiles naming the file. A profile for an accelerator the task is not pinned to
// is fine (a task's file serves several pinnings).
TEST(ServingTasks, AProfileNoAcceleratorCanUseIsRefused) {
  const std::string big = "<vp_configs>/profiles/ofa-mbv3-w1.0-zcu104.json";
  const std::string small = "<vp_configs>/profiles/ofa-mbv3-w1.0-zcu104-small-fr_fcfs.json";
  const std::string mbv3 = "tasks.mbv3.catalog=<vp_configs>/catalogs/ofa-mbv3-w1.0.csv";
  const std::string e = config_error({mbv3, "tasks.mbv3.profiles=[" + big + ", " + small + "]"});
  EXPECT_NE(e.find("tasks.mbv3.profiles"), std::string::npos) << e;
  EXPECT_NE(e.find("ofa-mbv3-w1.0-zcu104-small-fr_fcfs.json was measured on an accelerator (16 x 4 x 9 at 100 MHz, 48 B per "
                   "cycle) of the shape of none in sched.processors (accel, small)"),
            std::string::npos)
      << e;
  const std::string d = config_error({mbv3, "tasks.mbv3.profiles=[" + big + ", " + big + "]"});
  EXPECT_NE(d.find("tasks.mbv3.profiles"), std::string::npos) << d;
  EXPECT_NE(d.find("are for the same accelerator shape"), std::string::npos) << d;
  const std::string pinned =
      config_error({"accels.small.array.k_par=16", "accels.small.array.c_par=4", "accels.small.dma.ports=3", mbv3,
                    "tasks.mbv3.profiles=[" + big + ", " + small + "]", "tasks.mbv3.processors=[accel]"});
  EXPECT_EQ(pinned, "");
}

// One accelerator: a profile that records another accelerator's shape is an error at model.profile
// (the small accelerator's MobileNetV3 profile on accel).
TEST(ServingTasks, AProfileOfAnotherAcceleratorIsRefused) {
  std::string e;
  try {
    test::ServingRun r({"model.catalog=<vp_configs>/catalogs/ofa-mbv3-w1.0.csv",
                        "model.profile=<vp_configs>/profiles/ofa-mbv3-w1.0-zcu104-small-fr_fcfs.json"});
  } catch (const config::ConfigError& err) {
    e = err.what();
  }
  EXPECT_NE(e.find("model.profile"), std::string::npos) << e;
  EXPECT_NE(e.find("measured on another accelerator (16 x 4 x 9 at 100 MHz, 48 B per cycle) than 'accel'"),
            std::string::npos)
      << e;
}
