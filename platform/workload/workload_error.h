// Errors in workload parameters or trace files. Trace errors name file and line.
#pragma once

#include <stdexcept>
#include <string>

#include "util/param_error.h"

namespace sushi::workload {

class WorkloadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value outside its declared range (WorkloadParams::validate): key() is the declared key
// ("workload.rate_qps"), what() starts with it, message() is the rest.
class WorkloadParamError : public params::KeyedError<WorkloadError> {
 public:
  using KeyedError::KeyedError;
};

}  // namespace sushi::workload
