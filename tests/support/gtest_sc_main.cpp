// GoogleTest entry point for test binaries. libsystemc.so defines main() and calls sc_main(),
// so the tests run inside sc_main. ctest runs each test case in its own process
// (gtest_discover_tests), because SystemC 2.3 can elaborate only once per process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <systemc>

int sc_main(int argc, char* argv[]) {
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
