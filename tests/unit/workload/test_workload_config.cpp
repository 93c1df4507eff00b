// The workload.* config section: mapping onto WorkloadParams, located errors, the shipped
// example workloads, and the `sushi-vp workload` subcommand.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "config/config.h"
#include "config/platform_schema.h"
#include "config/workload_config.h"
#include "expect_config_error.h"
#include "test_paths.h"
#include "workload/summary.h"
#include "workload/trace_csv.h"

using namespace sushi::config;
namespace wl = sushi::workload;

namespace sushi::cli {
void add_workload_command(CLI::App& app, std::function<int()>& action);
}

namespace {

Schema schema() {
  Schema s = build_platform_schema();
  if (s.match("workload.arrival") == nullptr) declare_workload_keys(s);
  return s;
}

Config from_text(const std::string& yaml) {
  return Config::from_tree(parse_config_text(yaml, "inline.yaml"), schema());
}

std::string shipped(const std::string& name) {
  return (sushi::test::source_dir() / "vp_configs/workloads" / name).string();
}

}  // namespace

TEST(WorkloadConfig, DefaultsArePoisson1000Queries) {
  const auto p = workload_params_from_config(from_text("sim: {seed: 9}\n"));
  EXPECT_EQ(p.arrival, wl::ArrivalKind::poisson);
  EXPECT_EQ(p.rate_qps, 100.0);
  EXPECT_EQ(p.max_queries, 1000u);
  EXPECT_EQ(p.seed, 9u);
  EXPECT_EQ(p.slo_ps.value, 100e9);
}

TEST(WorkloadConfig, PhasesInheritUnsetKeysFromTheBase) {
  const auto p = workload_params_from_config(from_text(R"(
workload:
  slo: {dist: normal, mean: 30 ms, stddev: 5 ms, min: 10 ms, max: 60 ms}
  phases:
    later:
      start: 2 s
      slo: {mean: 20 ms}
      min_accuracy: {dist: choice, choices: [75, 79.5], weights: [1, 3]}
)"));
  ASSERT_EQ(p.phases.size(), 1u);
  const auto& ph = p.phases[0];
  EXPECT_EQ(ph.start_ps, 2'000'000'000'000u);
  EXPECT_EQ(ph.slo_ps.kind, wl::ValueDist::Kind::normal);  // inherited
  EXPECT_EQ(ph.slo_ps.mean, 20e9);                          // own
  EXPECT_EQ(ph.slo_ps.stddev, 5e9);                         // inherited
  EXPECT_EQ(ph.min_accuracy_pct.choices, (std::vector<double>{75, 79.5}));
  EXPECT_EQ(ph.min_accuracy_pct.weights, (std::vector<double>{1, 3}));
}

TEST(WorkloadConfig, CrossKeyErrorsNameTheKey) {
  auto e = sushi::test::expect_config_error([] {
    workload_params_from_config(from_text("workload:\n  slo: {dist: normal, mean: 5 ms, min: 10 ms, max: 20 ms}\n"));
  });
  EXPECT_EQ(e.key(), "workload.slo.dist");
  EXPECT_EQ(e.message(), "workload.slo: normal needs min <= mean <= max");

  e = sushi::test::expect_config_error([] {
    workload_params_from_config(
        from_text("workload:\n  min_accuracy: {dist: choice, choices: [70, 80], weights: [1]}\n"));
  });
  EXPECT_EQ(e.message(), "workload.min_accuracy: choice has 2 choices but 1 weights");

  e = sushi::test::expect_config_error([] {
    workload_params_from_config(from_text("workload:\n  slo: {dist: choice, choices: [5 ms, 7 parsecs]}\n"));
  });
  EXPECT_EQ(e.key(), "workload.slo.choices");
  EXPECT_EQ(e.loc().line, 2);

  e = sushi::test::expect_config_error([] {
    workload_params_from_config(from_text("workload:\n  arrival: mmpp\n  mmpp:\n    states:\n      a: {rate_qps: 5, mean_dwell: 1 ms}\n"));
  });
  EXPECT_EQ(e.key(), "workload.arrival");

  e = sushi::test::expect_config_error([] { workload_params_from_config(from_text("workload:\n  arrival: trace\n")); });
  EXPECT_EQ(e.message(), "arrival 'trace' needs workload.trace.file");

  e = sushi::test::expect_config_error([] {
    workload_params_from_config(from_text("workload:\n  phases:\n    a: {start: 1 s}\n    b: {start: 1 s}\n"));
  });
  EXPECT_EQ(e.key(), "workload.phases.b.start");

  e = sushi::test::expect_config_error([] {
    workload_params_from_config(from_text("workload:\n  phases:\n    a: {start_query: 10}\n"));
  });
  EXPECT_EQ(e.key(), "workload.phases.a.start_query");

  e = sushi::test::expect_config_error([] { workload_params_from_config(from_text("workload:\n  queries: 0\n")); });
  EXPECT_EQ(e.key(), "workload.queries");

  e = sushi::test::expect_config_error([] { from_text("workload:\n  rate_qps: -3\n"); });  // schema range
  EXPECT_EQ(e.key(), "workload.rate_qps");
}

TEST(WorkloadConfig, TraceFileErrorsAreConfigErrorsNamingTheCsvLine) {
  const auto dir = sushi::test::scratch_dir();
  std::ofstream(dir / "bad.csv") << "arrival_us\n5\n3\n";
  std::ofstream(dir / "w.yaml") << "workload:\n  arrival: trace\n  trace: {file: bad.csv}\n";
  const Config c = Config::load((dir / "w.yaml").string(), {}, schema());
  const auto e = sushi::test::expect_config_error([&] { workload_from_config(c); });
  EXPECT_EQ(e.key(), "workload.trace.file");
  EXPECT_EQ(e.loc().line, 3);
  EXPECT_NE(e.message().find("bad.csv:3: arrival 3.000000 us is earlier"), std::string::npos) << e.message();
}

TEST(ShippedWorkloads, AllLoadAndGenerate) {
  for (const char* f : {"steady.yaml", "phases.yaml", "bursty.yaml", "serverless-gen.yaml", "azure-like-trace.yaml"}) {
    SCOPED_TRACE(f);
    const Config c = Config::load(shipped(f), {}, schema());
    const auto q = workload_from_config(c);
    EXPECT_GT(q.size(), 100u);
  }
}

TEST(ShippedWorkloads, PhasesSwitchDemandsAtThreeAndSixSeconds) {
  const Config c = Config::load(shipped("phases.yaml"), {}, schema());
  for (const auto& q : workload_from_config(c)) {
    const double slo_ms = static_cast<double>(q.slo_ps) * 1e-9;
    if (q.arrival_ps < 3'000'000'000'000ull) {
      ASSERT_TRUE(slo_ms >= 40 && slo_ms <= 120);
      ASSERT_TRUE(q.min_accuracy >= 76 && q.min_accuracy <= 80);
    } else if (q.arrival_ps < 6'000'000'000'000ull) {
      ASSERT_TRUE(slo_ms == 5 || slo_ms == 10 || slo_ms == 20);
      ASSERT_EQ(q.min_accuracy, 0.0);
    } else {
      ASSERT_EQ(q.slo_ps, 50'000'000'000ull);
      ASSERT_TRUE(q.min_accuracy >= 79 && q.min_accuracy <= 81);
    }
    ASSERT_LT(q.arrival_ps, 9'000'000'000'000ull);
  }
}

TEST(ShippedWorkloads, AzureLikeTraceIsExactlyWhatItsGeneratorProduces) {
  const Config gen = Config::load(shipped("serverless-gen.yaml"), {}, schema());
  std::ostringstream expected;
  wl::write_trace_csv(expected, workload_from_config(gen));
  std::ifstream in(shipped("azure-like-trace.csv"));
  std::string line, body;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') continue;
    body += line + "\n";
  }
  EXPECT_EQ(body, expected.str()) << "regenerate with the command in serverless-gen.yaml";
  // Heavy-tailed: inter-arrival CV far above Poisson's 1.
  const Config replay = Config::load(shipped("azure-like-trace.yaml"), {}, schema());
  const auto q = workload_from_config(replay);
  EXPECT_EQ(q.size(), 3000u);
  EXPECT_GT(wl::summarize(q, workload_params_from_config(replay)).interarrival_cv, 2.0);
}

TEST(WorkloadCommand, WritesACsvThatReplaysExactly) {
  const auto out = (sushi::test::scratch_dir() / "s.csv").string();
  CLI::App app;
  std::function<int()> action;
  sushi::cli::add_workload_command(app, action);
  std::vector<std::string> args{"workload", shipped("steady.yaml"), "--set", "workload.queries=50", "--csv", out};
  std::reverse(args.begin(), args.end());
  app.parse(args);
  ASSERT_TRUE(action);
  EXPECT_EQ(action(), 0);
  const Config c = Config::load(shipped("steady.yaml"), {"workload.queries=50"}, schema());
  const auto q = workload_from_config(c);
  wl::WorkloadParams r;
  r.arrival = wl::ArrivalKind::trace;
  r.trace.file = out;
  r.max_queries = 0;
  const auto back = wl::generate(r);
  ASSERT_EQ(back.size(), 50u);
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_EQ(back[i].arrival_ps, q[i].arrival_ps);
}
