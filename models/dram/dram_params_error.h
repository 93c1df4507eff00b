// The error every DRAM parameter check throws: it names the offending key so that a loader can
// add file and line.
#pragma once

#include <stdexcept>
#include <string>

namespace sushi::dram {

// Thrown by validate(): the message names the offending key (memspec key names, e.g.
// "timing.tRAS") and the allowed range, so a loader can add file and line.
class DramParamError : public std::invalid_argument {
 public:
  DramParamError(std::string key, const std::string& message)
      : std::invalid_argument("key '" + key + "': " + message), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

}  // namespace sushi::dram
