#include "config/accel_config.h"

#include <cmath>
#include <string>

#include "config/energy_table_loader.h"
#include "config/platform_schema.h"

namespace sushi::config {

namespace {

void buffer_keys(Schema& s, const std::string& k, const std::string& what, const std::string& size,
                 const std::string& word, long long banks) {
  s.quantity(k + ".size", KeyType::size, size, "16 B", "4 GiB", what + ": capacity (a multiple of word x banks)");
  s.quantity(k + ".word", KeyType::size, word, "1 B", "4 KiB",
             what + ": bytes per access cycle of one bank (SRAM energy is per word, docs/sram.md)");
  s.integer(k + ".banks", banks, 1, 1024, what + ": word-interleaved banks (energy looked up per bank)");
}

accel::BufferParams buffer(const Config& c, const std::string& k) {
  accel::BufferParams b;
  b.bytes = c.size(k + ".size");
  b.word_bytes = static_cast<std::uint32_t>(c.size(k + ".word"));
  b.banks = static_cast<std::uint32_t>(c.integer(k + ".banks"));
  return b;
}

}  // namespace

void declare_accel_keys(Schema& s) {
  s.describe_section("accel",
                     "SushiAccel: DPE array, Persistent Buffer, streaming and activation buffers, DMA "
                     "ports (docs/accel.md). Defaults are the ZCU104 preset "
                     "(vp_configs/platforms/zcu104-accel.yaml).");
  s.integer("accel.regs_base", 0x40000000LL, 0, std::nullopt,
            "Address of the 256-byte register block in the SoC address map");
  s.quantity("accel.clock", KeyType::frequency, "100 MHz", "1 MHz", "10 GHz", "Accelerator clock (DPE array, buffers, DMA ports)");
  s.integer("accel.array.k_par", 16, 1, 255, "Output channels per K-tile (DPE rows)");
  s.integer("accel.array.c_par", 9, 1, 255, "Input channels per C-tile (DPE columns)");
  s.integer("accel.array.taps", 9, 1, 64, "Taps per dot-product engine (9 = one 3x3 window)");
  s.choice("accel.datatype", "int8", {"int8"}, "Weight and activation datatype (1 byte per element)");
  s.quantity("accel.psum_width", KeyType::size, "4 B", "1 B", "8 B", "Bytes per partial sum in the output buffer");
  s.choice("accel.overlap", "serial", {"serial", "double_buffered"},
           "Weight-load / compute overlap: serial (a tile's weights arrive, then it computes) or "
           "double_buffered (the next tile loads while the current one computes)");
  s.choice("accel.activations", "dram", {"dram", "on_chip"},
           "Where activations live between layers: dram (every layer reads its input from and writes its "
           "output to DRAM) or on_chip (a layer's output stays in the input activation buffer when it fits, "
           "with the maps still needed and the layer's input; the rest spills to DRAM)");
  buffer_keys(s, "accel.pb", "Persistent Buffer", "2359296 B", "144 B", 4);
  buffer_keys(s, "accel.weight_buffer", "Weight streaming buffer (two halves)", "576 KiB", "144 B", 2);
  buffer_keys(s, "accel.act_in", "Input activation buffer", "512 KiB", "16 B", 1);
  buffer_keys(s, "accel.act_out", "Output (partial-sum) buffer", "1 MiB", "16 B", 2);
  s.integer("accel.dma.ports", 6, 1, 64, "DMA (AXI master) ports; bursts are spread over them");
  s.quantity("accel.dma.port_width", KeyType::size, "16 B", "1 B", "1 KiB", "Data bytes per port per accelerator cycle");
  s.integer("accel.dma.max_outstanding", 16, 1, 256, "Bursts in flight per port");
  s.quantity("accel.dma.burst_bytes", KeyType::size, "4 KiB", "16 B", "1 MiB",
             "Bytes per DMA burst (one TLM transaction); a power of two. 64 B is the fine reference "
             "mode, 4 KiB the fast one");
  s.describe_section("accel.timing",
                     "Timing beyond the structure, fitted to board measurements by `sushi-vp calibrate` "
                     "(docs/accel.md, \"Calibration\"); the defaults are the ideal machine");
  s.real("accel.timing.cycles_per_position", 1.0, 1.0, 16.0,
         "Average DPE-pipeline cycles per position of a pass (1 = one position per cycle, no bubbles); "
         "pass cycles = max(ceil(positions x this), weight-register load)");
  s.integer("accel.timing.weight_ports", 0, 0, 64,
            "DMA ports that carry weight streams and PB loads (the last ones); 0 = all ports");
  s.quantity("accel.timing.weight_bandwidth", KeyType::bandwidth, "0 B/s", "0 B/s", "",
             "Weight-stream rate over the weight ports together, at most weight_ports x dma.port_width x "
             "clock; 0 B/s = that limit");
  s.quantity("accel.timing.host_call_overhead", KeyType::time, "0 us", "0 us", "1 s",
             "Per-call start/poll time of the host that timed board measurements; never simulated, "
             "only added to `sushi-vp layer`'s board_call_latency_ns and used by `sushi-vp calibrate`");
  s.boolean("accel.functional.enable", false,
            "Functional mode: small conv/depthwise/1x1/FC layers really compute int8 outputs from memory");
  s.integer("accel.functional.output_shift", 0, 0, 31, "Functional mode requantisation: out = clamp(acc >> shift, 0, 255)");
  s.integer("accel.functional.max_macs", 16777216LL, 0, std::nullopt,
            "Functional mode: layers with more issued MACs are timed only");
  s.integer("accel.limits.max_descriptors", 4096, 1, 1 << 20, "Largest JOB_DESC_COUNT accepted (else ERR_BAD_COUNT)");
  s.integer("accel.limits.max_pb_map_entries", 4096, 1, 1 << 20, "Largest PB_MAP_COUNT accepted");
  s.integer("accel.limits.max_pb_load_entries", 65536, 1, 1 << 24, "Largest PB_LOAD_COUNT accepted");
  s.string("accel.mac_energy", "compute.mac_int8", "Energy-table entry charged per MAC issued");
  s.string("accel.static_power", "",
           "Energy-table power entry drawn all the time (leakage of the accelerator's logic, its clock "
           "distribution); empty: none (docs/energy.md)");
  s.string("accel.busy_power", "",
           "Energy-table power entry drawn on top while a job or PB load runs (control and pipeline "
           "activity outside the per-MAC and per-access energies); empty: none (docs/energy.md)");
}

accel::AccelParams accel_params_from_config(const Config& c, const EnergyTable& table) {
  accel::AccelParams p;
  p.clock_period_ps = static_cast<std::uint64_t>(std::llround(1e12 / c.frequency_hz("accel.clock")));
  p.k_par = static_cast<std::uint32_t>(c.integer("accel.array.k_par"));
  p.c_par = static_cast<std::uint32_t>(c.integer("accel.array.c_par"));
  p.taps = static_cast<std::uint32_t>(c.integer("accel.array.taps"));
  p.data_bytes = 1;  // int8
  p.psum_bytes = static_cast<std::uint32_t>(c.size("accel.psum_width"));
  p.overlap = c.string("accel.overlap") == "serial" ? accel::Overlap::serial : accel::Overlap::double_buffered;
  p.activations = c.string("accel.activations") == "on_chip" ? accel::Activations::on_chip : accel::Activations::dram;
  p.pb = buffer(c, "accel.pb");
  p.weight_buffer = buffer(c, "accel.weight_buffer");
  p.in_act = buffer(c, "accel.act_in");
  p.out_act = buffer(c, "accel.act_out");
  p.dma_ports = static_cast<std::uint32_t>(c.integer("accel.dma.ports"));
  p.dma_port_bytes = static_cast<std::uint32_t>(c.size("accel.dma.port_width"));
  p.dma_max_outstanding = static_cast<std::uint32_t>(c.integer("accel.dma.max_outstanding"));
  p.dma_burst_bytes = c.size("accel.dma.burst_bytes");
  p.timing.cycles_per_position = c.real("accel.timing.cycles_per_position");
  p.timing.weight_ports = static_cast<std::uint32_t>(c.integer("accel.timing.weight_ports"));
  p.timing.weight_bytes_per_cycle =
      c.bandwidth_bps("accel.timing.weight_bandwidth") * static_cast<double>(p.clock_period_ps) * 1e-12;
  p.reg_access_ps = p.clock_period_ps;  // one accelerator cycle per register access
  p.functional = c.boolean("accel.functional.enable");
  p.functional_output_shift = static_cast<std::uint32_t>(c.integer("accel.functional.output_shift"));
  p.functional_max_macs = static_cast<std::uint64_t>(c.integer("accel.functional.max_macs"));
  p.max_descriptors = static_cast<std::uint32_t>(c.integer("accel.limits.max_descriptors"));
  p.max_pb_map_entries = static_cast<std::uint32_t>(c.integer("accel.limits.max_pb_map_entries"));
  p.max_pb_load_entries = static_cast<std::uint32_t>(c.integer("accel.limits.max_pb_load_entries"));
  const std::string& mac = c.string("accel.mac_energy");
  if (!table.has(mac)) c.fail("accel.mac_energy", "energy table '" + table.name() + "' has no entry '" + mac + "'");
  p.mac_energy = table.at(mac);
  p.static_power = power_entry(c, table, "accel.static_power");
  p.busy_power = power_entry(c, table, "accel.busy_power");
  try {
    p.validate("accel");
  } catch (const accel::AccelParamError& e) {
    // Keys in messages may carry a note ("accel.clock (period ps)"); locate at the key itself.
    std::string key = e.key();
    const auto sp = key.find(' ');
    if (sp != std::string::npos) key.resize(sp);
    if (key == "accel.datatype_bytes") key = "accel.datatype";
    if (key == "accel.psum_bytes") key = "accel.psum_width";
    if (key == "accel.k_par" || key == "accel.c_par" || key == "accel.taps") key = "accel.array." + key.substr(6);
    if (key.rfind("accel.functional.output_shift", 0) == 0) key = "accel.functional.output_shift";
    if (key.rfind("accel.max_", 0) == 0) key = "accel.limits." + key.substr(6);
    c.fail(key, e.what());
  }
  return p;
}

std::uint64_t host_call_overhead_ps(const Config& c) {
  return static_cast<std::uint64_t>(std::llround(c.time_ps("accel.timing.host_call_overhead")));
}

Schema platform_schema_with_accel() {
  Schema s = build_platform_schema();
  if (!s.match("accel.clock")) declare_accel_keys(s);
  return s;
}

}  // namespace sushi::config
