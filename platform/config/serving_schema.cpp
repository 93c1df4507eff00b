#include "platform_schema.h"
#include "config/sched_names.h"

namespace sushi::config {

void declare_serving_keys(Schema& s) {
  s.boolean("accel.enabled", false,
            "Put the SushiAccel accelerator in the SoC (implied by cpu.kind: host or rv32)");

  s.describe_section("cpu",
                     "The embedded core that runs the SushiSched firmware (docs/cpu.md). host: the "
                     "firmware's C code runs natively in the CPU model's thread; every MMIO access "
                     "is a TLM transaction and firmware compute time is charged by the cost model.");
  s.choice("cpu.kind", "none", {"none", "host", "rv32"},
           "none: no CPU (traffic-generator SoCs); host: host-compiled firmware; rv32: the "
           "cross-compiled firmware ELF on the RV32IM instruction-set simulator (docs/rv32.md)");
  s.quantity("cpu.clock", KeyType::frequency, "1 GHz", "1 MHz", "10 GHz",
             "CPU clock (host: cost model cycles; rv32: the core's cycle)");
  s.choice("cpu.firmware_time", "modelled", {"modelled", "zero"},
           "modelled: the firmware's own execution takes simulated time (host: charged cycles; "
           "rv32: each instruction's cycles) and the core waits for each bus answer; zero: an "
           "infinitely fast core, the firmware decides at the instants of the interrupts that "
           "woke it (sleeping still waits; the bus, accelerator and DRAM keep their timing; "
           "energy is still charged per cycle / instruction). docs/cpu.md");
  s.integer("cpu.cost.query_cycles", 200, 0, 100000000,
            "Cycles charged per query handled (request read, bookkeeping, completion record)");
  s.integer("cpu.cost.candidate_cycles", 20, 0, 100000000,
            "Cycles charged per catalog entry the scheduler examines");
  s.integer("cpu.cost.layer_cycles", 10, 0, 100000000,
            "Cycles charged per PB-map or descriptor entry the firmware prepares");
  s.integer("cpu.cost.boot_cycles", 1000, 0, 100000000, "Cycles charged once for image validation");
  s.string("cpu.cycle_energy", "cpu.core_cycle", "Energy-table entry charged per busy CPU cycle");
  s.string("cpu.static_power", "",
           "Energy-table power entry the core draws all the time, asleep or running (leakage, "
           "clock-gated idle); its work adds cpu.cycle_energy per cycle; empty: none (docs/energy.md)");
  // cpu.kind: rv32 (docs/rv32.md)
  s.path("cpu.rv32.elf", "",
         "rv32: the firmware ELF; empty: the one built with this sushi-vp "
         "(<build>/firmware/rv32/sushi-fw-rv32.elf)");
  s.quantity("cpu.rv32.local_memory", KeyType::size, "1 MiB", "4 KiB", "32 MiB",
             "rv32: the core's local memory (code, data, stack, boot info at 0), fetched with DMI");
  s.integer("cpu.rv32.cpi.alu", 1, 1, 1000, "rv32: cycles of an ALU instruction (OP, OP-IMM, LUI, AUIPC)");
  s.integer("cpu.rv32.cpi.load", 2, 1, 1000, "rv32: cycles of a load (a bus load adds the bus latency)");
  s.integer("cpu.rv32.cpi.store", 1, 1, 1000, "rv32: cycles of a store (a bus store adds the bus latency)");
  s.integer("cpu.rv32.cpi.branch", 1, 1, 1000, "rv32: cycles of a conditional branch not taken");
  s.integer("cpu.rv32.cpi.branch_taken", 3, 1, 1000, "rv32: cycles of a conditional branch taken");
  s.integer("cpu.rv32.cpi.jump", 2, 1, 1000, "rv32: cycles of JAL / JALR");
  s.integer("cpu.rv32.cpi.mul", 3, 1, 1000, "rv32: cycles of MUL, MULH, MULHSU, MULHU");
  s.integer("cpu.rv32.cpi.div", 34, 1, 1000, "rv32: cycles of DIV, DIVU, REM, REMU");
  s.integer("cpu.rv32.cpi.csr", 1, 1, 1000, "rv32: cycles of a CSR instruction");
  s.integer("cpu.rv32.cpi.system", 1, 1, 1000, "rv32: cycles of FENCE, ECALL, EBREAK, MRET, WFI");
  s.integer("cpu.rv32.cpi.trap", 3, 0, 1000, "rv32: cycles of a trap entry (exception or interrupt)");
  s.string("cpu.rv32.energy_prefix", "cpu.rv32",
           "rv32: energy-table entries <prefix>.alu, .load, .store, .branch, .jump, .mul, .div, "
           ".system, charged per retired instruction of the class");
  s.boolean("cpu.rv32.gdb.enabled", false,
            "rv32: serve the GDB remote protocol on 127.0.0.1 (loopback only) for gdb-multiarch "
            "(docs/rv32.md, \"Debugging\"); `sushi-vp run --gdb PORT` sets it");
  s.integer("cpu.rv32.gdb.port", 3333, 0, 65535,
            "rv32: TCP port of the GDB stub; 0: a free port chosen by the system (printed on stderr)");
  s.boolean("cpu.rv32.gdb.wait", true,
            "rv32: halt the core before its first instruction until a debugger connects; false: run, "
            "a debugger may connect (and halt the core) at any time");
  s.quantity("cpu.rv32.gdb.wait_timeout", KeyType::time, "0 s", "0 s", "100000 s",
             "rv32: wall-clock time to wait for the debugger before the run (0 s: no limit); none connected "
             "in time: the run stops with an error");

  s.describe_section("query_port",
                     "The mailbox between the workload and the firmware (docs/query-port.md).");
  s.integer("query_port.base", 0x40010000LL, 0, std::nullopt, "Register block address");
  s.integer("query_port.fifo_depth", 16, 1, 65536,
            "Request FIFO capacity; a query arriving when it is full is dropped (and counted)");

  s.describe_section("timer", "Timer and interrupt controller (docs/query-port.md).");
  s.integer("timer.base", 0x40020000LL, 0, std::nullopt, "Register block address");

  s.describe_section("model",
                     "The served SuperNet: its catalog, and where the model image, the weights "
                     "and the activation arena live in DRAM (docs/supernet.md).");
  s.path("model.catalog", "<vp_configs>/catalogs/ofa-resnet50.csv",
         "Catalog of served SubNets (CSV or YAML; its arch is read from the file)");
  s.string("model.dram", "main", "DRAM instance (dram.<name>) holding image, weights and activations");
  s.quantity("model.weights_offset", KeyType::size, "0 B", "0 B", "1 TiB",
             "Offset of the SuperNet's weights inside that DRAM");
  s.quantity("model.act_offset", KeyType::size, "512 MiB", "0 B", "1 TiB",
             "Offset of the activation arena inside that DRAM");
  s.quantity("model.image_offset", KeyType::size, "1 GiB", "0 B", "1 TiB",
             "Offset of the model image inside that DRAM");
  s.quantity("model.scratch_offset", KeyType::size, "1040 MiB", "0 B", "1 TiB",
             "Offset of the firmware's working memory (PB maps, PB load lists) inside that DRAM");
  s.quantity("model.scratch_size", KeyType::size, "1 MiB", "4 KiB", "1 GiB", "Firmware working memory size");
  s.path("model.profile", "",
         "Latency profile measured by `sushi-vp profile` (JSON) for the image's latency "
         "coefficients; empty: the analytic estimate (docs/sched.md)");

  s.describe_section("sched",
                     "SushiSched, run by the firmware: SubNet selection and the SubGraph caching "
                     "policy of the Persistent Buffer (docs/sched.md).");
  s.choice("sched.objective", "accuracy", params::names_of(kObjectiveNames),
           "accuracy: the most accurate SubNet whose predicted completion meets the deadline "
           "(else the fastest meeting the accuracy floor, else the fastest); min_latency: the "
           "fastest SubNet meeting the accuracy floor");
  s.choice("sched.cache.policy", "none", params::names_of(kCachePolicyNames),
           "none: no PB use; static: one SubGraph planned at boot from the catalog; sgs: re-plan "
           "the SubGraph for the last `window` queries every `window` queries (and/or every "
           "`period`), loading only changed blocks; lru: a layer-region cache managed on each "
           "query; oracle: sgs planned on the next `window` queries' SubNets (an upper bound)");
  s.integer("sched.cache.window", 16, 0, 256,
            "sgs/oracle: queries per plan and queries the plan looks at (0: plan by period only, sgs)");
  s.quantity("sched.cache.period", KeyType::time, "0 s", "0 s", "1000 s",
             "sgs: also re-plan when this much simulated time passed since the last plan (0 s: off)");
  s.boolean("sched.cache.reload_guard", false,
            "sgs/oracle: load a new plan only when, over the window it was planned for, it saves more DRAM "
            "weight bytes than its reload moves and more predicted accelerator time than the reload takes");
}

}  // namespace sushi::config
