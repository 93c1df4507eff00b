// Reading and writing latency profiles (`sushi-vp profile` output, the `model.profile` key):
// per catalog SubNet, fixed job cycles and per-layer coefficients (docs/sched.md).
#pragma once
#include <stdexcept>
#include <string>

#include "supernet/model_image.h"

namespace sushi::supernet {

class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// JSON: {"format": "sushi-latency-profile", "version": 1, "arch": ..., "layers": L,
//        "subnets": [{"id": i, "fixed_cycles": n, "layers": [[cached_cycles, cycles_per_kib_q8], ...]}]}
// plus free-form fields (the fit's error report) that the reader ignores.
LatencyProfile read_latency_profile(const std::string& path, const std::string& arch, size_t layers,
                                    size_t subnets);
std::string latency_profile_json(const LatencyProfile& p, const std::string& arch, const std::string& extra_json);

}  // namespace sushi::supernet
