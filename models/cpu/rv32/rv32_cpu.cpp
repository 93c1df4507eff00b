#include "cpu/rv32/rv32_cpu.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "cpu/rv32/rv32_gdb.h"
#include "sushi/rv32_local.h"

namespace sushi {
namespace {
constexpr std::uint64_t kNever = ~0ull;
}  // namespace

static_assert(sizeof(sushi_boot_info) <= SUSHI_RV32_BOOT_INFO_BYTES, "boot info outgrew its block");

Rv32Cpu::Rv32Cpu(const sc_core::sc_module_name& name, const Rv32CpuParams& params, EnergyLedger& ledger,
                 const std::array<EnergyEntry, rv32::kInsnClasses>& energy)
    : FirmwareCpuBase(name, params.clock_hz, params.firmware_time, ledger),
      params_(params),
      lmem_(params.local_memory_bytes, 0),
      core_(lmem_.data(), params.local_memory_bytes, params.cpi, *this) {
  if (lmem_.size() < SUSHI_RV32_BOOT_INFO_BYTES + 4) {
    throw rv32::Rv32ElfError(fmt::format("{}: local memory of {} B is too small", this->name(), lmem_.size()));
  }
  elf_ = rv32::read_elf(params_.elf_path);
  rv32::load_elf(elf_, params_.elf_path, lmem_.data(), params_.local_memory_bytes, SUSHI_RV32_BOOT_INFO_BYTES);
  if (params_.write_boot_info) std::memcpy(lmem_.data() + SUSHI_RV32_BOOT_INFO_ADDR, &params_.boot, sizeof params_.boot);
  core_.reset(elf_.entry);
  for (std::size_t c = 0; c < rv32::kInsnClasses; ++c) {
    actions_[c] = ledger_.declare(this->name(), std::string("instr_") + rv32::kInsnClassNames[c], EnergyCategory::cpu,
                                  energy[c]);
  }
  SC_HAS_PROCESS(Rv32Cpu);
  SC_THREAD(run);
  SC_METHOD(irq_changed);
  sensitive << irq;
}

Rv32Cpu::~Rv32Cpu() = default;

Rv32Gdb& Rv32Cpu::attach_gdb(const Rv32GdbParams& params) {
  gdb_ = std::make_unique<Rv32Gdb>(*this, params);
  return *gdb_;
}

void Rv32Cpu::irq_changed() { core_.set_irq(rv32::kMipMeip, irq.read()); }

std::uint64_t Rv32Cpu::core_time_ps() const { return base_time_ps_ + clock_.work_ps(core_.cycles() - base_cycles_); }

void Rv32Cpu::sync(bool yield) {
  const std::uint64_t t = core_time_ps();
  const std::uint64_t now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  if (t > now) wait(sc_core::sc_time::from_value(t - now));
  else if (yield) wait(sc_core::SC_ZERO_TIME);
  base_time_ps_ = std::max(t, now);
  base_cycles_ = core_.cycles();
  flush_energy();
}

std::uint64_t Rv32Cpu::cycle_limit() const {
  std::uint64_t limit = base_cycles_ + quantum_cycles_;
  const std::uint64_t at = timer_deadline_ps();
  // (Under zero firmware time executing never reaches the timer's match: only sleeping does.)
  if (at != kNever && (core_.mie() & rv32::kMipMtip) != 0 && clock_.advances()) {
    const std::uint64_t now = core_time_ps(), cycle = clock_.cycle_ps();
    if (at > now) limit = std::min(limit, core_.cycles() + (at - now + cycle - 1) / cycle);
  }
  return limit;
}

std::uint64_t Rv32Cpu::timer_deadline_ps() const {
  return mtimecmp_ns_ >= kNever / 1000 ? kNever : mtimecmp_ns_ * 1000;
}

void Rv32Cpu::update_timer_irq() { core_.set_irq(rv32::kMipMtip, core_time_ps() / 1000 >= mtimecmp_ns_); }

void Rv32Cpu::flush_energy() {
  const auto& counts = core_.class_counts();
  for (std::size_t c = 0; c < rv32::kInsnClasses; ++c) {
    if (counts[c] != flushed_[c]) ledger_.add(actions_[c], counts[c] - flushed_[c]);
    flushed_[c] = counts[c];
  }
}

void Rv32Cpu::sleep_until_interrupt() {
  // WFI is a synchronisation point: the interrupt line is kernel state, look at it on time, and
  // at least one delta cycle later (as tlm_quantumkeeper::sync does for the host CPU), so that
  // what this instant's accesses changed has reached the line, e.g. the interrupt controller's
  // answer to an ENABLE write. (Without the delta, under zero firmware time, a line about to
  // fall would wake the core again and again without the kernel ever running.)
  sync(true);
  const std::uint64_t start = base_time_ps_;
  bool slept = false;
  for (;;) {
    core_.set_irq(rv32::kMipMeip, irq.read());
    update_timer_irq();
    if (core_.wake_pending()) break;
    slept = true;
    const std::uint64_t now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
    const std::uint64_t at = timer_deadline_ps();
    if (at != kNever && at > now && (core_.mie() & rv32::kMipMtip) != 0) {
      if (gdb_) wait(sc_core::sc_time::from_value(at - now), irq.value_changed_event() | gdb_->wake_event());
      else wait(sc_core::sc_time::from_value(at - now), irq.value_changed_event());
    } else if ((core_.mie() & rv32::kMipMeip) != 0) {
      if (gdb_) wait(irq.value_changed_event() | gdb_->wake_event());
      else wait(irq.value_changed_event());
    } else {
      // WFI with every interrupt disabled never wakes: a firmware bug, not a simulation hang.
      count_sleep(true, 0);  // it went to sleep: one WFI, no time asleep
      stop_with_fault(SUSHI_FAULT_RV32_TRAP, "wfi with no interrupt enabled in mie: the core would sleep forever",
                      core_.pc() - 4);
      return;
    }
    base_time_ps_ = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
    if (gdb_) gdb_->check_input();  // Ctrl-C or a debugger connecting while the core sleeps
  }
  base_time_ps_ = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  base_cycles_ = core_.cycles();  // the clock is gated while asleep: mcycle does not count it
  count_sleep(slept, base_time_ps_ - start);
}

void Rv32Cpu::run() {
  quantum_cycles_ = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(tlm::tlm_global_quantum::instance().get().value()) / clock_.cycle_ps());
  base_time_ps_ = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  base_cycles_ = core_.cycles();
  if (gdb_) gdb_->before_first_instruction();
  while (!core_.halted()) {
    update_timer_irq();
    std::uint64_t limit = cycle_limit();
    if (params_.max_instructions != 0) {
      if (core_.instret() >= params_.max_instructions) {
        stop_with_fault(SUSHI_FAULT_RV32_TRAP, fmt::format("instruction limit of {} reached", params_.max_instructions),
                        core_.pc());
        break;
      }
      limit = std::min(limit, core_.cycles() + (params_.max_instructions - core_.instret()));
    }
    rv32::Stop s = core_.run(gdb_ ? gdb_->slice_limit(limit) : limit);
    // The debugger's stops inside this slice (breakpoint, watchpoint, caught exception, a step):
    // it is served there and then, and the slice goes on to the same limit.
    while (gdb_ && gdb_->stopped_in_slice(s, limit)) s = core_.run(gdb_->slice_limit(limit));
    if (s == rv32::Stop::wfi) {
      sleep_until_interrupt();
    } else if (s == rv32::Stop::trap_loop) {
      const rv32::TrapInfo& t = core_.trap_loop_info();
      stop_with_fault(SUSHI_FAULT_RV32_TRAP_LOOP,
                      fmt::format("trap loop: exception mcause {} (mtval {:#010x}) inside the handler of the trap "
                                  "mcause {} from mepc {:#010x}",
                                  t.cause, t.tval, core_.mcause(), core_.mepc()),
                      t.pc);
    } else if ((s == rv32::Stop::limit || s == rv32::Stop::yield) && core_.cycles() - base_cycles_ >= quantum_cycles_) {
      sync();
    }
    if (gdb_) gdb_->after_slice();  // a step that ended with the slice, Ctrl-C, a debugger connecting
  }
  sync();
  if (gdb_) gdb_->on_core_stopped();
  finish();
}

void Rv32Cpu::stop_with_fault(std::uint32_t code, const std::string& message, std::uint32_t pc) {
  if (record_fault(code, fmt::format("{} (pc {:#010x})", message, pc), core_time_ps())) fault_pc_ = pc;
  core_.halt();
}

std::string Rv32Cpu::local_string(std::uint32_t addr) const {
  std::string s;
  for (std::uint32_t a = addr; a < lmem_.size() && lmem_[a] != 0 && s.size() < 256; ++a) s += static_cast<char>(lmem_[a]);
  return s;
}

bool Rv32Cpu::load(std::uint32_t addr, unsigned bytes, std::uint32_t& value, std::uint64_t& stall_cycles) {
  if (addr - SUSHI_RV32_LOCAL_REGS < SUSHI_RV32_LOCAL_REGS_SIZE) {
    return bytes == 4 && local_load(addr - SUSHI_RV32_LOCAL_REGS, value);
  }
  return bus(tlm::TLM_READ_COMMAND, addr, bytes, value, stall_cycles);
}

bool Rv32Cpu::store(std::uint32_t addr, unsigned bytes, std::uint32_t value, std::uint64_t& stall_cycles) {
  if (addr - SUSHI_RV32_LOCAL_REGS < SUSHI_RV32_LOCAL_REGS_SIZE) {
    const std::uint32_t off = addr - SUSHI_RV32_LOCAL_REGS;
    if (bytes == 4 && off == SUSHI_RV32_REG_BLK_START) return block_transfer(value, stall_cycles);  // may stall
    return bytes == 4 && local_store(off, value);
  }
  return bus(tlm::TLM_WRITE_COMMAND, addr, bytes, value, stall_cycles);
}

bool Rv32Cpu::bus(tlm::tlm_command cmd, std::uint32_t addr, unsigned bytes, std::uint32_t& value,
                  std::uint64_t& stall_cycles) {
  const std::uint64_t full = addr - SUSHI_RV32_WINDOW_BASE < SUSHI_RV32_WINDOW_BYTES
                                 ? window_ + (addr - SUSHI_RV32_WINDOW_BASE)
                                 : std::uint64_t{addr};
  std::uint32_t data = cmd == tlm::TLM_WRITE_COMMAND ? value : 0;
  if (!transport(cmd, full, reinterpret_cast<unsigned char*>(&data), bytes, addr, stall_cycles)) return false;
  if (cmd == tlm::TLM_READ_COMMAND) value = data;
  return true;
}

bool Rv32Cpu::transport(tlm::tlm_command cmd, std::uint64_t full, unsigned char* data, std::uint32_t bytes,
                        std::uint32_t tval, std::uint64_t& stall_cycles) {
  const std::uint64_t issue = core_time_ps();
  const std::uint64_t now = static_cast<std::uint64_t>(sc_core::sc_time_stamp().value());
  sc_core::sc_time delay = sc_core::sc_time::from_value(issue > now ? issue - now : 0);
  const bool ok = bus_transport(payload_, cmd, full, data, bytes, delay, issue);
  // The answer is due at (kernel time now, a target may have waited) + delay: stall until then
  // (zero firmware time: the core goes on at once).
  const std::uint64_t answer = static_cast<std::uint64_t>((sc_core::sc_time_stamp() + delay).value());
  const std::uint64_t done = clock_.resume_ps(issue, answer);
  if (done > issue) {
    const std::uint64_t stall = (done - issue + clock_.cycle_ps() - 1) / clock_.cycle_ps();
    stall_cycles += stall;
    bus_stall_cycles_ += stall;
  }
  if (!ok) {
    last_error_tval_ = tval;
    last_error_ = bus_error_text(payload_);
  }
  return ok;
}

bool Rv32Cpu::block_transfer(std::uint32_t start, std::uint64_t& stall_cycles) {
  const std::uint32_t tval = SUSHI_RV32_LOCAL_REGS + SUSHI_RV32_REG_BLK_START;
  const bool dir_ok = start == SUSHI_RV32_BLK_READ || start == SUSHI_RV32_BLK_WRITE;
  if (!dir_ok || blk_bytes_ == 0 || blk_local_ > lmem_.size() || blk_bytes_ > lmem_.size() - blk_local_) {
    last_error_tval_ = tval;
    last_error_ = fmt::format("block transfer (start {}) of {} B at local address {:#010x}: {}", start, blk_bytes_,
                              blk_local_,
                              dir_ok ? "outside the local memory" : "start is neither read (1) nor write (2)");
    return false;
  }
  return transport(start == SUSHI_RV32_BLK_READ ? tlm::TLM_READ_COMMAND : tlm::TLM_WRITE_COMMAND, blk_bus_,
                   lmem_.data() + blk_local_, blk_bytes_, tval, stall_cycles);
}

bool Rv32Cpu::local_load(std::uint32_t off, std::uint32_t& value, bool debug) {
  switch (off) {
    case SUSHI_RV32_REG_MTIMECMP_LO: value = static_cast<std::uint32_t>(mtimecmp_ns_); return true;
    case SUSHI_RV32_REG_MTIMECMP_HI: value = static_cast<std::uint32_t>(mtimecmp_ns_ >> 32); return true;
    case SUSHI_RV32_REG_MTIME_LO: {
      const std::uint64_t ns = core_time_ps() / 1000;
      if (!debug) mtime_hi_latch_ = static_cast<std::uint32_t>(ns >> 32);
      value = static_cast<std::uint32_t>(ns);
      return true;
    }
    case SUSHI_RV32_REG_MTIME_HI: value = mtime_hi_latch_; return true;
    case SUSHI_RV32_REG_WINDOW_LO: value = static_cast<std::uint32_t>(window_); return true;
    case SUSHI_RV32_REG_WINDOW_HI: value = static_cast<std::uint32_t>(window_ >> 32); return true;
    case SUSHI_RV32_REG_BLK_BUS_LO: value = static_cast<std::uint32_t>(blk_bus_); return true;
    case SUSHI_RV32_REG_BLK_BUS_HI: value = static_cast<std::uint32_t>(blk_bus_ >> 32); return true;
    case SUSHI_RV32_REG_BLK_LOCAL: value = blk_local_; return true;
    case SUSHI_RV32_REG_BLK_BYTES: value = blk_bytes_; return true;
    case SUSHI_RV32_REG_FAULT_CODE: value = fault_code_; return true;
    case SUSHI_RV32_REG_FAULT_MSG: value = fault_msg_; return true;
    case SUSHI_RV32_REG_FAULT_PC: value = fault_pc_reg_; return true;
    case SUSHI_RV32_REG_FAULT_CAUSE: value = fault_cause_; return true;
    case SUSHI_RV32_REG_FAULT_TVAL: value = fault_tval_; return true;
    default: return false;
  }
}

bool Rv32Cpu::local_store(std::uint32_t off, std::uint32_t value) {
  switch (off) {
    case SUSHI_RV32_REG_MTIMECMP_LO: mtimecmp_ns_ = (mtimecmp_ns_ & ~0xffffffffull) | value; break;
    case SUSHI_RV32_REG_MTIMECMP_HI: mtimecmp_ns_ = (mtimecmp_ns_ & 0xffffffffull) | (std::uint64_t{value} << 32); break;
    case SUSHI_RV32_REG_WINDOW_LO: window_ = (window_ & ~0xffffffffull) | (value & ~(SUSHI_RV32_WINDOW_BYTES - 1)); return true;
    case SUSHI_RV32_REG_WINDOW_HI: window_ = (window_ & 0xffffffffull) | (std::uint64_t{value} << 32); return true;
    case SUSHI_RV32_REG_BLK_BUS_LO: blk_bus_ = (blk_bus_ & ~0xffffffffull) | value; return true;
    case SUSHI_RV32_REG_BLK_BUS_HI: blk_bus_ = (blk_bus_ & 0xffffffffull) | (std::uint64_t{value} << 32); return true;
    case SUSHI_RV32_REG_BLK_LOCAL: blk_local_ = value; return true;
    case SUSHI_RV32_REG_BLK_BYTES: blk_bytes_ = value; return true;
    case SUSHI_RV32_REG_FAULT_CODE: fault_code_ = value; return true;
    case SUSHI_RV32_REG_FAULT_MSG: fault_msg_ = value; return true;
    case SUSHI_RV32_REG_FAULT_PC: fault_pc_reg_ = value; return true;
    case SUSHI_RV32_REG_FAULT_CAUSE: fault_cause_ = value; return true;
    case SUSHI_RV32_REG_FAULT_TVAL: fault_tval_ = value; return true;
    case SUSHI_RV32_REG_FAULT_RAISE: {
      std::string msg = fault_msg_ != 0 ? local_string(fault_msg_) : std::string("firmware fault");
      if (fault_cause_ == rv32::cause::load_access || fault_cause_ == rv32::cause::store_access) {
        if (!last_error_.empty() && last_error_tval_ == fault_tval_) {
          msg += ": " + last_error_;
        } else {
          msg += fmt::format(": no memory at address {:#010x}", fault_tval_);
        }
      }
      if (fault_cause_ != 0 || fault_tval_ != 0) msg += fmt::format(" [mcause {}, mtval {:#010x}]", fault_cause_, fault_tval_);
      stop_with_fault(fault_code_, msg, fault_pc_reg_);
      return true;
    }
    case SUSHI_RV32_REG_LOG:
      firmware_log(local_string(value));
      return true;
    case SUSHI_RV32_REG_EXIT:
      exit_code_ = value;
      if (value != 0) stop_with_fault(SUSHI_FAULT_RV32_EXIT, fmt::format("firmware exited with status {}", value), core_.pc());
      core_.halt();
      return true;
    default: return false;
  }
  core_.request_yield();  // MTIMECMP changed: recompute the timer's cycle limit
  return true;
}

std::size_t Rv32Cpu::debug_access(bool write, std::uint32_t addr, std::uint8_t* data, std::size_t len) {
  std::size_t done = 0;
  while (done < len) {
    const std::uint64_t a64 = std::uint64_t{addr} + done;
    if (a64 > 0xffffffffull) break;  // the 32-bit address space ends
    const auto a = static_cast<std::uint32_t>(a64);
    const std::size_t want = len - done;
    if (a < lmem_.size()) {  // local memory
      const std::size_t n = std::min<std::size_t>(want, lmem_.size() - a);
      if (write) std::memcpy(lmem_.data() + a, data + done, n);
      else std::memcpy(data + done, lmem_.data() + a, n);
      done += n;
      continue;
    }
    if (a - SUSHI_RV32_LOCAL_REGS < SUSHI_RV32_LOCAL_REGS_SIZE) {  // core-local registers: read whole words
      std::uint32_t v = 0;
      if (write || (a & 3u) != 0 || want < 4 || !local_load(a - SUSHI_RV32_LOCAL_REGS, v, true)) break;
      std::memcpy(data + done, &v, 4);
      done += 4;
      continue;
    }
    // The bus: through the window, or at the same address; a chunk stays inside one of them.
    const bool in_window = a - SUSHI_RV32_WINDOW_BASE < SUSHI_RV32_WINDOW_BYTES;
    const std::uint64_t region_end = in_window ? std::uint64_t{SUSHI_RV32_WINDOW_BASE} + SUSHI_RV32_WINDOW_BYTES
                                     : a < SUSHI_RV32_LOCAL_REGS ? SUSHI_RV32_LOCAL_REGS
                                     : a < SUSHI_RV32_WINDOW_BASE ? SUSHI_RV32_WINDOW_BASE
                                                                  : 0x100000000ull;
    const std::uint64_t full = in_window ? window_ + (a - SUSHI_RV32_WINDOW_BASE) : std::uint64_t{a};
    const std::size_t got = debug_bus_access(write, full, data + done, std::min<std::uint64_t>(want, region_end - a));
    if (got == 0) break;
    done += got;
  }
  return done;
}

std::size_t Rv32Cpu::debug_bus_access(bool write, std::uint64_t addr, std::uint8_t* data, std::size_t len) {
  tlm::tlm_generic_payload p;
  p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(addr);
  p.set_data_ptr(data);
  p.set_data_length(static_cast<unsigned>(len));
  p.set_streaming_width(static_cast<unsigned>(len));
  std::size_t got = socket->transport_dbg(p);
  if (got == 0 && len > 4 && (addr & 3u) == 0) {  // registers answer whole words only
    p.set_data_length(4);
    p.set_streaming_width(4);
    got = socket->transport_dbg(p);
  }
  return got;
}

void Rv32Cpu::report_stats(Json& out) const {
  out["instructions_count"] = core_.instret();
  out["cycles_count"] = core_.cycles();
  out["busy_ps"] = busy_ps();
  out["exec_ps"] = clock_.work_ps(core_.cycles() - bus_stall_cycles_);
  out["clock_period_ps"] = clock_.cycle_ps();
  Json c = Json::object();
  for (std::size_t i = 0; i < rv32::kInsnClasses; ++i) c[std::string(rv32::kInsnClassNames[i]) + "_count"] = core_.class_counts()[i];
  out["instructions_by_class"] = std::move(c);
  out["traps_count"] = core_.traps();
  report_bus_stats(out, "bus_reads_count", "bus_writes_count");
  out["bus_stall_cycles_count"] = bus_stall_cycles_;
  report_sleep_stats(out);
  if (report_fault_stats(out)) out["fault_pc"] = fault_pc_;
  double pj = 0;
  for (ActionId a : actions_) pj += ledger_.energy_pj(a);
  out["energy_pJ"] = pj;
}

}  // namespace sushi
