#!/usr/bin/env bash
# Speed of cpu.kind: rv32 against the host-compiled firmware: the quickstart (N queries) run both
# ways; prints each run's wall time, the slowdown, and the RV32 core's instructions and firmware
# busy time, from perf.json and summary.json. Instruction-set simulator MIPS: build/bin/bench_rv32.
#
#   bench/rv32_speed.sh [path/to/sushi-vp] [queries]   (defaults: build/bin/sushi-vp, 300)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VP="$(readlink -f "${1:-$REPO/build/bin/sushi-vp}")"
QUERIES="${2:-300}"
WORK="$(mktemp -d /tmp/sushi-rv32-speed.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
for kind in host rv32; do
  "$VP" run "$REPO/vp_configs/examples/quickstart.yaml" -q --out "$WORK/$kind" \
    --set workload.queries="$QUERIES" --set cpu.kind="$kind"
done
/usr/bin/python3 - "$WORK" "$QUERIES" <<'PY'
import csv, json, sys
work, queries = sys.argv[1], sys.argv[2]
wall = {k: json.load(open(f"{work}/{k}/perf.json"))["wall_time_s"] for k in ("host", "rv32")}
cpu = json.load(open(f"{work}/rv32/summary.json"))["modules"]["soc"]["cpu"]
sub = {k: [r["subnet"] for r in csv.DictReader(open(f"{work}/{k}/queries.csv"))] for k in ("host", "rv32")}
same = sum(a == b for a, b in zip(sub["host"], sub["rv32"]))
print(f"quickstart, {queries} queries")
print(f"wall time: host {wall['host']:.2f} s, rv32 {wall['rv32']:.2f} s, slowdown {wall['rv32'] / wall['host']:.2f}x")
print(f"rv32 core: {cpu['instructions_count']} instructions, {cpu['cycles_count']} cycles, "
      f"busy {cpu['busy_ps'] / 1e9:.3f} ms, of which executing {cpu['exec_ps'] / 1e9:.3f} ms (the rest: bus stalls)")
print(f"same SubNet choice: {same} of {len(sub['host'])} queries")
PY
