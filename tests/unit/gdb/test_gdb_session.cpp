// The GDB remote protocol (models/gdb/gdb_session.h) packet by packet, without gdb and without
// sockets: a scripted connection feeds gdb's side, a fake target records what the stub asks.
// Malformed packets, bad checksums and out-of-range memory get answers; a closed connection
// ends serve() with a detach instead of blocking.
#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gdb/gdb_session.h"

using namespace sushi::gdb;

namespace {

// gdb's side: chunks delivered one per read; when they run out the connection closes (or,
// for poll tests, reports a timeout).
struct ScriptConnection : Connection {
  std::deque<std::string> incoming;
  std::string sent;
  bool close_when_done = true;
  bool writable = true;

  ReadStatus read(char* buf, std::size_t max, std::size_t& got, int /*timeout_ms*/) override {
    got = 0;
    if (incoming.empty()) return close_when_done ? ReadStatus::closed : ReadStatus::timeout;
    std::string& c = incoming.front();
    got = std::min(max, c.size());
    std::memcpy(buf, c.data(), got);
    c.erase(0, got);
    if (c.empty()) incoming.pop_front();
    return ReadStatus::data;
  }
  bool write(std::string_view b) override {
    if (!writable) return false;
    sent += b;
    return true;
  }
  void gdb_sends(const std::string& payload) { incoming.push_back(frame_packet(payload)); }
};

// A 32-bit target: 33 general registers (the pc is 32), CSR 0x300 at regnum 65 + 0x300,
// 256 bytes of memory at 0x1000.
struct FakeTarget : DebugTarget {
  std::uint64_t regs[33] = {};
  std::uint64_t mstatus = 0x1800;
  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(256);
  std::set<std::uint64_t> breakpoints;
  std::vector<std::tuple<WatchKind, std::uint64_t, std::uint64_t>> watches;
  std::string xml = std::string(100, 'x') + "#$}*" + std::string(100, 'y');

  const std::string& target_xml() const override { return xml; }
  unsigned register_bytes() const override { return 4; }
  unsigned general_registers() const override { return 33; }
  unsigned pc_regnum() const override { return 32; }
  bool read_register(unsigned n, std::uint64_t& v) override {
    if (n < 33) v = regs[n];
    else if (n == 65 + 0x300) v = mstatus;
    else return false;
    return true;
  }
  bool write_register(unsigned n, std::uint64_t v) override {
    if (n >= 33) return false;
    regs[n] = v;
    return true;
  }
  std::size_t read_memory(std::uint64_t a, std::uint8_t* out, std::size_t len) override {
    if (a < 0x1000 || a >= 0x1100) return 0;
    const std::size_t n = std::min<std::size_t>(len, 0x1100 - a);
    std::memcpy(out, mem.data() + (a - 0x1000), n);
    return n;
  }
  std::size_t write_memory(std::uint64_t a, const std::uint8_t* d, std::size_t len) override {
    if (a < 0x1000 || a >= 0x1100) return 0;
    const std::size_t n = std::min<std::size_t>(len, 0x1100 - a);
    std::memcpy(mem.data() + (a - 0x1000), d, n);
    return n;
  }
  bool insert_breakpoint(std::uint64_t a) override {
    if (a % 4 != 0) return false;
    breakpoints.insert(a);
    return true;
  }
  bool remove_breakpoint(std::uint64_t a) override {
    breakpoints.erase(a);
    return true;
  }
  bool insert_watchpoint(WatchKind k, std::uint64_t a, std::uint64_t l) override {
    watches.emplace_back(k, a, l);
    return true;
  }
  bool remove_watchpoint(WatchKind k, std::uint64_t a, std::uint64_t l) override {
    watches.erase(std::remove(watches.begin(), watches.end(), std::make_tuple(k, a, l)), watches.end());
    return true;
  }
  bool monitor(const std::string& cmd, std::string& out) override {
    if (cmd != "time") return false;
    out = "1.0 us\n";
    return true;
  }
};

// What the stub sent, decoded: its packets' payloads, and its '+' / '-' in order as "+" / "-".
std::vector<std::string> stub_said(const std::string& sent) {
  RspDecoder d;
  d.feed(sent);
  std::vector<std::string> out;
  while (auto e = d.next()) {
    if (e->kind == RspEvent::Kind::packet) out.push_back(e->payload);
    else if (e->kind == RspEvent::Kind::ack) out.push_back("+");
    else if (e->kind == RspEvent::Kind::nak) out.push_back("-");
  }
  return out;
}

// What the stub said (acknowledgements and packets) to raw chunks from gdb, served until they
// run out (the connection closes).
std::vector<std::string> stub_answers(const std::vector<std::string>& chunks) {
  FakeTarget t;
  ScriptConnection c;
  c.incoming.assign(chunks.begin(), chunks.end());
  Session s(t, c);
  s.serve({}, false);
  return stub_said(c.sent);
}

// The stub's replies (packets only) to a script of packets, each script on a new connection
// to the same target, served until the script ends (the connection closes: a detach).
struct Exchange {
  FakeTarget target;

  std::vector<std::string> replies(const std::vector<std::string>& packets) {
    ScriptConnection conn;
    Session session(target, conn);
    for (const auto& p : packets) conn.gdb_sends(p);
    const Resume r = session.serve({}, false);
    EXPECT_EQ(r.kind, Resume::Kind::detach);
    std::vector<std::string> out;
    for (const auto& s : stub_said(conn.sent)) {
      if (s != "+" && s != "-") out.push_back(s);
    }
    return out;
  }
  std::string reply(const std::string& packet) {
    const auto r = replies({packet});
    EXPECT_EQ(r.size(), 1u) << packet;
    return r.empty() ? std::string("<none>") : r[0];
  }
};

}  // namespace

TEST(GdbSession, AnnouncesItsFeaturesAndTheStopReason) {
  Exchange x;
  const std::string s = x.reply("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
  EXPECT_EQ(s, "PacketSize=4000;qXfer:features:read+;swbreak+;hwbreak+;QStartNoAckMode+;vContSupported+");
  EXPECT_EQ(x.reply("?"), "T05thread:1;");
}

TEST(GdbSession, AcknowledgesEveryGoodPacketAndNaksABadChecksum) {
  // A bad checksum gets '-', then gdb sends the packet again.
  EXPECT_EQ(stub_answers({"$?#00", frame_packet("?")}), (std::vector<std::string>{"-", "+", "T05thread:1;"}));
}

TEST(GdbSession, ResendsItsLastPacketWhenGdbNaksIt) {
  EXPECT_EQ(stub_answers({frame_packet("?"), "-"}), (std::vector<std::string>{"+", "T05thread:1;", "T05thread:1;"}));
}

TEST(GdbSession, NoAckModeStopsTheAcknowledgements) {
  // gdb acknowledges the OK, then neither side does.
  EXPECT_EQ(stub_answers({frame_packet("QStartNoAckMode"), "+", frame_packet("?")}),
            (std::vector<std::string>{"+", "OK", "T05thread:1;"}));
}

TEST(GdbSession, ReadsAndWritesRegisters) {
  Exchange x;
  x.target.regs[1] = 0x12345678;
  x.target.regs[32] = 0x100;
  const std::string g = x.reply("g");
  ASSERT_EQ(g.size(), 33u * 8);
  EXPECT_EQ(g.substr(8, 8), "78563412");           // x1, little-endian
  EXPECT_EQ(g.substr(32 * 8, 8), "00010000");      // pc
  EXPECT_EQ(x.reply("p20"), "00010000");           // pc is register 0x20
  EXPECT_EQ(x.reply("p341"), "00180000");          // 65 + 0x300 = 0x341: mstatus
  EXPECT_EQ(x.reply("P20=08010000"), "OK");
  EXPECT_EQ(x.target.regs[32], 0x108u);
  EXPECT_EQ(x.reply("G" + std::string(33 * 8, '0')), "OK");
  EXPECT_EQ(x.target.regs[1], 0u);
}

TEST(GdbSession, MalformedRegisterPacketsGetAnError) {
  Exchange x;
  EXPECT_EQ(x.reply("p"), "E01");
  EXPECT_EQ(x.reply("pzz"), "E01");
  EXPECT_EQ(x.reply("p400"), "E01");        // no such register
  EXPECT_EQ(x.reply("P20"), "E01");         // no value
  EXPECT_EQ(x.reply("P20=0801"), "E01");    // too short for 32 bits
  EXPECT_EQ(x.reply("G0000"), "E01");       // not 33 registers
}

TEST(GdbSession, ReadsAndWritesMemoryAndRefusesWhatIsNotThere) {
  Exchange x;
  x.target.mem[0] = 0xab;
  x.target.mem[1] = 0xcd;
  EXPECT_EQ(x.reply("m1000,2"), "abcd");
  EXPECT_EQ(x.reply("m10fe,4"), "0000");    // the range ends inside: the bytes that exist
  EXPECT_EQ(x.reply("m2000,4"), "E14");     // nothing there
  EXPECT_EQ(x.reply("mffffffffffffffff,4"), "E14");
  EXPECT_EQ(x.reply("M1004,2:beef"), "OK");
  EXPECT_EQ(x.target.mem[4], 0xbe);
  EXPECT_EQ(x.reply("M3000,1:00"), "E14");
  // X: binary with escapes; '}' 0x03 is '#'.
  EXPECT_EQ(x.reply(std::string("X1008,2:}\x03") + "A"), "OK");
  EXPECT_EQ(x.target.mem[8], '#');
  EXPECT_EQ(x.target.mem[9], 'A');
  EXPECT_EQ(x.reply("X1008,0:"), "OK");     // gdb's probe for X
}

TEST(GdbSession, MalformedMemoryPacketsGetAnError) {
  Exchange x;
  EXPECT_EQ(x.reply("m"), "E01");
  EXPECT_EQ(x.reply("m1000"), "E01");        // no length
  EXPECT_EQ(x.reply("mzz,4"), "E01");
  EXPECT_EQ(x.reply("M1000,2:abc"), "E01");  // odd hex
  EXPECT_EQ(x.reply("M1000,2:ab"), "E01");   // shorter than its length
  EXPECT_EQ(x.reply("M1000,2"), "E01");      // no data
  EXPECT_EQ(x.reply("X1000,1:}"), "E01");    // ends inside an escape
}

TEST(GdbSession, BreakpointsAndWatchpointsGoToTheTarget) {
  Exchange x;
  EXPECT_EQ(x.reply("Z0,1100,4"), "OK");
  EXPECT_EQ(x.reply("Z1,1104,4"), "OK");  // hardware: the same to an ISS
  EXPECT_EQ(x.target.breakpoints, (std::set<std::uint64_t>{0x1100, 0x1104}));
  EXPECT_EQ(x.reply("z0,1100,4"), "OK");
  EXPECT_EQ(x.target.breakpoints, (std::set<std::uint64_t>{0x1104}));
  EXPECT_EQ(x.reply("Z0,1102,4"), "E01");  // the target refuses
  EXPECT_EQ(x.reply("Z2,1000,8"), "OK");
  EXPECT_EQ(x.reply("Z3,1010,4"), "OK");
  EXPECT_EQ(x.reply("Z4,1020,1"), "OK");
  ASSERT_EQ(x.target.watches.size(), 3u);
  EXPECT_EQ(x.target.watches[1], std::make_tuple(WatchKind::read, std::uint64_t{0x1010}, std::uint64_t{4}));
  EXPECT_EQ(x.reply("z2,1000,8"), "OK");
  EXPECT_EQ(x.target.watches.size(), 2u);
  EXPECT_EQ(x.reply("Z2,1000,0"), "E01");  // nothing to watch
  EXPECT_EQ(x.reply("Z5,1000,4"), "");     // unknown type: not supported
  EXPECT_EQ(x.reply("Z0,zz,4"), "E01");
  EXPECT_EQ(x.reply("Z0"), "E01");
}

TEST(GdbSession, ResumeCommandsEndServeWithoutAReply) {
  for (const auto& [packet, kind] : std::vector<std::pair<std::string, Resume::Kind>>{
           {"c", Resume::Kind::cont},       {"s", Resume::Kind::step},         {"C05", Resume::Kind::cont},
           {"S05", Resume::Kind::step},     {"vCont;c", Resume::Kind::cont},   {"vCont;s:1;c", Resume::Kind::step},
           {"vCont;C02:1", Resume::Kind::cont}, {"k", Resume::Kind::kill},     {"vKill;1", Resume::Kind::kill},
           {"D", Resume::Kind::detach}}) {
    FakeTarget t;
    ScriptConnection c;
    c.close_when_done = false;
    c.gdb_sends(packet);
    Session s(t, c);
    EXPECT_EQ(s.serve({}, false).kind, kind) << packet;
    const auto said = stub_said(c.sent);
    ASSERT_GE(said.size(), 1u) << packet;
    EXPECT_EQ(said[0], "+") << packet;
    if (packet == "D" || packet.rfind("vKill", 0) == 0) {
      ASSERT_EQ(said.size(), 2u);
      EXPECT_EQ(said[1], "OK");
    } else {
      EXPECT_EQ(said.size(), 1u) << packet;  // the stop reply comes when the target stops again
    }
  }
}

TEST(GdbSession, ContinueAtAnAddressSetsThePcFirst) {
  FakeTarget t;
  ScriptConnection c;
  c.gdb_sends("c1200");
  Session s(t, c);
  EXPECT_EQ(s.serve({}, false).kind, Resume::Kind::cont);
  EXPECT_EQ(t.regs[32], 0x1200u);
}

TEST(GdbSession, StopRepliesNameTheReason) {
  FakeTarget t;
  ScriptConnection c;
  c.close_when_done = false;
  Session s(t, c);
  c.gdb_sends("qSupported:swbreak+");
  c.gdb_sends("c");
  s.serve({}, false);
  c.sent.clear();
  StopEvent bp{StopEvent::Kind::stopped, signal::trap};
  bp.swbreak = true;
  StopEvent w{StopEvent::Kind::stopped, signal::trap};
  w.watch = true;
  w.watch_kind = WatchKind::read;
  w.watch_addr = 0x1010;
  for (const StopEvent& e : {bp, w, StopEvent{StopEvent::Kind::stopped, signal::intr},
                             StopEvent{StopEvent::Kind::stopped, signal::segv}}) {
    c.gdb_sends("c");  // each stop is answered by a continue
    EXPECT_EQ(s.serve(e, true).kind, Resume::Kind::cont);
  }
  std::vector<std::string> replies;
  for (const auto& x : stub_said(c.sent)) {
    if (x != "+") replies.push_back(x);
  }
  EXPECT_EQ(replies, (std::vector<std::string>{"T05thread:1;swbreak:;", "T05thread:1;rwatch:1010;", "T02thread:1;",
                                               "T0bthread:1;"}));
}

TEST(GdbSession, TheEndOfTheProgramIsAWOrXPacket) {
  FakeTarget t;
  ScriptConnection c;
  Session s(t, c);
  StopEvent exited{StopEvent::Kind::exited, signal::none};
  exited.exit_code = 3;
  s.report_end(exited);
  s.report_end({StopEvent::Kind::terminated, signal::abrt});
  EXPECT_EQ(stub_said(c.sent), (std::vector<std::string>{"W03", "X06"}));
}

TEST(GdbSession, ServesTheTargetDescriptionInEscapedChunks) {
  Exchange x;
  // 204 bytes; the 4 special characters at 100..103 travel escaped, the stub reports the end.
  const std::string first = x.reply("qXfer:features:read:target.xml:0,64");
  EXPECT_EQ(first, "m" + std::string(100, 'x'));
  const std::string mid = x.reply("qXfer:features:read:target.xml:64,8");
  EXPECT_EQ(unescape_binary(mid.substr(1)), "#$}*yyyy");
  EXPECT_EQ(x.reply("qXfer:features:read:target.xml:c8,100"), "lyyyy");
  EXPECT_EQ(x.reply("qXfer:features:read:target.xml:1000,100"), "l");
  EXPECT_EQ(x.reply("qXfer:features:read:other.xml:0,10"), "E00");
  EXPECT_EQ(x.reply("qXfer:features:read:target.xml"), "E01");
}

TEST(GdbSession, MonitorCommandsPrintThroughOPackets) {
  Exchange x;
  // "time" in hex: 74 69 6d 65; output "1.0 us\n".
  const auto r = x.replies({"qRcmd,74696d65"});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0], "O" + to_hex("1.0 us\n"));
  EXPECT_EQ(r[1], "OK");
  const auto unknown = x.replies({"qRcmd,6e6f"});
  EXPECT_EQ(unknown.back(), "OK");
  EXPECT_EQ(x.reply("qRcmd,zz"), "E01");
}

TEST(GdbSession, AnswersTheSingleThreadQueriesAndLeavesTheRestUnsupported) {
  Exchange x;
  const std::vector<std::pair<std::string, std::string>> table = {
      {"qAttached", "1"}, {"qC", "QC1"}, {"qfThreadInfo", "m1"}, {"qsThreadInfo", "l"}, {"Hg0", "OK"}, {"T1", "OK"},
      {"vCont?", "vCont;c;C;s;S"}, {"vMustReplyEmpty", ""}, {"qTStatus", ""}, {"!", ""}, {"", ""},
      {"vCont;x", "E01"},
      {"C", "E01"},  // a signal number is required
  };
  for (const auto& [packet, reply] : table) EXPECT_EQ(x.reply(packet), reply) << packet;
}

TEST(GdbSession, ATooLongPacketIsAcknowledgedAndRefused) {
  FakeTarget t;
  ScriptConnection c;
  Session s(t, c, 64);
  c.gdb_sends("M1000,100:" + std::string(512, '0'));
  s.serve({}, false);
  EXPECT_EQ(stub_said(c.sent), (std::vector<std::string>{"+", "E01"}));
}

TEST(GdbSession, AClosedConnectionIsADetachAndALostOneStopsWriting) {
  FakeTarget t;
  ScriptConnection c;
  Session s(t, c);
  EXPECT_EQ(s.serve({}, true).kind, Resume::Kind::detach);  // nothing more to read
  EXPECT_TRUE(s.closed());
  ScriptConnection lost;
  lost.writable = false;
  lost.close_when_done = false;
  lost.gdb_sends("?");
  Session s2(t, lost);
  EXPECT_EQ(s2.serve({}, true).kind, Resume::Kind::detach);  // the stop reply could not be sent
}

TEST(GdbSession, PollWhileRunningFindsCtrlCAndKeepsPacketsForLater) {
  FakeTarget t;
  ScriptConnection c;
  c.close_when_done = false;
  Session s(t, c);
  EXPECT_EQ(s.poll(), Session::Poll::nothing);
  c.incoming.push_back(frame_packet("?") + "\x03");
  EXPECT_EQ(s.poll(), Session::Poll::interrupt);
  c.gdb_sends("c");
  EXPECT_EQ(s.serve({StopEvent::Kind::stopped, signal::intr}, true).kind, Resume::Kind::cont);
  // The '?' that came while running was answered after the stop reply.
  EXPECT_EQ(stub_said(c.sent), (std::vector<std::string>{"T02thread:1;", "+", "T02thread:1;", "+"}));
  c.close_when_done = true;
  EXPECT_EQ(s.poll(), Session::Poll::closed);
}
