// The trace writers on their own: Chrome trace events, the gzip transaction CSV, the windowed
// power sampler. Exact values throughout (each derivation in a comment).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <nlohmann/json.hpp>

#include "test_paths.h"
#include "trace_event_check.h"
#include "common/energy_static.h"
#include "traces/power_sampler.h"
#include "traces/trace_event_writer.h"
#include "traces/transaction_writer.h"

namespace fs = std::filesystem;
using namespace sushi;
using namespace sushi::traces;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string gunzip(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  boost::iostreams::filtering_istream z;
  z.push(boost::iostreams::gzip_decompressor());
  z.push(in);
  std::stringstream ss;
  boost::iostreams::copy(z, ss);
  return ss.str();
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

DramTransactionRecord record(std::uint64_t t, std::uint64_t bytes) {
  DramTransactionRecord r;
  r.dram = "soc.dram";
  r.arrival_ps = t;
  r.done_ps = t + 30000;
  r.addr = 0x1000;
  r.bytes = bytes;
  r.energy_pj = 12.5;
  return r;
}

}  // namespace

TEST(TraceEventWriter, PicosecondsAreWrittenAsExactMicroseconds) {
  EXPECT_EQ(TraceEventWriter::us(0), "0.000000");
  EXPECT_EQ(TraceEventWriter::us(5), "0.000005");          // 5 ps = 5e-6 us
  EXPECT_EQ(TraceEventWriter::us(1234567), "1.234567");    // 1 234 567 ps = 1.234567 us
  EXPECT_EQ(TraceEventWriter::us(15563042967000ULL), "15563042.967000");
}

TEST(TraceEventWriter, WritesValidTraceEventJson) {
  const fs::path f = test::scratch_dir() / "timeline.json";
  {
    TraceEventWriter w(f);
    w.process_name(1, "cpu", 1);
    w.thread_name(1, 1, "firmware");
    w.complete("job", "accel", 1, 1, 1000000, 3000000, {{"bytes_B", 64}});
    w.complete("layer \"0\"", "accel", 1, 1, 1000000, 2000000);  // nested in the job; quote escaped
    w.counter("power_mW", 2, 0, {{"dram", 1.5}, {"accel", 2.0}});
    w.async_begin("query 7", "query", 3, 7, 500000);
    w.async_end("query 7", "query", 3, 7, 4000000);
    w.instant("miss", "slo", 3, 1, 4000000);
    EXPECT_FALSE(fs::exists(f));  // under a temporary name until closed
    w.close();
    EXPECT_EQ(w.events(), 9u);  // 2 metadata for the process name + 1 thread name + 6 events
  }
  const auto doc = nlohmann::json::parse(slurp(f));
  EXPECT_EQ(test::check_trace_events(doc), std::vector<std::string>{});
  ASSERT_EQ(doc["traceEvents"].size(), 9u);
  const auto& job = doc["traceEvents"][3];
  EXPECT_EQ(job["ph"], "X");
  EXPECT_DOUBLE_EQ(job["ts"].get<double>(), 1.0);   // 1 000 000 ps = 1 us
  EXPECT_DOUBLE_EQ(job["dur"].get<double>(), 2.0);  // 3 us - 1 us
  EXPECT_EQ(job["args"]["bytes_B"], 64);
  EXPECT_EQ(doc["traceEvents"][4]["name"], "layer \"0\"");
}

TEST(TraceEventCheck, RejectsMalformedEvents) {
  using nlohmann::json;
  auto doc = [](json e) { return json{{"traceEvents", json::array({e})}}; };
  EXPECT_FALSE(test::check_trace_events(json::array()).empty());
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"ph", "X"}, {"ts", 0}, {"pid", 1}})).empty());  // no tid
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"ph", "Q"}, {"ts", 0}, {"pid", 1}, {"tid", 1}})).empty());
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"ph", "X"}, {"ts", 0}, {"pid", 1}, {"tid", 1}})).empty());  // no dur
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"ph", "B"}, {"ts", 0}, {"pid", 1}, {"tid", 1}})).empty());  // B never ended
  // Two X events on one track that overlap without nesting.
  json two = {{"traceEvents",
               json::array({json{{"name", "a"}, {"ph", "X"}, {"ts", 0}, {"dur", 2}, {"pid", 1}, {"tid", 1}},
                            json{{"name", "b"}, {"ph", "X"}, {"ts", 1}, {"dur", 2}, {"pid", 1}, {"tid", 1}}})}};
  EXPECT_FALSE(test::check_trace_events(two).empty());
}

TEST(TransactionWriter, GzipIsReproducibleAndSamplesInsideTheWindow) {
  const fs::path a = test::scratch_dir() / "a.csv.gz";
  const fs::path b = test::scratch_dir() / "b.csv.gz";
  for (const fs::path& f : {a, b}) {
    TransactionFilter filt;
    filt.every = 3;
    filt.from_ps = 1000;
    filt.until_ps = 11000;
    TransactionWriter w(f, filt);
    TraceTag tag;
    tag.initiator = "soc.accel";
    tag.operand = TraceOperand::weights;
    for (std::uint64_t i = 0; i < 12; ++i) {
      DramTransactionRecord r = record(i * 1000, 64);
      if (i % 2 == 0) r.tag = &tag;
      r.write = i == 4;
      w.add(r);
    }
    w.close();
    // Arrivals 0, 1000, ..., 11000 ps: 1000..10000 are in [1000, 11000) (10 of them); one in 3
    // of those is kept: the 1st, 4th, 7th, 10th = arrivals 1000, 4000, 7000, 10000.
    EXPECT_EQ(w.seen(), 12u);
    EXPECT_EQ(w.written(), 4u);
  }
  EXPECT_EQ(slurp(a), slurp(b));
  const std::string raw = slurp(a);
  ASSERT_GT(raw.size(), 10u);
  EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(raw[1]), 0x8b);
  EXPECT_EQ(raw[3] & 0x18, 0);                          // FLG: no FNAME, no FCOMMENT
  EXPECT_EQ(raw.substr(4, 4), std::string(4, '\0'));    // MTIME = 0
  const auto l = lines(gunzip(a));
  ASSERT_EQ(l.size(), 5u);
  EXPECT_EQ(l[0] + "\n", TransactionWriter::header());
  EXPECT_EQ(l[1], "1000,untagged,unknown,soc.dram,read,0x1000,64,30000,12.500");
  EXPECT_EQ(l[2], "4000,soc.accel,weights,soc.dram,write,0x1000,64,30000,12.500");
  EXPECT_EQ(l[4], "10000,soc.accel,weights,soc.dram,read,0x1000,64,30000,12.500");
}

TEST(PowerSampler, WindowsAddUpAndCatchUpWithEmptyWindows) {
  EnergyLedger ledger;
  const ActionId x = ledger.declare("soc.a", "x", EnergyCategory::compute, EnergyEntry{2.0, CountUnit::event, "", "test", ""});
  const ActionId y = ledger.declare("soc.b.sub", "y", EnergyCategory::dram, EnergyEntry{5.0, CountUnit::event, "", "test", ""});
  const ActionId z = ledger.declare("", "other", EnergyCategory::other, EnergyEntry{1.0, CountUnit::event, "", "test", ""});
  ByteCounters bytes;
  std::vector<PowerWindow> out;
  PowerSampler s(ledger, 100, [&] { return bytes; }, [&](const PowerWindow& w) { out.push_back(w); });
  ASSERT_EQ(s.components(), (std::vector<std::string>{"a", "b", "other"}));
  ledger.add(x, 3);  // 6 pJ
  bytes.dram_read_B = 64;
  s.sample(99);  // still inside the first window
  EXPECT_TRUE(out.empty());
  s.sample(150);  // closes [0, 100)
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].start_ps, 0u);
  EXPECT_EQ(out[0].end_ps, 100u);
  EXPECT_DOUBLE_EQ(out[0].energy_pj[0], 6.0);
  EXPECT_DOUBLE_EQ(out[0].total_pj, 6.0);
  EXPECT_DOUBLE_EQ(out[0].power_mw(out[0].total_pj), 60.0);  // 6 pJ / 100 ps = 0.06 W
  EXPECT_EQ(out[0].bytes.dram_read_B, 64u);
  ledger.add(y, 2);  // 10 pJ
  ledger.add(z, 1);  // 1 pJ
  s.sample(450);    // closes [100,200) with everything since, then [200,300) and [300,400) empty
  ASSERT_EQ(out.size(), 4u);
  EXPECT_DOUBLE_EQ(out[1].energy_pj[1], 10.0);
  EXPECT_DOUBLE_EQ(out[1].energy_pj[2], 1.0);
  EXPECT_DOUBLE_EQ(out[2].total_pj, 0.0);
  EXPECT_EQ(out[3].start_ps, 300u);
  EXPECT_EQ(out[1].bytes.dram_read_B, 0u);
  ledger.add(x, 1);  // 2 pJ, accounted at the end
  s.finish(420);     // the partial window [400, 420)
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[4].start_ps, 400u);
  EXPECT_EQ(out[4].end_ps, 420u);
  EXPECT_DOUBLE_EQ(out[4].energy_pj[0], 2.0);
  double sum = 0;
  for (const auto& w : out) sum += w.total_pj;
  EXPECT_DOUBLE_EQ(sum, ledger.total_pj());  // 6 + 10 + 1 + 2 = 19 pJ
  EXPECT_DOUBLE_EQ(sum, 19.0);
}

TEST(PowerSampler, EnergyAtAnExactBoundaryEndStillLandsInARow) {
  EnergyLedger ledger;
  const ActionId x = ledger.declare("soc.a", "x", EnergyCategory::compute, EnergyEntry{1.0, CountUnit::event, "", "test", ""});
  std::vector<PowerWindow> out;
  PowerSampler s(ledger, 100, nullptr, [&](const PowerWindow& w) { out.push_back(w); });
  s.sample(200);  // [0,100), [100,200)
  ledger.add(x, 7);
  s.finish(200);   // nothing left to cover: a zero-length row carries the 7 pJ
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].start_ps, 200u);
  EXPECT_EQ(out[2].end_ps, 200u);
  EXPECT_DOUBLE_EQ(out[2].total_pj, 7.0);
  EXPECT_DOUBLE_EQ(out[2].power_mw(7.0), 0.0);
}

TEST(PowerSampler, ComponentIsTheModuleUnderTheTop) {
  EXPECT_EQ(PowerSampler::component_of("soc.dram.ch0.act"), "dram");
  EXPECT_EQ(PowerSampler::component_of("soc.accel.mac"), "accel");
  EXPECT_EQ(PowerSampler::component_of("soc.cpu"), "cpu");
  EXPECT_EQ(PowerSampler::component_of("top.x"), "top");
  EXPECT_EQ(PowerSampler::component_of("leak"), "leak");
}

TEST(PowerSampler, StaticPowerIsReadAtEachWindowEvenWhenNothingHappens) {
  // A constant 3 W (3 pJ/ps) and nothing else: every 100 ps window holds 300 pJ, also the two
  // windows closed together by one late sample, and the partial last one (40 ps: 120 pJ).
  EnergyLedger ledger;
  TimedPower p(ledger, ledger.declare("soc.sram", "leakage", EnergyCategory::sram,
                                      EnergyEntry{3.0, CountUnit::ps, "3 W", "test", ""}), true);
  std::vector<PowerWindow> out;
  PowerSampler s(ledger, 100, nullptr, [&](const PowerWindow& w) { out.push_back(w); });
  s.sample(100);
  s.sample(300);
  s.finish(340);
  ASSERT_EQ(out.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(out[i].total_pj, 300.0) << i;
    EXPECT_DOUBLE_EQ(out[i].power_mw(out[i].total_pj), 3000.0) << i;
    EXPECT_DOUBLE_EQ(out[i].category_pj[static_cast<int>(EnergyCategory::sram)], 300.0) << i;
  }
  EXPECT_DOUBLE_EQ(out[3].total_pj, 120.0);
  EXPECT_DOUBLE_EQ(ledger.total_pj(), 1020.0);  // 340 ps x 3 W
}
