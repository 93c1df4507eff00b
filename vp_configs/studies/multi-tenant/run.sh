#!/usr/bin/env bash
# Reruns the multi-tenant study (docs/studies/multi-tenant.md): the four rows (baseline-largest,
# baseline-fixed, choose-none, choose-sgs) under the steady and the bursty load, each task alone
# for both baselines and choose-sgs under the steady load, and choose-sgs steady twice more for the
# determinism check; two at a time (one simulation per process), then writes the tables to stdout.
#   vp_configs/studies/multi-tenant/run.sh [OUT_DIR] [JOBS]   (default out/studies/multi-tenant, 2)
#   SUSHI_VP=path/to/sushi-vp overrides the binary (default build/bin/sushi-vp)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="${1:-$root/out/studies/multi-tenant}"
jobs="${2:-2}"
vp="$(realpath "${SUSHI_VP:-$root/build/bin/sushi-vp}")"   # absolute: runs start in other directories
wl="$root/vp_configs/workloads"
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
rm -rf "$out"
mkdir -p "$out/repeat/1" "$out/repeat/2"
# One line per run: working directory, run directory (relative to it), config, --set overrides.
# The bursty load replaces each task's workload file (the row files name the steady ones).
bursty="--set tasks.r50.workload=$wl/tenant-r50-bursty.yaml --set tasks.mbv3.workload=$wl/tenant-mbv3-bursty.yaml"
{
  for row in baseline-largest baseline-fixed choose-none choose-sgs; do
    echo "$out steady/$row $here/$row.yaml"
    echo "$out bursty/$row $here/$row.yaml $bursty"
  done
  for alone in alone-r50-largest alone-mbv3-largest alone-r50-fixed alone-mbv3-fixed alone-r50-sgs alone-mbv3-sgs; do
    echo "$out steady/$alone $here/$alone.yaml"
  done
  # The same command line from two directories: summary.json (which records it) must match too.
  echo "$out/repeat/1 run $here/choose-sgs.yaml"
  echo "$out/repeat/2 run $here/choose-sgs.yaml"
} | xargs -P "$jobs" -L 1 sh -c '
  dir=$0; run=$1; cfg=$2; shift 2
  cd "$dir" && "'"$vp"'" run "$cfg" "$@" --out "$run" -q || echo "FAILED: $run" >&2'
/usr/bin/python3 "$here/report.py" "$out"
