// `sushi-vp run` and `sushi-vp check`.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "config/platform_schema.h"
#include "config/reference_doc.h"
#include "run/run_simulation.h"

namespace sushi::cli {

void add_run_command(CLI::App& app, Action& action) {
  auto opt = std::make_shared<RunOptions>();
  auto* cmd = app.add_subcommand("run", "Simulate a platform config and write its run directory");
  cmd->add_option("config", opt->config_file, "Platform config (YAML)")->required();
  cmd->add_option("--set", opt->overrides, "Override a key: --set accel.pb.size=2MiB (repeatable)")
      ->type_name("KEY=VALUE");
  cmd->add_option("--out", opt->out_dir, "Run directory (default: out/<config name>)");
  cmd->add_flag("-q,--quiet", opt->quiet, "Print nothing on success (and no progress)");
  cmd->add_flag("--progress", opt->progress,
                "Show progress on stderr from the start, even when it is not a terminal (without it: on a terminal after 2 s)");
  auto gdb_port = std::make_shared<int>(-1);
  cmd->add_option("--gdb", *gdb_port,
                  "Debug the rv32 firmware: serve gdb on 127.0.0.1:PORT (0: any free port) and wait for it "
                  "before the first instruction (sets cpu.rv32.gdb.enabled and .port)")
      ->type_name("PORT")
      ->check(CLI::Range(0, 65535));
  cmd->callback([opt, gdb_port, &action] {
    if (*gdb_port >= 0) {
      opt->overrides.push_back("cpu.rv32.gdb.enabled=true");
      opt->overrides.push_back("cpu.rv32.gdb.port=" + std::to_string(*gdb_port));
    }
    action = [opt] { return run_simulation(*opt); };
  });
}

void add_check_command(CLI::App& app, Action& action) {
  auto opt = std::make_shared<RunOptions>();
  opt->check_only = true;
  auto* cmd = app.add_subcommand("check", "Validate a platform config without simulating (exit 2 if invalid)");
  cmd->add_option("config", opt->config_file, "Platform config (YAML)")->required();
  cmd->add_option("--set", opt->overrides, "Override a key (repeatable)")->type_name("KEY=VALUE");
  cmd->add_flag("-q,--quiet", opt->quiet, "Print nothing on success");
  cmd->callback([opt, &action] { action = [opt] { return run_simulation(*opt); }; });
}

void add_config_reference_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("config-reference",
                                 "Print the reference of every config key (Markdown, as in docs/)");
  cmd->callback([&action] {
    action = [] {
      std::cout << config::reference_markdown(config::build_platform_schema());
      return 0;
    };
  });
}

}  // namespace sushi::cli
