#!/usr/bin/env bash
# Times a 64-point sweep with `sushi-vp sweep -j N` and prints the wall time (issue 10's figure: a
# 64-point PB-size x policy sweep of the quickstart workload, 1,000 queries per point, should
# finish in under 2 minutes on 2 cores).
#
#   bench/sweep_speed.sh [path/to/sushi-vp] [jobs] [sgs|traffic|SWEEP.yaml] [KEY=VALUE ...]
#       defaults: build/bin/sushi-vp, 2, sgs
#   KEY=VALUE   added to the sweep's `set` (every point), e.g. dram.main.scheduler=fr_fcfs to time
#               the SGS sweep under the FR-FCFS controller (docs/dram.md); keys the sweep already
#               sets or varies are not allowed; a path value must be absolute (the copy of the
#               sweep that holds it is in a temporary directory, and sweep paths are relative to it)
#
#   sgs      vp_configs/sweeps/sgs_pb_size_policy.yaml: 16 PB sizes x 4 caching policies on the
#            serving quickstart (OFA-ResNet50, ZCU104), 1,000 queries per point
#   traffic  8 scratchpad sizes (256 KiB .. 2 MiB) x 4 bank counts x 2 CPU patterns of the traffic
#            SoC (vp_configs/sweeps/bases/traffic_soc.yaml; 4096 DMA + 20000 CPU transactions)
# Each run starts from an empty directory, so nothing is skipped as already done. The time
# includes the up-front validation (config of every point, then `sushi-vp check` of each).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VP="$(readlink -f "${1:-$REPO/build/bin/sushi-vp}")"
JOBS="${2:-2}"
WHICH="${3:-sgs}"
WORK="$(mktemp -d /tmp/sushi-sweep-speed.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

case "$WHICH" in
  sgs) SWEEP="$REPO/vp_configs/sweeps/sgs_pb_size_policy.yaml" ;;
  traffic)
    SWEEP="$WORK/speed.yaml"
    cat > "$SWEEP" <<EOF
base: $REPO/vp_configs/sweeps/bases/traffic_soc.yaml
parameters:
  sram.scratch.size: {range: {from: 256 KiB, to: 2 MiB, step: +256 KiB}}
  sram.scratch.banks: [1, 2, 4, 8]
  traffic.cpu.pattern: [sequential, random]
EOF
    ;;
  *) SWEEP="$(readlink -f "$WHICH")" ;;
esac

# Settings for every point: a copy of the sweep (its base made absolute, as it is read from
# $WORK) with KEY: VALUE lines added to its `set` (made if it has none).
if (($# > 3)); then
  for kv in "${@:4}"; do
    if [[ "$kv" != *=* || "$kv" == =* ]]; then
      echo "sweep_speed: argument '$kv': expected KEY=VALUE (e.g. dram.main.scheduler=fr_fcfs)" >&2
      exit 2
    fi
  done
  COPY="$WORK/with-set.yaml"
  printf '%s\n' "${@:4}" | awk -v dir="$(dirname "$SWEEP")" '
    function add_sets(   i, p) {
      for (i = 1; i <= n; ++i) { p = index(kv[i], "="); printf "  %s: %s\n", substr(kv[i], 1, p - 1), substr(kv[i], p + 1) }
      added = 1
    }
    FILENAME == "-" { kv[++n] = $0; next }
    /^base:/ { b = $2; if (b !~ /^\//) b = dir "/" b; print "base: " b; next }
    /^set:/ { print; add_sets(); next }
    { print }
    END { if (!added) { print "set:"; add_sets() } }' - "$SWEEP" > "$COPY"
  SWEEP="$COPY"
fi

export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
start=$(date +%s.%N)
set +e
"$VP" sweep "$SWEEP" -j "$JOBS" --out "$WORK/out" -q
rc=$?
set -e
end=$(date +%s.%N)
# A sweep rejected up front (its file or a point's config) ran nothing: its error is above.
[[ -f "$WORK/out/results.csv" ]] || exit $((rc != 0 ? rc : 1))
points=$(($(wc -l < "$WORK/out/results.csv") - 1))
ok=$(grep -c ',ok,' "$WORK/out/results.csv" || true)
sum=$(awk -F, 'NR > 1 { s += $3 } END { printf "%.1f", s }' "$WORK/out/timings.csv")
awk -v s="$start" -v e="$end" -v n="$points" -v ok="$ok" -v j="$JOBS" -v cpu="$sum" -v rc="$rc" 'BEGIN {
  w = e - s
  printf "sweep_speed: %d points (%d ok, exit %d) in %.1f s wall with -j %d: %.2f s per point; %.1f s of point wall time in total\n", n, ok, rc, w, j, w / n, cpu
}'
exit $rc
