// The GDB stub of the RV32 core (docs/rv32.md, "Debugging"): the core as a gdb::DebugTarget
// (x0..x31, pc and the machine CSRs; the core's address space; breakpoints, watchpoints on the
// local memory, caught exceptions), and the hooks by which Rv32Cpu's thread hands the core to the
// debugger.
//
// Simulated time: the debugger is served inside the core's SystemC thread without wait(), so
// the kernel, and with it simulated time, stands still while the core is halted. The core stops
// only between instructions and exactly where it would anyway (a stop never moves a
// synchronisation point), so a debugged run gives the same results as an undebugged one as
// long as the debugger only looks (writing registers or memory changes the program, as on a
// board).
//
// Interrupts from the debugger (Ctrl-C, a debugger connecting to a running core) are noticed
// between slices of execution (at most one sim.quantum of the core's cycles) and, while the core
// sleeps in WFI, through a readiness watcher thread that wakes the core's thread with
// async_request_update; the watcher only polls, all reading is done by the simulation thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "cpu/rv32/rv32_core.h"
#include "cpu/rv32/rv32_params.h"
#include "gdb/debug_target.h"
#include "gdb/gdb_session.h"
#include "gdb/tcp_transport.h"

namespace sushi {

class Rv32Cpu;

// Defaults: the declared cpu.rv32.gdb.* ones (cpu/rv32/rv32_params.h).
struct Rv32GdbParams {
  std::uint16_t port = Rv32Params().gdb.port;  // 0: a free port the system chooses (port() tells which)
  bool wait = Rv32Params().gdb.wait;           // halt before the first instruction until a debugger connects
};

// Wakes the core's thread from the watcher thread (the only thread-safe entry into the kernel).
class DebuggerWake : public sc_core::sc_prim_channel {
 public:
  explicit DebuggerWake(const char* name) : sc_core::sc_prim_channel(name) {}
  void wake_from_any_thread() { async_request_update(); }
  const sc_core::sc_event& event() const { return event_; }

 private:
  void update() override { event_.notify(sc_core::SC_ZERO_TIME); }
  sc_core::sc_event event_;
};

class Rv32Gdb : private gdb::DebugTarget {
 public:
  // Listens on 127.0.0.1:params.port (throws std::runtime_error naming the address when it
  // cannot). Construct during elaboration (it creates a primitive channel).
  Rv32Gdb(Rv32Cpu& cpu, const Rv32GdbParams& params);
  ~Rv32Gdb() override;

  std::uint16_t port() const { return listener_->port(); }
  bool wait() const { return params_.wait; }
  bool connected() const { return session_ != nullptr; }
  // Before the simulation (params.wait): waits up to `timeout_ms` (negative: no limit) for a
  // debugger to connect. False on timeout.
  bool wait_for_debugger(int timeout_ms);

  // Hooks of Rv32Cpu's thread.
  void before_first_instruction();  // a waiting debugger gets the core halted at its entry point
  // The limit of the next core_.run(): one instruction while gdb steps.
  std::uint64_t slice_limit(std::uint64_t limit) const {
    return stepping_ ? std::min(limit, core_.cycles() + 1) : limit;
  }
  // After core_.run() returned `s` inside a slice ending at `limit`: true when the debugger
  // stopped the core (breakpoint, watchpoint, caught exception, a finished step); it has been
  // served, and the slice goes on.
  bool stopped_in_slice(rv32::Stop s, std::uint64_t limit);
  void after_slice();   // a step that ended the slice; input from the debugger
  void check_input();   // Ctrl-C or a new debugger: halts the core and serves it
  void on_core_stopped();  // the core halted for good: fault stop, then the exit / termination packet
  const sc_core::sc_event& wake_event() const { return wake_.event(); }

 private:
  // gdb::DebugTarget
  const std::string& target_xml() const override { return xml_; }
  unsigned register_bytes() const override { return 4; }
  unsigned general_registers() const override { return 33; }  // x0..x31, pc
  unsigned pc_regnum() const override { return 32; }
  bool read_register(unsigned regnum, std::uint64_t& value) override;
  bool write_register(unsigned regnum, std::uint64_t value) override;
  std::size_t read_memory(std::uint64_t addr, std::uint8_t* out, std::size_t len) override;
  std::size_t write_memory(std::uint64_t addr, const std::uint8_t* data, std::size_t len) override;
  bool insert_breakpoint(std::uint64_t addr) override;
  bool remove_breakpoint(std::uint64_t addr) override;
  bool insert_watchpoint(gdb::WatchKind kind, std::uint64_t addr, std::uint64_t len) override;
  bool remove_watchpoint(gdb::WatchKind kind, std::uint64_t addr, std::uint64_t len) override;
  bool monitor(const std::string& command, std::string& output) override;

  struct Watch {
    gdb::WatchKind kind;
    std::uint32_t addr, len;
  };

  // Serves the debugger at `stop` until it resumes the core (or detaches, or kills the run).
  void halt(gdb::StopEvent stop, bool announce);
  gdb::StopEvent stop_event() const;  // from the core's debug stop
  bool step_done() const { return core_.instret() != step_instret_ || core_.traps() != step_traps_; }
  void accept_debugger(int timeout_ms);  // a debugger is connecting: make its session
  void drop_debugger();    // detach: breakpoints and watchpoints removed, the core runs on
  void update_watchpoints();
  void arm_watcher();

  Rv32Cpu& cpu_;
  rv32::Core& core_;
  Rv32GdbParams params_;
  std::string xml_;
  std::unique_ptr<gdb::TcpListener> listener_;
  std::unique_ptr<gdb::TcpConnection> connection_;
  std::unique_ptr<gdb::Session> session_;
  std::vector<Watch> watches_;
  bool stepping_ = false;
  std::uint64_t step_instret_ = 0, step_traps_ = 0;
  bool ended_ = false;
  DebuggerWake wake_;
  gdb::ReadinessWatcher watcher_;  // last: its thread stops first
};

}  // namespace sushi
