// The provenance block of summary.json (docs/outputs.md): which tool made the run and how it was
// asked to. It is the one part of a run directory that may differ between two runs of the same
// effective configuration and seed (command line, config file name; the commit after a rebuild);
// everything else is a pure function of config.resolved.yaml (perf.json aside: wall time).
#pragma once

#include <string>

#include "common/stats.h"

namespace sushi {

// Records argv once, at start (sc_main), for the provenance block.
void set_command_line(int argc, char* argv[]);
// The command line, each word shell-quoted where needed ("sushi-vp run 'my config.yaml'").
const std::string& command_line();

// SHA-256 of `text` as 64 lowercase hex digits (OpenSSL).
std::string sha256_hex(const std::string& text);

// {tool, version, commit, command_line, config_file, config_sha256}; `resolved_yaml` is the text
// of config.resolved.yaml (its digest identifies the effective configuration).
Json provenance_json(const std::string& config_file, const std::string& resolved_yaml);

}  // namespace sushi
