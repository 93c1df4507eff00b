#include "platform_schema.h"

namespace sushi::config {

void declare_soc_keys(Schema& s) {
  s.describe_section("memories",
                     "Memories of the SoC, one named instance each (e.g. memories.dram). Each is "
                     "a region of the address map behind one port with a latency and a bandwidth.");
  s.choice("memories.*.kind", "sram", {"sram", "dram"},
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

  s.describe_section("interconnect",
                     "The bus between initiators and memories: routes by the address map, one "
                     "bandwidth-limited port per memory.");
  s.quantity("interconnect.clock", KeyType::frequency, "1 GHz", "1 MHz", "10 GHz", "Clock");
  s.quantity("interconnect.width", KeyType::size, "16 B", "1 B", "1 KiB",
             "Data bytes per cycle per target port");
  s.integer("interconnect.latency_cycles", 2, 0, 1000, "Fixed routing latency per transfer");

  s.describe_section("traffic",
                     "Traffic generators, one named instance each: initiators that stream reads "
                     "and writes to a memory (used until the CPU and accelerator models exist, "
                     "and for memory studies).");
  s.string("traffic.*.target", std::nullopt, "Name of the memory (a key of memories) to access");
  s.choice("traffic.*.pattern", "sequential", {"sequential", "random"},
           "Address pattern inside the region: sequential (wrapping) or uniform random");
  s.quantity("traffic.*.transaction_size", KeyType::size, "64 B", "1 B", "16 MiB",
             "Bytes per TLM transaction");
  s.integer("traffic.*.transactions", 1000, 0, 1000000000, "Number of transactions to issue");
  s.real("traffic.*.read_fraction", 1.0, 0.0, 1.0, "Fraction of transactions that are reads");
  s.quantity("traffic.*.interval", KeyType::time, "0 ps", "0 ps", "1 s",
             "Gap between a transaction's completion and the next issue");
  s.quantity("traffic.*.start", KeyType::time, "0 ps", "0 ps", "1000 s", "Time of the first issue");
  s.quantity("traffic.*.region_offset", KeyType::size, "0 B", "0 B", "1 TiB",
             "Offset of the accessed region inside the target memory");
  s.quantity("traffic.*.region_size", KeyType::size, "0 B", "0 B", "1 TiB",
             "Size of the accessed region (0 B = up to the end of the memory)");
}

}  // namespace sushi::config
