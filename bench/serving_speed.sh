#!/usr/bin/env bash
# Simulation speed of a serving run (issue 7's figure): the quickstart (ZCU104 SoC, OFA-ResNet50
# catalog, 4 KiB DMA bursts) serving N queries; prints wall time, simulated time and their ratio
# (> 1: the simulation runs faster than the modelled hardware), from the run's perf.json.
#
#   bench/serving_speed.sh [path/to/sushi-vp] [queries] [burst]   (defaults: build/bin/sushi-vp, 1000, 4KiB)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VP="$(readlink -f "${1:-$REPO/build/bin/sushi-vp}")"
QUERIES="${2:-1000}"
BURST="${3:-4KiB}"
WORK="$(mktemp -d /tmp/sushi-serving-speed.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
"$VP" run "$REPO/vp_configs/examples/quickstart.yaml" -q --out "$WORK/run" \
  --set workload.queries="$QUERIES" --set accel.dma.burst_bytes="$BURST"
/usr/bin/python3 - "$WORK/run" "$QUERIES" "$BURST" <<'PY'
import json, sys
run, queries, burst = sys.argv[1], sys.argv[2], sys.argv[3]
perf = json.load(open(f"{run}/perf.json"))
serving = json.load(open(f"{run}/summary.json"))["serving"]
print(f"queries: {queries} served {serving['served_count']}, dma.burst_bytes {burst}")
print(f"wall time: {perf['wall_time_s']:.2f} s")
print(f"simulated time: {perf['simulated_time_s']:.2f} s")
print(f"simulated / wall: {perf['simulated_per_wall']:.2f}")
print(f"transactions per wall second: {perf['transactions_per_s']:.0f}")
PY
