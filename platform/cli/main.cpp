// sushi-vp: the command line of the virtual platform.
// Exit status: 0 success, 2 bad input (config, options, input files), 1 internal failure, a
// failed write (disk full) or a firmware fault.
#include <exception>
#include <iostream>
#include <new>

#include <CLI/CLI.hpp>
#include <systemc>

#include "cli/cmd_layer.h"
#include "cli/cmd_supernet.h"
#include "cli/cmd_sweep.h"
#include "cli/commands.h"
#include "common/energy_table.h"
#include "config/config_error.h"
#include "io/input_file.h"
#include "io/output_file.h"
#include "run/provenance.h"
#include "run/run_directory.h"
#include "run/version.h"
#include "workload/workload_error.h"

int sc_main(int argc, char* argv[]) {
  sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
  // Fatal SystemC reports become exceptions, so they end in exit status 1 with a message.
  sc_core::sc_report_handler::set_actions(sc_core::SC_FATAL, sc_core::SC_DISPLAY | sc_core::SC_THROW);

  sushi::set_command_line(argc, argv);
  CLI::App app{"sushi-vp: SystemC/TLM-2.0 virtual platform of the SUSHI inference-serving SoC"};
  app.require_subcommand(1);
  const sushi::VersionInfo& v = sushi::version_info();
  app.set_version_flag("--version", "sushi-vp " + v.version + " (commit " + v.commit + ")",
                       "Print the version and the git commit of this build, then exit");
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
  // Bad input (exit 2) names the file, line and key; a failed write or a fault is exit 1.
  auto fail = [](const char* what, const std::exception& e, int status) {
    std::cerr << what << e.what() << "\n";
    return status;
  };
  try {
    return action ? action() : 2;
  } catch (const sushi::config::ConfigError& e) {
    return fail("error: ", e, 2);
  } catch (const sushi::workload::WorkloadError& e) {
    return fail("error: ", e, 2);
  } catch (const sushi::EnergyTableError& e) {
    return fail("error: ", e, 2);
  } catch (const sushi::io::InputError& e) {
    return fail("error: ", e, 2);
  } catch (const sushi::InvalidOutDir& e) {
    return fail("error: ", e, 2);
  } catch (const sushi::io::OutputError& e) {
    std::cerr << "error: " << e.what() << " (the previous outputs, if any, are unchanged)\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory (lower workload.queries or the traces' sizes, or use a machine with more "
                 "memory)\n";
    return 1;
  } catch (const sc_core::sc_report& e) {
    return fail("internal error (SystemC): ", e, 1);
  } catch (const std::exception& e) {
    return fail("internal error: ", e, 1);
  }
}
