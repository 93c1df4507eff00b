#include "cpu/rv32/rv32_gdb.h"

#include <algorithm>
#include <array>
#include <sstream>

#include <fmt/format.h>

#include "cpu/rv32/rv32_cpu.h"
#include "sushi/rv32_local.h"

namespace sushi {
namespace {

// gdb's RISC-V register numbers: x0..x31 = 0..31, pc = 32, CSR n = 65 + n.
constexpr unsigned kPc = 32, kFirstCsr = 65;

struct CsrName {
  std::uint32_t number;
  const char* name;
};
// The CSRs the core implements (docs/rv32.md, "The core").
constexpr std::array<CsrName, 17> kCsrs = {{{rv32::csr::mstatus, "mstatus"},   {rv32::csr::misa, "misa"},
                                            {rv32::csr::mie, "mie"},           {rv32::csr::mtvec, "mtvec"},
                                            {rv32::csr::mscratch, "mscratch"}, {rv32::csr::mepc, "mepc"},
                                            {rv32::csr::mcause, "mcause"},     {rv32::csr::mtval, "mtval"},
                                            {rv32::csr::mip, "mip"},           {rv32::csr::mcycle, "mcycle"},
                                            {rv32::csr::minstret, "minstret"}, {rv32::csr::mcycleh, "mcycleh"},
                                            {rv32::csr::minstreth, "minstreth"}, {rv32::csr::mvendorid, "mvendorid"},
                                            {rv32::csr::marchid, "marchid"},   {rv32::csr::mimpid, "mimpid"},
                                            {rv32::csr::mhartid, "mhartid"}}};

// The target description gdb reads (qXfer:features:read:target.xml): gdb's standard RV32 feature
// names, so that gdb-multiarch shows the ABI register names and the machine CSRs.
std::string rv32_target_xml() {
  static constexpr const char* kX[32] = {"zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "fp", "s1", "a0",
                                         "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
                                         "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
  std::string x =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n"
      "  <architecture>riscv:rv32</architecture>\n  <feature name=\"org.gnu.gdb.riscv.cpu\">\n";
  for (unsigned i = 0; i < 32; ++i) {
    const char* type = i == 1 ? "code_ptr" : (i == 2 || i == 8) ? "data_ptr" : "int";
    x += fmt::format("    <reg name=\"{}\" bitsize=\"32\" type=\"{}\" regnum=\"{}\"/>\n", kX[i], type, i);
  }
  x += fmt::format("    <reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"{}\"/>\n  </feature>\n", kPc);
  x += "  <feature name=\"org.gnu.gdb.riscv.csr\">\n";
  for (const CsrName& c : kCsrs) {
    x += fmt::format("    <reg name=\"{}\" bitsize=\"32\" type=\"int\" regnum=\"{}\" group=\"csr\"/>\n", c.name,
                     kFirstCsr + c.number);
  }
  x += "  </feature>\n</target>\n";
  return x;
}

// The signal gdb shows for an exception the core stopped at (gdb's numbers).
int exception_signal(std::uint32_t cause) {
  switch (cause) {
    case rv32::cause::illegal: return gdb::signal::ill;
    case rv32::cause::breakpoint: return gdb::signal::trap;
    case rv32::cause::insn_misaligned:
    case rv32::cause::load_misaligned:
    case rv32::cause::store_misaligned: return gdb::signal::bus;
    default: return gdb::signal::segv;  // access faults
  }
}

}  // namespace

Rv32Gdb::Rv32Gdb(Rv32Cpu& cpu, const Rv32GdbParams& params)
    : cpu_(cpu),
      core_(cpu.core_),
      params_(params),
      xml_(rv32_target_xml()),
      listener_(std::make_unique<gdb::TcpListener>(params.port)),
      wake_((std::string(cpu.basename()) + "_gdb_wake").c_str()),
      watcher_([this] { wake_.wake_from_any_thread(); }) {}

Rv32Gdb::~Rv32Gdb() { watcher_.disarm(); }

bool Rv32Gdb::wait_for_debugger(int timeout_ms) {
  if (!session_) accept_debugger(timeout_ms);
  return session_ != nullptr;
}

void Rv32Gdb::accept_debugger(int timeout_ms) {
  connection_ = listener_->accept(timeout_ms);
  if (!connection_) return;
  session_ = std::make_unique<gdb::Session>(static_cast<gdb::DebugTarget&>(*this), *connection_);
  core_.set_catch_exceptions(true);
}

void Rv32Gdb::drop_debugger() {
  const auto bps = core_.breakpoints();
  for (const auto& b : bps) core_.remove_breakpoint(b.first);
  watches_.clear();
  update_watchpoints();
  core_.set_catch_exceptions(false);
  stepping_ = false;
  session_.reset();
  connection_.reset();
}

void Rv32Gdb::arm_watcher() {
  if (ended_) return;
  if (connection_) watcher_.arm(connection_->fd());
  else if (listener_) watcher_.arm(listener_->fd());
}

void Rv32Gdb::before_first_instruction() {
  if (session_) halt({gdb::StopEvent::Kind::stopped, gdb::signal::trap}, false);
  else arm_watcher();
}

void Rv32Gdb::halt(gdb::StopEvent stop, bool announce) {
  if (!session_) {  // nobody to serve (the debugger went away): the core goes on
    if (core_.debug_stop().kind != rv32::DebugStop::Kind::none) core_.resume_from_debug();
    stepping_ = false;
    return;
  }
  watcher_.disarm();
  for (;;) {
    const gdb::Resume r = session_->serve(stop, announce);
    const bool at_exception = core_.debug_stop().kind == rv32::DebugStop::Kind::exception;
    if (core_.debug_stop().kind != rv32::DebugStop::Kind::none) core_.resume_from_debug();
    stepping_ = r.kind == gdb::Resume::Kind::step;
    step_instret_ = core_.instret();
    step_traps_ = core_.traps();
    if (r.kind == gdb::Resume::Kind::detach) {
      drop_debugger();
    } else if (r.kind == gdb::Resume::Kind::kill) {
      drop_debugger();
      cpu_.stop_with_fault(SUSHI_FAULT_RV32_KILLED, "killed by the debugger (gdb kill)", core_.pc());
      sc_core::sc_stop();
      return;
    } else if (stepping_ && at_exception) {
      // Stepping an instruction that raised an exception: the step is the trap entry.
      stop = {gdb::StopEvent::Kind::stopped, gdb::signal::trap};
      announce = true;
      continue;
    }
    break;
  }
  arm_watcher();
}

gdb::StopEvent Rv32Gdb::stop_event() const {
  const rv32::DebugStop& d = core_.debug_stop();
  gdb::StopEvent e{gdb::StopEvent::Kind::stopped, gdb::signal::trap};
  if (d.kind == rv32::DebugStop::Kind::breakpoint) {
    e.swbreak = true;
  } else if (d.kind == rv32::DebugStop::Kind::exception) {
    e.signal = exception_signal(d.cause);
  } else if (d.kind == rv32::DebugStop::Kind::watchpoint) {
    // Name the watchpoint gdb set that this access hit: its own kind first, else an access one.
    const gdb::WatchKind own = d.write ? gdb::WatchKind::write : gdb::WatchKind::read;
    e.watch = true;
    e.watch_addr = d.addr;
    e.watch_kind = gdb::WatchKind::access;
    for (const Watch& w : watches_) {
      if (w.kind == own && d.addr >= w.addr && d.addr - w.addr < w.len) e.watch_kind = own;
    }
  }
  return e;
}

bool Rv32Gdb::stopped_in_slice(rv32::Stop s, std::uint64_t limit) {
  if (s == rv32::Stop::debug) {
    halt(stop_event(), true);
    return true;
  }
  if (stepping_ && s == rv32::Stop::limit && core_.cycles() < limit && step_done()) {
    halt({gdb::StopEvent::Kind::stopped, gdb::signal::trap}, true);
    return true;
  }
  return false;
}

void Rv32Gdb::after_slice() {
  if (stepping_ && step_done() && !core_.halted() && session_) {
    halt({gdb::StopEvent::Kind::stopped, gdb::signal::trap}, true);
    return;
  }
  check_input();
}

void Rv32Gdb::check_input() {
  if (!watcher_.fired() || ended_) return;
  if (!session_) {  // a debugger is connecting to the running core: it finds it halted
    accept_debugger(0);
    if (session_) halt({gdb::StopEvent::Kind::stopped, gdb::signal::trap}, false);
    else arm_watcher();
    return;
  }
  switch (session_->poll()) {
    case gdb::Session::Poll::interrupt:
      halt({gdb::StopEvent::Kind::stopped, gdb::signal::intr}, true);
      break;
    case gdb::Session::Poll::closed:
      drop_debugger();
      arm_watcher();
      break;
    case gdb::Session::Poll::nothing:
      arm_watcher();
      break;
  }
}

void Rv32Gdb::on_core_stopped() {
  watcher_.disarm();
  ended_ = true;
  if (session_) {
    const FirmwareFault& f = cpu_.fault();
    if (f.raised) {
      // The debugger sees the core where the fault stopped it (e.g. a backtrace from hal_fault),
      // then the program's end by the signal.
      const int sig = f.code == SUSHI_FAULT_RV32_TRAP_LOOP ? gdb::signal::segv : gdb::signal::abrt;
      session_->serve({gdb::StopEvent::Kind::stopped, sig}, true);
      if (session_->closed() == false) session_->report_end({gdb::StopEvent::Kind::terminated, sig});
    } else {
      gdb::StopEvent e{gdb::StopEvent::Kind::exited, gdb::signal::none};
      e.exit_code = static_cast<int>(cpu_.exit_code());
      session_->report_end(e);
    }
  }
  drop_debugger();
  listener_.reset();
}

bool Rv32Gdb::read_register(unsigned regnum, std::uint64_t& value) {
  if (regnum < 32) {
    value = core_.reg(regnum);
    return true;
  }
  if (regnum == kPc) {
    value = core_.pc();
    return true;
  }
  if (regnum < kFirstCsr) return false;
  std::uint32_t v = 0;
  if (!core_.debug_csr_read(regnum - kFirstCsr, v)) return false;
  value = v;
  return true;
}

bool Rv32Gdb::write_register(unsigned regnum, std::uint64_t value) {
  const auto v = static_cast<std::uint32_t>(value);
  if (regnum < 32) {
    core_.set_reg(regnum, v);  // x0 stays 0
    return true;
  }
  if (regnum == kPc) {
    if ((v & 3u) != 0) return false;  // IALIGN = 32
    core_.set_pc(v);
    return true;
  }
  return regnum >= kFirstCsr && core_.debug_csr_write(regnum - kFirstCsr, v);
}

std::size_t Rv32Gdb::read_memory(std::uint64_t addr, std::uint8_t* out, std::size_t len) {
  if (addr > 0xffffffffull) return 0;
  const std::size_t n = cpu_.debug_access(false, static_cast<std::uint32_t>(addr), out, len);
  // Show the instructions under the breakpoints, not the EBREAKs put there.
  for (const auto& [a, original] : core_.breakpoints()) {
    for (std::uint32_t i = 0; i < 4; ++i) {
      const std::uint64_t b = std::uint64_t{a} + i;
      if (b >= addr && b < addr + n) out[b - addr] = static_cast<std::uint8_t>(original >> (8 * i));
    }
  }
  return n;
}

std::size_t Rv32Gdb::write_memory(std::uint64_t addr, const std::uint8_t* data, std::size_t len) {
  if (addr > 0xffffffffull) return 0;
  // A write over a breakpoint changes the instruction under it: lift, write, put back.
  std::vector<std::uint32_t> lifted;
  for (const auto& b : core_.breakpoints()) {
    if (std::uint64_t{b.first} + 4 > addr && b.first < addr + len) lifted.push_back(b.first);
  }
  for (std::uint32_t a : lifted) core_.remove_breakpoint(a);
  std::vector<std::uint8_t> copy(data, data + len);
  const std::size_t n = cpu_.debug_access(true, static_cast<std::uint32_t>(addr), copy.data(), len);
  for (std::uint32_t a : lifted) core_.insert_breakpoint(a);
  return n;
}

bool Rv32Gdb::insert_breakpoint(std::uint64_t addr) {
  return addr <= 0xffffffffull && core_.insert_breakpoint(static_cast<std::uint32_t>(addr));
}

bool Rv32Gdb::remove_breakpoint(std::uint64_t addr) {
  return addr > 0xffffffffull || core_.remove_breakpoint(static_cast<std::uint32_t>(addr));
}

bool Rv32Gdb::insert_watchpoint(gdb::WatchKind kind, std::uint64_t addr, std::uint64_t len) {
  // Local memory only: the core's loads and stores there are what a watchpoint sees.
  const std::uint64_t lmem = cpu_.local_memory_bytes();
  if (len == 0 || addr >= lmem || len > lmem - addr) return false;
  watches_.push_back({kind, static_cast<std::uint32_t>(addr), static_cast<std::uint32_t>(len)});
  update_watchpoints();
  return true;
}

bool Rv32Gdb::remove_watchpoint(gdb::WatchKind kind, std::uint64_t addr, std::uint64_t len) {
  for (auto it = watches_.begin(); it != watches_.end(); ++it) {
    if (it->kind == kind && it->addr == addr && it->len == len) {
      watches_.erase(it);
      break;
    }
  }
  update_watchpoints();
  return true;
}

void Rv32Gdb::update_watchpoints() {
  std::vector<rv32::Watchpoint> w;
  for (const Watch& x : watches_) {
    w.push_back({x.addr, x.len, x.kind != gdb::WatchKind::write, x.kind != gdb::WatchKind::read});
  }
  core_.set_watchpoints(std::move(w));
}

bool Rv32Gdb::monitor(const std::string& command, std::string& output) {
  if (command == "help") {
    output =
        "monitor time             simulated time (kernel and core), the core's cycles and instructions\n"
        "monitor x ADDR [WORDS]   32-bit words at a 64-bit bus address (e.g. DRAM above 4 GiB), untimed\n"
        "monitor help             this list\n";
    return true;
  }
  if (command.rfind("x ", 0) == 0) {  // x ADDR [WORDS]
    std::istringstream in(command.substr(2));
    std::string a, n = "1";
    in >> a >> n;
    std::uint64_t addr = 0, words = 0;
    try {
      addr = std::stoull(a, nullptr, 0);
      words = std::stoull(n, nullptr, 0);
    } catch (const std::exception&) {
      output = "usage: monitor x ADDR [WORDS]\n";
      return true;
    }
    words = std::min<std::uint64_t>(words, 256);
    for (std::uint64_t i = 0; i < words; ++i) {
      std::uint32_t v = 0;
      const std::uint64_t at = addr + 4 * i;
      if (i % 4 == 0) output += fmt::format("{}{:#x}:", i ? "\n" : "", at);
      if (cpu_.debug_bus_access(false, at, reinterpret_cast<std::uint8_t*>(&v), 4) != 4) {
        output += " (nothing there)";
        break;
      }
      output += fmt::format(" {:#010x}", v);
    }
    output += "\n";
    return true;
  }
  if (command == "time") {
    const auto kernel_ps = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
    output = fmt::format(
        "simulated time {:.6f} us (kernel), core {:.6f} us (runs ahead by up to sim.quantum); "
        "{} cycles, {} instructions retired\n",
        static_cast<double>(kernel_ps) * 1e-6, static_cast<double>(cpu_.core_time_ps()) * 1e-6, core_.cycles(),
        core_.instret());
    return true;
  }
  return false;
}

}  // namespace sushi
