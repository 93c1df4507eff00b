// Request traces: DRAMSys STL and CSV lines, gzip, and the errors that name file and line.
#include <gtest/gtest.h>

#include <zlib.h>

#include <fstream>

#include "periph/request_trace.h"
#include "test_paths.h"

namespace sushi {
namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const auto p = test::scratch_dir() / name;
  std::ofstream(p) << text;
  return p.string();
}

TEST(RequestTrace, StlLinesUseTheTraceClockAndTheDefaultLength) {
  const std::string f = write_file("t.stl",
                                   "# DRAMSys STL\n"
                                   "0:\tread\t0x0\n"
                                   "\n"
                                   "3:\twrite\t0x40\t0123456789abcdef\n"
                                   "5:\tread\t(128)\t0x1000\n");
  // 1600 MHz: a cycle is 625 ps exactly; cycle 3 -> 1875 ps, cycle 5 -> 3125 ps.
  const auto t = read_trace(f, 1600000000, 64);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].time_ps, 0u);
  EXPECT_FALSE(t[0].write);
  EXPECT_EQ(t[0].bytes, 64u);
  EXPECT_EQ(t[1].time_ps, 1875u);
  EXPECT_TRUE(t[1].write);
  EXPECT_EQ(t[1].address, 0x40u);
  EXPECT_EQ(t[2].time_ps, 3125u);
  EXPECT_EQ(t[2].bytes, 128u);
  EXPECT_EQ(t[2].address, 0x1000u);
  // 1200 MHz: cycle 5 -> floor(5 x 1e12 / 1.2e9) = floor(4166.67) = 4166 ps.
  EXPECT_EQ(read_trace(f, 1200000000, 64)[2].time_ps, 4166u);
}

TEST(RequestTrace, CsvWithHeaderAndOptionalBytes) {
  const std::string f = write_file("t.csv", "time_ps,command,address,bytes\n0,read,0x80,32\n10,write,256\n");
  const auto t = read_trace(f, 1, 64);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].address, 0x80u);
  EXPECT_EQ(t[0].bytes, 32u);
  EXPECT_EQ(t[1].time_ps, 10u);
  EXPECT_EQ(t[1].address, 256u);
  EXPECT_EQ(t[1].bytes, 64u);
  EXPECT_TRUE(t[1].write);
}

TEST(RequestTrace, GzipCompressedFilesAreRead) {
  const auto p = (test::scratch_dir() / "t.stl.gz").string();
  gzFile g = gzopen(p.c_str(), "wb");
  ASSERT_NE(g, nullptr);
  for (int i = 0; i < 1000; ++i) gzprintf(g, "%d:\tread\t0x%x\n", i, i * 64);
  gzclose(g);
  const auto t = read_trace(p, 1000000000, 64);  // 1 GHz: cycle = 1000 ps
  ASSERT_EQ(t.size(), 1000u);
  EXPECT_EQ(t[999].time_ps, 999000u);
  EXPECT_EQ(t[999].address, 999u * 64);
}

void expect_error(const std::string& name, const std::string& text, int line, const std::string& what) {
  const std::string f = write_file(name, text);
  try {
    read_trace(f, 1000000000, 64);
    FAIL() << "no error for " << text;
  } catch (const TraceError& e) {
    EXPECT_EQ(e.file(), f);
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

TEST(RequestTrace, MalformedLinesNameFileAndLine) {
  expect_error("a.stl", "0:\tread\t0x0\nx:\tread\t0x0\n", 2, "expected '<cycle>:'");
  expect_error("b.stl", "0:\tfetch\t0x0\n", 1, "'fetch' is not read or write");
  expect_error("c.stl", "0:\tread\t12\n", 1, "0x hex address");
  expect_error("d.stl", "5:\tread\t0x0\n4:\tread\t0x0\n", 2, "time goes backwards");
  expect_error("e.csv", "0,read\n", 1, "expected time_ps,command,address");
  expect_error("f.csv", "0,read,0x0,0\n", 1, "bytes '0'");
  expect_error("g.txt", "0,read,0\n", 0, "must end in .stl or .csv");
  EXPECT_THROW(read_trace((test::scratch_dir() / "missing.stl").string(), 1, 64), TraceError);
}

}  // namespace
}  // namespace sushi
