// The local runner: real `sushi-vp run` processes on the traffic-SoC base (vp_configs/sweeps/bases), and a fake sushi-vp
// (fake_vp.sh) for failures, crashes, timeouts and run counting.
#include <cstdlib>
#include <sstream>

#include <gtest/gtest.h>

#include "config/platform_schema.h"
#include "sweep/local_runner.h"
#include "sweep/results.h"
#include "sweep/sweep_command.h"
#include "sweep_test_util.h"

namespace sushi::sweep {
namespace {

namespace fs = std::filesystem;

Sweep load(const std::string& body) {
  const auto f = test::write_file("s.yaml", "base: " + test::base_config() + "\n" + body);
  const auto schema = config::build_platform_schema();
  Sweep sw = load_sweep(f.string(), schema);
  validate_sweep(sw, schema);
  return sw;
}

// Short points: 64 DMA and 500 CPU transactions.
const char* kFourPoints = R"(set:
  traffic.dma.transactions: 64
  traffic.cpu.transactions: 500
parameters:
  sram.scratch.banks: [1, 4]
  traffic.cpu.pattern: [sequential, random]
metrics: [energy.total_pJ, modules.soc.cpu.issued_count, no.such.metric]
)";

std::vector<std::string> csv_lines(const fs::path& p) {
  std::vector<std::string> lines;
  std::istringstream in(test::read_text(p));
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

TEST(LocalRunner, FourQuickstartPointsWithTwoJobs) {
  const Sweep sw = load(kFourPoints);
  LocalOptions opt;
  opt.out_dir = test::dir() / "out";
  opt.executable = SUSHI_VP_EXE;
  opt.jobs = 2;
  std::ostringstream progress;
  const LocalReport rep = run_local(sw, opt, progress);
  EXPECT_EQ(rep.points, 4u);
  EXPECT_EQ(rep.ran, 4u);
  EXPECT_EQ(rep.ok, 4u);
  EXPECT_EQ(rep.not_ok, 0u);
  for (const char* id : {"p0000", "p0001", "p0002", "p0003"}) {
    EXPECT_TRUE(fs::exists(opt.out_dir / id / "summary.json")) << id;
    EXPECT_TRUE(fs::exists(opt.out_dir / id / ".done")) << id;
    EXPECT_TRUE(fs::exists(opt.out_dir / id / "config.resolved.yaml")) << id;
  }
  const auto lines = csv_lines(opt.out_dir / "results.csv");
  ASSERT_EQ(lines.size(), 5u);  // header + 4 points
  EXPECT_EQ(lines[0],
            "point,sram.scratch.banks,traffic.cpu.pattern,status,detail,energy.total_pJ,"
            "modules.soc.cpu.issued_count,no.such.metric");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    // ",ok,," then a non-empty energy, the 500 issued CPU transactions and an empty missing metric.
    EXPECT_NE(lines[i].find(",ok,,"), std::string::npos) << lines[i];
    EXPECT_EQ(lines[i].substr(lines[i].size() - 5), ",500,") << lines[i];
  }
  EXPECT_EQ(lines[1].rfind("p0000,1,sequential,ok,,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[4].rfind("p0003,4,random,ok,,", 0), 0u) << lines[4];
  EXPECT_EQ(test::count_lines(opt.out_dir / "timings.csv"), 5);
  EXPECT_EQ(test::count_lines(opt.out_dir / "points.csv"), 5);

  // Resume: every point is done, nothing runs again and nothing changes.
  const auto mtime = fs::last_write_time(opt.out_dir / "p0002" / "summary.json");
  const std::string before = test::read_text(opt.out_dir / "results.csv");
  const LocalReport again = run_local(sw, opt, progress);
  EXPECT_EQ(again.skipped, 4u);
  EXPECT_EQ(again.ran, 0u);
  EXPECT_EQ(fs::last_write_time(opt.out_dir / "p0002" / "summary.json"), mtime);
  EXPECT_EQ(test::read_text(opt.out_dir / "results.csv"), before);  // deterministic content
}

class FakeRunner : public ::testing::Test {
 protected:
  void SetUp() override {
    counter_ = test::dir() / "starts.txt";
    ::setenv("FAKE_VP_COUNTER", counter_.c_str(), 1);
    opt_.out_dir = test::dir() / "out";
    opt_.executable = SUSHI_FAKE_VP;
    opt_.jobs = 2;
  }
  void TearDown() override { ::unsetenv("FAKE_VP_COUNTER"); }
  int starts() const { return test::count_lines(counter_); }

  fs::path counter_;
  LocalOptions opt_;
  std::ostringstream progress_;
};

TEST_F(FakeRunner, ResumeSkipsFinishedPoints) {
  const Sweep sw = load("seeds: [1, 1, 1]\n");  // three points that finish ok
  EXPECT_EQ(run_local(sw, opt_, progress_).ran, 3u);
  EXPECT_EQ(starts(), 3);
  const LocalReport again = run_local(sw, opt_, progress_);
  EXPECT_EQ(again.skipped, 3u);
  EXPECT_EQ(starts(), 3);  // no new process

  // A point whose .done is gone (interrupted before it was written) runs again, alone.
  fs::remove(opt_.out_dir / "p0001" / ".done");
  EXPECT_EQ(run_local(sw, opt_, progress_).ran, 1u);
  EXPECT_EQ(starts(), 4);
}

TEST_F(FakeRunner, ChangedOverridesRerunThePoint) {
  EXPECT_EQ(run_local(load("seeds: [1, 1]\n"), opt_, progress_).ran, 2u);
  // Same point ids, but p0001 now has other overrides: its .done fingerprint no longer matches.
  const Sweep changed = load("set: {traffic.cpu.transactions: 7}\nseeds: [1, 1]\n");
  const LocalReport rep = run_local(changed, opt_, progress_);
  EXPECT_EQ(rep.ran, 2u);
  EXPECT_EQ(starts(), 4);
}

TEST_F(FakeRunner, FailuresAndTimeoutsAreRecordedAndTheOthersFinish) {
  // Seeds drive fake_vp.sh: 1 ok, 2 exit 1, 3 SIGSEGV, 4 hangs, 5 exit 2, 6 no summary, 1 ok.
  const Sweep sw = load("seeds: [1, 2, 3, 4, 5, 6, 1]\ntimeout: 1 s\nmetrics: [energy.total_pJ]\n");
  const LocalReport rep = run_local(sw, opt_, progress_);
  EXPECT_EQ(rep.ran, 7u);
  EXPECT_EQ(rep.ok, 2u);
  EXPECT_EQ(rep.not_ok, 5u);
  const auto lines = csv_lines(opt_.out_dir / "results.csv");
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[1], "p0000,1,ok,,1.5");
  EXPECT_EQ(lines[2], "p0001,2,failed,exit 1: internal error: boom,");
  EXPECT_EQ(lines[3], "p0002,3,failed,SIGSEGV,");
  EXPECT_EQ(lines[4], "p0003,4,timeout,killed after 1 s,");
  EXPECT_EQ(lines[5], "p0004,5,bad_input,error: x.yaml:1:1: key 'a': bad,");
  EXPECT_EQ(lines[6], "p0005,6,failed,exit 0 but no readable summary.json,");
  EXPECT_EQ(lines[7], "p0006,1,ok,,1.5");
  const auto status = read_status(opt_.out_dir / "p0002");
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->signal, "SIGSEGV");

  // A rerun retries only the five points that are not ok.
  const int before = starts();
  const LocalReport again = run_local(sw, opt_, progress_);
  EXPECT_EQ(again.skipped, 2u);
  EXPECT_EQ(starts(), before + 5);
}

TEST_F(FakeRunner, SinglePointModeThenCollect) {
  const auto f = test::write_file("s.yaml", "base: " + test::base_config() + "\nseeds: [1, 2, 1]\n");
  SweepCommandOptions o;
  o.file = f.string();
  o.out_dir = opt_.out_dir;
  o.executable = SUSHI_FAKE_VP;
  o.quiet = true;
  std::ostringstream out, err;
  o.point = 1;
  EXPECT_EQ(run_sweep_command(o, out, err), 3);  // the point failed (seed 2: exit 1)
  o.point = 2;
  EXPECT_EQ(run_sweep_command(o, out, err), 0);
  EXPECT_FALSE(fs::exists(opt_.out_dir / "results.csv"));  // array tasks leave it to --collect
  o.point.reset();
  o.collect = true;
  EXPECT_EQ(run_sweep_command(o, out, err), 3);  // p0000 never ran
  const auto lines = csv_lines(opt_.out_dir / "results.csv");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1].substr(0, 16), "p0000,1,pending,");
  EXPECT_EQ(lines[2].substr(0, 15), "p0001,2,failed,");
  EXPECT_EQ(lines[3].substr(0, 11), "p0002,1,ok,");
  o.collect = false;
  o.point = 7;
  EXPECT_EQ(run_sweep_command(o, out, err), 2);  // outside 0..2
}

TEST_F(FakeRunner, ListRunsNothing) {
  const auto f = test::write_file("s.yaml", "base: " + test::base_config() + "\nseeds: 2\n");
  SweepCommandOptions o;
  o.file = f.string();
  o.out_dir = opt_.out_dir;
  o.list = true;
  o.executable = SUSHI_VP_EXE;  // for the `check` of every point
  std::ostringstream out, err;
  EXPECT_EQ(run_sweep_command(o, out, err), 0);
  EXPECT_EQ(out.str().substr(0, 9), "2 points ");
  EXPECT_NE(out.str().find("p0001  sim.seed=2"), std::string::npos) << out.str();
  EXPECT_EQ(starts(), 0);
}

}  // namespace
}  // namespace sushi::sweep
