// The trace writers on their own: Chrome trace events, the gzip transaction CSV, the windowed
// power sampler. Exact values throughout (each derivation in a comment).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include <sys/mount.h>
#include <sys/stat.h>
#include <sstream>

#include <nlohmann/json.hpp>

#include "csv_files.h"
#include "test_paths.h"
#include "trace_event_check.h"
#include "common/energy_static.h"
#include "io/output_file.h"
#include "sushi/accel_regs.h"
#include "sushi/query_port_regs.h"
#include "sushi/timer_regs.h"
#include "traces/mmio_writer.h"
#include "traces/vcd_writer.h"
#include "traces/power_sampler.h"
#include "traces/register_names.h"
#include "traces/trace_event_writer.h"
#include "accel/sushi/sushi_accel.h"  // accel::LayerRecord, the records a job reports
#include "traces/tracer.h"
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

using sushi::test::gunzip;

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

TEST(TraceEventWriter, PicosecondsAreWrittenAsWholeNanosecondsInMicroseconds) {
  EXPECT_EQ(TraceEventWriter::us(0), "0.000");
  EXPECT_EQ(TraceEventWriter::us(499), "0.000");          // 0.499 ns rounds to 0 ns
  EXPECT_EQ(TraceEventWriter::us(500), "0.001");          // 0.5 ns rounds up to 1 ns
  EXPECT_EQ(TraceEventWriter::us(1234567), "1.235");      // 1 234.567 ns -> 1 235 ns = 1.235 us
  EXPECT_EQ(TraceEventWriter::us(15563042967000ULL), "15563042.967");
}

// A child that ends 0.6 ns before its parent starts... in ps they nest; rounded separately (ts and
// dur, as Perfetto does) the child would stick out by 1 ns. dur = round(end) - round(start) keeps
// the rounded child inside: parent [1.0004, 3.0004] us -> [1000, 3000] ns; child [2.0006, 3.0004]
// -> ts 2001 ns, dur 3000 - 2001 = 999 ns, ending at 3000 ns exactly.
TEST(TraceEventWriter, DurationIsTheDifferenceOfTheRoundedEnds) {
  const fs::path f = test::scratch_dir() / "timeline.json";
  {
    TraceEventWriter w(f);
    w.complete("parent", "accel", 1, 1, 1000400, 3000400);
    w.complete("child", "accel", 1, 1, 2000600, 3000400);
    w.close();
  }
  const auto doc = nlohmann::json::parse(slurp(f));
  const auto& ev = doc["traceEvents"];
  EXPECT_EQ(ev[1]["ts"].get<double>(), 2.001);
  EXPECT_EQ(ev[1]["dur"].get<double>(), 0.999);
  EXPECT_EQ(ev[0]["dur"].get<double>(), 2.0);
  EXPECT_EQ(test::check_trace_events(doc), std::vector<std::string>{});
}

// A file on a full file system: a small tmpfs mounted for the test and filled up (root), else
// /dev/full where it is the device (ENOSPC on every write); empty if neither is available.
fs::path full_disk_file() {
  const fs::path dir = test::scratch_dir() / "full";
  fs::create_directories(dir);
  if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=64k") == 0) {
    std::ofstream fill(dir / "fill", std::ios::binary);
    const std::string block(4096, 'x');
    for (int i = 0; i < 64 && fill.write(block.data(), static_cast<std::streamsize>(block.size())); ++i) fill.flush();
    return dir / "trace";  // the test process ends with the mount (scratch is removed next run)
  }
  struct stat st {};
  if (::stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode)) return "/dev/full";
  return {};
}

// Every writer reports a failed write (ENOSPC) as an io::OutputError naming the file, at once or
// at close; none loops or ends silently short.
TEST(TraceWritersOnAFullDisk, EveryWriteFailureIsAnError) {
  const fs::path full = full_disk_file();
  if (full.empty()) GTEST_SKIP() << "no full file system here (mounting a tmpfs needs root; /dev/full is not the device)";
  struct Unmount {
    fs::path dir;
    ~Unmount() {
      if (dir.filename() == "full") ::umount2(dir.c_str(), MNT_DETACH);
    }
  } unmount{full.parent_path()};
  EXPECT_THROW(
      {
        io::OutputFile f(full);
        f.write(std::string(100000, 'x'));
        f.close();
      },
      io::OutputError);
  try {
    io::OutputFile f(full);
    f.write("small");
    f.close();
    ADD_FAILURE() << "no error";
  } catch (const io::OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("'" + full.string() + "': No space left on device"), std::string::npos) << e.what();
  }
  // The gzip stream: many rows (compressed into more than one buffer), then close(), which used
  // to spin forever on a sink that took nothing.
  EXPECT_THROW(
      {
        TransactionWriter w(full, {});
        for (std::uint64_t i = 0; i < 200000; ++i) w.add(record(i * 1000, 64));
        w.close();
      },
      io::OutputError);
  EXPECT_THROW(
      {
        VcdWriter v(full);
        const int a = v.add_bool("a");
        for (std::uint64_t t = 0; t < 100000; ++t) v.set(a, t, double(t % 2));
        v.close();
      },
      io::OutputError);
}

// Interrupt pulses: raised and cleared at one time, they are drawn 100 ns wide, and every rise
// counts; a rise within the stretched pulse continues it (the count shows both).
TEST(VcdWriter, InterruptPulsesHaveAVisibleWidthAndAreCounted) {
  const fs::path f = test::scratch_dir() / "s.vcd";
  {
    VcdWriter v(f);
    const int irq = v.add_bool("irq"), n = v.add_count("irq_count");
    v.line(irq, n, 1000, true);
    v.line(irq, n, 1000, false);   // same time: drawn until 1000 + 100 000 ps
    v.line(irq, n, 50000, true);   // inside the stretched pulse
    v.line(irq, n, 50000, false);  // -> cleared at 150 000 ps
    v.line(irq, n, 500000, true);
    v.line(irq, n, 900000, false);  // a long pulse keeps its own width
    v.close();
  }
  const std::string t = slurp(f);
  const std::string body = t.substr(t.find("$end\n", t.find("$dumpvars")) + 5);
  EXPECT_EQ(body, "#1000\n1!\nb1 \"\n#50000\n1!\nb10 \"\n#150000\n0!\n#500000\n1!\nb11 \"\n#900000\n0!\n");
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
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"cat", "c"}, {"ph", "X"}, {"ts", 0}, {"pid", 1}})).empty());  // no tid
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"ph", "M"}, {"ts", 0}, {"pid", 1}, {"tid", 1}, {"args", json::object()}})).empty());  // no cat
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"cat", "c"}, {"ph", "Q"}, {"ts", 0}, {"pid", 1}, {"tid", 1}})).empty());
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"cat", "c"}, {"ph", "X"}, {"ts", 0}, {"pid", 1}, {"tid", 1}})).empty());  // no dur
  EXPECT_FALSE(test::check_trace_events(doc({{"name", "a"}, {"cat", "c"}, {"ph", "B"}, {"ts", 0}, {"pid", 1}, {"tid", 1}})).empty());  // B never ended
  auto x = [](double ts, double dur) {
    return json{{"name", "x"}, {"cat", "c"}, {"ph", "X"}, {"ts", ts}, {"dur", dur}, {"pid", 1}, {"tid", 1}};
  };
  // Two X events on one track that overlap without nesting.
  EXPECT_FALSE(test::check_trace_events(json{{"traceEvents", json::array({x(0, 2), x(1, 2)})}}).empty());
  // Nested in exact microseconds, overlapping once Perfetto rounds ts and dur to ns separately:
  // parent [0, 3.4 ns] -> ts 0, dur 3 -> [0, 3]; child [1.6, 3.2 ns] -> ts 2, dur 2 -> [2, 4],
  // 1 ns past its parent, which Perfetto drops.
  EXPECT_FALSE(test::check_trace_events(json{{"traceEvents", json::array({x(0, 0.0034), x(0.0016, 0.0016)})}}).empty());
  EXPECT_TRUE(test::check_trace_events(json{{"traceEvents", json::array({x(0, 1.0), x(0.5, 0.5)})}}).empty());
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

TEST(RegisterNames, ComeFromTheHardwareInterfaceHeaders) {
  const auto* accel = register_block("accel");
  const auto* port = register_block("query_port");
  const auto* timer = register_block("timer");
  ASSERT_TRUE(accel && port && timer);
  EXPECT_EQ(register_block("main"), nullptr);  // memories have no registers
  EXPECT_STREQ(register_name(*accel, SUSHI_REG_JOB_DESC_ADDR_LO), "JOB_DESC_ADDR_LO");
  EXPECT_STREQ(register_name(*accel, SUSHI_REG_CTRL), "CTRL");
  EXPECT_STREQ(register_name(*accel, SUSHI_REG_PERF_HI(SUSHI_PERF_MACS)), "PERF_MACS_HI");
  EXPECT_STREQ(register_name(*port, SUSHI_QP_REG_POP), "POP");
  EXPECT_STREQ(register_name(*timer, SUSHI_TIMER_REG_MTIMECMP_LO), "MTIMECMP_LO");
  EXPECT_STREQ(register_name(*timer, SUSHI_INTC_REG_ENABLE), "INTC_ENABLE");
  EXPECT_EQ(register_name(*accel, SUSHI_REG_BLOCK_SIZE), nullptr);  // a size, not a register
  // Every register of a block at its own word: 19 named accelerator registers plus 6 counters
  // of 2 words; 30 query-port registers (CPL_PROCESSOR the 26th, the four task-queue registers
  // after it); 8 timer + 5 interrupt-controller registers.
  EXPECT_EQ(accel->size(), 19u + 2u * SUSHI_PERF_COUNT);
  EXPECT_EQ(port->size(), 30u);
  EXPECT_STREQ(register_name(*port, SUSHI_QP_REG_QUEUE_SELECT), "QUEUE_SELECT");
  EXPECT_EQ(timer->size(), 13u);
  for (const auto* b : {accel, port, timer}) {
    for (std::size_t i = 0; i < b->size(); ++i) {
      EXPECT_EQ((*b)[i].offset % 4, 0u) << (*b)[i].name;
      for (std::size_t j = i + 1; j < b->size(); ++j) EXPECT_NE((*b)[i].offset, (*b)[j].offset) << (*b)[i].name;
    }
  }
}

TEST(MmioWriter, DecodesAccessesAndWritesOneRowEach) {
  const fs::path dir = sushi::test::scratch_dir();
  MmioWriter w(dir / "mmio.csv", {{"main", 0x800000000ull, 0x80000000ull}, {"accel", 0xA0000000ull, 0x100}});
  BusAccessRecord r;
  r.cpu = "soc.cpu";
  r.time_ps = 1500;
  r.addr = 0xA0000008ull;  // accel CTRL
  r.bytes = 4;
  r.write = true;
  r.value = 1;
  MmioTarget t = w.add(r);
  EXPECT_STREQ(t.device, "accel");
  EXPECT_EQ(t.offset, 8u);
  EXPECT_STREQ(t.reg, "CTRL");
  r.time_ps = 2000;
  r.addr = 0x840000000ull;  // 1 GiB into the DRAM: a 4 KiB block read
  r.bytes = 4096;
  r.write = false;
  t = w.add(r);
  EXPECT_STREQ(t.device, "main");
  EXPECT_EQ(t.offset, 0x40000000u);
  EXPECT_EQ(t.reg, nullptr);
  r.addr = 0xB0000000ull;  // nothing there: the bus answered an address error
  r.bytes = 4;
  r.value = 0;
  r.response = tlm::TLM_ADDRESS_ERROR_RESPONSE;
  t = w.add(r);
  EXPECT_STREQ(t.device, "unmapped");
  w.close();
  EXPECT_EQ(slurp(dir / "mmio.csv"),
            "time_ps,core,device,offset,register,command,bytes_B,value,status\n"
            "1500,soc.cpu,accel,0x8,CTRL,write,4,0x00000001,ok\n"
            "2000,soc.cpu,main,0x40000000,,read,4096,,ok\n"
            "2000,soc.cpu,unmapped,0xb0000000,,read,4,0x00000000,address_error\n");
  EXPECT_EQ(w.rows(), 3u);
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

namespace {

// The value changes of each VCD variable, by name: "time:value" strings in file order.
std::map<std::string, std::vector<std::string>> vcd_changes(const std::string& text) {
  std::map<std::string, std::string> name_of;  // id code -> name
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line) && line != "$enddefinitions $end") {
    std::istringstream f(line);
    std::string var, type, width, code, name;
    if (f >> var >> type >> width >> code >> name && var == "$var") name_of[code] = name;
  }
  while (std::getline(in, line) && line != "$end") {
  }
  std::map<std::string, std::vector<std::string>> changes;
  std::string t;
  while (std::getline(in, line)) {
    if (line[0] == '#') t = line.substr(1);
    else if (line[0] == '0' || line[0] == '1') changes[name_of.at(line.substr(1))].push_back(t + ":" + line[0]);
  }
  return changes;
}

}  // namespace

// Two accelerators traced at once (accel and accels.small): each has its own VCD signals and its
// own timeline process, so the overlapping jobs of the two are not merged into one busy signal.
TEST(Tracer, EachAcceleratorHasItsOwnSignalsAndTimelineProcess) {
  EnergyLedger ledger;
  TraceOptions o;
  o.dir = test::scratch_dir() / "two-accelerators";
  fs::remove_all(o.dir);
  fs::create_directories(o.dir);
  o.vcd = true;
  o.timeline = true;
  {
    Tracer t(o, ledger, [] { return ByteCounters{}; });
    AccelObserver* a = t.accel_track("accel");
    AccelObserver* b = t.accel_track("small");
    EXPECT_THROW(t.accel_track("small"), std::logic_error);  // a name is one track
    a->on_accel_start(false, 1000);
    b->on_accel_start(false, 2000);
    a->on_accel_end(false, true, 1000, 5000, {}, 0);  // accel: a job in [1000, 5000) ps
    b->on_accel_end(false, true, 2000, 8000, {}, 0);  // small: a job in [2000, 8000) ps, overlapping
    b->on_accel_start(true, 9000);
    b->on_accel_end(true, true, 9000, 9500, {}, 4096);  // small: a PB load of 4096 B
    t.finish(10000, {});
  }
  const auto v = vcd_changes(slurp(o.dir / "signals.vcd"));
  EXPECT_EQ(v.at("accel_busy"), (std::vector<std::string>{"1000:1", "5000:0"}));
  EXPECT_EQ(v.count("accel_pb_loading"), 0u);  // declared, never set
  EXPECT_EQ(v.at("small_busy"), (std::vector<std::string>{"2000:1", "8000:0"}));
  EXPECT_EQ(v.at("small_pb_loading"), (std::vector<std::string>{"9000:1", "9500:0"}));

  // Timeline: "accelerator" keeps process 2; small gets the first process after the fixed four (5).
  const nlohmann::json j = nlohmann::json::parse(slurp(o.dir / "timeline.json"));
  std::map<int, std::string> process;
  std::vector<std::pair<int, std::string>> accel_events;
  for (const auto& e : j.at("traceEvents")) {
    if (e.at("name") == "process_name") process[e.at("pid").get<int>()] = e.at("args").at("name").get<std::string>();
    if (e.value("cat", "") == "accel") accel_events.emplace_back(e.at("pid").get<int>(), e.at("name").get<std::string>());
  }
  EXPECT_EQ(process.at(2), "accelerator");
  EXPECT_EQ(process.at(5), "accelerator small");
  EXPECT_EQ(accel_events, (std::vector<std::pair<int, std::string>>{{2, "job"}, {5, "job"}, {5, "PB load"}}));
}
