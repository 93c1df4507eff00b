// The Slurm backend without a cluster: the sbatch script, --time conversion, submission through
// a stand-in sbatch on PATH, and the messages when there is no sbatch or it refuses the job.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "config/platform_schema.h"
#include "sweep/slurm_backend.h"
#include "sweep/sweep_command.h"
#include "sweep_test_util.h"

namespace sushi::sweep {
namespace {

namespace fs = std::filesystem;

Sweep four_points() {
  const auto f = test::write_file("s.yaml", "base: " + test::base_config() + "\nseeds: 4\n");
  return load_sweep(f.string(), config::build_platform_schema());
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(SlurmBackend, ScriptHasOneArrayTaskPerPointAndTheResourceRequests) {
  const Sweep sw = four_points();
  SlurmOptions o;
  o.out_dir = "/scratch/sw";
  o.sweep_file = "/cfg/s.yaml";
  o.executable = "/opt/sushi/bin/sushi-vp";
  o.partition = "batch";
  o.time = "90 min";
  o.mem = "2G";
  o.cpus = 2;
  o.max_running = 3;
  const std::string s = make_sbatch_script(sw, o);
  EXPECT_EQ(s.rfind("#!/bin/bash\n", 0), 0u);
  EXPECT_TRUE(contains(s, "#SBATCH --array=0-3%3\n")) << s;  // 4 points, at most 3 at once
  EXPECT_TRUE(contains(s, "#SBATCH --partition=batch\n")) << s;
  EXPECT_TRUE(contains(s, "#SBATCH --time=01:30:00\n")) << s;
  EXPECT_TRUE(contains(s, "#SBATCH --mem=2G\n")) << s;
  EXPECT_TRUE(contains(s, "#SBATCH --cpus-per-task=2\n")) << s;
  EXPECT_TRUE(contains(s, "#SBATCH --output=/scratch/sw/slurm/%A_%a.out\n")) << s;
  EXPECT_TRUE(contains(s, "exec '/opt/sushi/bin/sushi-vp' sweep '/cfg/s.yaml' --out '/scratch/sw' "
                          "--point \"$SLURM_ARRAY_TASK_ID\"\n"))
      << s;
}

TEST(SlurmBackend, TimeOptionInSlurmSyntax) {
  EXPECT_EQ(slurm_time("30"), "30");            // Slurm syntax passes through
  EXPECT_EQ(slurm_time("1:00:00"), "1:00:00");
  EXPECT_EQ(slurm_time("90 s"), "00:01:30");
  EXPECT_EQ(slurm_time("2 h"), "02:00:00");
  EXPECT_EQ(slurm_time("36 h"), "1-12:00:00");  // 36 h = 1 day + 12 h
  EXPECT_THROW(slurm_time("soon"), std::invalid_argument);
  EXPECT_THROW(slurm_time("3 weeks"), std::invalid_argument);
}

TEST(SlurmBackend, WithoutSbatchTheScriptIsWrittenAndExplained) {
  const Sweep sw = four_points();
  const fs::path empty_bin = test::dir() / "empty-bin";
  fs::create_directories(empty_bin);
  const std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", empty_bin.c_str(), 1);
  SlurmOptions o;
  o.out_dir = test::dir() / "out";
  o.sweep_file = "s.yaml";
  o.executable = "/bin/true";
  std::ostringstream out;
  const SubmitResult r = submit_slurm(sw, o, out);
  ::setenv("PATH", old_path.c_str(), 1);
  EXPECT_FALSE(r.submitted);
  EXPECT_TRUE(fs::exists(o.out_dir / "sweep.sbatch"));
  EXPECT_TRUE(fs::exists(o.out_dir / "points.csv"));
  EXPECT_TRUE(contains(out.str(), "sbatch is not on PATH")) << out.str();
  EXPECT_TRUE(contains(out.str(), "--collect")) << out.str();
}

TEST(SlurmBackend, SubmitsWithSbatchParsable) {
  const Sweep sw = four_points();
  const fs::path bin = test::dir() / "bin";
  fs::create_directories(bin);
  const fs::path args = test::dir() / "sbatch-args.txt";
  {
    // A stand-in sbatch: records its arguments, answers like `sbatch --parsable` on a cluster.
    std::ofstream f(bin / "sbatch");
    f << "#!/bin/sh\necho \"$@\" > " << args.string() << "\necho '4242;cluster0'\n";
  }
  fs::permissions(bin / "sbatch", fs::perms::owner_all);
  const std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (bin.string() + ":" + old_path).c_str(), 1);
  SlurmOptions o;
  o.out_dir = test::dir() / "out";
  o.sweep_file = "s.yaml";
  o.executable = "/bin/true";
  std::ostringstream out;
  const SubmitResult r = submit_slurm(sw, o, out);
  ::setenv("PATH", old_path.c_str(), 1);
  EXPECT_TRUE(r.submitted);
  EXPECT_EQ(r.job_id, "4242");
  EXPECT_EQ(test::read_text(o.out_dir / "slurm_job_id"), "4242\n");
  EXPECT_EQ(test::read_text(args), "--parsable " + r.script.string() + "\n");
}

TEST(SlurmBackend, RefusedSubmissionIsAnErrorThatKeepsTheScript) {
  const auto f = test::write_file("s.yaml", "base: " + test::base_config() + "\nseeds: 4\n");
  const fs::path bin = test::dir() / "bin-refuse";
  fs::create_directories(bin);
  {
    // A stand-in sbatch of a machine without a reachable controller.
    std::ofstream sb(bin / "sbatch");
    sb << "#!/bin/sh\necho 'sbatch: fatal: Could not establish a configuration source'\nexit 1\n";
  }
  fs::permissions(bin / "sbatch", fs::perms::owner_all);
  const std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (bin.string() + ":" + old_path).c_str(), 1);
  SweepCommandOptions o;
  o.file = f.string();
  o.out_dir = test::dir() / "out-refused";
  o.backend = "slurm";
  o.executable = "/bin/true";
  o.precheck = false;
  std::ostringstream out, err;
  const int rc = run_sweep_command(o, out, err);
  ::setenv("PATH", old_path.c_str(), 1);
  EXPECT_EQ(rc, 1);  // not an input error (2): the cluster refused
  EXPECT_TRUE(contains(err.str(), "error: sbatch failed: sbatch: fatal: Could not establish a configuration source"))
      << err.str();
  EXPECT_TRUE(contains(err.str(), "is written; submit it when the cluster is reachable")) << err.str();
  EXPECT_TRUE(fs::exists(o.out_dir / "sweep.sbatch"));
  EXPECT_FALSE(fs::exists(o.out_dir / "slurm_job_id"));
}

}  // namespace
}  // namespace sushi::sweep
