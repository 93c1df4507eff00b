#include "accel/sushi/accel_params.h"

#include <string>

namespace sushi::accel {

const char* to_string(Overlap o) { return params::name_of(kOverlapNames, o); }

Overlap overlap_from_string(const std::string& s) {
  if (const auto o = params::value_of(kOverlapNames, s)) return *o;
  throw AccelParamError("accel.overlap", "'" + s + "' is not one of: " + params::joined_names(kOverlapNames));
}

namespace {

bool pow2(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

// Whole words in every bank (the ranges of size, word and banks are declared in describe()).
void buffer_words(const std::string& key, const BufferParams& b) {
  if ((b.banks & (b.banks - 1)) != 0) {  // the SRAM model interleaves words over 2^n banks
    throw AccelParamError(key + ".banks", std::to_string(b.banks) + " is not a power of two");
  }
  if (b.bytes % (std::uint64_t{b.word_bytes} * b.banks) != 0) {
    throw AccelParamError(key + ".size", std::to_string(b.bytes) + " B is not a multiple of word x banks (" +
                                             std::to_string(std::uint64_t{b.word_bytes} * b.banks) + " B)");
  }
}

// validate_timing's checks across keys.
void timing_limits(const TimingParams& t, std::uint32_t dma_ports, std::uint32_t port_bytes) {
  if (t.weight_ports > dma_ports) {
    throw AccelParamError("accel.timing.weight_ports", std::to_string(t.weight_ports) + " is outside 0 .. " +
                                                           std::to_string(dma_ports) + " (accel.dma.ports)");
  }
  const double limit = static_cast<double>(t.weight_ports ? t.weight_ports : dma_ports) * port_bytes;
  // (a rate given in B/s converts to bytes per cycle with rounding: allow 1e-9 relative slack)
  if (!(t.weight_bytes_per_cycle >= 0.0 && t.weight_bytes_per_cycle <= limit * (1.0 + 1e-9))) {
    throw AccelParamError("accel.timing.weight_bandwidth",
                          std::to_string(t.weight_bytes_per_cycle) + " B per cycle is outside 0 .. " +
                              std::to_string(limit) + " B per cycle (weight_ports x dma.port_width; 0 = that limit)");
  }
}

// A TimingParams checked on its own: the declared ranges of describe_timing, then the limits.
struct TimingOnly {
  const TimingParams& t;
  const std::uint64_t& period_ps;
  template <class V, class P>
  static void describe(V& v, P& self) { describe_timing(v, self.t, self.period_ps); }
};

}  // namespace

void validate_timing(const TimingParams& t, std::uint32_t dma_ports, std::uint32_t port_bytes,
                     std::uint64_t clock_period_ps) {
  params::check_ranges<AccelParamError>(TimingOnly{t, clock_period_ps});
  timing_limits(t, dma_ports, port_bytes);
}

void AccelParams::validate() const {
  params::check_ranges<AccelParamError>(*this);
  if (pb.bytes % kPbSizeGranularity != 0) {
    throw AccelParamError("accel.pb.size", std::to_string(pb.bytes) +
                                               " B is not a whole number of KiB: the CAPS0 register reports the "
                                               "PB size to the firmware in KiB (granularity 1024 B)");
  }
  buffer_words("accel.pb", pb);
  buffer_words("accel.weight_buffer", weight_buffer);
  buffer_words("accel.act_in", in_act);
  buffer_words("accel.act_out", out_act);
  if (weight_buffer.bytes % 2 != 0) throw AccelParamError("accel.weight_buffer.size", "must split into two equal halves");
  // A K-tile unit (k_par x c_par x taps) must fit one half, or no tile can ever be loaded.
  const std::uint64_t unit = std::uint64_t{k_par} * c_par * taps * data_bytes;
  if (weight_half_bytes() < unit) {
    throw AccelParamError("accel.weight_buffer.size", "half of it (" + std::to_string(weight_half_bytes()) +
                                                          " B) must hold one tile unit k_par x c_par x taps = " +
                                                          std::to_string(unit) + " B");
  }
  if (!pow2(dma_burst_bytes)) {
    throw AccelParamError("accel.dma.burst_bytes", std::to_string(dma_burst_bytes) + " is not a power of two");
  }
  timing_limits(timing, dma_ports, dma_port_bytes);
  for (std::size_t i = 0; i < memory.size(); ++i) {
    if (memory[i].size == 0) throw AccelParamError("accel.memory[" + std::to_string(i) + "]", "window of size 0");
  }
}

}  // namespace sushi::accel
