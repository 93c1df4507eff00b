// Errors in workload parameters or trace files. Trace errors name file and line.
#pragma once

#include <stdexcept>
#include <string>

namespace sushi::workload {

class WorkloadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sushi::workload
