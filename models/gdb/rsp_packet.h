// GDB remote serial protocol framing (the "Packets" chapter of the GDB manual): no sockets, no
// target, so that it is testable byte by byte.
//
//   $<payload>#<two hex digits: payload bytes summed modulo 256>
//
// The stub answers a packet with '+' (checksum good) or '-' (bad: gdb sends it again) until gdb
// turns acknowledgements off (QStartNoAckMode). Outside packets gdb sends '+'/'-' for the stub's
// packets and a lone 0x03 byte to interrupt a running target (Ctrl-C). Binary payloads (the X
// packet) escape '#', '$', '}' and '*' as '}' followed by the byte XOR 0x20.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sushi::gdb {

// What the decoder found in the byte stream.
struct RspEvent {
  enum class Kind {
    packet,        // a complete packet with a good checksum: `payload` (still escaped)
    bad_checksum,  // a complete packet whose checksum did not match: answer '-'
    too_long,      // a packet longer than the decoder's limit, dropped: answer '+' and an error
    interrupt,     // 0x03 outside a packet
    ack,           // '+'
    nak,           // '-': resend the last packet
  };
  Kind kind;
  std::string payload;
};

// Turns a byte stream into events. Bytes outside a packet other than '+', '-', 0x03 and '$' are
// ignored (line noise); a '$' inside a packet starts a new one (the old one was cut off).
class RspDecoder {
 public:
  explicit RspDecoder(std::size_t max_payload = 64 * 1024) : max_payload_(max_payload) {}
  void feed(std::string_view bytes);
  // The oldest event not yet taken, if any.
  std::optional<RspEvent> next();
  bool pending() const { return head_ < events_.size(); }
  // True while a packet has started and not ended (more bytes are needed).
  bool in_packet() const { return state_ != State::idle; }

 private:
  enum class State { idle, payload, checksum1, checksum2 };
  std::size_t max_payload_;
  State state_ = State::idle;
  std::string payload_;
  bool overflow_ = false;
  std::uint8_t sum_ = 0;
  int expected_ = 0;
  std::vector<RspEvent> events_;
  std::size_t head_ = 0;
};

// "$payload#cs". The payload goes as given: binary data must be escaped first (escape_binary).
std::string frame_packet(std::string_view payload);
// The binary escaping of the X packet and of qXfer replies ('#', '$', '}', '*').
std::string escape_binary(std::string_view data);
// Undoes escape_binary; nullopt if the data ends inside an escape.
std::optional<std::string> unescape_binary(std::string_view data);

// Hex helpers of the protocol: lower-case pairs, little-endian register values.
std::string to_hex(const std::uint8_t* data, std::size_t n);
std::string to_hex(std::string_view bytes);
// Decodes pairs of hex digits; nullopt for an odd length or a non-hex digit.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);
// A whole field of hex digits as a number (at most 16 digits); nullopt if empty or not hex.
std::optional<std::uint64_t> parse_hex(std::string_view field);
// A register value of `bytes` bytes as target (little-endian) byte order in hex, and back.
std::string le_hex(std::uint64_t value, unsigned bytes);
std::optional<std::uint64_t> parse_le_hex(std::string_view hex, unsigned bytes);

}  // namespace sushi::gdb
