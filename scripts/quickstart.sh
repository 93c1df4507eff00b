#!/usr/bin/env bash
# One command from a fresh clone: install what is missing (apt), build, run the shipped example.
#   ./scripts/quickstart.sh [CONFIG] [sushi-vp run options...]
# Set-up is skipped when nothing changed since it last succeeded: the package check runs again
# only when scripts/setup-debian.sh changed (a stamp in the build directory holds its digest),
# and CMake configures only a new build directory (ninja reconfigures by itself when a
# CMakeLists.txt changes). The build itself is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
stamp="$BUILD_DIR/.setup-debian.sha256"
want=$(sha256sum scripts/setup-debian.sh | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  bash scripts/setup-debian.sh
  mkdir -p "$BUILD_DIR"
  echo "$want" > "$stamp"
fi
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD_DIR" -j2 --target sushi-vp
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
CONFIG=${1:-vp_configs/examples/quickstart.yaml}
shift || true
exec "$BUILD_DIR/bin/sushi-vp" run "$CONFIG" "$@"
