# sushi_add_gtest(NAME SOURCES... LIBS...)
# Builds a GoogleTest binary whose main() is SystemC's (libsystemc defines main and calls sc_main;
# tests/support/gtest_sc_main.cpp runs RUN_ALL_TESTS inside sc_main). Every test case is its own
# ctest entry, hence its own process: SystemC 2.3 elaborates once per process.
function(sushi_add_gtest name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE sushi_test_main ${T_LIBS} GTest::gtest GTest::gmock sushi_warnings)
  # The list separators must survive gtest_discover_tests' generated script: escape them.
  set(env "SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1;SUSHI_SOURCE_DIR=${PROJECT_SOURCE_DIR};SUSHI_BINARY_DIR=${PROJECT_BINARY_DIR};ASAN_OPTIONS=detect_stack_use_after_return=0:detect_leaks=1;UBSAN_OPTIONS=print_stacktrace=1")
  string(REPLACE ";" "\\;" env "${env}")
  gtest_discover_tests(${name}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES ENVIRONMENT "${env}"
    DISCOVERY_TIMEOUT 60)
endfunction()
