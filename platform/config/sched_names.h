// Name tables of the scheduler's enumerated choices, expanded from the lists in sched/sched.h
// (the one place that names them): the schema's allowed values, the boot info's ids and the
// names written to the outputs all come from these.
#pragma once

#include <cstdint>

#include "common/params.h"
#include "sched/sched.h"

namespace sushi::config {

#define SUSHI_NAMED_(id, value, name) {static_cast<std::uint32_t>(id), name},
inline constexpr params::Named<std::uint32_t> kCachePolicyNames[] = {SUSHI_POLICY_LIST(SUSHI_NAMED_)};
inline constexpr params::Named<std::uint32_t> kObjectiveNames[] = {SUSHI_OBJECTIVE_LIST(SUSHI_NAMED_)};
#undef SUSHI_NAMED_

}  // namespace sushi::config
