// Outputs (issue 23): checked writes and a full disk, the run directory replaced as a whole,
// re-runnable config.resolved.yaml, --version and provenance, progress, stop_time.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <map>
#include <sstream>
#include <vector>
#include <thread>

#include <nlohmann/json.hpp>

#include "robust_util.h"

namespace fs = std::filesystem;
using namespace sushi::test;
using nlohmann::json;

namespace {

std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> m;
  for (const auto& e : fs::directory_iterator(dir)) m[e.path().filename().string()] = slurp(e.path());
  return m;
}

json without_provenance(const std::string& summary) {
  json j = json::parse(summary);
  j.erase("provenance");
  return j;
}

// A small tmpfs, mounted for the test and unmounted by the destructor; skipped where mounting is
// not allowed (not root, no CAP_SYS_ADMIN).
class SmallDisk {
 public:
  SmallDisk(const fs::path& dir, const std::string& size) : dir_(dir) {
    fs::create_directories(dir_);
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

}  // namespace

// A reused --out holds exactly the new run's files: the timeline of an earlier run is gone.
TEST(RunDirectory, ReusedOutHoldsOnlyTheNewRunsFiles) {
  const fs::path out = scratch_dir() / "run";
  ASSERT_EQ(run_vp("run -q " + quickstart(2) + "--set trace.timeline=true --out " + q(out)).status, 0);
  ASSERT_TRUE(fs::exists(out / "timeline.json"));
  write_text(out / "stray.txt", "left by the user");
  ASSERT_EQ(run_vp("run -q " + quickstart(2) + "--out " + q(out)).status, 0);
  EXPECT_FALSE(fs::exists(out / "timeline.json"));
  EXPECT_FALSE(fs::exists(out / "stray.txt"));
  EXPECT_TRUE(fs::exists(out / "summary.json"));
  // No temporary sibling is left behind.
  for (const auto& e : fs::directory_iterator(out.parent_path())) EXPECT_EQ(e.path().filename(), "run");
}

// A rerun killed before it ends leaves the previous run's directory exactly as it was; the next
// run removes the killed run's temporary directory.
TEST(RunDirectory, KilledRerunLeavesThePreviousDirectoryWhole) {
  const fs::path out = scratch_dir() / "run";
  ASSERT_EQ(run_vp("run -q " + quickstart(2) + "--out " + q(out)).status, 0);
  const auto before = files_of(out);
  const CliResult killed = sh("cd " + q(source_dir()) + " && timeout -s KILL 1 " + q(sushi_vp()) +
                              " run -q vp_configs/examples/quickstart.yaml --set workload.queries=100000 --out " + q(out));
  EXPECT_NE(killed.status, 0);
  EXPECT_EQ(files_of(out), before);
  ASSERT_EQ(run_vp("run -q " + quickstart(2) + "--out " + q(out)).status, 0);
  for (const auto& e : fs::directory_iterator(out.parent_path())) EXPECT_EQ(e.path().filename(), "run");
}

// A full disk: exit 1 naming the file, no hang (the gzip stream used to spin), nothing half
// written (the previous directory stays), for every trace writer.
TEST(RunDirectory, FullDiskIsAnErrorNamingTheFileAndLeavesNoHalfWrittenRun) {
#ifdef SUSHI_SANITIZED
  // GCC 12's ASan runtime reports a stack-buffer-overflow inside its own sigaltstack interceptor
  // (__asan_handle_no_return) when an exception is thrown after SystemC's coroutine stacks have
  // run, as the reported write error is; a false positive of the tool, not of this path.
  GTEST_SKIP() << "skipped under the sanitizers (ASan false positive on a throw after simulation); "
                  "the release suite runs it";
#endif
  const fs::path disk = scratch_dir() / "disk";
  SmallDisk small(disk, "192k");
  if (!small.mounted()) GTEST_SKIP() << "cannot mount a small tmpfs here (needs root): the write-failure unit tests "
                                        "(test_trace_writers, /dev/full) cover the writers";
  const fs::path out = disk / "run";
  ASSERT_EQ(run_vp("run -q " + quickstart(1) + "--out " + q(out)).status, 0);
  const auto before = files_of(out);
  for (const std::string trace : {"transactions", "vcd", "timeline", "power"}) {
    const CliResult r = run_vp("run -q " + quickstart(20) + "--set trace." + trace + "=true --out " + q(out), 60);
    EXPECT_EQ(r.status, 1) << trace << ": " << r.output;
    EXPECT_NE(r.output.find("error: cannot write '"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("No space left on device"), std::string::npos) << r.output;
    EXPECT_EQ(files_of(out), before) << trace;
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(disk)) entries += e.path().filename() != "run";
    EXPECT_EQ(entries, 0u) << trace << ": a temporary directory was left";
  }
}

TEST(Simulation, StopTimeIsTheSimulatedTimeWhenActivityRemains) {
  const fs::path out = scratch_dir() / "run";
  ASSERT_EQ(run_vp("run -q " + quickstart(20) + "--set sim.stop_time=50ms --out " + q(out)).status, 0);
  const json s = json::parse(slurp(out / "summary.json"));
  EXPECT_EQ(s["run"]["simulated_time_ps"].get<double>(), 50e9);  // 50 ms exactly
  EXPECT_EQ(s["run"]["end_reason"], "sim.stop_time reached");
}

// The resolved config re-runs the run from any directory, byte for byte (summary.json's
// provenance block records the command and config file, which differ by nature).
TEST(ResolvedConfig, RerunFromAnyDirectoryReproducesTheRunByteForByte) {
  const fs::path d = scratch_dir();
  const std::string traces = "--set trace.timeline=true --set trace.vcd=true --set trace.power=true "
                             "--set trace.transactions=true ";
  ASSERT_EQ(run_vp("run -q " + quickstart(3) + traces + "--out " + q(d / "x")).status, 0);
  const CliResult r = run_vp_in("/", "run -q " + q(d / "x" / "config.resolved.yaml") + " --out " + q(d / "y"));
  ASSERT_EQ(r.status, 0) << r.output;
  auto x = files_of(d / "x"), y = files_of(d / "y");
  ASSERT_EQ(x.size(), y.size());
  for (const auto& [name, text] : x) {
    if (name == "perf.json") continue;  // wall time
    if (name == "summary.json") {
      EXPECT_EQ(without_provenance(text), without_provenance(y[name]));
      continue;
    }
    EXPECT_TRUE(text == y[name]) << name << " differs";
  }
}

TEST(Provenance, VersionFlagAndSummaryBlock) {
  const CliResult v = run_vp("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.output.rfind("sushi-vp 0.", 0), 0u) << v.output;
  EXPECT_NE(v.output.find("(commit "), std::string::npos) << v.output;
  const fs::path out = scratch_dir() / "run";
  ASSERT_EQ(run_vp("run -q " + quickstart(1) + "--out " + q(out)).status, 0);
  const json p = json::parse(slurp(out / "summary.json"))["provenance"];
  EXPECT_EQ(p["tool"], "sushi-vp");
  EXPECT_EQ("sushi-vp " + p["version"].get<std::string>() + " (commit " + p["commit"].get<std::string>() + ")\n",
            v.output);
  EXPECT_EQ(p["config_file"], "vp_configs/examples/quickstart.yaml");
  EXPECT_NE(p["command_line"].get<std::string>().find(" run -q vp_configs/examples/quickstart.yaml --set workload.queries=1"),
            std::string::npos) << p["command_line"];
  // The digest is SHA-256 of config.resolved.yaml as written.
  const CliResult sha = sh("sha256sum " + q(out / "config.resolved.yaml"));
  EXPECT_EQ(p["config_sha256"].get<std::string>(), sha.output.substr(0, 64));
}

// Progress on stderr (forced here: stderr is not a terminal) leaves every output unchanged.
TEST(Progress, SlicedSimulationForProgressGivesTheSameOutputs) {
  const fs::path d = scratch_dir();
  ASSERT_EQ(run_vp("run -q " + quickstart(60) + "--out " + q(d / "a")).status, 0);
  const CliResult r = run_vp("run " + quickstart(60) + "--progress --out " + q(d / "b"));
  ASSERT_EQ(r.status, 0) << r.output;
  auto a = files_of(d / "a"), b = files_of(d / "b");
  for (const auto& [name, text] : a) {
    if (name == "perf.json") continue;
    if (name == "summary.json") {
      EXPECT_EQ(without_provenance(text), without_provenance(b[name]));
      continue;
    }
    EXPECT_TRUE(text == b[name]) << name << " differs with progress shown";
  }
  // Not on a terminal and not forced: nothing on stderr but the result line on stdout.
  const CliResult quiet = run_vp("run " + quickstart(3) + "--out " + q(d / "c"));
  EXPECT_EQ(quiet.output.find("sushi-vp: simulated"), std::string::npos);
}

namespace {

// Children of `parent` that lead their own process group (a sweep's points; not its helper).
std::vector<pid_t> point_processes(pid_t parent) {
  std::vector<pid_t> out;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(e.path() / "stat");
    std::string stat;
    std::getline(in, stat);
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    char state = 0;
    long ppid = 0, pgrp = 0;
    rest >> state >> ppid >> pgrp;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    if (ppid == parent && pgrp == pid && state != 'Z') out.push_back(pid);
  }
  return out;
}

bool alive(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return false;
  const auto close = stat.rfind(')');
  return close != std::string::npos && stat[close + 2] != 'Z';
}

}  // namespace

// SIGKILL of `sushi-vp sweep` (no handler runs) still ends its running point process.
TEST(Sweep, KilledSweepTakesItsRunningPointWithIt) {
  const fs::path d = scratch_dir();
  write_text(d / "long.yaml", "base: " + (source_dir() / "vp_configs/examples/quickstart.yaml").string() +
                                  "\nparameters:\n  workload.queries: [100000]\n");
  const CliResult started = sh("cd " + q(source_dir()) + " && (" + q(sushi_vp()) + " sweep " + q(d / "long.yaml") +
                               " -j 1 --out " + q(d / "out") + " > " + q(d / "log") + " 2>&1 & echo $!)");
  const pid_t sweep = static_cast<pid_t>(std::stol(started.output));
  std::vector<pid_t> points;
  for (int i = 0; i < 200 && points.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    points = point_processes(sweep);
  }
  ASSERT_EQ(points.size(), 1u) << slurp(d / "log");
  ASSERT_EQ(::kill(sweep, SIGKILL), 0);
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    gone = !alive(points[0]);
  }
  if (!gone) ::kill(points[0], SIGKILL);
  EXPECT_TRUE(gone) << "the point process outlived the killed sweep";
}

// A run of more than 2 s wall time draws its progress (forced: stderr is a pipe here): simulated
// time, queries done of the total, wall time, ETA.
TEST(Progress, LongRunShowsSimulatedTimeQueriesAndEta) {
  const fs::path out = scratch_dir() / "run";
  const CliResult r = run_vp("run -q " + quickstart(600) + "--progress --out " + q(out), 120);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("sushi-vp: simulated "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(" of 600.000 s, "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("/600 queries, "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(" wall, ETA "), std::string::npos) << r.output;
}
