// The GDB remote serial protocol, all-stop mode, one thread: answers gdb's packets from a
// DebugTarget over a Connection (the "Remote Protocol" appendix of the GDB manual). No socket
// and no simulator inside, so every packet can be tested alone (tests/unit/gdb).
//
// Supported: qSupported, qXfer:features:read (the target description), ?, g/G, p/P, m/M/X,
// c/s/C/S and vCont (signals are not delivered: C/S resume like c/s), Z0..Z4/z0..z4, D, k, vKill,
// qRcmd (monitor), QStartNoAckMode, the single-thread queries (qC, qfThreadInfo, H, T...).
// Anything else gets the empty reply ("not supported"); a malformed packet gets E01, a memory
// access with nothing there E14. A bad checksum is answered '-' (gdb sends the packet again); a
// '-' from gdb sends the last reply again, at most 8 times in a row.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "gdb/connection.h"
#include "gdb/debug_target.h"
#include "gdb/rsp_packet.h"

namespace sushi::gdb {

// What gdb asked the halted target to do next.
struct Resume {
  enum class Kind {
    cont,    // run until something stops it
    step,    // execute one instruction
    detach,  // run on without the debugger (gdb detached, or the connection closed)
    kill,    // end the program
  };
  Kind kind = Kind::cont;
};

class Session {
 public:
  // `packet_size`: the largest packet gdb may send and the stub sends (qSupported PacketSize).
  Session(DebugTarget& target, Connection& connection, std::size_t packet_size = 0x4000);

  // Answers gdb until it resumes the target. `announce`: first send `stop` as the stop reply (the
  // target stopped after a resume); otherwise gdb learns it by asking `?` (right after it
  // connects). Returns detach when the connection closes.
  Resume serve(const StopEvent& stop, bool announce);

  // While the target runs: takes what gdb sent, without waiting. Packets are kept for the next
  // serve(); an interrupt (Ctrl-C) or the end of the connection is reported.
  enum class Poll { nothing, interrupt, closed };
  Poll poll();

  // The program ended (exited / terminated): the W or X packet; gdb expects no more.
  void report_end(const StopEvent& end);
  bool closed() const { return closed_; }

 private:
  // Handles one packet; sets `resume` for c/s/D/k. Returns the reply (nullopt: none).
  std::optional<std::string> handle(const std::string& packet, const StopEvent& stop, std::optional<Resume>& resume);
  std::string handle_query(const std::string& packet);
  std::string handle_breakpoint(const std::string& packet);
  std::string handle_vcont(const std::string& packet, std::optional<Resume>& resume);
  std::string read_memory(const std::string& packet);
  std::string write_memory(const std::string& packet, bool binary);
  std::string stop_reply(const StopEvent& stop) const;
  bool resume_at(const std::string& args);  // c/s with an address: set the pc first
  void send(const std::string& payload);
  void write_raw(const std::string& bytes);
  // Reads and decodes more bytes; false when the connection closed.
  bool receive(int timeout_ms);

  DebugTarget& target_;
  Connection& conn_;
  std::size_t packet_size_;
  RspDecoder decoder_;
  std::deque<RspEvent> held_;  // events taken by poll() that serve() handles
  bool ack_mode_ = true;
  bool swbreak_ = false;       // gdb understands swbreak stop reasons (qSupported)
  std::string last_sent_;      // the last packet, for a resend after '-'
  int resends_ = 0;
  bool closed_ = false;
};

}  // namespace sushi::gdb
