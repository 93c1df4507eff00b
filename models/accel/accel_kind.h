// The accelerator kinds and what every kind's builder is handed besides its own keys (no SystemC:
// the config layer and the CLI use it). A kind is a model in models/accel/<kind>/ implementing
// accel/accelerator.h, its name listed once here, its builder in the registry of
// platform/soc/accel_factory.cpp (docs/accel.md section 1, "Accelerator kinds").
#pragma once

#include <cstdint>
#include <string>

#include "util/params.h"

namespace sushi::accel {

enum class AccelKind {
  sushi,  // SushiAccel (models/accel/sushi/): DPE array, Persistent Buffer, DMA ports
};
inline constexpr params::Named<AccelKind> kAccelKindNames[] = {{AccelKind::sushi, "sushi"}};

// accel.kind, declared once (schema, config reference, reading) like every params struct.
struct AccelKindParams {
  AccelKind kind = AccelKind::sushi;

  // Under `k`: "accel", "accels.*" or an instance "accels.<name>" (AccelParams::describe).
  template <class V, class P>
  static void describe(V& v, P& p, const std::string& k = "accel") {
    v.choice(k + ".kind", p.kind, kAccelKindNames, AccelKind::sushi,
             "Accelerator model: sushi (SushiAccel, models/accel/sushi/; the " + k +
                 ".* keys above are its parameters)");
  }
};

// A memory window an accelerator's DMA may access: [base, base + size). Used to reject descriptors
// that point outside memory before any traffic (ERR_ADDR_RANGE); with no windows the model relies
// on the interconnect's TLM_ADDRESS_ERROR_RESPONSE instead (same error code, raised mid-job).
struct MemoryWindow {
  std::uint64_t base = 0;
  std::uint64_t size = 0;
};

}  // namespace sushi::accel
