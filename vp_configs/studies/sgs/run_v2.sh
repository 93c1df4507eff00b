#!/usr/bin/env bash
# Reruns study v2 of docs/studies/sgs.md (profiles, runs, tables.md, pb_size.png, workloads.png).
#   vp_configs/studies/sgs/run_v2.sh [OUT_DIR] [JOBS]      (default out/studies/sgs-v2, 2)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
exec /usr/bin/python3 "$here/v2.py" "${1:-$root/out/studies/sgs-v2}" "${2:-2}"
