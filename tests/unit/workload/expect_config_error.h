// The ConfigError that `f` throws (a test failure if it throws none), for the workload tests.
#pragma once

#include <gtest/gtest.h>

#include "config/config_error.h"

namespace sushi::test {

template <class F>
config::ConfigError expect_config_error(F f) {
  try {
    f();
  } catch (const config::ConfigError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a ConfigError";
  return config::ConfigError({}, "", "");
}

}  // namespace sushi::test
