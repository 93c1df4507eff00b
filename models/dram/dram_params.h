// Plain parameter structs of the DRAM model (DRAMSys style: the model never reads YAML).
//
// A DramSpec is one memory specification (a "memspec"): clock, organisation, timings in whole
// DRAM clock cycles (nCK), supply currents and voltages, and the I/O energy per bit, each block
// with the document it comes from. DramParams adds the controller choices (address mapping, page
// policy, queue depth, scheduler, refresh), each dram.<name>.* key declared once in
// DramParams::describe (models/common/params.h): the schema, the config mapping
// (platform/soc/dram_params.cpp), the defaults and validate()'s range checks come from it.
// platform/config/memspec_loader reads memspec YAML files into DramSpec.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/params.h"
#include "dram_params_error.h"
#include "page_policy/page_policy.h"
#include "refresh/refresh_policy.h"
#include "scheduler/scheduler.h"
#include "scheduler_buffer/scheduler_buffer.h"

namespace sushi::dram {


struct DramOrganisation {
  std::uint32_t channels = 1;
  std::uint32_t ranks = 1;             // per channel
  std::uint32_t bank_groups = 1;       // per rank (1 = no bank groups, e.g. LPDDR4)
  std::uint32_t banks_per_group = 8;   // banks per bank group
  std::uint32_t rows = 65536;          // per bank
  std::uint32_t columns = 1024;        // per row, in device columns (device_width bits each)
  std::uint32_t device_width = 16;     // DQ bits per device
  std::uint32_t devices_per_rank = 1;  // devices side by side on the channel's data bus
  std::uint32_t burst_length = 16;     // beats (BL); a burst takes BL/2 clock cycles (DDR)

  std::uint32_t banks_per_rank() const { return bank_groups * banks_per_group; }
  std::uint32_t bus_width_bits() const { return device_width * devices_per_rank; }
  std::uint32_t burst_bytes() const { return burst_length * bus_width_bits() / 8; }
  std::uint32_t bursts_per_row() const { return columns / burst_length; }
  std::uint64_t row_bytes() const { return std::uint64_t(columns) * bus_width_bits() / 8; }
  std::uint64_t channel_bytes() const {
    return std::uint64_t(ranks) * banks_per_rank() * rows * row_bytes();
  }
  std::uint64_t capacity_bytes() const { return channel_bytes() * channels; }
};

// Timings in DRAM clock cycles (nCK). Where the standard has no bank groups the _S and _L
// variants are equal (tCCD, tRRD, tWTR).
struct DramTiming {
  std::uint32_t RL = 0;       // read latency (CL + AL for DDR4), RD command to first data beat
  std::uint32_t WL = 0;       // write latency (CWL + AL), WR command to first data beat
  std::uint32_t tRCD = 0;     // ACT to RD/WR, same bank
  std::uint32_t tRP = 0;      // PRE to ACT, same bank (all-bank precharge time for LPDDR4 tRPab)
  std::uint32_t tRAS = 0;     // ACT to PRE, same bank
  std::uint32_t tRC = 0;      // ACT to ACT, same bank
  std::uint32_t tCCD_S = 0;   // CAS to CAS, different bank group
  std::uint32_t tCCD_L = 0;   // CAS to CAS, same bank group
  std::uint32_t tRRD_S = 0;   // ACT to ACT, different bank group, same rank
  std::uint32_t tRRD_L = 0;   // ACT to ACT, same bank group
  std::uint32_t tFAW = 0;     // window holding at most four ACTs per rank
  std::uint32_t tWR = 0;      // end of write data to PRE (write recovery)
  std::uint32_t tWTR_S = 0;   // end of write data to RD, different bank group
  std::uint32_t tWTR_L = 0;   // end of write data to RD, same bank group
  std::uint32_t tRTP = 0;     // RD to PRE
  std::uint32_t tRFC = 0;     // all-bank refresh cycle time
  std::uint32_t tREFI = 0;    // average refresh interval
  std::uint32_t tRPab = 0;    // all-bank precharge to REF (LPDDR4 tRPab; 0 = tRP)
  std::uint32_t tRFCpb = 0;   // per-bank refresh cycle time (LPDDR4; 0 = no per-bank refresh)
  std::uint32_t tREFIpb = 0;  // per-bank refresh interval (LPDDR4 tREFI / 8)
  std::uint32_t tRTRS = 1;    // idle cycles on the data bus when the driving rank changes
  std::uint32_t tWPRE = 1;    // write preamble (DDR4 1 or 2 nCK; LPDDR4 2 nCK)
  std::uint32_t tRPRE = 1;    // read preamble (DDR4; in the write-to-read rank switch)
  std::uint32_t tRPST = 0;    // read postamble, whole cycles (LPDDR4 0.5 nCK rounds down to 0)
  // Data-path terms (LPDDR4; 0 where the standard has none, e.g. DDR4 where RL/WL include them):
  std::uint32_t tDQSCK = 0;   // read: DQS output access time after RL
  std::uint32_t tDQSS = 0;    // write: first DQS edge after WL
  std::uint32_t tDQS2DQ = 0;  // write: DQS to DQ delay
  // How these combine into command-to-command distances is the standard's rule
  // (standard/<name>_rules.cpp), not the memspec's.
};

// One supply rail of the device core and its IDD currents per device (amperes).
struct DramRail {
  std::string name;        // "VDD", "VPP", "VDD1", "VDD2"
  double voltage_v = 0.0;
  double idd0_a = 0.0;     // one-bank ACT-PRE loop at tRC
  double idd2n_a = 0.0;    // precharge standby
  double idd3n_a = 0.0;    // active standby
  double idd4r_a = 0.0;    // burst read
  double idd4w_a = 0.0;    // burst write
  double idd5_a = 0.0;     // all-bank refresh (IDD5B / IDD5AB)
  double idd5pb_a = 0.0;   // per-bank refresh (LPDDR4 IDD5PB; used with refresh per_bank)
};

struct DramPower {
  std::vector<DramRail> rails;   // core rails; energy per command sums over them
  double vddq_v = 0.0;           // I/O supply (documentation; I/O energy uses the figures below)
  double io_read_pj_per_bit = 0.0;
  double io_write_pj_per_bit = 0.0;
  std::string io_source;         // where the I/O figures come from
};

struct DramSpec {
  std::string name;            // e.g. "DDR4-2400 x64 (8 x MT40A512M8)"
  std::string memory_type;     // "DDR4", "LPDDR4"
  std::uint64_t clock_hz = 0;  // DRAM clock (data rate / 2)
  DramOrganisation org;
  DramTiming t;
  DramPower power;
  std::string timing_source;
  std::string power_source;
  std::string organisation_source;

  std::uint64_t data_rate_mtps() const { return 2 * clock_hz / 1000000; }
  // Peak data bandwidth of one channel in bytes per second.
  double peak_channel_bandwidth_bps() const {
    return 2.0 * double(clock_hz) * org.bus_width_bits() / 8.0;
  }
};

const char* to_string(PagePolicy p);
PagePolicy page_policy_from_string(const std::string& s);  // throws DramParamError

// Address fields above the burst offset, least significant first, e.g. bg:2,co:7,ba:2,ro:15.
// A field may appear more than once (split column bits); its total width must equal log2 of its
// count. Field names: ch (channel), ra (rank), bg (bank group), ba (bank in group),
// ro (row), co (burst-aligned column).
enum class AddrField : std::uint8_t { channel, rank, bank_group, bank, row, column };
struct AddrSegment {
  AddrField field;
  std::uint32_t bits;
};
// Optional XOR bank hashing (permutation-based interleaving, Zhang et al., MICRO 2000): the bank
// is XORed with the lowest row bits and the bank group with the row bits above those, so rows
// that share a bank under the plain mapping spread over the banks. A bijection for every row.
enum class BankHashing : std::uint8_t { none, xor_row };
inline constexpr std::array<EnumName<BankHashing>, 2> kBankHashingNames{
    {{BankHashing::none, "none"}, {BankHashing::xor_row, "xor"}}};

struct AddressMappingSpec {
  std::vector<AddrSegment> segments;  // empty = default_mapping(spec)
  BankHashing hashing = BankHashing::none;
};
// Parses "bg:2,co:7,ba:2,ro:15" (throws DramParamError naming `key`).
AddressMappingSpec parse_address_mapping(const std::string& text, const std::string& key);
std::string to_string(const AddressMappingSpec& m);
// The documented default for a spec (see docs/dram.md, "Address mapping").
AddressMappingSpec default_mapping(const DramSpec& spec);

struct DramParams {
  // Defaults of the declared members: describe(); the spec is the memspec file's.
  DramParams() { params::apply_defaults(*this); }

  DramSpec spec;
  AddressMappingSpec mapping;       // empty segments = default_mapping(spec)
  PagePolicy page_policy;
  std::uint32_t queue_depth;        // device bursts per channel that the controller holds (fcfs)
  SchedulerKind scheduler;
  BufferKind buffer;                // fr_fcfs: request buffer admission
  std::uint32_t buffer_size;        // fr_fcfs: bursts per bank (bankwise) or per channel (shared)
  RefreshKind refresh;

  // Every controller key of one DRAM, under `k`: "dram.*" (the schema) or an instance
  // ("dram.main"). The memspec and the address mapping text are read by the platform
  // (platform/soc/dram_params.cpp: a file to load, a list to parse), so they are unbound here.
  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "dram.*") {
    v.section("dram",
              "Off-chip DRAM subsystems, one named instance each (e.g. dram.main): a "
              "controller with bank/row timing, refresh and command-level energy from a "
              "memory specification (docs/dram.md).");
    v.integer(k + ".base", params::unbound, std::nullopt, 0, std::nullopt,
              "First byte address of the DRAM in the SoC address map (0x hex allowed); its size is "
              "the memspec's capacity");
    v.path(k + ".memspec", params::unbound, "<vp_configs>/memspecs/lpddr4-3200-x16-2ch.yaml",
           "Memory specification: organisation, timings, currents (vp_configs/memspecs/)");
    v.choice(k + ".page_policy", p.page_policy, kPagePolicyNames, PagePolicy::open,
             "open: rows stay open for hits; closed: precharge after each access");
    v.string(k + ".address_mapping", params::unbound, "",
             "Address bit fields from the LSB, e.g. \"bg:2,co:7,ba:2,ro:15\" (empty: the memspec's "
             "default; docs/dram.md)");
    v.choice(k + ".bank_hashing", p.mapping.hashing, kBankHashingNames, BankHashing::none,
             "xor: bank ^= lowest row bits, bank group ^= the row bits above them (spreads rows that "
             "share a bank over the banks); none: the address_mapping alone");
    v.integer(k + ".queue_depth", p.queue_depth, 32, 1, 4096,
              "Controller queue depth per channel, in bursts (scheduler fcfs: bounds the bank lookahead)");
    v.choice(k + ".scheduler", p.scheduler, kSchedulerNames, SchedulerKind::fcfs,
             "fcfs: serve bursts in arrival order as they arrive; fr_fcfs: buffer them and issue per bank "
             "row hits first, then the oldest, across banks the command that can go first (docs/dram.md)");
    v.choice(k + ".scheduler_buffer", p.buffer, kBufferNames, BufferKind::bankwise,
             "fr_fcfs request buffer: shared (request_buffer_size bursts per channel) or bankwise (per bank)");
    v.integer(k + ".request_buffer_size", p.buffer_size, 8, 1, 4096,
              "fr_fcfs request buffer size in bursts (per bank when bankwise, per channel when shared)");
    v.choice(k + ".refresh", p.refresh, kRefreshNames, RefreshKind::all_bank,
             "all_bank: REFab every tREFI (tRPab before it); per_bank: REFpb every tREFIpb, banks in turn "
             "(LPDDR4; needs tRFCpb, tREFIpb, IDD5PB in the memspec)");
  }
};

// Checks a spec; throws DramParamError naming the memspec key ("timing.tRAS").
void validate(const DramSpec& spec);
// Checks the spec, then the controller keys under `key_prefix` ("dram.main"): their declared
// ranges, the refresh policy's needs and the address mapping's widths; throws DramParamError
// naming "<key_prefix>.<key>" (or the memspec key) and the allowed range.
void validate(const DramParams& params, const std::string& key_prefix = "dram.*");

// JEDEC rounding of a minimum time (ps) to clock cycles (JESD21-C SPD annex L:
// nCK = floor(t/tCK + 0.974), i.e. round up unless within 2.6% above a whole cycle),
// used for minimum timings given in ns.
std::uint32_t time_to_nck_jedec(double t_ps, std::uint64_t clock_hz);
// Floor of a maximum time (ps) in cycles (tREFI is an average maximum interval).
std::uint32_t time_to_nck_floor(double t_ps, std::uint64_t clock_hz);

// The shipped specs as C++ values (the YAML files in vp_configs/memspecs/ say the same);
// tests and benchmarks build on them.
DramSpec ddr4_2400_x64();
DramSpec lpddr4_3200_x16_2ch();

}  // namespace sushi::dram
