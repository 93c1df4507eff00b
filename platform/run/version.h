// The version of this build: the project version (CMakeLists.txt) and the git commit it was
// built from ("-dirty" when tracked files differed from it), for `sushi-vp --version` and the
// provenance block of summary.json. Generated at build time by cmake/Version.cmake.
#pragma once

#include <string>

namespace sushi {

struct VersionInfo {
  std::string version;  // "0.1.0"
  std::string commit;   // "3f2a9c1d0b7e", "3f2a9c1d0b7e-dirty" or "unknown"
};

const VersionInfo& version_info();

}  // namespace sushi
