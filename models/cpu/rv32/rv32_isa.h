// RV32IM / machine-mode constants of the instruction-set simulator: instruction classes of the
// timing model, CSR numbers, mstatus/mip bits and trap causes (RISC-V Privileged Spec 20211203).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "util/params.h"

namespace sushi::rv32 {

// Instruction classes of the cycles-per-instruction model (docs/rv32.md, "Timing").
enum class InsnClass : std::uint8_t {
  alu = 0,           // OP, OP-IMM, LUI, AUIPC
  load,              // LB/LH/LW/LBU/LHU (a bus access adds its latency as stall cycles)
  store,             // SB/SH/SW (idem)
  branch,            // a conditional branch not taken
  branch_taken,      // a conditional branch taken
  jump,              // JAL, JALR
  mul,               // MUL, MULH, MULHSU, MULHU
  div,               // DIV, DIVU, REM, REMU
  csr,               // CSRRW/S/C[I]
  system,            // FENCE, FENCE.I, ECALL, EBREAK, MRET, WFI
  count
};
constexpr std::size_t kInsnClasses = static_cast<std::size_t>(InsnClass::count);
constexpr std::array<const char*, kInsnClasses> kInsnClassNames = {
    "alu", "load", "store", "branch", "branch_taken", "jump", "mul", "div", "csr", "system"};

// Cycles per instruction of each class, plus the cycles of a trap entry (exception or interrupt).
// The defaults are the declared ones (describe_cpi).
struct Cpi {
  Cpi();
  std::array<std::uint32_t, kInsnClasses> cycles;
  std::uint32_t trap;
};

// The cpu.rv32.cpi.* keys (part of Rv32Params::describe, cpu/rv32/rv32_params.h), one per class.
template <class V, class C>
void describe_cpi(V& v, C& cpi) {
  auto cls = [&](InsnClass c, long long def, const char* doc) {
    const auto i = static_cast<std::size_t>(c);
    v.integer(std::string("cpu.rv32.cpi.") + kInsnClassNames[i], cpi.cycles[i], def, 1, 1000, doc);
  };
  cls(InsnClass::alu, 1, "rv32: cycles of an ALU instruction (OP, OP-IMM, LUI, AUIPC)");
  cls(InsnClass::load, 2, "rv32: cycles of a load (a bus load adds the bus latency)");
  cls(InsnClass::store, 1, "rv32: cycles of a store (a bus store adds the bus latency)");
  cls(InsnClass::branch, 1, "rv32: cycles of a conditional branch not taken");
  cls(InsnClass::branch_taken, 3, "rv32: cycles of a conditional branch taken");
  cls(InsnClass::jump, 2, "rv32: cycles of JAL / JALR");
  cls(InsnClass::mul, 3, "rv32: cycles of MUL, MULH, MULHSU, MULHU");
  cls(InsnClass::div, 34, "rv32: cycles of DIV, DIVU, REM, REMU");
  cls(InsnClass::csr, 1, "rv32: cycles of a CSR instruction");
  cls(InsnClass::system, 1, "rv32: cycles of FENCE, ECALL, EBREAK, MRET, WFI");
  v.integer("cpu.rv32.cpi.trap", cpi.trap, 3, 0, 1000, "rv32: cycles of a trap entry (exception or interrupt)");
}

inline Cpi::Cpi() {
  params::DefaultsVisitor v;
  describe_cpi(v, *this);
}

namespace csr {
constexpr std::uint32_t mstatus = 0x300, misa = 0x301, mie = 0x304, mtvec = 0x305, mstatush = 0x310,
                        mscratch = 0x340, mepc = 0x341, mcause = 0x342, mtval = 0x343, mip = 0x344,
                        mcycle = 0xB00, minstret = 0xB02, mcycleh = 0xB80, minstreth = 0xB82,
                        cycle = 0xC00, instret = 0xC02, cycleh = 0xC80, instreth = 0xC82,
                        mvendorid = 0xF11, marchid = 0xF12, mimpid = 0xF13, mhartid = 0xF14;
}  // namespace csr

constexpr std::uint32_t kMstatusMie = 1u << 3, kMstatusMpie = 1u << 7, kMstatusMpp = 3u << 11;
constexpr std::uint32_t kMipMsip = 1u << 3, kMipMtip = 1u << 7, kMipMeip = 1u << 11;
constexpr std::uint32_t kMisaRv32im = (1u << 30) | (1u << 8) | (1u << 12);  // MXL=1, I, M

// mcause values (interrupts have bit 31 set).
namespace cause {
constexpr std::uint32_t insn_misaligned = 0, insn_access = 1, illegal = 2, breakpoint = 3,
                        load_misaligned = 4, load_access = 5, store_misaligned = 6, store_access = 7,
                        ecall_m = 11;
constexpr std::uint32_t interrupt = 0x80000000u;
constexpr std::uint32_t m_software = interrupt | 3, m_timer = interrupt | 7, m_external = interrupt | 11;
}  // namespace cause

}  // namespace sushi::rv32
