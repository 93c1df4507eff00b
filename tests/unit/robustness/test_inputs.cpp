// Bad input files and values (issue 23): every one a located error with exit 2 before the
// simulation starts, never a hang, a crash or an "internal error".
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "robust_util.h"

namespace fs = std::filesystem;
using namespace sushi::test;

namespace {

std::string src(const std::string& rel) { return (source_dir() / rel).string(); }

// A config that includes the quickstart and replays `trace`.
fs::path trace_config(const fs::path& dir, const fs::path& trace, int queries = 3) {
  return write_text(dir / "trace.yaml", "include: " + src("vp_configs/examples/quickstart.yaml") +
                                            "\nworkload:\n  arrival: trace\n  queries: " + std::to_string(queries) +
                                            "\n  trace:\n    file: " + trace.string() + "\n");
}

void expect_located(const CliResult& r, const std::string& file, const std::string& what) {
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("error: " + file), std::string::npos) << "not located at " << file << ":\n" << r.output;
  EXPECT_NE(r.output.find(what), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("internal error"), std::string::npos) << r.output;
}

}  // namespace

// Bounded reads: a directory, a FIFO and an endless device are refused at once, by type.
TEST(InputFiles, DirectoryFifoAndDeviceAreRefusedWithoutReadingThem) {
  const fs::path d = scratch_dir();
  ASSERT_EQ(::mkfifo((d / "fifo.yaml").c_str(), 0644), 0);
  expect_located(run_vp("check " + q(d), 20), d.string(), "it is a directory, not a file");
  expect_located(run_vp("check " + q(d / "fifo.yaml"), 20), (d / "fifo.yaml").string(), "it is a FIFO");
  write_text(d / "zero.yaml", "include: /dev/zero\n");
  // At the include: file, line and column of the key that names it.
  expect_located(run_vp("check " + q(d / "zero.yaml"), 20), (d / "zero.yaml").string() + ":1:10: key 'include'",
                 "'/dev/zero': cannot read the config file: it is a character device, not a file");
  expect_located(run_vp("check " + q(trace_config(d, "/dev/zero")), 20), (d / "trace.yaml").string(),
                 "/dev/zero: cannot read the workload trace: it is a character device");
  expect_located(run_vp("check " + q(trace_config(d, d)), 20), (d / "trace.yaml").string(), "it is a directory");
}

TEST(InputFiles, FileOverTheSizeLimitIsRefusedWithTheLimit) {
  const fs::path d = scratch_dir();
  const fs::path big = d / "big.yaml";
  { std::ofstream(big) << "# padding\n"; }
  fs::resize_file(big, 17u << 20);  // sparse: 17 MiB of zeros after the comment
  expect_located(run_vp("check " + q(big), 20), big.string(), "larger than the 16 MiB limit for config files");
}

TEST(InputFiles, SecondYamlDocumentIsAnErrorNotIgnored) {
  const fs::path d = scratch_dir();
  write_text(d / "two.yaml", "include: " + src("vp_configs/examples/quickstart.yaml") + "\n---\nsim:\n  seed: 5\n");
  // Located at the '---' that starts the second document (line 2).
  expect_located(run_vp("check " + q(d / "two.yaml")), (d / "two.yaml").string() + ":2", "a second YAML document");
}

// yaml-cpp reads a line starting with ",:" as an endless run of empty documents (found by the
// fuzz test: `check` hung until killed); it is a syntax error at line 1, column 1.
TEST(InputFiles, TextTheYamlParserCannotReadOnIsASyntaxErrorNotAHang) {
  const fs::path d = scratch_dir();
  write_text(d / "stuck.yaml", ",: " + src("vp_configs/examples/quickstart.yaml") + "\nsim:\n  seed: 5\n");
  expect_located(run_vp("check " + q(d / "stuck.yaml"), 20), (d / "stuck.yaml").string() + ":1:1", "YAML syntax error");
}

TEST(InputFiles, MissingMemspecIsLocatedAtItsKey) {
  const fs::path d = scratch_dir();
  const CliResult r = run_vp("check " + quickstart() + "--set dram.main.memspec=" + q(d / "none.yaml"));
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("key 'dram.main.memspec'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("cannot read the memspec: No such file"), std::string::npos) << r.output;
  const CliResult e = run_vp("check " + quickstart() + "--set energy.tables=" + q(d / "none.yaml"));
  EXPECT_EQ(e.status, 2) << e.output;
  EXPECT_NE(e.output.find("key 'energy.tables'"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("cannot read the energy table"), std::string::npos) << e.output;
}

TEST(InputValues, IntegerOf64BitsOrMoreIsOutOfRangeNotNotAnInteger) {
  const CliResult r = run_vp("check " + quickstart() + "--set workload.queries=9223372036854775808");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("'9223372036854775808' is out of range (allowed: 0 .. "), std::string::npos) << r.output;
  const CliResult h = run_vp("check " + quickstart() + "--set workload.queries=99999999999999999999999");
  EXPECT_NE(h.output.find("is out of range"), std::string::npos) << h.output;
}

TEST(InputValues, CrossKeyErrorAtADefaultIsLocatedAtTheConfigFile) {
  const CliResult r = run_vp("run " + quickstart() + "--set trace.transactions=true --set 'trace.transactions_from=100000 s'");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_EQ(r.output.find("<default>"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("error: vp_configs/examples/quickstart.yaml: key 'trace.transactions_until'"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("its default is '100000 s'"), std::string::npos) << r.output;
}

TEST(InputValues, CpuNoneWithAWorkloadIsRefused) {
  const CliResult r = run_vp("run " + quickstart() + "--set cpu.kind=none");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("key 'cpu.kind': cpu.kind 'none' runs no firmware"), std::string::npos) << r.output;
}

TEST(InputValues, ModelRegionsMustFitTheDramAndNotOverlap) {
  const CliResult r = run_vp("check " + quickstart() + "--set 'model.act_offset=4 GiB'");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("key 'model.act_offset': the"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("activation arena at offset 4294967296 B does not fit"), std::string::npos) << r.output;
  // Overlap: blamed on the key the user set (the image), not on a default.
  const CliResult o = run_vp("check " + quickstart() + "--set 'model.image_offset=0 B'");
  EXPECT_EQ(o.status, 2) << o.output;
  EXPECT_NE(o.output.find("key 'model.image_offset': the model image"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("overlaps the weights"), std::string::npos) << o.output;
}

TEST(InputValues, CatalogBeyondTheFirmwareLimitIsRefusedByCheck) {
  // 513 rows: the shipped catalog's rows repeated with ids 0..512.
  const fs::path d = scratch_dir();
  std::ifstream in(source_dir() / "vp_configs/catalogs/ofa-resnet50.csv");
  std::string line, header;
  std::vector<std::string> rows;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header.empty()) header = line;
    else rows.push_back(line.substr(line.find(',')));
  }
  std::string text = header + "\n";
  for (int i = 0; i < 513; ++i) text += std::to_string(i) + rows[static_cast<std::size_t>(i) % rows.size()] + "\n";
  write_text(d / "big.csv", text);
  const CliResult r = run_vp("check " + quickstart() + "--set \"model.profile=''\" --set model.catalog=" + q(d / "big.csv"));
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("key 'model.catalog': 513 SubNets of 62 layers exceed the firmware's limits (512 SubNets"),
            std::string::npos) << r.output;
}

TEST(InputValues, OutNamingAFileIsBadInput) {
  const fs::path f = write_text(scratch_dir() / "file", "x");
  const CliResult r = run_vp("run " + quickstart() + "--out " + q(f));
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("is a file, not a directory"), std::string::npos) << r.output;
  EXPECT_EQ(sushi::test::slurp(f), "x");
}

TEST(InputValues, WorkloadTooLargeForMemoryIsRefusedBeforeGenerating) {
  const CliResult r = run_vp("check " + quickstart(100000000), 30);
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("key 'workload.queries': '100000000' queries need about"), std::string::npos) << r.output;
}

// Arrival times past 2^64 ps: a located error, never wrapped (non-monotonic) times.
TEST(Workload, ConstantArrivalsThatWouldWrapAreAnError) {
  const fs::path out = scratch_dir() / "w.csv";
  const CliResult r = run_vp("workload " + quickstart(100000) +
                             "--set workload.arrival=constant --set workload.rate_qps=0.000001 --csv " + q(out));
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("would arrive past the end of simulated time"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Workload, TraceArrivalPastTheEndOfTimeIsLocatedAtItsLine) {
  const fs::path d = scratch_dir();
  const fs::path t = write_text(d / "t.csv", "arrival_us\n1\n18446744073708.5\n");
  const CliResult r = run_vp("check " + q(trace_config(d, t)) + " --set 'workload.start=1 s'");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find(t.string() + ":3: arrival_us"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("past the end of simulated time"), std::string::npos) << r.output;
}

TEST(Workload, TraceWithQuotesBomAndCommentsIsRead) {
  const fs::path d = scratch_dir();
  const fs::path t = write_text(d / "t.csv", "\xEF\xBB\xBF# from a spreadsheet\n\"arrival_us\",\"slo_ms\"\n\"1\",\"50\"\n2, 60\n");
  const CliResult r = run_vp("workload " + q(trace_config(d, t)));
  EXPECT_EQ(r.status, 0) << r.output;
  // A malformed quote is located at its line.
  write_text(t, "arrival_us,slo_ms\n1,50\n2,\"6\"0\n");
  const CliResult m = run_vp("check " + q(trace_config(d, t)));
  EXPECT_EQ(m.status, 2) << m.output;
  EXPECT_NE(m.output.find(t.string() + ":3: malformed CSV"), std::string::npos) << m.output;
}

// Streamed: with workload.queries = 3 the rows after the third are never read (a broken row 5
// does not matter); the memory of a run does not grow with the trace's length.
TEST(Workload, TraceIsReadOnlyAsFarAsTheRunUsesIt) {
  const fs::path d = scratch_dir();
  const fs::path t = write_text(d / "t.csv", "arrival_us\n1\n2\n3\n4\nnot a number\n");
  EXPECT_EQ(run_vp("check " + q(trace_config(d, t, 3))).status, 0);
  const CliResult all = run_vp("check " + q(trace_config(d, t, 0)));
  EXPECT_EQ(all.status, 2) << all.output;
  EXPECT_NE(all.output.find(t.string() + ":6: arrival_us"), std::string::npos) << all.output;
}

TEST(Profiles, MalformedOrForeignProfilesAreLocatedErrors) {
  const fs::path d = scratch_dir();
  std::string text = sushi::test::slurp(source_dir() / "vp_configs/profiles/ofa-resnet50-zcu104.json");
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = text;
    s.replace(s.find(from), from.size(), to);
    return write_text(d / "p.json", s);
  };
  auto check = [&](const fs::path& p) { return run_vp("check " + quickstart() + "--set model.profile=" + q(p)); };
  // SubNet 0's fixed cycles and its first layer's pair, as the shipped profile has them (read
  // here, so that a regenerated profile keeps the test meaningful).
  const auto fc = text.find("\"fixed_cycles\":");
  ASSERT_NE(fc, std::string::npos);
  const std::string fixed = text.substr(fc, text.find(',', fc) + 1 - fc);  // "fixed_cycles":N,
  const std::string n = fixed.substr(15, fixed.size() - 16);
  const auto l0 = text.find("\"layers\":[[", fc) + 10;
  const std::string pair = text.substr(l0, text.find(']', l0) + 1 - l0);  // [a,b]
  const std::string first_a = pair.substr(0, pair.find(','));             // [a
  CliResult r = check(with(fixed, "\"fixed_cycles\":-" + n + ","));
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("p.json: subnets[0].fixed_cycles: '-" + n + "' is not a non-negative integer"), std::string::npos)
      << r.output;
  r = check(with(fixed, "\"fixed_cycles\":\"" + n + "\","));
  EXPECT_NE(r.output.find("subnets[0].fixed_cycles: '\"" + n + "\"' is not a non-negative integer"), std::string::npos)
      << r.output;
  r = check(with(pair, first_a + ",-1]"));
  EXPECT_NE(r.output.find("subnets[0].layers[0][1]"), std::string::npos) << r.output;
  // The SubNets of another catalog: the first two swapped.
  const auto first = text.find("{\"id\":0,\"subnet\":\"");
  ASSERT_NE(first, std::string::npos);
  const auto s0 = text.find("\"subnet\":\"", first) + 10, e0 = text.find('"', s0);
  const auto s1 = text.find("\"subnet\":\"", e0) + 10, e1 = text.find('"', s1);
  std::string swapped = text;
  const std::string a = text.substr(s0, e0 - s0), b = text.substr(s1, e1 - s1);
  swapped.replace(s1, b.size(), a);
  swapped.replace(s0, a.size(), b);
  write_text(d / "p.json", swapped);
  r = check(d / "p.json");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("subnets[0].subnet: '" + b + "' was profiled, but the catalog's SubNet 0 is '" + a + "'"),
            std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("internal error"), std::string::npos);
}
