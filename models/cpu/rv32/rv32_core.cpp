#include "cpu/rv32/rv32_core.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace sushi::rv32 {
namespace {

inline std::int32_t imm_i(std::uint32_t in) { return static_cast<std::int32_t>(in) >> 20; }
inline std::int32_t imm_s(std::uint32_t in) {
  return ((static_cast<std::int32_t>(in) >> 25) * 32) | static_cast<std::int32_t>((in >> 7) & 0x1f);
}
inline std::int32_t imm_b(std::uint32_t in) {
  return ((static_cast<std::int32_t>(in) >> 31) * 4096) | static_cast<std::int32_t>(((in >> 7) & 1u) << 11) |
         static_cast<std::int32_t>(((in >> 25) & 0x3fu) << 5) | static_cast<std::int32_t>(((in >> 8) & 0xfu) << 1);
}
inline std::int32_t imm_j(std::uint32_t in) {
  return ((static_cast<std::int32_t>(in) >> 31) * 1048576) | static_cast<std::int32_t>(in & 0xff000u) |
         static_cast<std::int32_t>(((in >> 20) & 1u) << 11) | static_cast<std::int32_t>(((in >> 21) & 0x3ffu) << 1);
}
inline std::uint32_t sext(std::uint32_t v, unsigned bits) {
  const unsigned s = 32 - bits;
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(v << s) >> s);
}

enum Opcode : std::uint32_t {
  kLoad = 0x03, kMiscMem = 0x0f, kOpImm = 0x13, kAuipc = 0x17, kStore = 0x23, kOp = 0x33, kLui = 0x37,
  kBranch = 0x63, kJalr = 0x67, kJal = 0x6f, kSystem = 0x73,
};
constexpr std::uint32_t kEcall = 0x00000073, kEbreak = 0x00100073, kMret = 0x30200073, kWfi = 0x10500073;

}  // namespace

Core::Core(std::uint8_t* lmem, std::uint32_t lmem_bytes, const Cpi& cpi, ExternalPort& ext)
    : lmem_(lmem), lmem_bytes_(lmem_bytes), data_fast_bytes_(lmem_bytes), cpi_(cpi), ext_(ext) {}

void Core::reset(std::uint32_t pc) {
  x_.fill(0);
  pc_ = pc;
  mstatus_ = kMstatusMpp;  // machine mode only: MPP reads 3
  mie_ = mip_ = mtvec_ = mscratch_ = mepc_ = mcause_ = mtval_ = 0;
  halted_ = wfi_ = yield_ = in_trap_ = trap_loop_hit_ = false;
}

void Core::set_irq(std::uint32_t mip_bit, bool level) {
  const std::uint32_t before = mip_;
  mip_ = level ? (mip_ | mip_bit) : (mip_ & ~mip_bit);
  if (mip_ != before) limit_ = 0;  // look at it before the next instruction
}

Stop Core::run(std::uint64_t cycle_limit) {
  for (;;) {
    if (trap_loop_hit_) return Stop::trap_loop;
    if (halted_) return Stop::halt;
    if (debug_stop_.kind != DebugStop::Kind::none) return Stop::debug;
    take_interrupt_if_any();
    if (cycles_ >= cycle_limit) return Stop::limit;
    limit_ = cycle_limit;
    execute_until_limit();
    if (yield_) {
      yield_ = false;
      if (!halted_ && !trap_loop_hit_ && !wfi_) return Stop::yield;
    }
    if (wfi_) {
      wfi_ = false;
      if (!halted_ && !trap_loop_hit_) return Stop::wfi;
    }
  }
}

void Core::take_interrupt_if_any() {
  const std::uint32_t active = mip_ & mie_;
  if ((mstatus_ & kMstatusMie) == 0 || active == 0) return;
  // Priority (privileged spec 3.1.9): external, software, timer.
  const std::uint32_t c = (active & kMipMeip) ? cause::m_external
                          : (active & kMipMsip) ? cause::m_software
                                                : cause::m_timer;
  mepc_ = pc_;
  mcause_ = c;
  mtval_ = 0;
  mstatus_ = (mstatus_ & ~kMstatusMpie) | ((mstatus_ & kMstatusMie) ? kMstatusMpie : 0);
  mstatus_ &= ~kMstatusMie;
  const std::uint32_t base = mtvec_ & ~3u;
  pc_ = (mtvec_ & 3u) == 1 ? base + 4 * (c & 0x7fffffffu) : base;
  cycles_ += cpi_.trap;
  ++traps_;
  in_trap_ = true;
}

void Core::raise(std::uint32_t c, std::uint32_t tval) {
  if (catch_exceptions_ && c != cause::ecall_m) {  // the debugger looks first (resume_from_debug)
    debug_stop_ = {DebugStop::Kind::exception, 0, false, c, tval};
    limit_ = 0;
    return;
  }
  take_exception(c, tval);
}

void Core::take_exception(std::uint32_t c, std::uint32_t tval) {
  if (in_trap_) {  // a trap handler faulted: it would only trap again, forever
    trap_loop_hit_ = true;
    trap_loop_ = {c, pc_, tval};
    limit_ = 0;
    return;
  }
  mepc_ = pc_;
  mcause_ = c;
  mtval_ = tval;
  mstatus_ = (mstatus_ & ~kMstatusMpie) | ((mstatus_ & kMstatusMie) ? kMstatusMpie : 0);
  mstatus_ &= ~kMstatusMie;
  pc_ = mtvec_ & ~3u;
  cycles_ += cpi_.trap;
  ++traps_;
  in_trap_ = true;
}

bool Core::csr_read(std::uint32_t n, std::uint32_t& v) const {
  const std::uint64_t mcycle = cycles_ + static_cast<std::uint64_t>(mcycle_offset_);
  const std::uint64_t minstret = instret_ + static_cast<std::uint64_t>(minstret_offset_);
  switch (n) {
    case csr::mstatus: v = mstatus_; return true;
    case csr::misa: v = kMisaRv32im; return true;
    case csr::mie: v = mie_; return true;
    case csr::mtvec: v = mtvec_; return true;
    case csr::mstatush: v = 0; return true;
    case csr::mscratch: v = mscratch_; return true;
    case csr::mepc: v = mepc_; return true;
    case csr::mcause: v = mcause_; return true;
    case csr::mtval: v = mtval_; return true;
    case csr::mip: v = mip_; return true;
    case csr::mcycle: case csr::cycle: v = static_cast<std::uint32_t>(mcycle); return true;
    case csr::mcycleh: case csr::cycleh: v = static_cast<std::uint32_t>(mcycle >> 32); return true;
    case csr::minstret: case csr::instret: v = static_cast<std::uint32_t>(minstret); return true;
    case csr::minstreth: case csr::instreth: v = static_cast<std::uint32_t>(minstret >> 32); return true;
    case csr::mvendorid: case csr::marchid: case csr::mimpid: case csr::mhartid: v = 0; return true;
    default: return false;
  }
}

bool Core::csr_write(std::uint32_t n, std::uint32_t v) {
  if ((n >> 10) == 3) return false;  // read-only CSR
  auto set_lo = [](std::uint64_t cur, std::uint32_t lo) { return (cur & ~0xffffffffull) | lo; };
  auto set_hi = [](std::uint64_t cur, std::uint32_t hi) { return (cur & 0xffffffffull) | (std::uint64_t{hi} << 32); };
  const std::uint64_t mcycle = cycles_ + static_cast<std::uint64_t>(mcycle_offset_);
  const std::uint64_t minstret = instret_ + static_cast<std::uint64_t>(minstret_offset_);
  switch (n) {
    case csr::mstatus: mstatus_ = (v & (kMstatusMie | kMstatusMpie)) | kMstatusMpp; limit_ = 0; return true;
    case csr::misa: case csr::mstatush: case csr::mip: return true;  // WARL, fixed (mip bits are hardware levels)
    case csr::mie: mie_ = v & (kMipMsip | kMipMtip | kMipMeip); limit_ = 0; return true;
    case csr::mtvec: mtvec_ = (v & 3u) >= 2 ? (v & ~3u) : v; return true;  // modes 2, 3 reserved: direct
    case csr::mscratch: mscratch_ = v; return true;
    case csr::mepc: mepc_ = v & ~3u; return true;  // IALIGN = 32
    case csr::mcause: mcause_ = v; return true;
    case csr::mtval: mtval_ = v; return true;
    case csr::mcycle: mcycle_offset_ = static_cast<std::int64_t>(set_lo(mcycle, v) - cycles_); return true;
    case csr::mcycleh: mcycle_offset_ = static_cast<std::int64_t>(set_hi(mcycle, v) - cycles_); return true;
    case csr::minstret: minstret_offset_ = static_cast<std::int64_t>(set_lo(minstret, v) - instret_ - 1); return true;
    case csr::minstreth: minstret_offset_ = static_cast<std::int64_t>(set_hi(minstret, v) - instret_ - 1); return true;
    default: return false;
  }
}

inline bool Core::load(std::uint32_t addr, unsigned bytes, std::uint32_t& v) {
  if ((addr & (bytes - 1)) != 0) {
    raise(cause::load_misaligned, addr);
    return false;
  }
  if (addr < data_fast_bytes_ && bytes <= data_fast_bytes_ - addr) {
    v = 0;
    std::memcpy(&v, lmem_ + addr, bytes);  // little-endian host
    return true;
  }
  if (addr < lmem_bytes_ && bytes <= lmem_bytes_ - addr) {  // local, while watchpoints are set
    if (watch_hit(addr, bytes, false)) return false;
    v = 0;
    std::memcpy(&v, lmem_ + addr, bytes);
    return true;
  }
  std::uint64_t stall = 0;
  const bool ok = ext_.load(addr, bytes, v, stall);
  cycles_ += stall;
  if (!ok) raise(cause::load_access, addr);
  return ok;
}

inline bool Core::store(std::uint32_t addr, unsigned bytes, std::uint32_t v) {
  if ((addr & (bytes - 1)) != 0) {
    raise(cause::store_misaligned, addr);
    return false;
  }
  if (addr < data_fast_bytes_ && bytes <= data_fast_bytes_ - addr) {
    std::memcpy(lmem_ + addr, &v, bytes);
    return true;
  }
  if (addr < lmem_bytes_ && bytes <= lmem_bytes_ - addr) {  // local, while watchpoints are set
    if (watch_hit(addr, bytes, true)) return false;
    std::memcpy(lmem_ + addr, &v, bytes);
    return true;
  }
  std::uint64_t stall = 0;
  const bool ok = ext_.store(addr, bytes, v, stall);
  cycles_ += stall;
  if (!ok) raise(cause::store_access, addr);
  return ok;
}

void Core::execute_until_limit() {
  std::uint32_t* const x = x_.data();
  while (cycles_ < limit_) {
    if (pc_ > lmem_bytes_ - 4) {  // fetch only from the local memory
      raise(cause::insn_access, pc_);
      continue;
    }
    std::uint32_t in;
    std::memcpy(&in, lmem_ + pc_, 4);
    const std::uint32_t rd = (in >> 7) & 31, f3 = (in >> 12) & 7, rs1 = (in >> 15) & 31, rs2 = (in >> 20) & 31;
    const std::uint32_t a = x[rs1], b = x[rs2];
    std::uint32_t next = pc_ + 4;
    InsnClass cls = InsnClass::alu;
    switch (in & 0x7f) {
      case kLui: x[rd] = in & 0xfffff000u; break;
      case kAuipc: x[rd] = pc_ + (in & 0xfffff000u); break;
      case kJal: {
        const std::uint32_t t = pc_ + static_cast<std::uint32_t>(imm_j(in));
        if (t & 3u) { raise(cause::insn_misaligned, t); continue; }
        x[rd] = next;
        next = t;
        cls = InsnClass::jump;
        break;
      }
      case kJalr: {
        if (f3 != 0) { raise(cause::illegal, in); continue; }
        const std::uint32_t t = (a + static_cast<std::uint32_t>(imm_i(in))) & ~1u;
        if (t & 3u) { raise(cause::insn_misaligned, t); continue; }
        x[rd] = next;
        next = t;
        cls = InsnClass::jump;
        break;
      }
      case kBranch: {
        bool taken;
        switch (f3) {
          case 0: taken = a == b; break;
          case 1: taken = a != b; break;
          case 4: taken = static_cast<std::int32_t>(a) < static_cast<std::int32_t>(b); break;
          case 5: taken = static_cast<std::int32_t>(a) >= static_cast<std::int32_t>(b); break;
          case 6: taken = a < b; break;
          case 7: taken = a >= b; break;
          default: raise(cause::illegal, in); continue;
        }
        cls = InsnClass::branch;
        if (taken) {
          const std::uint32_t t = pc_ + static_cast<std::uint32_t>(imm_b(in));
          if (t & 3u) { raise(cause::insn_misaligned, t); continue; }
          next = t;
          cls = InsnClass::branch_taken;
        }
        break;
      }
      case kLoad: {
        const std::uint32_t addr = a + static_cast<std::uint32_t>(imm_i(in));
        std::uint32_t v = 0;
        unsigned bytes;
        switch (f3) {
          case 0: case 4: bytes = 1; break;
          case 1: case 5: bytes = 2; break;
          case 2: bytes = 4; break;
          default: raise(cause::illegal, in); continue;
        }
        if (!load(addr, bytes, v)) continue;
        if (f3 == 0) v = sext(v, 8);
        else if (f3 == 1) v = sext(v, 16);
        x[rd] = v;
        cls = InsnClass::load;
        break;
      }
      case kStore: {
        if (f3 > 2) { raise(cause::illegal, in); continue; }
        const std::uint32_t addr = a + static_cast<std::uint32_t>(imm_s(in));
        if (!store(addr, 1u << f3, b)) continue;
        cls = InsnClass::store;
        break;
      }
      case kOpImm: {
        const std::uint32_t imm = static_cast<std::uint32_t>(imm_i(in));
        const std::uint32_t f7 = in >> 25;
        switch (f3) {
          case 0: x[rd] = a + imm; break;
          case 2: x[rd] = static_cast<std::int32_t>(a) < static_cast<std::int32_t>(imm); break;
          case 3: x[rd] = a < imm; break;
          case 4: x[rd] = a ^ imm; break;
          case 6: x[rd] = a | imm; break;
          case 7: x[rd] = a & imm; break;
          case 1:
            if (f7 != 0) { raise(cause::illegal, in); continue; }
            x[rd] = a << rs2;
            break;
          default:  // 5
            if (f7 == 0) x[rd] = a >> rs2;
            else if (f7 == 0x20) x[rd] = static_cast<std::uint32_t>(static_cast<std::int32_t>(a) >> rs2);
            else { raise(cause::illegal, in); continue; }
            break;
        }
        break;
      }
      case kOp: {
        const std::uint32_t f7 = in >> 25;
        if (f7 == 0) {
          switch (f3) {
            case 0: x[rd] = a + b; break;
            case 1: x[rd] = a << (b & 31); break;
            case 2: x[rd] = static_cast<std::int32_t>(a) < static_cast<std::int32_t>(b); break;
            case 3: x[rd] = a < b; break;
            case 4: x[rd] = a ^ b; break;
            case 5: x[rd] = a >> (b & 31); break;
            case 6: x[rd] = a | b; break;
            default: x[rd] = a & b; break;
          }
        } else if (f7 == 0x20 && (f3 == 0 || f3 == 5)) {
          x[rd] = f3 == 0 ? a - b : static_cast<std::uint32_t>(static_cast<std::int32_t>(a) >> (b & 31));
        } else if (f7 == 1) {
          const std::int32_t sa = static_cast<std::int32_t>(a), sb = static_cast<std::int32_t>(b);
          constexpr std::int32_t kMin = std::numeric_limits<std::int32_t>::min();
          cls = f3 < 4 ? InsnClass::mul : InsnClass::div;
          switch (f3) {
            case 0: x[rd] = a * b; break;
            case 1: x[rd] = static_cast<std::uint32_t>((std::int64_t{sa} * std::int64_t{sb}) >> 32); break;
            case 2: x[rd] = static_cast<std::uint32_t>((std::int64_t{sa} * static_cast<std::int64_t>(b)) >> 32); break;
            case 3: x[rd] = static_cast<std::uint32_t>((std::uint64_t{a} * std::uint64_t{b}) >> 32); break;
            case 4: x[rd] = b == 0 ? 0xffffffffu : (sa == kMin && sb == -1) ? a : static_cast<std::uint32_t>(sa / sb); break;
            case 5: x[rd] = b == 0 ? 0xffffffffu : a / b; break;
            case 6: x[rd] = b == 0 ? a : (sa == kMin && sb == -1) ? 0u : static_cast<std::uint32_t>(sa % sb); break;
            default: x[rd] = b == 0 ? a : a % b; break;
          }
        } else {
          raise(cause::illegal, in);
          continue;
        }
        break;
      }
      case kMiscMem:
        if (f3 > 1) { raise(cause::illegal, in); continue; }
        cls = InsnClass::system;  // FENCE, FENCE.I: one hart, no caches: nothing to order
        break;
      case kSystem: {
        if (f3 == 0) {
          cls = InsnClass::system;
          if (in == kEcall) { raise(cause::ecall_m, 0); continue; }
          if (in == kEbreak) {
            if (!stop_at_breakpoint()) raise(cause::breakpoint, pc_);
            continue;
          }
          if (in == kMret) {
            mstatus_ = (mstatus_ & kMstatusMpie) ? (mstatus_ | kMstatusMie) : (mstatus_ & ~kMstatusMie);
            mstatus_ |= kMstatusMpie;
            next = mepc_;
            in_trap_ = false;
            limit_ = 0;  // interrupts may be enabled again
          } else if (in == kWfi) {
            wfi_ = true;  // the caller synchronises, then sleeps unless an interrupt is pending
            limit_ = 0;
          } else {
            raise(cause::illegal, in);
            continue;
          }
          break;
        }
        if (f3 == 4) { raise(cause::illegal, in); continue; }
        const std::uint32_t n = in >> 20, op = f3 & 3u;
        const std::uint32_t src = (f3 & 4u) ? rs1 : a;  // CSRR*I: the 5-bit immediate
        const bool writes = op == 1 || rs1 != 0;
        std::uint32_t old = 0;
        if ((op != 1 || rd != 0) && !csr_read(n, old)) { raise(cause::illegal, in); continue; }
        if (writes) {
          const std::uint32_t v = op == 1 ? src : op == 2 ? (old | src) : (old & ~src);
          if (!csr_write(n, v)) { raise(cause::illegal, in); continue; }
        }
        x[rd] = old;
        cls = InsnClass::csr;
        break;
      }
      default:
        raise(cause::illegal, in);
        continue;
    }
    x[0] = 0;
    pc_ = next;
    cycles_ += cpi_.cycles[static_cast<std::size_t>(cls)];
    ++class_count_[static_cast<std::size_t>(cls)];
    ++instret_;
  }
}

bool Core::stop_at_breakpoint() {
  for (const auto& b : breakpoints_) {
    if (b.first == pc_) {  // the debugger's EBREAK: stop before it
      debug_stop_ = {DebugStop::Kind::breakpoint, 0, false, 0, 0};
      limit_ = 0;
      return true;
    }
  }
  return false;  // the program's own EBREAK
}

bool Core::watch_hit(std::uint32_t addr, unsigned bytes, bool write) {
  if (watch_pass_) {
    if (pc_ == watch_pass_pc_ && instret_ == watch_pass_instret_) return false;
    watch_pass_ = false;
  }
  for (const Watchpoint& w : watchpoints_) {
    if (!(write ? w.write : w.read)) continue;
    if (addr < w.addr + w.len && w.addr < addr + bytes) {
      debug_stop_ = {DebugStop::Kind::watchpoint, std::max(addr, w.addr), write, 0, 0};
      limit_ = 0;
      return true;
    }
  }
  return false;
}

bool Core::insert_breakpoint(std::uint32_t addr) {
  if ((addr & 3u) != 0 || addr > lmem_bytes_ - 4) return false;
  for (const auto& b : breakpoints_) {
    if (b.first == addr) return true;
  }
  std::uint32_t original;
  std::memcpy(&original, lmem_ + addr, 4);
  breakpoints_.emplace_back(addr, original);
  std::memcpy(lmem_ + addr, &kEbreak, 4);
  return true;
}

bool Core::remove_breakpoint(std::uint32_t addr) {
  for (auto it = breakpoints_.begin(); it != breakpoints_.end(); ++it) {
    if (it->first == addr) {
      std::memcpy(lmem_ + addr, &it->second, 4);
      breakpoints_.erase(it);
      return true;
    }
  }
  return true;  // nothing there: already removed
}

void Core::set_watchpoints(std::vector<Watchpoint> w) {
  watchpoints_ = std::move(w);
  data_fast_bytes_ = watchpoints_.empty() ? lmem_bytes_ : 0;
}

void Core::resume_from_debug() {
  const DebugStop s = debug_stop_;
  debug_stop_ = {};
  if (s.kind == DebugStop::Kind::exception) {
    take_exception(s.cause, s.tval);
  } else if (s.kind == DebugStop::Kind::watchpoint) {
    watch_pass_ = true;
    watch_pass_pc_ = pc_;
    watch_pass_instret_ = instret_;
  }
}

bool Core::debug_csr_write(std::uint32_t n, std::uint32_t v) {
  switch (n) {
    case csr::mstatus: case csr::mie: case csr::mtvec: case csr::mscratch: case csr::mepc: case csr::mcause:
    case csr::mtval:
      return csr_write(n, v);
    default:
      return false;
  }
}

}  // namespace sushi::rv32
