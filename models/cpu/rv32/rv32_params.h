// The cpu.rv32.* keys (docs/rv32.md), declared once (models/common/params.h): the firmware ELF,
// the core's local memory, its cycles per instruction class (rv32::describe_cpi) and the GDB stub.
// The platform reads a validated config into this struct; Rv32CpuParams and Rv32GdbParams take
// their members from it (and their defaults are these declared ones).
#pragma once

#include <cstdint>
#include <string>

#include "util/params.h"
#include "cpu/rv32/rv32_isa.h"

namespace sushi {

struct Rv32Params {
  Rv32Params() { params::apply_defaults(*this); }

  std::string elf_path;  // empty: the firmware ELF built with this sushi-vp
  std::uint32_t local_memory_bytes;
  rv32::Cpi cpi;
  struct Gdb {
    bool enabled;
    std::uint16_t port;  // 0: a free port the system chooses
    bool wait;           // halt before the first instruction until a debugger connects
    double wait_timeout_ps;  // wall-clock time to wait for it; 0: no limit
  } gdb;

  // Every cpu.rv32.* key. `P` is Rv32Params or const Rv32Params.
  template <class V, class P>
  static void describe(V& v, P& p) {
    using params::Kind;
    // (in the cpu section, cpu/cpu_params.h; these keys apply to cpu.kind: rv32)
    v.path("cpu.rv32.elf", p.elf_path, "",
           "rv32: the firmware ELF; empty: the one built with this sushi-vp "
           "(<build>/firmware/rv32/sushi-fw-rv32.elf)");
    v.quantity("cpu.rv32.local_memory", Kind::size, p.local_memory_bytes, "1 MiB", "4 KiB", "32 MiB",
               "rv32: the core's local memory (code, data, stack, boot info at 0), fetched with DMI");
    rv32::describe_cpi(v, p.cpi);
    // Energy-table entries: the platform looks them up (platform/soc/serving_rv32.cpp).
    v.string("cpu.rv32.energy_prefix", params::unbound, "cpu.rv32",
             "rv32: energy-table entries <prefix>.alu, .load, .store, .branch, .jump, .mul, .div, "
             ".system, charged per retired instruction of the class");
    v.boolean("cpu.rv32.gdb.enabled", p.gdb.enabled, false,
              "rv32: serve the GDB remote protocol on 127.0.0.1 (loopback only) for gdb-multiarch "
              "(docs/rv32.md, \"Debugging\"); `sushi-vp run --gdb PORT` sets it");
    v.integer("cpu.rv32.gdb.port", p.gdb.port, 3333, 0, 65535,
              "rv32: TCP port of the GDB stub; 0: a free port chosen by the system (printed on stderr)");
    v.boolean("cpu.rv32.gdb.wait", p.gdb.wait, true,
              "rv32: halt the core before its first instruction until a debugger connects; false: run, "
              "a debugger may connect (and halt the core) at any time");
    v.quantity("cpu.rv32.gdb.wait_timeout", Kind::time, p.gdb.wait_timeout_ps, "0 s", "0 s", "100000 s",
               "rv32: wall-clock time to wait for the debugger before the run (0 s: no limit); none connected "
               "in time: the run stops with an error");
  }
};

}  // namespace sushi
