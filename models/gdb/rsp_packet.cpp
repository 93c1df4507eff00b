#include "gdb/rsp_packet.h"

namespace sushi::gdb {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr char kDigits[] = "0123456789abcdef";

bool needs_escape(char c) { return c == '#' || c == '$' || c == '}' || c == '*'; }

}  // namespace

void RspDecoder::feed(std::string_view bytes) {
  for (const char c : bytes) {
    switch (state_) {
      case State::idle:
        if (c == '$') {
          state_ = State::payload;
          payload_.clear();
          overflow_ = false;
          sum_ = 0;
        } else if (c == '+') {
          events_.push_back({RspEvent::Kind::ack, {}});
        } else if (c == '-') {
          events_.push_back({RspEvent::Kind::nak, {}});
        } else if (c == '\x03') {
          events_.push_back({RspEvent::Kind::interrupt, {}});
        }
        break;
      case State::payload:
        if (c == '#') {
          state_ = State::checksum1;
        } else if (c == '$') {  // the previous packet was cut off: start again
          payload_.clear();
          overflow_ = false;
          sum_ = 0;
        } else {
          sum_ = static_cast<std::uint8_t>(sum_ + static_cast<std::uint8_t>(c));
          if (payload_.size() < max_payload_) payload_ += c;
          else overflow_ = true;
        }
        break;
      case State::checksum1:
        expected_ = hex_digit(c);
        state_ = expected_ < 0 ? State::idle : State::checksum2;
        if (expected_ < 0) events_.push_back({RspEvent::Kind::bad_checksum, {}});
        break;
      case State::checksum2: {
        const int lo = hex_digit(c);
        state_ = State::idle;
        if (lo < 0 || ((expected_ << 4) | lo) != sum_) {
          events_.push_back({RspEvent::Kind::bad_checksum, {}});
        } else if (overflow_) {
          events_.push_back({RspEvent::Kind::too_long, {}});
        } else {
          events_.push_back({RspEvent::Kind::packet, std::move(payload_)});
        }
        payload_.clear();
        break;
      }
    }
  }
}

std::optional<RspEvent> RspDecoder::next() {
  if (head_ >= events_.size()) return std::nullopt;
  RspEvent e = std::move(events_[head_++]);
  if (head_ == events_.size()) {
    events_.clear();
    head_ = 0;
  }
  return e;
}

std::string frame_packet(std::string_view payload) {
  std::string out;
  out.reserve(payload.size() + 4);
  out += '$';
  std::uint8_t sum = 0;
  for (const char c : payload) {
    out += c;
    sum = static_cast<std::uint8_t>(sum + static_cast<std::uint8_t>(c));
  }
  out += '#';
  out += kDigits[sum >> 4];
  out += kDigits[sum & 15];
  return out;
}

std::string escape_binary(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (const char c : data) {
    if (needs_escape(c)) {
      out += '}';
      out += static_cast<char>(c ^ 0x20);
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> unescape_binary(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '}') {
      if (++i >= data.size()) return std::nullopt;
      out += static_cast<char>(data[i] ^ 0x20);
    } else {
      out += data[i];
    }
  }
  return out;
}

std::string to_hex(const std::uint8_t* data, std::size_t n) {
  std::string out(2 * n, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 15];
  }
  return out;
}

std::string to_hex(std::string_view bytes) {
  return to_hex(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return out;
}

std::optional<std::uint64_t> parse_hex(std::string_view field) {
  if (field.empty() || field.size() > 16) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : field) {
    const int d = hex_digit(c);
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<std::uint64_t>(d);
  }
  return v;
}

std::string le_hex(std::uint64_t value, unsigned bytes) {
  std::uint8_t b[8] = {};
  for (unsigned i = 0; i < bytes && i < 8; ++i) b[i] = static_cast<std::uint8_t>(value >> (8 * i));
  return to_hex(b, bytes < 8 ? bytes : 8);
}

std::optional<std::uint64_t> parse_le_hex(std::string_view hex, unsigned bytes) {
  if (bytes > 8 || hex.size() != 2 * std::size_t{bytes}) return std::nullopt;
  const auto b = from_hex(hex);
  if (!b) return std::nullopt;
  std::uint64_t v = 0;
  for (unsigned i = 0; i < bytes; ++i) v |= std::uint64_t{(*b)[i]} << (8 * i);
  return v;
}

}  // namespace sushi::gdb
