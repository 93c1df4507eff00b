// Child processes for sweeps: started by util/child_process.h in their own process group (so a
// timeout or an interrupt can kill everything a run started); here what only a sweep needs: the
// children's environment, the reaper of their groups and their logs' error lines.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sushi::sweep {

// Our environment plus SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 (no banner in every log).
std::vector<std::string> child_environment();

// Kills the point processes' groups when the sweep ends, however it ends (SIGKILL included, which
// no handler sees): a helper process, forked at construction, holds the read end of a pipe whose
// write end only the sweep holds. The sweep registers each group it starts and releases it when
// the point is done; at end of file (the sweep exited or was killed) the helper kills every group
// still registered and exits. The helper ignores SIGINT, SIGTERM and SIGHUP (the sweep handles
// those itself and then exits).
class GroupReaper {
 public:
  explicit GroupReaper(std::size_t max_groups);
  ~GroupReaper();  // closes the pipe: the helper kills what is left and exits
  GroupReaper(const GroupReaper&) = delete;
  GroupReaper& operator=(const GroupReaper&) = delete;
  void add(pid_t group);
  void release(pid_t group);
  pid_t helper() const { return helper_; }

 private:
  int fd_ = -1;
  pid_t helper_ = -1;
};

// The last line of a log that mentions an error (the CLI prints "error: ..." or
// "internal error: ..."), else its last non-empty line; shortened to 240 characters.
std::string last_error_line(const std::filesystem::path& log);

}  // namespace sushi::sweep
