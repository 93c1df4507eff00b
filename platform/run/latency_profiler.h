// `sushi-vp profile`: measure every catalog SubNet on the VP and fit the firmware's latency
// coefficients (docs/sched.md, "Latency prediction").
#pragma once

#include <string>
#include <vector>

namespace sushi {

struct ProfileOptions {
  std::string config_file;
  std::vector<std::string> overrides;
  std::string out_file;  // profile JSON (model.profile); default out/profiles/<config name>.json
  bool quiet = false;
};

// Returns the exit status (0 ok; config errors propagate as ConfigError).
int run_profile(const ProfileOptions& opt);

}  // namespace sushi
