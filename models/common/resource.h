// A shared resource (a port, a link, a bus) that serves one transfer at a time.
//
// Loosely-timed models do not simulate cycles; instead each resource remembers when it becomes
// free. A transfer that arrives at time t starts at max(t, next_free), occupies the resource
// for its service time, and the waiting time is what contention costs. Times are in ps.
#pragma once

#include <algorithm>
#include <cstdint>

namespace sushi {

class TimedResource {
 public:
  struct Grant {
    std::uint64_t start_ps;
    std::uint64_t end_ps;
    std::uint64_t wait_ps;
  };

  Grant reserve(std::uint64_t arrival_ps, std::uint64_t service_ps) {
    const std::uint64_t start = std::max(arrival_ps, next_free_ps_);
    next_free_ps_ = start + service_ps;
    busy_ps_ += service_ps;
    wait_ps_ += start - arrival_ps;
    max_wait_ps_ = std::max(max_wait_ps_, start - arrival_ps);
    ++grants_;
    return Grant{start, next_free_ps_, start - arrival_ps};
  }

  std::uint64_t next_free_ps() const { return next_free_ps_; }
  std::uint64_t busy_ps() const { return busy_ps_; }
  std::uint64_t total_wait_ps() const { return wait_ps_; }
  std::uint64_t max_wait_ps() const { return max_wait_ps_; }
  std::uint64_t grants() const { return grants_; }

 private:
  std::uint64_t next_free_ps_ = 0;
  std::uint64_t busy_ps_ = 0;
  std::uint64_t wait_ps_ = 0;
  std::uint64_t max_wait_ps_ = 0;
  std::uint64_t grants_ = 0;
};

}  // namespace sushi
