// `sushi-vp supernet`: inspect SuperNets, SubNets and catalogs; build catalogs and model images.
#pragma once
#include <functional>

namespace CLI {
class App;
}

namespace sushi::cli {

// Registers the `supernet` subcommand on `app`; when it is selected, `action` runs it and returns
// the exit status (0 ok, 2 bad input with "error: ..." on stderr, 1 internal failure).
void add_supernet_command(CLI::App& app, std::function<int()>& action);

}  // namespace sushi::cli
