// `sushi-vp profile`: fit the firmware's latency coefficients on the VP (docs/sched.md).
#include <memory>

#include "cli/commands.h"
#include "run/latency_profiler.h"

namespace sushi::cli {

void add_profile_command(CLI::App& app, Action& action) {
  auto opt = std::make_shared<ProfileOptions>();
  auto* cmd = app.add_subcommand(
      "profile",
      "Run every catalog SubNet on the VP (empty PB, cached chunks, a validation SubGraph), fit the "
      "per-layer latency coefficients and write them for model.profile");
  cmd->add_option("config", opt->config_file, "Platform config with a serving SoC (YAML)")->required();
  cmd->add_option("--set", opt->overrides, "Override a key (repeatable)")->type_name("KEY=VALUE");
  cmd->add_option("--out", opt->out_file, "Profile JSON (default: out/profiles/<config name>.json)");
  cmd->add_flag("-q,--quiet", opt->quiet, "Print nothing on success");
  cmd->callback([opt, &action] { action = [opt] { return run_profile(*opt); }; });
}

}  // namespace sushi::cli
