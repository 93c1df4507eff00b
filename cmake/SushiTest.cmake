# sushi_add_gtest(NAME SOURCES... LIBS...)
# Builds a GoogleTest binary whose main() is SystemC's (libsystemc defines main and calls sc_main;
# tests/support/gtest_sc_main.cpp runs RUN_ALL_TESTS inside sc_main). Every test case is its own
# ctest entry, hence its own process: SystemC 2.3 elaborates once per process.
function(sushi_add_gtest name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE sushi_test_main ${T_LIBS} GTest::gtest GTest::gmock sushi_warnings)
  # One variable only: CMake 3.25's gtest_discover_tests writes a list value as separate
  # arguments of set_tests_properties, so a second NAME=VALUE would be read as a property name
  # and dropped. The test support finds the source and build trees from compile definitions
  # (tests/support/test_paths.cpp); scripts/test.sh exports the sanitizer options.
  set(env "SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1")
  gtest_discover_tests(${name}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES ENVIRONMENT "${env}"
    DISCOVERY_TIMEOUT 60)
endfunction()
