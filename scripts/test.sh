#!/usr/bin/env bash
# One command from a fresh clone: install what is missing (apt), build everything, run all tests.
#   ./scripts/test.sh                 (release build in build/)
#   SANITIZE=1 ./scripts/test.sh      (ASan + UBSan build in build-asan/)
#   CTEST_ARGS="-LE slurm" ./scripts/test.sh   (extra ctest options)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
if [[ "${SANITIZE:-0}" == 1 ]]; then
  BUILD_DIR=${BUILD_DIR:-build-asan}
  EXTRA=(-DSUSHI_SANITIZE=ON -DSUSHI_BUILD_BENCHMARKS=OFF)
  # SystemC threads switch stacks: ASan's fake stacks must stay off. Leaks and UB are fatal.
  export ASAN_OPTIONS=detect_stack_use_after_return=0:detect_leaks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  BUILD_DIR=${BUILD_DIR:-build}
  EXTRA=()
fi
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${EXTRA[@]}"
cmake --build "$BUILD_DIR" -j2
# shellcheck disable=SC2086  # CTEST_ARGS is a list of extra ctest options
ctest --test-dir "$BUILD_DIR" -j2 --output-on-failure --timeout 600 ${CTEST_ARGS:-}
