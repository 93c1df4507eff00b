// The error every DRAM parameter check throws: it names the offending key so that a loader can
// add file and line.
#pragma once

#include <stdexcept>
#include <string>

#include "util/param_error.h"

namespace sushi::dram {

// Thrown by validate(): key() is a controller key declared in DramParams::describe
// ("dram.main.queue_depth") or a memspec key ("timing.tRAS"); what() is "<key>: <message>",
// message() the rest (the allowed range), so a loader can add file and line.
class DramParamError : public params::KeyedError<std::invalid_argument> {
 public:
  using KeyedError::KeyedError;
};

}  // namespace sushi::dram
