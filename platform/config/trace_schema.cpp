// The trace.* keys: optional trace files of a run (docs/traces.md). All off by default, so an
// untraced run writes exactly the files it always did.
#include "platform_schema.h"

namespace sushi::config {

void declare_trace_keys(Schema& s) {
  s.describe_section("trace",
                     "Optional trace files in the run directory (docs/traces.md): transactions.csv.gz, "
                     "timeline.json (Perfetto), signals.vcd (GTKWave), power.csv, mmio.csv. Off by default.");
  s.boolean("trace.transactions", false, "Write transactions.csv.gz: one row per off-chip (DRAM) transaction");
  s.integer("trace.transactions_every", 1, 1, 1000000000,
            "Sampling: keep one transaction in N (1 = every transaction), counted inside the time window");
  s.quantity("trace.transactions_from", KeyType::time, "0 s", "0 s", "100000 s",
             "Window: keep transactions arriving at or after this simulated time");
  s.quantity("trace.transactions_until", KeyType::time, "100000 s", "0 s", "100000 s",
             "Window: keep transactions arriving before this simulated time");
  s.boolean("trace.timeline", false,
            "Write timeline.json: Chrome/Perfetto trace events (firmware states, queries, accelerator "
            "jobs and layers, PB loads, power and DRAM counters); opens in ui.perfetto.dev");
  s.boolean("trace.timeline_cpu", true, "Timeline: include the firmware states of the CPU (one event per state change)");
  s.boolean("trace.timeline_layers", true, "Timeline: include one event per accelerator layer with its DMA bytes");
  s.boolean("trace.vcd", false,
            "Write signals.vcd (sc_trace): accelerator busy, interrupt lines, power per component; opens in GTKWave");
  s.boolean("trace.power", false, "Write power.csv: energy, power and bytes per component in fixed windows");
  s.quantity("trace.power_window", KeyType::time, "1 ms", "1 ns", "1 s",
             "Window of power.csv and of the power counters in timeline.json and signals.vcd");
  s.boolean("trace.mmio", false,
            "Write mmio.csv, the register-access trace: every bus access of the CPU (host or rv32) with "
            "the device and register name; with trace.timeline, also instant events on the CPU's "
            "\"register accesses\" track");
}

}  // namespace sushi::config
