// The accel.* config keys (SushiAccel, docs/accel.md) and their mapping onto AccelParams.
// Wiring (platform_schema.cpp): build_platform_schema() calls declare_accel_keys(s).
#pragma once

#include <string>

#include "accel/sushi/accel_params.h"
#include "common/energy_table.h"
#include "config/config.h"
#include "config/schema.h"

namespace sushi::config {

void declare_accel_keys(Schema& s);

// Maps accel.* onto AccelParams and validates them; problems are ConfigErrors located at the
// key. The MAC energy comes from the energy-table entry named by accel.mac_energy.
// `k`: the accelerator's key prefix, "accel" or "accels.<name>".
accel::AccelParams accel_params_from_config(const Config& cfg, const EnergyTable& table,
                                            const std::string& k = "accel");

// A bad accelerator parameter (AccelParams::validate, the model's construction) as a ConfigError
// at the instance's key: "accel.pb.size" under k = "accels.small" is "accels.small.pb.size".
[[noreturn]] void fail_accel_param(const Config& cfg, const accel::AccelParamError& e, const std::string& k);

// accel.timing.host_call_overhead in ps: the host's per-call time around board measurements (never
// part of simulated time; docs/accel.md "Calibration").
std::uint64_t host_call_overhead_ps(const Config& cfg);

// The platform schema with the accel keys (declares them if build_platform_schema() does not yet).
Schema platform_schema_with_accel();

}  // namespace sushi::config
