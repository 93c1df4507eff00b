// The cpu, noc, sram, memories and dram sections are declared once beside their params structs: the
// platform schema's keys, the structs' defaults, the enum name tables and the key an error is
// located at all come from those declarations (models/common/params.h).
#include <gtest/gtest.h>

#include <string>

#include "common/port_memory.h"
#include "config/config.h"
#include "config/params_visitors.h"
#include "config/platform_schema.h"
#include "cpu/cpu_params.h"
#include "cpu/rv32/rv32_params.h"
#include "dram/dram_params.h"
#include "noc/noc_params.h"
#include "periph/query_port.h"
#include "periph/traffic_generator.h"
#include "sram/sram_params.h"

namespace sushi::config {
namespace {

const KeySpec& key(const Schema& s, const std::string& k) {
  const KeySpec* spec = s.match(k);
  if (spec == nullptr) throw std::logic_error("no key " + k);
  return *spec;
}

TEST(ParamsSections, CpuKindAndFirmwareTimeNamesComeFromTheirTables) {
  const Schema s = build_platform_schema();
  EXPECT_EQ(key(s, "cpu.kind").range_text(), "one of: " + params::joined_names(kCpuKindNames));
  EXPECT_EQ(key(s, "cpu.firmware_time").range_text(), "one of: " + params::joined_names(kFirmwareTimeNames));
  const CpuParams cpu;
  EXPECT_EQ(cpu.kind, CpuKind::none);
  EXPECT_EQ(cpu.clock_hz, 1e9);  // 1 GHz
  EXPECT_EQ(cpu.cost_cycles[SUSHI_COST_BOOT], 1000u);
  const Rv32Params rv32;
  EXPECT_EQ(rv32.local_memory_bytes, 1024u * 1024u);  // 1 MiB
  EXPECT_EQ(rv32.cpi.cycles[static_cast<std::size_t>(rv32::InsnClass::div)], 34u);
  EXPECT_EQ(key(s, "cpu.rv32.cpi.div").default_text.value_or(""), "34");
  EXPECT_EQ(rv32.gdb.port, 3333u);
}

TEST(ParamsSections, CpuKeysReachTheStruct) {
  const Config c = Config::from_tree(
      parse_config_text("cpu:\n  kind: rv32\n  firmware_time: zero\n  clock: 250 MHz\n  rv32:\n    cpi: {mul: 5}\n",
                        "cpu.yaml"),
      build_platform_schema());
  CpuParams cpu;
  read_keys(c, cpu);
  Rv32Params rv32;
  read_keys(c, rv32);
  EXPECT_EQ(cpu.kind, CpuKind::rv32);
  EXPECT_EQ(cpu.firmware_time, FirmwareTimeMode::zero);
  EXPECT_EQ(cpu.clock_hz, 250e6);
  EXPECT_EQ(rv32.cpi.cycles[static_cast<std::size_t>(rv32::InsnClass::mul)], 5u);
  EXPECT_EQ(rv32.cpi.cycles[static_cast<std::size_t>(rv32::InsnClass::jump)], 2u);  // default
}

// NocParams used to default to a mesh while the schema said crossbar: one default now.
TEST(ParamsSections, NocDefaultsAreTheSchemas) {
  const Schema s = build_platform_schema();
  EXPECT_EQ(key(s, "noc.topology").default_text.value_or(""), "crossbar");
  const noc::NocParams p;
  EXPECT_EQ(p.topology, noc::Topology::crossbar);
  EXPECT_EQ(p.clock_period_ps, 1000u);  // 1 GHz
  EXPECT_EQ(p.flit_bytes, 16u);
}

// A bad SRAM is reported at the key that is wrong, in the instance's own keys (as soc.cpp does).
ConfigError sram_error(const std::string& yaml) {
  try {
    const Config c = Config::from_tree(parse_config_text(yaml, "soc.yaml"), build_platform_schema());
    sram::SramParams p;
    read_keys(c, p, std::string("sram.scratch"));
    try {
      p.validate("sram.scratch");
    } catch (const sram::SramParamError& e) {
      c.fail(e.key(), e.message());
    }
  } catch (const ConfigError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a ConfigError";
  return ConfigError({}, "", "");
}

TEST(ParamsSections, SramErrorsNameTheRealKey) {
  // 1000 B is not a multiple of word x banks = 8 B x 4 = 32 B: reported at .size (line 4).
  const ConfigError size = sram_error("sram:\n  scratch:\n    base: 0\n    size: 1000 B\n    banks: 4\n");
  EXPECT_EQ(size.key(), "sram.scratch.size");
  EXPECT_EQ(size.loc().line, 4);
  EXPECT_NE(size.message().find("word x banks = 32 B"), std::string::npos) << size.message();
  // 3 banks: not a power of two, reported at .banks (line 5), no longer at .size.
  const ConfigError banks = sram_error("sram:\n  scratch:\n    base: 0\n    size: 96 B\n    banks: 3\n");
  EXPECT_EQ(banks.key(), "sram.scratch.banks");
  EXPECT_EQ(banks.loc().line, 5);
  // The declared limits: the schema and SramParams::validate agree.
  const ConfigError busy =
      sram_error("sram:\n  scratch:\n    base: 0\n    size: 64 B\n    bank_busy_cycles: 65\n");
  EXPECT_EQ(busy.key(), "sram.scratch.bank_busy_cycles");
  EXPECT_NE(busy.message().find("1 .. 64"), std::string::npos) << busy.message();
  sram::SramParams code;  // built in code: the same range
  code.bank_busy_cycles = 65;
  EXPECT_THROW(code.validate("accel.pb"), sram::SramParamError);
}

TEST(ParamsSections, MemoriesKeysReachTheStruct) {
  const Config c = Config::from_tree(
      parse_config_text("memories:\n  ext:\n    base: 0\n    size: 1 MiB\n    category: dram\n", "soc.yaml"),
      build_platform_schema());
  PortMemoryParams p;
  read_keys(c, p, std::string("memories.ext"));
  EXPECT_EQ(p.size_bytes, 1u << 20);
  EXPECT_EQ(p.category, EnergyCategory::dram);
  EXPECT_EQ(p.access_latency_ps, 10000u);      // default 10 ns
  EXPECT_EQ(p.bandwidth_bytes_per_s, 12.8e9);  // default 12.8 GB/s
}

// The DRAM controller keys: names from the policies' own tables, defaults from the declaration,
// the instance's keys reach the struct, and a code-built struct fails the declared range.
TEST(ParamsSections, DramControllerKeysComeFromTheirDeclaration) {
  const Schema s = build_platform_schema();
  EXPECT_EQ(key(s, "dram.*.scheduler").range_text(), "one of: " + params::joined_names(dram::kSchedulerNames));
  EXPECT_EQ(key(s, "dram.*.refresh").range_text(), "one of: all_bank, per_bank");
  EXPECT_EQ(key(s, "dram.*.request_buffer_size").default_text.value_or(""), "8");
  const dram::DramParams d;
  EXPECT_EQ(d.queue_depth, 32u);
  EXPECT_EQ(d.buffer_size, 8u);
  EXPECT_EQ(d.scheduler, dram::SchedulerKind::fcfs);
  EXPECT_EQ(d.buffer, dram::BufferKind::bankwise);
  EXPECT_EQ(d.refresh, dram::RefreshKind::all_bank);
  EXPECT_EQ(d.page_policy, dram::PagePolicy::open);
  EXPECT_EQ(d.mapping.hashing, dram::BankHashing::none);

  const Config c = Config::from_tree(
      parse_config_text("dram:\n  main:\n    base: 0\n    scheduler: fr_fcfs\n    scheduler_buffer: shared\n"
                        "    request_buffer_size: 16\n    bank_hashing: xor\n    page_policy: closed\n",
                        "soc.yaml"),
      build_platform_schema());
  dram::DramParams p;
  read_keys(c, p, std::string("dram.main"));
  EXPECT_EQ(p.scheduler, dram::SchedulerKind::fr_fcfs);
  EXPECT_EQ(p.buffer, dram::BufferKind::shared);
  EXPECT_EQ(p.buffer_size, 16u);
  EXPECT_EQ(p.mapping.hashing, dram::BankHashing::xor_row);
  EXPECT_EQ(p.page_policy, dram::PagePolicy::closed);
  EXPECT_EQ(p.queue_depth, 32u);  // default

  p.spec = dram::ddr4_2400_x64();
  p.queue_depth = 5000;  // the schema's 1 .. 4096, checked again for a struct built in code
  try {
    dram::validate(p, "dram.main");
    ADD_FAILURE() << "no error";
  } catch (const dram::DramParamError& e) {
    EXPECT_EQ(e.key(), "dram.main.queue_depth");
    EXPECT_EQ(e.message(), "5000 is outside 1 .. 4096");
  }
}

// The traffic generator's transactions defaulted to 0 in code and 1000 in the schema; one
// declaration now (1000, what a config has always got and docs/config-reference.md says).
TEST(ParamsSections, TrafficAndQueryPortKeysComeFromTheirDeclaration) {
  const Schema s = build_platform_schema();
  EXPECT_EQ(key(s, "traffic.*.pattern").range_text(), "one of: " + params::joined_names(kTrafficPatternNames));
  const TrafficGeneratorParams d;
  EXPECT_EQ(d.transactions, 1000u);
  EXPECT_EQ(key(s, "traffic.*.transactions").default_text.value_or(""), "1000");
  EXPECT_EQ(d.transaction_bytes, 64u);
  EXPECT_EQ(d.pattern, TrafficPattern::sequential);
  EXPECT_EQ(d.outstanding, 1u);

  const Config c = Config::from_tree(
      parse_config_text("traffic:\n  dma:\n    target: scratch\n    pattern: random\n    transactions: 7\n"
                        "    interval: 2 ns\n    read_fraction: 0.25\nquery_port:\n  fifo_depth: 4\n",
                        "soc.yaml"),
      build_platform_schema());
  TrafficGeneratorParams t;
  read_keys(c, t, std::string("traffic.dma"));
  EXPECT_EQ(t.pattern, TrafficPattern::random);
  EXPECT_EQ(t.transactions, 7u);
  EXPECT_EQ(t.interval_ps, 2000u);  // 2 ns
  EXPECT_EQ(t.read_fraction, 0.25);
  EXPECT_EQ(t.region_size, 0u);  // default 0 B: up to the end of the memory (resolved by the SoC)
  QueryPortParams q;
  EXPECT_EQ(q.fifo_depth, 16u);
  read_keys(c, q);
  EXPECT_EQ(q.fifo_depth, 4u);
}

// The accelerator's buffers are SRAM arrays: their size keys declare the SRAM's own limit
// (they allowed 4 GiB, which the buffer's SRAM check then refused at 1 GiB).
TEST(ParamsSections, AccelBufferSizesHaveTheSramLimit) {
  const Schema s = build_platform_schema();
  EXPECT_EQ(*key(s, "sram.*.size").max, 1073741824.0);  // 1 GiB
  for (const char* k : {"accel.pb.size", "accel.weight_buffer.size", "accel.act_in.size", "accel.act_out.size"}) {
    EXPECT_EQ(key(s, k).max, key(s, "sram.*.size").max) << k;
  }
  EXPECT_THROW(Config::from_tree(parse_config_text("accel:\n  pb:\n    size: 2 GiB\n", "a.yaml"), s), ConfigError);
}

}  // namespace
}  // namespace sushi::config
