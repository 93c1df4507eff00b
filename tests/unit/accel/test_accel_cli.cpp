// `sushi-vp layer` on the ZCU104 preset (fixtures/accel-layer.yaml), in-process.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <systemc>

#include "cli/cmd_layer.h"
#include "config/config_error.h"
#include "test_paths.h"

namespace sushi::cli {
namespace {

int run_cli(std::vector<std::string> args, std::string* out = nullptr) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  CLI::App app{"sushi-vp"};
  std::function<int()> action;
  add_layer_command(app, action);
  args.insert(args.begin(), "sushi-vp");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError&) {
    return 2;
  }
  testing::internal::CaptureStdout();
  const int rc = action ? action() : 2;
  const std::string s = testing::internal::GetCapturedStdout();
  if (out) *out = s;
  return rc;
}

std::string fixture() { return (sushi::test::source_dir() / "tests/unit/accel/fixtures/accel-layer.yaml").string(); }

// 3x3 conv K=64, C=64, 56x56 on 16 x 9 x 9: 4 K-tiles x ceil(64/9) = 8 C-tiles x 3136 positions,
// at the preset's calibrated 1.1561 cycles per position (accel.timing, zcu104-accel-timing.yaml):
// a K-tile's 8 passes take ceil(25,088 x 1.1561) = ceil(29,004.2) = 29,005 cycles, 4 K-tiles =
// 116,020 compute cycles (100,352 at one position per cycle); weights 4 x 8 units x 9 taps x 144 B
// = 41,472 B, all from DRAM.
TEST(AccelCli, ConvLayerEmptyPb) {
  std::string out;
  ASSERT_EQ(run_cli({"layer", fixture(), "--type", "conv", "--k", "64", "--c", "64", "--hw", "56", "--kernel", "3",
                     "--stride", "1", "--json"},
                    &out),
            0);
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["compute_cycles_count"].get<std::uint64_t>(), 116020u);
  EXPECT_EQ(j["dram_weight_B"].get<std::uint64_t>(), 41472u);
  EXPECT_EQ(j["pb_weight_B"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(j["dram_input_B"].get<std::uint64_t>(), 64u * 56 * 56);   // fits the 512 KiB buffer: read once
  EXPECT_EQ(j["dram_output_B"].get<std::uint64_t>(), 64u * 56 * 56);
  EXPECT_GE(j["layer_cycles_count"].get<std::uint64_t>(), 116020u);
  // What the board's host would time: the job plus the calibrated 82.08 us call overhead.
  EXPECT_DOUBLE_EQ(j["host_call_overhead_ns"].get<double>(), 82080.0);
  EXPECT_DOUBLE_EQ(j["board_call_latency_ns"].get<double>(), j["job_latency_ns"].get<double>() + 82080.0);
  EXPECT_GT(j["energy"]["dram_pJ"].get<double>(), 0.0);
  EXPECT_GT(j["energy"]["compute_pJ"].get<double>(), 0.0);
}

// The same layer on the full ZCU104 platform: weights in DDR4-2400 (dram.main) behind the crossbar.
// Same tile arithmetic (116,020 compute cycles, 41,472 B of weights); the DRAM model adds stalls.
TEST(AccelCli, ConvLayerOnTheZcu104PlatformDram) {
  std::string out;
  const auto platform = (sushi::test::source_dir() / "vp_configs/platforms/zcu104.yaml").string();
  ASSERT_EQ(run_cli({"layer", platform, "--type", "conv", "--k", "64", "--c", "64", "--hw", "56", "--kernel", "3",
                     "--stride", "1", "--json"},
                    &out),
            0);
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["compute_cycles_count"].get<std::uint64_t>(), 116020u);
  EXPECT_EQ(j["dram_weight_B"].get<std::uint64_t>(), 41472u);
  EXPECT_GT(j["layer_cycles_count"].get<std::uint64_t>(), 116020u);  // weight and activation DMA stalls
  EXPECT_GT(j["energy"]["dram_pJ"].get<double>(), 0.0);
}

// Layers of SubNets at resolution 160 timed alone: the MACs agree with `sushi-vp supernet`
// (tests/unit/supernet/test_cli_supernet.cpp, SnCliSupernet.JsonAtResolution160).
TEST(AccelCli, FirstConvOfResNet50At160) {
  std::string out;
  // ofa-resnet50 min;r=160 stem.conv0: 3 -> 24, 3x3, stride 2, 160 -> 80: 80*80*24*3*9 = 4,147,200 MACs
  ASSERT_EQ(run_cli({"layer", fixture(), "--type", "conv", "--k", "24", "--c", "3", "--hw", "160", "--kernel", "3",
                     "--stride", "2", "--json"},
                    &out),
            0);
  EXPECT_EQ(nlohmann::json::parse(out)["macs_count"].get<std::uint64_t>(), 4147200u);
}

TEST(AccelCli, DepthwiseLayerOfMbv3At160) {  // one simulation per process: its own test
  std::string out;
  // ofa-mbv3-w1.0 min;r=160 s1.b0.dw: 48 channels, 3x3, stride 2, 80 -> 40: 40*40*48*9 = 691,200 MACs
  ASSERT_EQ(run_cli({"layer", fixture(), "--type", "dwconv", "--k", "48", "--hw", "80", "--kernel", "3", "--stride", "2",
                     "--json"},
                    &out),
            0);
  EXPECT_EQ(nlohmann::json::parse(out)["macs_count"].get<std::uint64_t>(), 691200u);
}

// Half of the 4 K-tiles in the PB: DRAM streams exactly the other 20,736 B.
TEST(AccelCli, ConvLayerHalfInPb) {
  std::string out;
  ASSERT_EQ(run_cli({"layer", fixture(), "--type", "conv", "--k", "64", "--c", "64", "--hw", "56", "--pb-cached", "0.5",
                     "--json"},
                    &out),
            0);
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["dram_weight_B"].get<std::uint64_t>(), 20736u);
  EXPECT_EQ(j["pb_weight_B"].get<std::uint64_t>(), 20736u);
  EXPECT_EQ(j["pb_load"]["bytes_B"].get<std::uint64_t>(), 20736u);
}

TEST(AccelCli, BadLayerIsExit2) {
  EXPECT_EQ(run_cli({"layer", fixture(), "--type", "conv", "--kernel", "4"}), 2);  // even kernel
}

TEST(AccelCli, UnknownTypeIsExit2) { EXPECT_EQ(run_cli({"layer", fixture(), "--type", "pool"}), 2); }

// Bad accel keys are ConfigErrors naming the key (the CLI's main turns them into exit 2).
TEST(AccelCli, BurstNotPowerOfTwoNamesTheKey) {
  try {
    run_cli({"layer", fixture(), "--set", "accel.dma.burst_bytes=3000 B"});
    FAIL() << "no error";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("accel.dma.burst_bytes"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("power of two"), std::string::npos) << e.what();
  }
}

TEST(AccelCli, PbNotMultipleOfWordNamesTheKey) {
  try {
    run_cli({"layer", fixture(), "--set", "accel.pb.size=2 MiB"});
    FAIL() << "no error";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("accel.pb.size"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sushi::cli
