// Child processes for sweeps: started with posix_spawn in their own process group (so a timeout
// or an interrupt can kill everything a run started), stdin from /dev/null, stdout and stderr
// into one log file, default signal dispositions.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sushi::sweep {

// Our environment plus SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 (no banner in every log).
std::vector<std::string> child_environment();

// Starts args[0] with args; throws std::runtime_error if it cannot be started.
pid_t spawn_process(const std::vector<std::string>& args, const std::vector<std::string>& env,
                    const std::filesystem::path& log);

// "SIGSEGV", "SIGKILL", ... or "signal N".
std::string signal_name(int sig);

// The last line of a log that mentions an error (the CLI prints "error: ..." or
// "internal error: ..."), else its last non-empty line; shortened to 240 characters.
std::string last_error_line(const std::filesystem::path& log);

}  // namespace sushi::sweep
