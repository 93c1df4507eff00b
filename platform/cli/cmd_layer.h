// `sushi-vp layer`: time one layer on the configured accelerator (docs/accel.md, "CLI").
#pragma once
#include <functional>

namespace CLI {
class App;
}

namespace sushi::cli {

// Registers the `layer` subcommand; when selected, `action` runs it and returns the exit status
// (0 ok, 2 bad input with "error: ..." on stderr, 1 internal failure). Needs sc_main (it
// elaborates and simulates once).
void add_layer_command(CLI::App& app, std::function<int()>& action);

}  // namespace sushi::cli
