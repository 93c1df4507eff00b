#include "dram/dram_params.h"
#include "common/port_memory.h"
#include "noc/noc_params.h"
#include "sram/sram_params.h"
#include "config/params_visitors.h"
#include "platform_schema.h"

namespace sushi::config {

void declare_soc_keys(Schema& s) {
  declare_keys<sram::SramParams>(s);

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
