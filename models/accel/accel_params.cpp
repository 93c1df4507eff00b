#include "accel/accel_params.h"

#include <string>

namespace sushi::accel {

const char* to_string(Overlap o) { return o == Overlap::serial ? "serial" : "double_buffered"; }

Overlap overlap_from_string(const std::string& s) {
  if (s == "serial") return Overlap::serial;
  if (s == "double_buffered") return Overlap::double_buffered;
  throw AccelParamError("accel.overlap", "'" + s + "' is not one of: serial, double_buffered");
}

namespace {

bool pow2(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

void range(const std::string& key, std::uint64_t v, std::uint64_t lo, std::uint64_t hi) {
  if (v < lo || v > hi) {
    throw AccelParamError(key, std::to_string(v) + " is outside " + std::to_string(lo) + " .. " +
                                   std::to_string(hi));
  }
}

void buffer(const std::string& key, const BufferParams& b) {
  range(key + ".size", b.bytes, 1, 1ull << 32);
  range(key + ".word", b.word_bytes, 1, 4096);
  range(key + ".banks", b.banks, 1, 1024);
  if (b.bytes % (std::uint64_t{b.word_bytes} * b.banks) != 0) {
    throw AccelParamError(key + ".size", std::to_string(b.bytes) + " B is not a multiple of word x banks (" +
                                             std::to_string(std::uint64_t{b.word_bytes} * b.banks) + " B)");
  }
}

}  // namespace

void validate_timing(const TimingParams& t, std::uint32_t dma_ports, std::uint32_t port_bytes, const std::string& p) {
  // Written so that NaN fails too.
  if (!(t.cycles_per_position >= 1.0 && t.cycles_per_position <= 16.0)) {
    throw AccelParamError(p + ".timing.cycles_per_position",
                          std::to_string(t.cycles_per_position) + " is outside 1 .. 16 cycles per position");
  }
  range(p + ".timing.weight_ports", t.weight_ports, 0, dma_ports);
  const double limit = static_cast<double>(t.weight_ports ? t.weight_ports : dma_ports) * port_bytes;
  // (a rate given in B/s converts to bytes per cycle with rounding: allow 1e-9 relative slack)
  if (!(t.weight_bytes_per_cycle >= 0.0 && t.weight_bytes_per_cycle <= limit * (1.0 + 1e-9))) {
    throw AccelParamError(p + ".timing.weight_bandwidth (bytes per cycle)",
                          std::to_string(t.weight_bytes_per_cycle) + " is outside 0 .. " + std::to_string(limit) +
                              " B per cycle (weight_ports x dma.port_width; 0 = that limit)");
  }
}

void AccelParams::validate(const std::string& p) const {
  range(p + ".clock (period ps)", clock_period_ps, 100, 1000000);
  range(p + ".k_par", k_par, 1, 256);
  range(p + ".c_par", c_par, 1, 256);
  range(p + ".taps", taps, 1, 64);
  range(p + ".datatype_bytes", data_bytes, 1, 1);  // int8 only (functional mode and layouts)
  range(p + ".psum_bytes", psum_bytes, 1, 8);
  buffer(p + ".pb", pb);
  buffer(p + ".weight_buffer", weight_buffer);
  buffer(p + ".act_in", in_act);
  buffer(p + ".act_out", out_act);
  if (weight_buffer.bytes % 2 != 0) throw AccelParamError(p + ".weight_buffer.size", "must split into two equal halves");
  // A K-tile unit (k_par x c_par x taps) must fit one half, or no tile can ever be loaded.
  const std::uint64_t unit = std::uint64_t{k_par} * c_par * taps * data_bytes;
  if (weight_half_bytes() < unit) {
    throw AccelParamError(p + ".weight_buffer.size", "half of it (" + std::to_string(weight_half_bytes()) +
                                                         " B) must hold one tile unit k_par x c_par x taps = " +
                                                         std::to_string(unit) + " B");
  }
  range(p + ".dma.ports", dma_ports, 1, 64);
  range(p + ".dma.port_width", dma_port_bytes, 1, 1024);
  range(p + ".dma.max_outstanding", dma_max_outstanding, 1, 256);
  range(p + ".dma.burst_bytes", dma_burst_bytes, 16, 1ull << 20);
  if (!pow2(dma_burst_bytes)) throw AccelParamError(p + ".dma.burst_bytes", std::to_string(dma_burst_bytes) + " is not a power of two");
  validate_timing(timing, dma_ports, dma_port_bytes, p);
  range(p + ".functional.output_shift", functional_output_shift, 0, 31);
  range(p + ".max_descriptors", max_descriptors, 1, 1u << 20);
  range(p + ".max_pb_map_entries", max_pb_map_entries, 1, 1u << 20);
  range(p + ".max_pb_load_entries", max_pb_load_entries, 1, 1u << 24);
  for (std::size_t i = 0; i < memory.size(); ++i) {
    if (memory[i].size == 0) throw AccelParamError(p + ".memory[" + std::to_string(i) + "]", "window of size 0");
  }
}

}  // namespace sushi::accel
