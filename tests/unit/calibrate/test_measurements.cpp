// Reading measurement files: the shipped format, CSV, and every rejection with file:line:column.
#include <gtest/gtest.h>

#include "calibrate/measurements.h"

namespace sushi::calibrate {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_measurements(text, "m.tsv");
  } catch (const MeasurementError& e) {
    return e.what();
  }
  return "";
}

TEST(Measurements, TheShippedFormatWithTwoRuns) {
  const Measurements m = parse_measurements(
      "subnet\tlayer\tsupernet_layer\tN\tK\tC\tX_in\tR\tstride\tpad\tOX\tMMAC\tlatency_run_A_us\tlatency_run_B_us\n"
      "0\t0\t0\t1\t24\t3\t160\t3\t2\t1\t80\t4.15\t703.0\t702.2\n",
      "m.tsv");
  ASSERT_EQ(m.rows.size(), 1u);
  const MeasuredLayer& r = m.rows[0];
  EXPECT_EQ(r.line, 2);
  EXPECT_EQ(r.subnet, 0);
  EXPECT_EQ(r.k, 24);
  EXPECT_EQ(r.c, 3);
  EXPECT_EQ(r.x_in, 160);
  EXPECT_EQ(r.stride, 2);
  EXPECT_EQ(m.latency_columns, (std::vector<std::string>{"latency_run_A_us", "latency_run_B_us"}));
  EXPECT_DOUBLE_EQ(r.latency_us(), (703.0 + 702.2) / 2);  // the mean of the runs
}

TEST(Measurements, CsvCommentsAndOptionalColumns) {
  const Measurements m = parse_measurements("# board X\nK,C,X_in,R,stride,type,latency_us\n\n64,64,20,3,1,conv,245.5\n", "m.csv");
  EXPECT_EQ(m.delimiter, ',');
  ASSERT_EQ(m.rows.size(), 1u);
  EXPECT_EQ(m.rows[0].line, 4);
  EXPECT_EQ(m.rows[0].subnet, -1);
  EXPECT_DOUBLE_EQ(m.rows[0].latency_us(), 245.5);
}

TEST(Measurements, MissingColumnNamesFileLineAndColumn) {
  EXPECT_EQ(error_of("K\tC\tR\tstride\tlatency_us\n64\t64\t3\t1\t200\n").rfind("m.tsv:1: column 'X_in': missing", 0), 0u)
      << error_of("K\tC\tR\tstride\tlatency_us\n64\t64\t3\t1\t200\n");
  EXPECT_NE(error_of("K\tC\tX_in\tR\tstride\n64\t64\t20\t3\t1\n").find("m.tsv:1: column 'latency*_us': missing"),
            std::string::npos);
}

TEST(Measurements, NonPositiveOrBadLatenciesAreRejected) {
  const std::string head = "K\tC\tX_in\tR\tstride\tlatency_A_us\tlatency_B_us\n64\t64\t20\t3\t1\t200\t201\n";
  EXPECT_EQ(error_of(head + "64\t64\t20\t3\t1\t210\t-5\n"),
            "m.tsv:3: column 'latency_B_us': -5 is not a positive latency (us)");
  EXPECT_EQ(error_of(head + "64\t64\t20\t3\t1\t0\t5\n"), "m.tsv:3: column 'latency_A_us': 0 is not a positive latency (us)");
  EXPECT_EQ(error_of(head + "64\t64\t20\t3\t1\tfast\t5\n"), "m.tsv:3: column 'latency_A_us': 'fast' is not a number");
  EXPECT_EQ(error_of(head + "64\t64\t20\t3\t1\t\t5\n"), "m.tsv:3: column 'latency_A_us': '' is not a number");
}

TEST(Measurements, NoRowsAndEmptyFiles) {
  EXPECT_EQ(error_of("K\tC\tX_in\tR\tstride\tlatency_us\n# nothing measured\n"), "m.tsv:2: no data rows after the header");
  EXPECT_NE(error_of("").find("m.tsv: empty"), std::string::npos);
}

TEST(Measurements, ShapesTheAcceleratorCannotRunAreRejected) {
  const std::string head = "K\tC\tX_in\tR\tstride\tpad\tOX\tN\tlatency_us\n";
  EXPECT_EQ(error_of(head + "64\t64\t20\t4\t1\t1\t20\t1\t9\n"), "m.tsv:2: column 'R': 4 is even (kernels are odd)");
  EXPECT_EQ(error_of(head + "64\t64\t20\t3\t1\t0\t20\t1\t9\n"),
            "m.tsv:2: column 'pad': 0: the accelerator pads 'same' (pad = R/2 = 1)");
  EXPECT_EQ(error_of(head + "64\t64\t20\t3\t2\t1\t11\t1\t9\n"), "m.tsv:2: column 'OX': 11 differs from ceil(X_in / stride) = 10");
  EXPECT_EQ(error_of(head + "64\t64\t20\t3\t1\t1\t20\t2\t9\n"), "m.tsv:2: column 'N': only batch 1 is modelled (N = 1)");
  EXPECT_EQ(error_of(head + "0\t64\t20\t3\t1\t1\t20\t1\t9\n"), "m.tsv:2: column 'K': '0' is not an integer in 1 .. 65535");
  EXPECT_EQ(error_of(head + "64\t64\t20\t3\t1\t1\t20\n"), "m.tsv:2: 7 cells, the header has 9");
}

}  // namespace
}  // namespace sushi::calibrate
