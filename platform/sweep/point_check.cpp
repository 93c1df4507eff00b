#include "point_check.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <deque>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "config/config_error.h"
#include "sweep/local_runner.h"
#include "sweep/process.h"
#include "util/child_process.h"

namespace sushi::sweep {
namespace fs = std::filesystem;

namespace {

struct Rejection {
  std::size_t point = 0;
  std::string line;  // the child's last error line
};

// "error: --set #2 (k=v): key 'k': message" -> located at the override's line in the sweep file.
[[noreturn]] void throw_located(const Sweep& sw, const Rejection& r, std::size_t others) {
  const Point& p = sw.points[r.point];
  std::string text = r.line;
  if (text.rfind("error: ", 0) == 0) text = text.substr(7);
  std::string key;
  config::SourceLoc loc = sw.base_loc;
  const auto set = text.find("--set #");
  if (set != std::string::npos) {
    const std::size_t n = std::strtoul(text.c_str() + set + 7, nullptr, 10);
    if (n >= 1 && n <= p.overrides.size()) std::tie(loc, key) = sw.origin(n - 1);
  }
  const auto k = text.find("key '");
  if (k != std::string::npos) {
    const auto end = text.find("': ", k + 5);
    if (end != std::string::npos) {
      key = text.substr(k + 5, end - k - 5);
      text = text.substr(end + 3);
    }
  }
  const std::string more = others ? fmt::format(" (and {} more point{})", others, others > 1 ? "s" : "") : "";
  throw config::ConfigError(loc, key, sw.describe(p) + ": " + text + more);
}

}  // namespace

void check_points(const Sweep& sw, const std::string& executable, int jobs, const fs::path& scratch) {
  const std::string exe = executable.empty() ? self_executable() : executable;
  const auto env = child_environment();
  fs::create_directories(scratch);
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < sw.points.size(); ++i) queue.push_back(i);
  std::vector<std::pair<std::size_t, pid_t>> running;
  std::vector<Rejection> rejected;
  while (!queue.empty() || !running.empty()) {
    while (!queue.empty() && static_cast<int>(running.size()) < std::max(1, jobs)) {
      const Point& p = sw.points[queue.front()];
      std::vector<std::string> args = {exe, "check", sw.base};
      for (const auto& o : p.overrides) {
        args.push_back("--set");
        args.push_back(o);
      }
      args.push_back("-q");
      running.emplace_back(queue.front(), util::spawn_process(args, env, scratch / (p.id + ".log")));
      queue.pop_front();
    }
    bool any = false;
    for (auto it = running.begin(); it != running.end();) {
      if (const auto st = util::poll_exit(it->second)) {
        if (!(st->exited() && st->exit_code() == 0)) {
          const fs::path log = scratch / (sw.points[it->first].id + ".log");
          std::string line = last_error_line(log);
          if (st->signalled()) line = "check died of " + util::signal_name(st->signal()) + (line.empty() ? "" : ": " + line);
          rejected.push_back({it->first, line});
        }
        it = running.erase(it);
        any = true;
      } else {
        ++it;
      }
    }
    if (!any) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::error_code ec;
  fs::remove_all(scratch, ec);
  if (rejected.empty()) return;
  std::size_t first = 0;
  for (std::size_t i = 1; i < rejected.size(); ++i) {
    if (rejected[i].point < rejected[first].point) first = i;
  }
  throw_located(sw, rejected[first], rejected.size() - 1);
}

}  // namespace sushi::sweep
