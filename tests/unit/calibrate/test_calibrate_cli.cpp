// `sushi-vp calibrate` as users run it (a separate process): the shipped ZCU104 calibration is
// reproduced, held-out SubNets are predicted as well as the fitted ones, synthetic measurements
// made from known parameters are fitted back to them, and bad files exit 2 with file:line:column.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "run_cli.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace {

using sushi::test::run_sushi_vp;
const char* kConfig = "vp_configs/platforms/zcu104.yaml";
const char* kData = "vp_configs/calibration/zcu104-3x3-layers.tsv";
const char* kShipped = "vp_configs/platforms/zcu104-accel-timing.yaml";

struct Timing {
  double cycles_per_position, weight_bandwidth_gbps, host_call_overhead_us;
};

// The three fitted values of a fragment (units as written: GB/s, us).
Timing read_fragment(const fs::path& file) {
  const YAML::Node t = YAML::LoadFile(file.string())["accel"]["timing"];
  auto number = [](const std::string& text) { return std::stod(text.substr(0, text.find(' '))); };
  return {t["cycles_per_position"].as<double>(), number(t["weight_bandwidth"].as<std::string>()),
          number(t["host_call_overhead"].as<std::string>())};
}

nlohmann::json summary_row(const nlohmann::json& report, const std::string& layers) {
  for (const auto& s : report["summary"])
    if (s["layers"] == layers) return s;
  return {};
}

// The preset's accel.timing values are what calibrate fits on the shipped file (here starting
// from the shipped values: a fixed point, so the regenerated fragment matches to the printed
// digits), and they meet the accuracy target: mean |error| <= 3 %, max <= 10 % per layer.
TEST(CalibrateCli, RegeneratesTheShippedZcu104Calibration) {
  const fs::path out = sushi::test::scratch_dir() / "timing.yaml";
  const auto r = run_sushi_vp(std::string("calibrate ") + kConfig + " " + kData + " --json --out '" + out.string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  const Timing shipped = read_fragment(sushi::test::source_dir() / kShipped), again = read_fragment(out);
  EXPECT_NEAR(again.cycles_per_position, shipped.cycles_per_position, 1e-4);
  EXPECT_NEAR(again.weight_bandwidth_gbps, shipped.weight_bandwidth_gbps, 1e-4);
  EXPECT_NEAR(again.host_call_overhead_us, shipped.host_call_overhead_us, 0.01);
  const auto all = summary_row(nlohmann::json::parse(r.output), "all");
  EXPECT_EQ(all["count"], 66);
  EXPECT_LE(all["after"]["mean_abs_err_pct"].get<double>(), 3.0);
  EXPECT_LE(all["after"]["max_abs_err_pct"].get<double>(), 10.0);
}

// From the ideal machine (one position per cycle, weights at the ports' full width, no host
// overhead) the fit reaches the same values: they do not depend on where it starts.
TEST(CalibrateCli, FromTheIdealMachineFindsTheShippedValues) {
  const fs::path out = sushi::test::scratch_dir() / "timing.yaml";
  const auto r = run_sushi_vp(std::string("calibrate ") + kConfig + " " + kData +
                              " --set accel.timing.cycles_per_position=1 --set 'accel.timing.weight_bandwidth=0 B/s'"
                              " --set 'accel.timing.host_call_overhead=0 us' --out '" + out.string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  const Timing shipped = read_fragment(sushi::test::source_dir() / kShipped), fitted = read_fragment(out);
  EXPECT_NEAR(fitted.cycles_per_position, shipped.cycles_per_position, 0.01 * shipped.cycles_per_position);
  EXPECT_NEAR(fitted.weight_bandwidth_gbps, shipped.weight_bandwidth_gbps, 0.01 * shipped.weight_bandwidth_gbps);
  EXPECT_NEAR(fitted.host_call_overhead_us, shipped.host_call_overhead_us, 0.02 * shipped.host_call_overhead_us);
}

// Fit on SubNets 0 and 1 (28 layers), predict SubNets 2 and 3 (38 layers, inputs 192 instead of
// 160): the held-out layers meet the same accuracy target.
TEST(CalibrateCli, HeldOutSubnetsArePredictedAsWellAsTheFittedOnes) {
  const auto r = run_sushi_vp(std::string("calibrate ") + kConfig + " " + kData + " --holdout 2,3 --json");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  const auto fitted = summary_row(j, "fitted"), held = summary_row(j, "held out");
  EXPECT_EQ(fitted["count"], 28);
  EXPECT_EQ(held["count"], 38);
  EXPECT_LE(held["after"]["mean_abs_err_pct"].get<double>(), 3.0);
  EXPECT_LE(held["after"]["max_abs_err_pct"].get<double>(), 10.0);
  EXPECT_LE(fitted["after"]["mean_abs_err_pct"].get<double>(), 3.0);
}

// Synthetic measurements: the model's own predictions at known parameters (1.3 cycles per
// position, 2.5 GB/s, 40 us) for the shipped shapes; fitting them from the shipped values
// recovers the known parameters and leaves (almost) no error.
TEST(CalibrateCli, SyntheticMeasurementsFitBackToTheirParameters) {
  const fs::path dir = sushi::test::scratch_dir();  // fresh on every call: take it once
  const fs::path synth = dir / "synthetic.tsv";
  const auto gen = run_sushi_vp(std::string("calibrate ") + kConfig + " " + kData +
                                " --fit none --set accel.timing.cycles_per_position=1.3"
                                " --set 'accel.timing.weight_bandwidth=2.5 GB/s' --set 'accel.timing.host_call_overhead=40 us'"
                                " --predictions '" + synth.string() + "'");
  ASSERT_EQ(gen.status, 0) << gen.output;
  const fs::path out = dir / "timing.yaml";
  const auto r = run_sushi_vp(std::string("calibrate ") + kConfig + " '" + synth.string() + "' --json --out '" +
                              out.string() + "'");
  ASSERT_EQ(r.status, 0) << r.output;
  const Timing t = read_fragment(out);
  EXPECT_NEAR(t.cycles_per_position, 1.3, 0.002);
  EXPECT_NEAR(t.weight_bandwidth_gbps, 2.5, 0.01);
  EXPECT_NEAR(t.host_call_overhead_us, 40.0, 0.5);
  const auto all = summary_row(nlohmann::json::parse(r.output), "all");
  EXPECT_LE(all["after"]["max_abs_err_pct"].get<double>(), 0.2);
}

void write(const fs::path& f, const std::string& text) { std::ofstream(f) << text; }

TEST(CalibrateCli, BadFilesExit2WithFileLineAndColumn) {
  const fs::path dir = sushi::test::scratch_dir();
  struct Case {
    const char* name;
    const char* text;
    const char* message;
  } cases[] = {
      {"missing.tsv", "K\tC\tR\tstride\tlatency_us\n64\t64\t3\t1\t200\n", "missing.tsv:1: column 'X_in': missing"},
      {"negative.tsv", "K\tC\tX_in\tR\tstride\tlatency_us\n64\t64\t20\t3\t1\t-3\n",
       "negative.tsv:2: column 'latency_us': -3 is not a positive latency (us)"},
      {"zero.csv", "K,C,X_in,R,stride,latency_us\n64,64,20,3,1,0\n", "zero.csv:2: column 'latency_us': 0 is not a positive latency"},
      {"empty.tsv", "K\tC\tX_in\tR\tstride\tlatency_us\n", "empty.tsv:1: no data rows after the header"},
  };
  for (const Case& c : cases) {
    write(dir / c.name, c.text);
    const auto r = run_sushi_vp(std::string("calibrate ") + kConfig + " '" + (dir / c.name).string() + "'");
    EXPECT_EQ(r.status, 2) << c.name << ": " << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
  }
  const auto missing = run_sushi_vp(std::string("calibrate ") + kConfig + " '" + (dir / "nowhere.tsv").string() + "'");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.output.find("cannot read the measurement file"), std::string::npos) << missing.output;
  const auto unknown = run_sushi_vp(std::string("calibrate ") + kConfig + " " + kData + " --fit clock");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.output.find("'clock' is not calibratable"), std::string::npos) << unknown.output;
  const auto everything = run_sushi_vp(std::string("calibrate ") + kConfig + " " + kData + " --holdout 0,1,2,3");
  EXPECT_EQ(everything.status, 2);
  EXPECT_NE(everything.output.find("leaves no row to fit"), std::string::npos) << everything.output;
}

}  // namespace
