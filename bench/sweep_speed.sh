#!/usr/bin/env bash
# Times a 64-point sweep of the traffic SoC (vp_configs/sweeps/bases/traffic_soc.yaml) with `sushi-vp sweep -j N` (issue 10's figure:
# a 64-point sweep should finish in under 2 minutes on 2 cores) and prints the wall time.
#
#   bench/sweep_speed.sh [path/to/sushi-vp] [jobs]      (defaults: build/bin/sushi-vp, 2)
#
# The points: 8 scratchpad sizes (256 KiB .. 2 MiB, +256 KiB) x 4 bank counts x 2 CPU patterns,
# each a full run of that base (4096 DMA + 20000 CPU transactions). When the accelerator lands,
# the PB-size x policy sweep (vp_configs/sweeps/sgs_pb_size_policy.yaml) is the one to time.
# Each run starts from an empty directory, so nothing is skipped as already done. The time
# includes the up-front validation (config of every point, then `sushi-vp check` of each).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VP="$(readlink -f "${1:-$REPO/build/bin/sushi-vp}")"
JOBS="${2:-2}"
WORK="$(mktemp -d /tmp/sushi-sweep-speed.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

cat > "$WORK/speed.yaml" <<EOF
base: $REPO/vp_configs/sweeps/bases/traffic_soc.yaml
parameters:
  sram.scratch.size: {range: {from: 256 KiB, to: 2 MiB, step: +256 KiB}}
  sram.scratch.banks: [1, 2, 4, 8]
  traffic.cpu.pattern: [sequential, random]
EOF

export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
start=$(date +%s.%N)
set +e
"$VP" sweep "$WORK/speed.yaml" -j "$JOBS" --out "$WORK/out" -q
rc=$?
set -e
end=$(date +%s.%N)
points=$(($(wc -l < "$WORK/out/results.csv") - 1))
ok=$(grep -c ',ok,' "$WORK/out/results.csv" || true)
sum=$(awk -F, 'NR > 1 { s += $3 } END { printf "%.1f", s }' "$WORK/out/timings.csv")
awk -v s="$start" -v e="$end" -v n="$points" -v ok="$ok" -v j="$JOBS" -v cpu="$sum" -v rc="$rc" 'BEGIN {
  w = e - s
  printf "sweep_speed: %d points (%d ok, exit %d) in %.1f s wall with -j %d: %.2f s per point; %.1f s of point wall time in total\n", n, ok, rc, w, j, w / n, cpu
}'
exit $rc
