// Reading and writing latency profiles (`sushi-vp profile` output, the `model.profile` key):
// per catalog SubNet, fixed job cycles and per-layer coefficients (docs/sched.md).
#pragma once
#include <stdexcept>
#include <string>

#include "supernet/catalog.h"
#include "supernet/model_image_io.h"

namespace sushi::supernet {

class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// JSON: {"format": "sushi-latency-profile", "version": 1, "arch": ..., "layers": L,
//        "subnets": [{"id": i, "subnet": "<encoding>", "fixed_cycles": n,
//                     "layers": [[cached_cycles, cycles_per_kib_q8], ...]}]}
// plus free-form fields (the fit's error report) that the reader ignores. The reader checks the
// profile against `catalog`: same SuperNet, same SubNets in the same order (a profile of another
// catalog is refused), every number an unsigned 32-bit integer; ProfileError names the file and
// the key ("subnets[3].fixed_cycles").
LatencyProfile read_latency_profile(const std::string& path, const Catalog& catalog);
std::string latency_profile_json(const LatencyProfile& p, const Catalog& catalog, const std::string& extra_json);
// "K x C x T at F MHz, B B per cycle": the accelerator shape a profile records, for messages.
std::string describe(const ProfiledOn& on);

}  // namespace sushi::supernet
