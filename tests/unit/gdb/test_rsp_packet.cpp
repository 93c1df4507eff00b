// GDB remote protocol framing (models/gdb/rsp_packet.h), byte by byte.
#include <gtest/gtest.h>

#include "gdb/rsp_packet.h"

using namespace sushi::gdb;

namespace {

std::vector<RspEvent> decode(const std::string& bytes, std::size_t max_payload = 64) {
  RspDecoder d(max_payload);
  d.feed(bytes);
  std::vector<RspEvent> out;
  while (auto e = d.next()) out.push_back(*e);
  return out;
}

}  // namespace

TEST(RspPacket, FramesWithTheModulo256ChecksumOfThePayload) {
  // 'O' + 'K' = 0x4f + 0x4b = 0x9a; "g" = 0x67; the empty packet sums to 0.
  EXPECT_EQ(frame_packet("OK"), "$OK#9a");
  EXPECT_EQ(frame_packet("g"), "$g#67");
  EXPECT_EQ(frame_packet(""), "$#00");
}

TEST(RspPacket, DecodesPacketsAcksInterruptsAndIgnoresNoise) {
  const auto e = decode("xx+$g#67-\x03junk$?#3f");
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].kind, RspEvent::Kind::ack);
  EXPECT_EQ(e[1].kind, RspEvent::Kind::packet);
  EXPECT_EQ(e[1].payload, "g");
  EXPECT_EQ(e[2].kind, RspEvent::Kind::nak);
  EXPECT_EQ(e[3].kind, RspEvent::Kind::interrupt);
  EXPECT_EQ(e[4].kind, RspEvent::Kind::packet);
  EXPECT_EQ(e[4].payload, "?");  // '?' = 0x3f
}

TEST(RspPacket, APacketSplitAcrossReadsIsReassembled) {
  RspDecoder d;
  d.feed("$m10");
  EXPECT_FALSE(d.next());
  EXPECT_TRUE(d.in_packet());
  d.feed("00,4#");
  d.feed("8");
  EXPECT_FALSE(d.next());
  d.feed("e");  // m1000,4: 6d+31+30+30+30+2c+34 = 0x18e -> 0x8e
  const auto e = d.next();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, RspEvent::Kind::packet);
  EXPECT_EQ(e->payload, "m1000,4");
  EXPECT_FALSE(d.in_packet());
}

TEST(RspPacket, BadOrNonHexChecksumsAreReportedNotDelivered) {
  auto e = decode("$g#00");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, RspEvent::Kind::bad_checksum);
  e = decode("$g#zz$g#67");  // the bad one, then the stream goes on
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, RspEvent::Kind::bad_checksum);
  EXPECT_EQ(e[1].kind, RspEvent::Kind::packet);
}

TEST(RspPacket, ADollarInsideAPacketStartsAgainAndTooLongPacketsAreDropped) {
  auto e = decode("$mcut$g#67");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].payload, "g");
  // 5 bytes over a limit of 4: dropped whole (its checksum is still checked: 'a' x 5 = 0x1e5).
  e = decode("$aaaaa#e5$g#67", 4);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, RspEvent::Kind::too_long);
  EXPECT_EQ(e[1].payload, "g");
}

TEST(RspPacket, BinaryEscapingRoundTrips) {
  const std::string raw = std::string("a#b$c}d*e") + '\0' + "\x03";
  const std::string esc = escape_binary(raw);
  EXPECT_EQ(esc, std::string("a}\x03" "b}\x04" "c}]d}\x0a" "e") + '\0' + "\x03");
  EXPECT_EQ(unescape_binary(esc), raw);
  EXPECT_FALSE(unescape_binary("ab}"));  // ends inside an escape
}

TEST(RspPacket, HexHelpers) {
  EXPECT_EQ(le_hex(0x12345678u, 4), "78563412");  // target byte order
  EXPECT_EQ(parse_le_hex("78563412", 4), 0x12345678u);
  EXPECT_FALSE(parse_le_hex("785634", 4));
  EXPECT_FALSE(parse_le_hex("7856341g", 4));
  EXPECT_EQ(parse_hex("A0000000"), 0xa0000000u);
  EXPECT_FALSE(parse_hex(""));
  EXPECT_FALSE(parse_hex("12345678123456789"));  // more than 64 bits
  EXPECT_FALSE(parse_hex("-1"));
  EXPECT_FALSE(from_hex("abc"));
  EXPECT_EQ(to_hex("\x01\xff"), "01ff");
}
