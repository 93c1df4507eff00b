// sushi-vp: the command line of the virtual platform.
// Exit status: 0 success, 2 bad input (config, options), 1 internal failure.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>
#include <systemc>

#include "cli/cmd_layer.h"
#include "cli/cmd_supernet.h"
#include "cli/cmd_sweep.h"
#include "cli/commands.h"
#include "common/energy_table.h"
#include "config/config_error.h"
#include "workload/workload_error.h"

int sc_main(int argc, char* argv[]) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  // Fatal SystemC reports become exceptions, so they end in exit status 1 with a message.
  sc_core::sc_report_handler::set_actions(sc_core::SC_FATAL, sc_core::SC_DISPLAY | sc_core::SC_THROW);

  CLI::App app{"sushi-vp: SystemC/TLM-2.0 virtual platform of the SUSHI inference-serving SoC"};
  app.require_subcommand(1);
  sushi::cli::Action action;
  sushi::cli::add_run_command(app, action);
  sushi::cli::add_check_command(app, action);
  sushi::cli::add_config_reference_command(app, action);
  sushi::cli::add_supernet_command(app, action);
  sushi::cli::add_workload_command(app, action);
  sushi::cli::add_sweep_command(app, action);
  sushi::cli::add_layer_command(app, action);
  sushi::cli::add_profile_command(app, action);
  sushi::cli::add_calibrate_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  try {
    return action ? action() : 2;
  } catch (const sushi::config::ConfigError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const sushi::workload::WorkloadError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const sushi::EnergyTableError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const sc_core::sc_report& e) {
    std::cerr << "internal error (SystemC): " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return 1;
  }
}
