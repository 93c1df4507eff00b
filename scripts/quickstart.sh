#!/usr/bin/env bash
# One command from a fresh clone: install what is missing (apt), build, run the shipped example.
#   ./scripts/quickstart.sh [CONFIG] [sushi-vp run options...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" -j2 --target sushi-vp
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
CONFIG=${1:-vp_configs/examples/quickstart.yaml}
shift || true
"$BUILD_DIR/bin/sushi-vp" run "$CONFIG" "$@"
