#include "soc/trace_loader.h"

#include <cmath>

#include "config/config_error.h"

namespace sushi {

std::shared_ptr<const std::vector<TraceRequest>> load_trace(const config::Config& cfg, const std::string& k,
                                                            std::uint64_t region_size, std::uint64_t default_bytes) {
  const std::string key = k + ".trace";
  const std::string path = cfg.path(key);
  const auto clock_hz = static_cast<std::uint64_t>(std::llround(cfg.frequency_hz(k + ".trace_clock")));
  try {
    auto trace = std::make_shared<std::vector<TraceRequest>>(
        read_trace(path, clock_hz, static_cast<std::uint32_t>(default_bytes)));
    // Lines are not kept: a request outside the region is reported by its index (line numbers
    // of the file differ when it has comments) with its address.
    for (std::size_t i = 0; i < trace->size(); ++i) {
      const TraceRequest& r = (*trace)[i];
      if (r.address >= region_size || r.bytes > region_size - r.address) {
        throw TraceError(path, 0, "request " + std::to_string(i + 1) + " at offset " + std::to_string(r.address) +
                                      " (" + std::to_string(r.bytes) + " B) is outside the generator's region of " +
                                      std::to_string(region_size) + " B");
      }
    }
    return trace;
  } catch (const TraceError& e) {
    if (e.line() > 0) throw config::ConfigError({e.file(), e.line(), 0}, key, e.message());
    cfg.fail(key, e.what());
  }
}

}  // namespace sushi
