// Child processes of the platform (a sweep's points and checks, the Python module's runs):
// started with posix_spawn, stdin from /dev/null, stdout and stderr into one log file, default
// signal dispositions and an empty signal mask (nothing the parent ignores or blocks, such as the
// Python interpreter's SIGPIPE, is inherited). Optionally in a process group of its own, so a
// timeout or an interrupt can kill everything a run started.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sushi::util {

// This process's environment, one "NAME=value" a string.
std::vector<std::string> current_environment();

// Where the child runs: in a process group of its own (a sweep point: kill_group() reaches all it
// started, a terminal's Ctrl-C does not), or in the parent's (a Python run: Ctrl-C reaches it).
enum class ProcessGroup { own, parent };

// Starts args[0] with args and environment `env`; throws std::runtime_error
// ("cannot start '<exe>': <reason>") if it cannot be started.
pid_t spawn_process(const std::vector<std::string>& args, const std::vector<std::string>& env,
                    const std::filesystem::path& log, ProcessGroup group = ProcessGroup::own);

// How a child ended, decoded from a waitpid status.
struct ExitStatus {
  int status = 0;  // the raw waitpid status
  bool exited() const;
  int exit_code() const;    // exited(): the code passed to exit()
  bool signalled() const;
  int signal() const;       // signalled(): the signal that ended it
  // A shell's convention: the exit code, or 128 + the signal number.
  int shell_code() const;
};

// Waits for `pid` to end (retrying on EINTR).
ExitStatus wait_for_exit(pid_t pid);
// The status of `pid` if it has ended, else nothing (does not block).
std::optional<ExitStatus> poll_exit(pid_t pid);

// SIGKILL to every process in the group `group` leads (a child spawned with ProcessGroup::own).
void kill_group(pid_t group);

// "SIGSEGV", "SIGKILL", ... or "signal N".
std::string signal_name(int sig);

}  // namespace sushi::util
