#include "gdb/gdb_session.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace sushi::gdb {
namespace {

constexpr const char* kBadRequest = "E01";
constexpr const char* kNoMemory = "E14";  // EFAULT
constexpr int kMaxResends = 8;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// "a,b" (hex) into two numbers.
bool parse_pair(std::string_view s, char sep, std::uint64_t& a, std::uint64_t& b) {
  const auto pos = s.find(sep);
  if (pos == std::string_view::npos) return false;
  const auto x = parse_hex(s.substr(0, pos)), y = parse_hex(s.substr(pos + 1));
  if (!x || !y) return false;
  a = *x;
  b = *y;
  return true;
}

}  // namespace

Session::Session(DebugTarget& target, Connection& connection, std::size_t packet_size)
    : target_(target), conn_(connection), packet_size_(packet_size), decoder_(packet_size) {}

void Session::write_raw(const std::string& bytes) {
  if (closed_) return;
  if (!conn_.write(bytes)) closed_ = true;
}

void Session::send(const std::string& payload) {
  last_sent_ = frame_packet(payload);
  resends_ = 0;
  write_raw(last_sent_);
}

bool Session::receive(int timeout_ms) {
  std::array<char, 4096> buf{};
  std::size_t got = 0;
  const Connection::ReadStatus s = conn_.read(buf.data(), buf.size(), got, timeout_ms);
  if (s == Connection::ReadStatus::closed) {
    closed_ = true;
    return false;
  }
  if (s == Connection::ReadStatus::data) decoder_.feed(std::string_view(buf.data(), got));
  return true;
}

Session::Poll Session::poll() {
  if (closed_) return Poll::closed;
  Poll result = Poll::nothing;
  // Drain what has arrived (a bounded amount: each read takes what the socket holds).
  for (int i = 0; i < 64; ++i) {
    std::array<char, 4096> buf{};
    std::size_t got = 0;
    const Connection::ReadStatus s = conn_.read(buf.data(), buf.size(), got, 0);
    if (s == Connection::ReadStatus::closed) {
      closed_ = true;
      return Poll::closed;
    }
    if (s == Connection::ReadStatus::timeout) break;
    decoder_.feed(std::string_view(buf.data(), got));
  }
  while (auto e = decoder_.next()) {
    if (e->kind == RspEvent::Kind::interrupt) result = Poll::interrupt;
    else if (e->kind == RspEvent::Kind::ack) resends_ = 0;
    else held_.push_back(std::move(*e));  // packets (and naks) wait for the next serve()
  }
  return result;
}

Resume Session::serve(const StopEvent& stop, bool announce) {
  if (announce) send(stop_reply(stop));
  for (;;) {
    if (closed_) return {Resume::Kind::detach};
    std::optional<RspEvent> e;
    if (!held_.empty()) {
      e = std::move(held_.front());
      held_.pop_front();
    } else {
      e = decoder_.next();
    }
    if (!e) {
      if (!receive(-1)) return {Resume::Kind::detach};
      continue;
    }
    switch (e->kind) {
      case RspEvent::Kind::packet: {
        if (ack_mode_) write_raw("+");
        std::optional<Resume> resume;
        const std::optional<std::string> reply = handle(e->payload, stop, resume);
        if (reply) send(*reply);
        if (resume) return *resume;
        break;
      }
      case RspEvent::Kind::bad_checksum:
        if (ack_mode_) write_raw("-");
        break;
      case RspEvent::Kind::too_long:
        if (ack_mode_) write_raw("+");
        send(kBadRequest);
        break;
      case RspEvent::Kind::nak:
        if (!last_sent_.empty() && resends_ < kMaxResends) {
          ++resends_;
          write_raw(last_sent_);
        }
        break;
      case RspEvent::Kind::ack:
        resends_ = 0;
        break;
      case RspEvent::Kind::interrupt:  // already stopped: nothing to interrupt
        break;
    }
  }
}

void Session::report_end(const StopEvent& end) {
  if (end.kind == StopEvent::Kind::exited) send(fmt::format("W{:02x}", end.exit_code & 0xff));
  else send(fmt::format("X{:02x}", end.signal & 0xff));
}

std::string Session::stop_reply(const StopEvent& stop) const {
  if (stop.kind == StopEvent::Kind::exited) return fmt::format("W{:02x}", stop.exit_code & 0xff);
  if (stop.kind == StopEvent::Kind::terminated) return fmt::format("X{:02x}", stop.signal & 0xff);
  std::string r = fmt::format("T{:02x}thread:1;", stop.signal & 0xff);
  if (stop.watch) {
    static constexpr const char* kName[] = {"watch", "rwatch", "awatch"};
    r += fmt::format("{}:{:x};", kName[static_cast<int>(stop.watch_kind)], stop.watch_addr);
  } else if (stop.swbreak && swbreak_) {
    r += "swbreak:;";
  }
  return r;
}

bool Session::resume_at(const std::string& args) {
  // "c", "s" or "c ADDR"; "C SIG" / "S SIG[;ADDR]" carry a signal first (not delivered).
  if (args.empty()) return true;
  const auto addr = parse_hex(args);
  return addr && target_.write_register(target_.pc_regnum(), *addr);
}

std::optional<std::string> Session::handle(const std::string& p, const StopEvent& stop, std::optional<Resume>& resume) {
  if (p.empty()) return std::string();
  const std::string args = p.substr(1);
  switch (p[0]) {
    case '?':
      return stop_reply(stop);
    case 'g': {
      std::string r;
      for (unsigned i = 0; i < target_.general_registers(); ++i) {
        std::uint64_t v = 0;
        if (!target_.read_register(i, v)) return std::string(kBadRequest);
        r += le_hex(v, target_.register_bytes());
      }
      return r;
    }
    case 'G': {
      const std::size_t w = 2 * std::size_t{target_.register_bytes()};
      if (args.size() != w * target_.general_registers()) return std::string(kBadRequest);
      for (unsigned i = 0; i < target_.general_registers(); ++i) {
        const auto v = parse_le_hex(std::string_view(args).substr(i * w, w), target_.register_bytes());
        if (!v || !target_.write_register(i, *v)) return std::string(kBadRequest);
      }
      return std::string("OK");
    }
    case 'p': {
      const auto n = parse_hex(args);
      std::uint64_t v = 0;
      if (!n || *n > 0xffffu || !target_.read_register(static_cast<unsigned>(*n), v)) return std::string(kBadRequest);
      return le_hex(v, target_.register_bytes());
    }
    case 'P': {
      const auto eq = args.find('=');
      if (eq == std::string::npos) return std::string(kBadRequest);
      const auto n = parse_hex(std::string_view(args).substr(0, eq));
      const auto v = parse_le_hex(std::string_view(args).substr(eq + 1), target_.register_bytes());
      if (!n || !v || *n > 0xffffu || !target_.write_register(static_cast<unsigned>(*n), *v)) {
        return std::string(kBadRequest);
      }
      return std::string("OK");
    }
    case 'm':
      return read_memory(args);
    case 'M':
      return write_memory(args, false);
    case 'X':
      return write_memory(args, true);
    case 'c':
    case 's':
      if (!resume_at(args)) return std::string(kBadRequest);
      resume = Resume{p[0] == 'c' ? Resume::Kind::cont : Resume::Kind::step};
      return std::nullopt;
    case 'C':
    case 'S': {
      const auto semi = args.find(';');
      if (!parse_hex(std::string_view(args).substr(0, semi))) return std::string(kBadRequest);
      if (semi != std::string::npos && !resume_at(args.substr(semi + 1))) return std::string(kBadRequest);
      resume = Resume{p[0] == 'C' ? Resume::Kind::cont : Resume::Kind::step};
      return std::nullopt;
    }
    case 'v':
      if (p == "vCont?") return std::string("vCont;c;C;s;S");
      if (starts_with(p, "vCont;")) {
        std::string r = handle_vcont(p, resume);
        if (resume) return std::nullopt;  // the stop reply answers it
        return r;
      }
      if (starts_with(p, "vKill")) {
        resume = Resume{Resume::Kind::kill};
        return std::string("OK");
      }
      if (p == "vCtrlC") return std::string("OK");  // already stopped
      return std::string();
    case 'D':
      resume = Resume{Resume::Kind::detach};
      return std::string("OK");
    case 'k':
      resume = Resume{Resume::Kind::kill};
      return std::nullopt;
    case 'H':
    case 'T':
      return std::string("OK");  // one thread: every thread id names it
    case 'q':
    case 'Q':
      return handle_query(p);
    case 'Z':
    case 'z':
      return handle_breakpoint(p);
    default:
      return std::string();
  }
}

std::string Session::handle_vcont(const std::string& p, std::optional<Resume>& resume) {
  // vCont;ACTION[:TID][;ACTION[:TID]]...: one thread, so the first action decides.
  const std::string_view a = std::string_view(p).substr(6);
  if (a.empty()) return kBadRequest;
  switch (a[0]) {
    case 'c':
    case 'C':
      resume = Resume{Resume::Kind::cont};
      return {};
    case 's':
    case 'S':
      resume = Resume{Resume::Kind::step};
      return {};
    default:
      return kBadRequest;
  }
}

std::string Session::handle_query(const std::string& p) {
  if (starts_with(p, "qSupported")) {
    swbreak_ = p.find("swbreak+") != std::string::npos;
    return fmt::format("PacketSize={:x};qXfer:features:read+;swbreak+;hwbreak+;QStartNoAckMode+;vContSupported+",
                       packet_size_);
  }
  if (starts_with(p, "qXfer:features:read:")) {
    // qXfer:features:read:ANNEX:OFFSET,LENGTH
    const std::string_view rest = std::string_view(p).substr(20);
    const auto colon = rest.find(':');
    std::uint64_t off = 0, len = 0;
    if (colon == std::string_view::npos || !parse_pair(rest.substr(colon + 1), ',', off, len)) return kBadRequest;
    if (rest.substr(0, colon) != "target.xml") return "E00";
    const std::string& xml = target_.target_xml();
    if (off >= xml.size()) return "l";
    // Escaping may double a byte: stay within the packet size.
    const std::size_t n = std::min<std::uint64_t>({len, xml.size() - off, (packet_size_ - 8) / 2});
    return (off + n >= xml.size() ? "l" : "m") + escape_binary(std::string_view(xml).substr(off, n));
  }
  if (p == "QStartNoAckMode") {
    ack_mode_ = false;  // after this reply (gdb acknowledges it, then neither side does)
    return "OK";
  }
  if (p == "qAttached") return "1";
  if (p == "qC") return "QC1";
  if (p == "qfThreadInfo") return "m1";
  if (p == "qsThreadInfo") return "l";
  if (starts_with(p, "qSymbol")) return "OK";
  if (starts_with(p, "qRcmd,")) {
    const auto cmd = from_hex(std::string_view(p).substr(6));
    if (!cmd) return kBadRequest;
    std::string out;
    if (!target_.monitor(std::string(cmd->begin(), cmd->end()), out)) {
      out = "unknown monitor command; 'monitor help' lists them\n";
    }
    // Console output travels as O packets before the final reply.
    const std::size_t chunk = (packet_size_ - 8) / 2;
    for (std::size_t i = 0; i < out.size(); i += chunk) send("O" + to_hex(std::string_view(out).substr(i, chunk)));
    return "OK";
  }
  return {};
}

std::string Session::handle_breakpoint(const std::string& p) {
  // [Zz]TYPE,ADDR,KIND (KIND: the breakpoint's size, or the watched length).
  const bool insert = p[0] == 'Z';
  const std::string_view rest = std::string_view(p).substr(1);
  const auto c1 = rest.find(',');
  if (c1 == std::string_view::npos) return kBadRequest;
  const auto type = parse_hex(rest.substr(0, c1));
  std::string_view tail = rest.substr(c1 + 1);
  if (const auto semi = tail.find(';'); semi != std::string_view::npos) tail = tail.substr(0, semi);  // conditions
  std::uint64_t addr = 0, kind = 0;
  if (!type || !parse_pair(tail, ',', addr, kind)) return kBadRequest;
  bool ok = false;
  switch (*type) {
    case 0:
    case 1:
      ok = insert ? target_.insert_breakpoint(addr) : target_.remove_breakpoint(addr);
      break;
    case 2:
    case 3:
    case 4: {
      const WatchKind k = *type == 2 ? WatchKind::write : *type == 3 ? WatchKind::read : WatchKind::access;
      if (kind == 0) return kBadRequest;
      ok = insert ? target_.insert_watchpoint(k, addr, kind) : target_.remove_watchpoint(k, addr, kind);
      break;
    }
    default:
      return {};  // not supported
  }
  return ok ? "OK" : kBadRequest;
}

std::string Session::read_memory(const std::string& args) {
  std::uint64_t addr = 0, len = 0;
  if (!parse_pair(args, ',', addr, len)) return kBadRequest;
  if (len == 0) return {};
  len = std::min<std::uint64_t>(len, (packet_size_ - 8) / 2);
  std::vector<std::uint8_t> buf(len);
  const std::size_t n = target_.read_memory(addr, buf.data(), buf.size());
  if (n == 0) return kNoMemory;
  return to_hex(buf.data(), n);
}

std::string Session::write_memory(const std::string& args, bool binary) {
  // M ADDR,LEN:HEX  or  X ADDR,LEN:BINARY
  const auto colon = args.find(':');
  std::uint64_t addr = 0, len = 0;
  if (colon == std::string::npos || !parse_pair(std::string_view(args).substr(0, colon), ',', addr, len)) {
    return kBadRequest;
  }
  const std::string_view data = std::string_view(args).substr(colon + 1);
  std::vector<std::uint8_t> bytes;
  if (binary) {
    const auto raw = unescape_binary(data);
    if (!raw) return kBadRequest;
    bytes.assign(raw->begin(), raw->end());
  } else {
    const auto hex = from_hex(data);
    if (!hex) return kBadRequest;
    bytes = *hex;
  }
  if (bytes.size() != len) return kBadRequest;
  if (len == 0) return "OK";  // gdb probes X support with an empty write
  return target_.write_memory(addr, bytes.data(), bytes.size()) == len ? "OK" : kNoMemory;
}

}  // namespace sushi::gdb
