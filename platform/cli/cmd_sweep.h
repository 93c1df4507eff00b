// `sushi-vp sweep`: run a sweep file's points locally in parallel or as a Slurm job array, and
// gather their results (docs/sweeps.md).
#pragma once
#include <functional>

namespace CLI {
class App;
}

namespace sushi::cli {

// Registers the `sweep` subcommand on `app`; when it is selected, `action` runs it and returns
// the exit status (0 all points ok, 3 some point not ok, 2 bad sweep/options, 1 internal,
// 130 interrupted).
void add_sweep_command(CLI::App& app, std::function<int()>& action);

}  // namespace sushi::cli
