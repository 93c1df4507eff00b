// The second half of "an invalid sweep fails before anything runs": every point is elaborated by
// `sushi-vp check BASE --set ... -q` in a child process (one SystemC elaboration per process),
// which finds what only the assembled platform sees, e.g. an SRAM bank larger than the energy
// table covers. Elaboration only: milliseconds per point, run -j at a time.
#pragma once

#include <filesystem>
#include <string>

#include "sweep/sweep_file.h"

namespace sushi::sweep {

// Throws config::ConfigError for the first point (by id) that `check` rejects, located at the
// sweep-file line of the override the message names (or the `base:` line), with the point id,
// its values and how many other points fail. `scratch` holds the check logs while they run.
void check_points(const Sweep& sweep, const std::string& executable, int jobs,
                  const std::filesystem::path& scratch);

}  // namespace sushi::sweep
