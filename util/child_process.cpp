#include "util/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace sushi::util {

std::vector<std::string> current_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  return env;
}

pid_t spawn_process(const std::vector<std::string>& args, const std::vector<std::string>& env,
                    const std::filesystem::path& log, ProcessGroup group) {
  std::vector<std::string> a = args;
  std::vector<std::string> e = env;
  std::vector<char*> argv, envp;
  for (auto& s : a) argv.push_back(s.data());
  argv.push_back(nullptr);
  for (auto& s : e) envp.push_back(s.data());
  envp.push_back(nullptr);

  const std::string log_path = log.string();
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Default dispositions and an empty mask (the parent's handlers, ignored and blocked signals
  // must not be inherited); a group of its own when asked.
  short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
  if (group == ProcessGroup::own) flags |= POSIX_SPAWN_SETPGROUP;
  posix_spawnattr_setflags(&attr, flags);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &fa, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw std::runtime_error("cannot start '" + args[0] + "': " + std::strerror(rc));
  return pid;
}

bool ExitStatus::exited() const { return WIFEXITED(status); }
int ExitStatus::exit_code() const { return WEXITSTATUS(status); }
bool ExitStatus::signalled() const { return WIFSIGNALED(status); }
int ExitStatus::signal() const { return WTERMSIG(status); }
int ExitStatus::shell_code() const { return exited() ? exit_code() : 128 + (signalled() ? signal() : 0); }

ExitStatus wait_for_exit(pid_t pid) {
  ExitStatus s;
  while (::waitpid(pid, &s.status, 0) < 0 && errno == EINTR) {
  }
  return s;
}

std::optional<ExitStatus> poll_exit(pid_t pid) {
  ExitStatus s;
  if (::waitpid(pid, &s.status, WNOHANG) == pid) return s;
  return std::nullopt;
}

void kill_group(pid_t group) { ::kill(-group, SIGKILL); }

std::string signal_name(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGPIPE: return "SIGPIPE";
    case SIGHUP: return "SIGHUP";
    case SIGXCPU: return "SIGXCPU";
    default: return "signal " + std::to_string(sig);
  }
}

}  // namespace sushi::util
