// What the GDB stub needs from the core it debugs (models/cpu/rv32 implements it for the RV32IM
// core): registers, memory, breakpoints, watchpoints, and a description for gdb. The stub calls
// these only while the core is halted; none of them may advance simulated time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace sushi::gdb {

// GDB's own signal numbers (gdb/signals.def), as stop replies carry them.
namespace signal {
constexpr int none = 0, intr = 2, ill = 4, trap = 5, abrt = 6, bus = 10, segv = 11;
}  // namespace signal

enum class WatchKind { write, read, access };  // Z2, Z3, Z4

// Why the target stopped, as a stop reply reports it.
struct StopEvent {
  enum class Kind {
    stopped,     // halted with `signal` (T packet): gdb may inspect and resume it
    exited,      // the program ended with `exit_code` (W packet)
    terminated,  // the program was ended by `signal` (X packet)
  };
  Kind kind = Kind::stopped;
  int signal = signal::trap;
  int exit_code = 0;
  bool swbreak = false;  // at a software breakpoint the stub inserted
  bool watch = false;    // a watchpoint: `watch_kind` at `watch_addr`
  WatchKind watch_kind = WatchKind::write;
  std::uint64_t watch_addr = 0;
};

class DebugTarget {
 public:
  virtual ~DebugTarget() = default;

  // The target description (qXfer:features:read:target.xml): architecture and registers.
  virtual const std::string& target_xml() const = 0;
  // Registers by gdb's number (the target description's regnum). `g` sends registers
  // 0 .. general_registers()-1; the others are read with `p`.
  virtual unsigned register_bytes() const = 0;
  virtual unsigned general_registers() const = 0;
  virtual unsigned pc_regnum() const = 0;
  virtual bool read_register(unsigned regnum, std::uint64_t& value) = 0;
  virtual bool write_register(unsigned regnum, std::uint64_t value) = 0;

  // Memory as the core sees it. Returns the bytes transferred from the start (0: nothing there;
  // fewer than asked: the range ends inside an unreadable or unwritable region).
  virtual std::size_t read_memory(std::uint64_t addr, std::uint8_t* out, std::size_t len) = 0;
  virtual std::size_t write_memory(std::uint64_t addr, const std::uint8_t* data, std::size_t len) = 0;

  // Breakpoints at an instruction (Z0 software, Z1 hardware: the same to an ISS); false where
  // none can be placed. Removing one that is not there succeeds.
  virtual bool insert_breakpoint(std::uint64_t addr) = 0;
  virtual bool remove_breakpoint(std::uint64_t addr) = 0;
  virtual bool insert_watchpoint(WatchKind kind, std::uint64_t addr, std::uint64_t len) = 0;
  virtual bool remove_watchpoint(WatchKind kind, std::uint64_t addr, std::uint64_t len) = 0;

  // `monitor <command>` (qRcmd): text for gdb's console; false for an unknown command.
  virtual bool monitor(const std::string& command, std::string& output) = 0;
};

}  // namespace sushi::gdb
