// Parameters of the SushiAccel model. Plain struct (DRAMSys style): the model never reads YAML.
// AccelParams::describe() declares every accel.* key once (name, member, unit, default, range,
// description; models/common/params.h): the schema, the config mapping
// (platform/config/accel_schema.cpp), the defaults and validate()'s range checks all come from it.
// Tests construct the struct directly. Every field is described in docs/accel.md; the ZCU104
// preset values and why they were chosen are in vp_configs/platforms/zcu104-accel.yaml.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "accel/accel_kind.h"  // MemoryWindow
#include "common/energy_table.h"
#include "util/params.h"
#include "sram/sram_params.h"  // kMaxCapacity

namespace sushi::accel {

// Bad parameters. key() is the config key declared in AccelParams::describe ("accel.dma.ports"),
// the message starts with it and names the allowed range, so the config layer locates it as is.
class AccelParamError : public std::invalid_argument {
 public:
  AccelParamError(std::string key, const std::string& message)
      : std::invalid_argument(key + ": " + message), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

// Where layer activations live between layers (docs/accel.md, "Activation residency"): always in
// DRAM, or in the input activation buffer when the descriptors' act_flags say so.
enum class Activations { dram, on_chip };
inline constexpr params::Named<Activations> kActivationsNames[] = {{Activations::dram, "dram"},
                                                                 {Activations::on_chip, "on_chip"}};

// How weight loading and compute overlap (docs/accel.md section 8, "Timing").
enum class Overlap {
  serial,           // a weight tile is loaded, then computed; the next load starts after compute
  double_buffered,  // the next tile loads into the other half while the current one computes
};
inline constexpr params::Named<Overlap> kOverlapNames[] = {{Overlap::serial, "serial"},
                                                          {Overlap::double_buffered, "double_buffered"}};
const char* to_string(Overlap o);
Overlap overlap_from_string(const std::string& s);  // throws AccelParamError (key accel.overlap)

// Element datatypes, by bytes per element (int8 only: functional mode and layouts assume it).
inline constexpr params::Named<std::uint32_t> kDatatypeNames[] = {{1u, "int8"}};

// The CAPS0 register reports the PB size in KiB (hw/include/sushi/accel_regs.h): a PB size must be
// a whole number of KiB to reach the firmware exactly.
inline constexpr std::uint64_t kPbSizeGranularity = 1024;

// One on-chip buffer: an SRAM array of the accelerator (models/sram), clocked with the accelerator.
struct BufferParams {
  std::uint64_t bytes = 0;       // capacity
  std::uint32_t word_bytes = 16; // bank/port word: bytes per access cycle (energy is per word)
  std::uint32_t banks = 1;       // word-interleaved banks (the energy table is looked up per bank)
};

// Timing beyond the structure: how fast the DPE pipeline sweeps positions and how weight streams
// are serialised through the DMA ports. The defaults are the ideal machine (one position per
// cycle, weights over every port at full width); the ZCU104 preset's values are fitted to board
// measurements by `sushi-vp calibrate` (docs/accel.md, "Calibration"). A running accelerator
// can be retimed between jobs (SushiAccel::set_timing), which is how the fit evaluates the model.
struct TimingParams {
  TimingParams();  // the declared defaults (describe_timing)
  // Average cycles the DPE pipeline spends per position of a pass: 1 is an initiation interval
  // of one cycle without bubbles; 1.15 means a bubble every ~7 positions. pass_cycles =
  // max(ceil(positions x cycles_per_position), weight-register load cycles).
  double cycles_per_position;
  // DMA ports that carry weight streams (layer weights and PB loads): the last weight_ports of
  // the dma_ports; 0 = all. Activations and outputs use every port.
  std::uint32_t weight_ports;
  // Bytes per accelerator cycle the weight stream moves over those ports together (the weight
  // loader's intake); 0 = their full width (weight_ports x dma_port_bytes). At most that.
  double weight_bytes_per_cycle;
};

// The accel.timing.* keys (part of AccelParams::describe); the weight bandwidth converts to bytes
// per cycle at `clock_period_ps`.
template <class V, class T, class C>
void describe_timing(V& v, T& t, C& clock_period_ps, const std::string& k = "accel") {
  v.section(k + ".timing",
            "Timing beyond the structure, fitted to board measurements by `sushi-vp calibrate` "
            "(docs/accel.md, \"Calibration\"); the defaults are the ideal machine");
  v.real(k + ".timing.cycles_per_position", t.cycles_per_position, 1.0, 1.0, 16.0,
         "Average DPE-pipeline cycles per position of a pass (1 = one position per cycle, no bubbles); "
         "pass cycles = max(ceil(positions x this), weight-register load)");
  v.integer(k + ".timing.weight_ports", t.weight_ports, 0, 0, 64,
            "DMA ports that carry weight streams and PB loads (the last ones); 0 = all ports");
  v.quantity(k + ".timing.weight_bandwidth", params::Kind::bandwidth,
             params::per_cycle(t.weight_bytes_per_cycle, clock_period_ps), "0 B/s", "0 B/s", "",
             "Weight-stream rate over the weight ports together, at most weight_ports x dma.port_width x "
             "clock; 0 B/s = that limit");
}

inline TimingParams::TimingParams() {
  params::DefaultsVisitor v;
  std::uint64_t period_ps = 1;  // any: the declared default rate is 0 B/s
  describe_timing(v, *this, period_ps);
}

// Throws AccelParamError naming "accel.timing.<key>" and the allowed range.
void validate_timing(const TimingParams& t, std::uint32_t dma_ports, std::uint32_t port_bytes,
                     std::uint64_t clock_period_ps);

struct AccelParams {
  // Defaults of the declared members: describe() (the ZCU104 preset's structure).
  AccelParams() { params::apply_defaults(*this); }

  // Clock and DPE array.
  std::uint64_t clock_period_ps;  // accel.clock
  std::uint32_t k_par;            // output channels per K-tile
  std::uint32_t c_par;            // input channels per C-tile
  std::uint32_t taps;             // taps per dot-product engine (one 3x3 window)
  std::uint32_t data_bytes;       // bytes per weight / activation element (int8)
  std::uint32_t psum_bytes;       // bytes per partial sum held in the output buffer

  // Buffers.
  BufferParams pb;             // Persistent Buffer: 2.25 MiB (64 URAMs)
  BufferParams weight_buffer;  // streaming buffer, two halves
  BufferParams in_act;         // input activation buffer
  BufferParams out_act;        // output (partial-sum) buffer

  // DMA.
  std::uint32_t dma_ports;            // AXI master ports
  std::uint32_t dma_port_bytes;       // data width per port (bytes per accelerator cycle)
  std::uint32_t dma_max_outstanding;  // bursts in flight per port
  std::uint64_t dma_burst_bytes;      // bytes per TLM transaction (burst)

  Overlap overlap;
  Activations activations;
  TimingParams timing;

  // Functional mode: layers the model can compute (conv, depthwise, 1x1, FC without pooling)
  // with at most functional_max_macs MACs really compute int8 outputs from memory contents.
  bool functional;
  std::uint32_t functional_output_shift;  // requantisation: out = clamp(acc >> shift, 0, 255)
  std::uint64_t functional_max_macs;

  // Limits checked on START (ERR_BAD_COUNT).
  std::uint32_t max_descriptors;
  std::uint32_t max_pb_map_entries;
  std::uint32_t max_pb_load_entries;

  std::uint64_t reg_access_ps = 10000;  // one accelerator cycle per register access
  std::vector<MemoryWindow> memory;     // DMA-reachable memory (empty: rely on TLM responses)

  EnergyEntry mac_energy;  // per MAC issued (energy table entry compute.mac_int8)
  std::optional<EnergyEntry> static_power;  // drawn all the time (W); none if unset
  std::optional<EnergyEntry> busy_power;    // drawn on top while busy (W); none if unset

  // Every accel.* key, declared once, under `k`: "accel" (the single accelerator), "accels.*" (the
  // schema of several) or an instance ("accels.small"). `P` is AccelParams or const AccelParams.
  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "accel");

  std::uint64_t weight_half_bytes() const { return weight_buffer.bytes / 2; }
  std::uint32_t weight_port_count() const { return timing.weight_ports ? timing.weight_ports : dma_ports; }
  // The weight stream's bytes per cycle over its ports (TimingParams::weight_bytes_per_cycle or
  // the ports' full width).
  double weight_rate_bytes_per_cycle() const {
    return timing.weight_bytes_per_cycle > 0 ? timing.weight_bytes_per_cycle
                                             : static_cast<double>(weight_port_count()) * dma_port_bytes;
  }
  // Throws AccelParamError naming the declared key and the allowed range: the declared ranges,
  // then the checks across keys.
  void validate() const;
};

template <class V, class P>
void AccelParams::describe(V& v, P& p, const std::string& k) {
  using params::Kind;
  v.section(k,
            "SushiAccel: DPE array, Persistent Buffer, streaming and activation buffers, DMA "
            "ports (docs/accel.md). Defaults are the ZCU104 preset "
            "(vp_configs/platforms/zcu104-accel.yaml).");
  v.integer(k + ".regs_base", params::unbound, 0x40000000LL, 0, std::nullopt,
            "Address of the 256-byte register block in the SoC address map");
  v.quantity(k + ".clock", Kind::frequency, params::period_ps(p.clock_period_ps), "100 MHz", "1 MHz", "10 GHz",
             "Accelerator clock (DPE array, buffers, DMA ports)");
  // k_par, c_par and taps are 8-bit fields of the CAPS1 register.
  v.integer(k + ".array.k_par", p.k_par, 16, 1, 255, "Output channels per K-tile (DPE rows)");
  v.integer(k + ".array.c_par", p.c_par, 9, 1, 255, "Input channels per C-tile (DPE columns)");
  v.integer(k + ".array.taps", p.taps, 9, 1, 64, "Taps per dot-product engine (9 = one 3x3 window)");
  v.choice(k + ".datatype", p.data_bytes, kDatatypeNames, 1u, "Weight and activation datatype (1 byte per element)");
  v.quantity(k + ".psum_width", Kind::size, p.psum_bytes, "4 B", "1 B", "8 B", "Bytes per partial sum in the output buffer");
  v.choice(k + ".overlap", p.overlap, kOverlapNames, Overlap::serial,
           "Weight-load / compute overlap: serial (a tile's weights arrive, then it computes) or "
           "double_buffered (the next tile loads while the current one computes)");
  v.choice(k + ".activations", p.activations, kActivationsNames, Activations::dram,
           "Where activations live between layers: dram (every layer reads its input from and writes its "
           "output to DRAM) or on_chip (a layer's output stays in the input activation buffer when it fits, "
           "with the maps still needed and the layer's input; the rest spills to DRAM)");
  auto buffer = [&](const std::string& bk, auto& b, const std::string& what, const char* size, const char* word,
                    long long banks, const std::string& size_note) {
    v.quantity(bk + ".size", Kind::size, b.bytes, size, "16 B", sram::kMaxCapacity,
               what + ": capacity (a multiple of word x banks" + size_note + ")");
    v.quantity(bk + ".word", Kind::size, b.word_bytes, word, "1 B", "4 KiB",
               what + ": bytes per access cycle of one bank (SRAM energy is per word, docs/sram.md)");
    v.integer(bk + ".banks", b.banks, banks, 1, 1024, what + ": word-interleaved banks, a power of two (energy looked up per bank)");
  };
  buffer(k + ".pb", p.pb, "Persistent Buffer", "2359296 B", "144 B", 4,
         ", and a whole number of KiB: the CAPS0 register reports the size in KiB");
  buffer(k + ".weight_buffer", p.weight_buffer, "Weight streaming buffer (two halves)", "576 KiB", "144 B", 2, "");
  buffer(k + ".act_in", p.in_act, "Input activation buffer", "512 KiB", "16 B", 1, "");
  buffer(k + ".act_out", p.out_act, "Output (partial-sum) buffer", "1 MiB", "16 B", 2, "");
  v.integer(k + ".dma.ports", p.dma_ports, 6, 1, 64, "DMA (AXI master) ports; bursts are spread over them");
  v.quantity(k + ".dma.port_width", Kind::size, p.dma_port_bytes, "16 B", "1 B", "1 KiB",
             "Data bytes per port per accelerator cycle");
  v.integer(k + ".dma.max_outstanding", p.dma_max_outstanding, 16, 1, 256, "Bursts in flight per port");
  v.quantity(k + ".dma.burst_bytes", Kind::size, p.dma_burst_bytes, "4 KiB", "16 B", "1 MiB",
             "Bytes per DMA burst (one TLM transaction); a power of two. 64 B is the fine reference "
             "mode, 4 KiB the fast one");
  describe_timing(v, p.timing, p.clock_period_ps, k);
  v.quantity(k + ".timing.host_call_overhead", Kind::time, params::unbound, "0 us", "0 us", "1 s",
             "Per-call start/poll time of the host that timed board measurements; never simulated, "
             "only added to `sushi-vp layer`'s board_call_latency_ns and used by `sushi-vp calibrate`");
  v.boolean(k + ".functional.enable", p.functional, false,
            "Functional mode: small conv/depthwise/1x1/FC layers really compute int8 outputs from memory");
  v.integer(k + ".functional.output_shift", p.functional_output_shift, 0, 0, 31,
            "Functional mode requantisation: out = clamp(acc >> shift, 0, 255)");
  v.integer(k + ".functional.max_macs", p.functional_max_macs, 16777216LL, 0, std::nullopt,
            "Functional mode: layers with more issued MACs are timed only");
  v.integer(k + ".limits.max_descriptors", p.max_descriptors, 4096, 1, 1 << 20,
            "Largest JOB_DESC_COUNT accepted (else ERR_BAD_COUNT)");
  v.integer(k + ".limits.max_pb_map_entries", p.max_pb_map_entries, 4096, 1, 1 << 20, "Largest PB_MAP_COUNT accepted");
  v.integer(k + ".limits.max_pb_load_entries", p.max_pb_load_entries, 65536, 1, 1 << 24,
            "Largest PB_LOAD_COUNT accepted");
  // Energy-table entries: the platform looks them up (platform/config/accel_schema.cpp).
  v.string(k + ".mac_energy", params::unbound, "compute.mac_int8", "Energy-table entry charged per MAC issued");
  v.string(k + ".static_power", params::unbound, "",
           "Energy-table power entry drawn all the time (leakage of the accelerator's logic, its clock "
           "distribution); empty: none (docs/energy.md)");
  v.string(k + ".busy_power", params::unbound, "",
           "Energy-table power entry drawn on top while a job or PB load runs (control and pipeline "
           "activity outside the per-MAC and per-access energies); empty: none (docs/energy.md)");
}

}  // namespace sushi::accel
