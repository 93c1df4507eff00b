#!/usr/bin/env bash
# Reruns the SGS study: every workload config here x every caching policy, two at a time (one
# simulation per process), then writes the tables of docs/studies/sgs.md to stdout.
#   vp_configs/studies/sgs/run.sh [OUT_DIR] [JOBS]      (default out/studies/sgs, 2)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="${1:-$root/out/studies/sgs}"
jobs="${2:-2}"
vp="${SUSHI_VP:-$root/build/bin/sushi-vp}"
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
mkdir -p "$out"
for cfg in "$here"/*-steady.yaml "$here"/*-phases.yaml "$here"/*-bursty.yaml; do
  for policy in none static sgs lru oracle; do
    echo "$cfg $policy"
  done
done | xargs -P "$jobs" -n 2 sh -c '
  name=$(basename "$0" .yaml)
  "'"$vp"'" run "$0" --set sched.cache.policy="$1" --out "'"$out"'/$name/$1" -q || echo "FAILED: $name $1" >&2'
/usr/bin/python3 "$here/report.py" "$out"
