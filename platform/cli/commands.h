// Subcommands of the sushi-vp CLI. Each add_*_command registers its subcommand and, when that
// subcommand is chosen, stores in `action` what to run; the action returns the exit status
// (0 success, 2 bad input, 1 internal failure).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace sushi::cli {

using Action = std::function<int()>;

void add_run_command(CLI::App& app, Action& action);
void add_check_command(CLI::App& app, Action& action);
void add_config_reference_command(CLI::App& app, Action& action);
void add_workload_command(CLI::App& app, Action& action);
void add_profile_command(CLI::App& app, Action& action);
void add_calibrate_command(CLI::App& app, Action& action);

}  // namespace sushi::cli
