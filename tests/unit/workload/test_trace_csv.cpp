// Trace CSV: exact replay, exact round trip, and errors that name file and line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_paths.h"
#include "workload/trace_csv.h"
#include "workload/workload.h"
#include "workload/workload_error.h"

using namespace sushi::workload;

namespace {

std::string error_of(const std::string& text, const std::string& name = "t.csv") {
  std::istringstream in(text);
  try {
    parse_trace_csv(in, name);
  } catch (const WorkloadError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string write_file(const std::string& name, const std::string& text) {
  const auto path = sushi::test::scratch_dir() / name;
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST(FixedPoint, ParsesAndFormatsExactly) {
  EXPECT_EQ(parse_fixed("1.5", 6), 1'500'000u);
  EXPECT_EQ(parse_fixed("0.000001", 6), 1u);
  EXPECT_EQ(parse_fixed("12", 3), 12'000u);
  EXPECT_EQ(parse_fixed(".25", 3), 250u);
  EXPECT_THROW(parse_fixed("0.0000001", 6), std::invalid_argument);  // finer than 1 ps in us
  EXPECT_THROW(parse_fixed("-1", 6), std::invalid_argument);
  EXPECT_THROW(parse_fixed("1e3", 6), std::invalid_argument);
  EXPECT_THROW(parse_fixed(".", 6), std::invalid_argument);
  EXPECT_THROW(parse_fixed("99999999999999999999", 0), std::invalid_argument);
  EXPECT_EQ(format_fixed(1'500'000, 6), "1.500000");
  EXPECT_EQ(format_fixed(7, 3), "0.007");
}

TEST(TraceCsv, ReplayIsExact) {
  const std::string file = write_file("t.csv",
                                      "# a comment\n"
                                      "arrival_us, slo_ms, min_accuracy_pct\n"
                                      "1, 20, 76.5\n"
                                      "\n"
                                      "2.000001, 0.000000001, 0\n"
                                      "2.000001, 15.5, 80.125\n");
  WorkloadParams p;
  p.arrival = ArrivalKind::trace;
  p.trace.file = file;
  p.max_queries = 0;
  p.start_ps = 1000;  // 1 ns shift
  const auto q = generate(p);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].arrival_ps, 1'000'000u + 1000u);  // 1 us + 1 ns
  EXPECT_EQ(q[0].slo_ps, 20'000'000'000u);
  EXPECT_EQ(q[0].min_accuracy, 76.5);
  EXPECT_EQ(q[1].arrival_ps, 2'000'001u + 1000u);  // 2.000001 us = 2000001 ps
  EXPECT_EQ(q[1].slo_ps, 1u);                      // 1e-9 ms = 1 ps
  EXPECT_EQ(q[2].arrival_ps, q[1].arrival_ps);     // equal arrivals are allowed
  EXPECT_EQ(q[2].min_accuracy_milli(), 80125u);
  EXPECT_EQ(q[2].id, 2u);
}

TEST(TraceCsv, MissingDemandColumnsAreDrawnFromTheDistributions) {
  const std::string file = write_file("t.csv", "arrival_us\n10\n20\n");
  WorkloadParams p;
  p.arrival = ArrivalKind::trace;
  p.trace.file = file;
  p.trace.time_scale = 0.5;  // twice the rate
  p.slo_ps.value = 7e9;
  const auto q = generate(p);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].arrival_ps, 10'000'000u);  // 20 us x 0.5
  EXPECT_EQ(q[1].slo_ps, 7'000'000'000u);
}

TEST(TraceCsv, WriteThenReadRoundTripsExactly) {
  WorkloadParams p;
  p.arrival = ArrivalKind::poisson;
  p.rate_qps = 777;
  p.max_queries = 500;
  p.slo_ps.kind = ValueDist::Kind::uniform;
  p.slo_ps.min = 1e9;
  p.slo_ps.max = 80e9;
  p.min_accuracy_pct.kind = ValueDist::Kind::uniform;
  p.min_accuracy_pct.min = 70;
  p.min_accuracy_pct.max = 81;
  const auto q = generate(p);
  std::ostringstream out;
  write_trace_csv(out, q);
  WorkloadParams r;
  r.arrival = ArrivalKind::trace;
  r.trace.file = write_file("rt.csv", out.str());
  r.max_queries = 0;
  const auto back = generate(r);
  ASSERT_EQ(back.size(), q.size());
  for (std::size_t i = 0; i < q.size(); ++i) {
    ASSERT_EQ(back[i].arrival_ps, q[i].arrival_ps);
    ASSERT_EQ(back[i].slo_ps, q[i].slo_ps);
    ASSERT_EQ(back[i].min_accuracy, q[i].min_accuracy);
  }
}

TEST(TraceCsv, ErrorsNameFileAndLine) {
  EXPECT_EQ(error_of("arrival_us,slo_ms\n1,2\nabc,3\n"),
            "t.csv:3: arrival_us: 'abc' is not a non-negative decimal number");
  EXPECT_EQ(error_of("arrival_us,slo_ms\n1,2\n# c\n5,1\n4,1\n"),
            "t.csv:5: arrival 4.000000 us is earlier than the previous arrival 5.000000 us (line 4); "
            "arrivals must not decrease");
  EXPECT_EQ(error_of("arrival_us,slo_ms\n1\n"), "t.csv:2: expected 2 fields, found 1");
  EXPECT_EQ(error_of("arrival_us,latency\n"),
            "t.csv:1: unknown column 'latency'; allowed: arrival_us, slo_ms, min_accuracy_pct");
  EXPECT_EQ(error_of("slo_ms\n1\n"), "t.csv:1: the header needs an 'arrival_us' column");
  EXPECT_EQ(error_of("arrival_us,min_accuracy_pct\n1,101\n"), "t.csv:2: min_accuracy_pct: must be in 0..100");
  EXPECT_EQ(error_of("arrival_us,slo_ms\n1,0\n"), "t.csv:2: slo_ms: must be > 0");
  EXPECT_EQ(error_of(""), "t.csv:1: empty trace (no header line)");
  EXPECT_EQ(error_of("arrival_us\n1.0000001\n"), "t.csv:2: arrival_us: '1.0000001' has more than 6 decimals");
  WorkloadParams p;
  p.arrival = ArrivalKind::trace;
  p.trace.file = "/nonexistent/x.csv";
  try {
    generate(p);
    FAIL();
  } catch (const WorkloadError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/x.csv: cannot read the workload trace: No such file or directory");
  }
}
