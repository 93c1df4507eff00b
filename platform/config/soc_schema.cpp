#include "dram/dram_params.h"
#include "common/port_memory.h"
#include "noc/noc_params.h"
#include "sram/sram_params.h"
#include "config/params_visitors.h"
#include "platform_schema.h"

namespace sushi::config {

void declare_soc_keys(Schema& s) {
  declare_keys<sram::SramParams>(s);

  declare_keys<dram::DramParams>(s);

  declare_keys<PortMemoryParams>(s);

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

void declare_noc_keys(Schema& s) { declare_keys<noc::NocParams>(s); }

}  // namespace sushi::config
