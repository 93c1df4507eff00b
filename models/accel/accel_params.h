// Parameters of the SushiAccel model. Plain struct (DRAMSys style): the model never reads YAML;
// platform/config/accel_schema.cpp maps the accel.* keys onto it, tests construct it directly.
// Every field is described in docs/accel.md; the ZCU104 preset values and why they were chosen
// are in vp_configs/platforms/zcu104-accel.yaml.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/energy_table.h"

namespace sushi::accel {

// Bad parameters. The message starts with the key path ("accel.dma.ports: ...") and names the
// allowed range, so the config layer can locate it.
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

// How weight loading and compute overlap (docs/accel.md section 8, "Timing").
enum class Overlap {
  serial,           // a weight tile is loaded, then computed; the next load starts after compute
  double_buffered,  // the next tile loads into the other half while the current one computes
};
const char* to_string(Overlap o);
Overlap overlap_from_string(const std::string& s);  // throws AccelParamError (key accel.overlap)

// One on-chip buffer: an SRAM array of the accelerator (models/sram), clocked with the accelerator.
struct BufferParams {
  std::uint64_t bytes = 0;       // capacity
  std::uint32_t word_bytes = 16; // bank/port word: bytes per access cycle (energy is per word)
  std::uint32_t banks = 1;       // word-interleaved banks (the energy table is looked up per bank)
};

// A memory window the DMA may access: [base, base + size). Used to reject descriptors that
// point outside memory before any traffic (ERR_ADDR_RANGE); with no windows the model relies on
// the interconnect's TLM_ADDRESS_ERROR_RESPONSE instead (same error code, raised mid-job).
struct MemoryWindow {
  std::uint64_t base = 0;
  std::uint64_t size = 0;
};

// Timing beyond the structure: how fast the DPE pipeline sweeps positions and how weight streams
// are serialised through the DMA ports. The defaults are the ideal machine (one position per
// cycle, weights over every port at full width); the ZCU104 preset's values are fitted to board
// measurements by `sushi-vp calibrate` (docs/accel.md, "Calibration"). A running accelerator
// can be retimed between jobs (SushiAccel::set_timing), which is how the fit evaluates the model.
struct TimingParams {
  // Average cycles the DPE pipeline spends per position of a pass: 1 is an initiation interval
  // of one cycle without bubbles; 1.15 means a bubble every ~7 positions. pass_cycles =
  // max(ceil(positions x cycles_per_position), weight-register load cycles).
  double cycles_per_position = 1.0;
  // DMA ports that carry weight streams (layer weights and PB loads): the last weight_ports of
  // the dma_ports; 0 = all. Activations and outputs use every port.
  std::uint32_t weight_ports = 0;
  // Bytes per accelerator cycle the weight stream moves over those ports together (the weight
  // loader's intake); 0 = their full width (weight_ports x dma_port_bytes). At most that.
  double weight_bytes_per_cycle = 0.0;
};

// Throws AccelParamError naming "<prefix>.timing.<key>" and the allowed range.
void validate_timing(const TimingParams& t, std::uint32_t dma_ports, std::uint32_t port_bytes,
                     const std::string& prefix = "accel");

struct AccelParams {
  // Clock and DPE array.
  std::uint64_t clock_period_ps = 10000;  // 100 MHz
  std::uint32_t k_par = 16;               // output channels per K-tile
  std::uint32_t c_par = 9;                // input channels per C-tile
  std::uint32_t taps = 9;                 // taps per dot-product engine (one 3x3 window)
  std::uint32_t data_bytes = 1;           // bytes per weight / activation element (int8)
  std::uint32_t psum_bytes = 4;           // bytes per partial sum held in the output buffer

  // Buffers.
  BufferParams pb{2359296, 144, 4};                // Persistent Buffer: 2.25 MiB (64 URAMs)
  BufferParams weight_buffer{576ull << 10, 144, 2};  // streaming buffer, two halves
  BufferParams in_act{512ull << 10, 16, 1};        // input activation buffer
  BufferParams out_act{1ull << 20, 16, 2};         // output (partial-sum) buffer

  // DMA.
  std::uint32_t dma_ports = 6;             // AXI master ports
  std::uint32_t dma_port_bytes = 16;       // data width per port (bytes per accelerator cycle)
  std::uint32_t dma_max_outstanding = 16;  // bursts in flight per port
  std::uint64_t dma_burst_bytes = 4096;    // bytes per TLM transaction (burst)

  Overlap overlap = Overlap::serial;
  Activations activations = Activations::dram;
  TimingParams timing;

  // Functional mode: layers the model can compute (conv, depthwise, 1x1, FC without pooling)
  // with at most functional_max_macs MACs really compute int8 outputs from memory contents.
  bool functional = false;
  std::uint32_t functional_output_shift = 0;  // requantisation: out = clamp(acc >> shift, 0, 255)
  std::uint64_t functional_max_macs = 1ull << 24;

  // Limits checked on START (ERR_BAD_COUNT).
  std::uint32_t max_descriptors = 4096;
  std::uint32_t max_pb_map_entries = 4096;
  std::uint32_t max_pb_load_entries = 65536;

  std::uint64_t reg_access_ps = 10000;  // one accelerator cycle per register access
  std::vector<MemoryWindow> memory;     // DMA-reachable memory (empty: rely on TLM responses)

  EnergyEntry mac_energy;  // per MAC issued (energy table entry compute.mac_int8)
  std::optional<EnergyEntry> static_power;  // drawn all the time (W); none if unset
  std::optional<EnergyEntry> busy_power;    // drawn on top while busy (W); none if unset

  std::uint64_t weight_half_bytes() const { return weight_buffer.bytes / 2; }
  std::uint32_t weight_port_count() const { return timing.weight_ports ? timing.weight_ports : dma_ports; }
  // The weight stream's bytes per cycle over its ports (TimingParams::weight_bytes_per_cycle or
  // the ports' full width).
  double weight_rate_bytes_per_cycle() const {
    return timing.weight_bytes_per_cycle > 0 ? timing.weight_bytes_per_cycle
                                             : static_cast<double>(weight_port_count()) * dma_port_bytes;
  }
  // Throws AccelParamError naming "<prefix>.<key>" and the allowed range.
  void validate(const std::string& prefix = "accel") const;
};

}  // namespace sushi::accel
