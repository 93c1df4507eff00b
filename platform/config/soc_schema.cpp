#include "dram/dram_params.h"
#include "noc/noc_params.h"
#include "platform_schema.h"

namespace sushi::config {

void declare_soc_keys(Schema& s) {
  s.describe_section("sram",
                     "On-chip SRAMs reachable over the NoC (scratchpads), one named instance each "
                     "(e.g. sram.scratch). Timing and energy: docs/sram.md.");
  s.integer("sram.*.base", std::nullopt, 0, std::nullopt,
            "First byte address of the SRAM in the SoC address map (0x hex allowed)");
  s.quantity("sram.*.size", KeyType::size, std::nullopt, "1 B", "1 GiB", "Capacity");
  s.quantity("sram.*.word", KeyType::size, "8 B", "1 B", "256 B",
             "Word width of a bank and of a port (one word per port per cycle)");
  s.integer("sram.*.banks", 1, 1, 1024, "Word-interleaved banks (word i in bank i mod banks)");
  s.integer("sram.*.ports", 1, 1, 16, "Independent access ports");
  s.quantity("sram.*.clock", KeyType::frequency, "1 GHz", "1 MHz", "10 GHz", "Array clock");
  s.integer("sram.*.read_latency_cycles", 1, 0, 1000, "Last word issued to data out");
  s.integer("sram.*.write_latency_cycles", 1, 0, 1000, "Last word issued to write retired");
  s.integer("sram.*.bank_busy_cycles", 1, 1, 1000,
            "Cycles a bank stays busy per word: a second word to the bank inside this window waits");

  s.describe_section("dram",
                     "Off-chip DRAM subsystems, one named instance each (e.g. dram.main): a "
                     "controller with bank/row timing, refresh and command-level energy from a "
                     "memory specification (docs/dram.md).");
  s.integer("dram.*.base", std::nullopt, 0, std::nullopt,
            "First byte address of the DRAM in the SoC address map (0x hex allowed); its size is "
            "the memspec's capacity");
  s.path("dram.*.memspec", "<vp_configs>/memspecs/lpddr4-3200-x16-2ch.yaml",
         "Memory specification: organisation, timings, currents (vp_configs/memspecs/)");
  s.choice("dram.*.page_policy", "open", dram::names_of(dram::kPagePolicyNames),
           "open: rows stay open for hits; closed: precharge after each access");
  s.string("dram.*.address_mapping", "",
           "Address bit fields from the LSB, e.g. \"bg:2,co:7,ba:2,ro:15\" (empty: the memspec's "
           "default; docs/dram.md)");
  s.choice("dram.*.bank_hashing", "none", dram::names_of(dram::kBankHashingNames),
           "xor: bank ^= lowest row bits, bank group ^= the row bits above them (spreads rows that "
           "share a bank over the banks); none: the address_mapping alone");
  s.integer("dram.*.queue_depth", 32, 1, 4096,
            "Controller queue depth per channel, in bursts (scheduler fcfs: bounds the bank lookahead)");
  s.choice("dram.*.scheduler", "fcfs", dram::names_of(dram::kSchedulerNames),
           "fcfs: serve bursts in arrival order as they arrive; fr_fcfs: buffer them and issue per bank "
           "row hits first, then the oldest, across banks the command that can go first (docs/dram.md)");
  s.choice("dram.*.scheduler_buffer", "bankwise", dram::names_of(dram::kBufferNames),
           "fr_fcfs request buffer: shared (request_buffer_size bursts per channel) or bankwise (per bank)");
  s.integer("dram.*.request_buffer_size", 8, 1, 4096,
            "fr_fcfs request buffer size in bursts (per bank when bankwise, per channel when shared)");
  s.choice("dram.*.refresh", "all_bank", dram::names_of(dram::kRefreshNames),
           "all_bank: REFab every tREFI (tRPab before it); per_bank: REFpb every tREFIpb, banks in turn "
           "(LPDDR4; needs tRFCpb, tREFIpb, IDD5PB in the memspec)");

  s.describe_section("memories",
                     "Generic memories, one named instance each (e.g. memories.ext): a region "
                     "behind one port with a latency and a bandwidth (docs/soc-skeleton.md). Use "
                     "them for quick studies; the sram and dram sections model real devices.");
  s.choice("memories.*.category", "sram", {"sram", "dram"},
           "Energy category the memory's accesses are reported under");
  s.integer("memories.*.base", std::nullopt, 0, std::nullopt,
            "First byte address of the region (decimal or 0x hex, '_' separators allowed)");
  s.quantity("memories.*.size", KeyType::size, std::nullopt, "1 B", "1 TiB", "Capacity");
  s.quantity("memories.*.latency", KeyType::time, "10 ns", "0 ps", "1 ms",
             "Access latency added after the data transfer (pipelined across accesses)");
  s.quantity("memories.*.bandwidth", KeyType::bandwidth, "12.8 GB/s", "1 MB/s", "10 TB/s",
             "Port bandwidth; concurrent accesses queue for it");
  s.string("memories.*.read_energy", "sram.port_memory.read",
           "Energy-table entry charged per read (per byte if the entry is per bit or per B)");
  s.string("memories.*.write_energy", "sram.port_memory.write",
           "Energy-table entry charged per write (per byte if the entry is per bit or per B)");

  s.describe_section("traffic",
                     "Traffic generators, one named instance each: initiators that stream reads "
                     "and writes to a memory through the NoC (for memory and NoC studies).");
  s.string("traffic.*.target", std::nullopt,
           "Name of the memory to access (an instance of sram, dram or memories)");
  s.choice("traffic.*.pattern", "sequential", {"sequential", "random"},
           "Address pattern inside the region: sequential (wrapping) or uniform random");
  s.quantity("traffic.*.transaction_size", KeyType::size, "64 B", "1 B", "16 MiB",
             "Bytes per TLM transaction");
  s.integer("traffic.*.transactions", 1000, 0, 1000000000, "Number of transactions to issue");
  s.real("traffic.*.read_fraction", 1.0, 0.0, 1.0, "Fraction of transactions that are reads");
  s.integer("traffic.*.outstanding", 1, 1, 4096,
            "Requests in flight at most: 1 = one at a time (temporally decoupled); more = that many "
            "worker threads, each waiting for its request's completion (maximum rate with interval 0)");
  s.path("traffic.*.trace", "",
         "Request trace to replay instead of the pattern (docs/traffic.md): DRAMSys STL (*.stl) or CSV "
         "(*.csv), optionally gzip-compressed (*.gz); addresses are offsets in the region");
  s.quantity("traffic.*.trace_clock", KeyType::frequency, "1 GHz", "1 kHz", "100 GHz",
             "Clock of the STL trace's cycle numbers (the initiator's clock)");
  s.quantity("traffic.*.interval", KeyType::time, "0 ps", "0 ps", "1 s",
             "Gap between a transaction's completion and the next issue");
  s.quantity("traffic.*.start", KeyType::time, "0 ps", "0 ps", "1000 s", "Time of the first issue");
  s.quantity("traffic.*.region_offset", KeyType::size, "0 B", "0 B", "1 TiB",
             "Offset of the accessed region inside the target memory");
  s.quantity("traffic.*.region_size", KeyType::size, "0 B", "0 B", "1 TiB",
             "Size of the accessed region (0 B = up to the end of the memory)");
}

void declare_noc_keys(Schema& s) {
  s.describe_section("noc",
                     "The on-chip interconnect: routes every transaction by the address map "
                     "through a crossbar or an XY-routed mesh, with per-link bandwidth, router "
                     "latency and per-hop energy (docs/noc.md). Every initiator and target is a "
                     "node; its placement is noc.nodes.<name>.");
  s.choice("noc.topology", "crossbar", params::names_of(noc::kTopologyNames),
           "crossbar: AXI-interconnect-like, one input and one output port per node; "
           "mesh: width x height routers with XY routing");
  s.integer("noc.width", 1, 1, 64, "Mesh routers in X");
  s.integer("noc.height", 1, 1, 64, "Mesh routers in Y");
  s.integer("noc.local_ports", 1, 1, 16, "Mesh: nodes attachable per router (concentration)");
  s.quantity("noc.flit", KeyType::size, "16 B", "1 B", "1 KiB",
             "Flit width = link and port width: one flit per link per cycle");
  s.quantity("noc.clock", KeyType::frequency, "1 GHz", "1 MHz", "10 GHz", "NoC clock");
  s.integer("noc.router_latency_cycles", 2, 0, 64, "Mesh: router pipeline per hop");
  s.integer("noc.link_latency_cycles", 1, 0, 64, "Mesh: router-to-router wire traversal");
  s.integer("noc.arbitration_cycles", 1, 0, 64, "Crossbar: arbitration and switch traversal");
  s.integer("noc.header_flits", 1, 0, 16, "Header flits (address, command) per packet");
  s.quantity("noc.link_length", KeyType::length, "1 mm", "0 mm", "100 mm",
             "Mesh: router-to-router link length (link energy)");
  s.integer("noc.nodes.*.x", 0, 0, 63, "Mesh column of the node's router");
  s.integer("noc.nodes.*.y", 0, 0, 63, "Mesh row of the node's router");
  s.integer("noc.nodes.*.port", 0, 0, 255,
            "Mesh: local port of the router; crossbar: port number (unplaced crossbar nodes get "
            "the next free port in order of appearance)");
}

}  // namespace sushi::config
