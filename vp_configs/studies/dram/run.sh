#!/usr/bin/env bash
# DRAM controller measurements of docs/dram.md ("Measurements"): sequential, random (100,000
# uniform 64 B reads in 1 GiB) and four-stream 64 B reads at maximum rate, on the
# DRAMSys-equivalent DDR4-2400 and LPDDR4-3200 presets, with scheduler fcfs and with the
# fr_fcfs controller preset (vp_configs/dram/fr_fcfs.yaml). Prints a markdown table.
#   bash vp_configs/studies/dram/run.sh [path/to/sushi-vp]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VP="$(readlink -f "${1:-$HERE/../../../build/bin/sushi-vp}")"
OUT="$(mktemp -d /tmp/sushi-dram-study.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
declare -A MEMSPEC=([DDR4-2400]=ddr4-2400-x64-dramsys.yaml [LPDDR4-3200]=lpddr4-3200-x16-1ch-dramsys.yaml)
declare -A MAPPING=([DDR4-2400]="co:7,ro:15,bg:2,ba:2" [LPDDR4-3200]="co:6,ro:16,ba:3")
for std in DDR4-2400 LPDDR4-3200; do
  for traffic in sequential random four_streams; do
    for sched in fcfs fr_fcfs; do
      cfg="$HERE/base.yaml"
      extra=()
      case "$traffic" in
        sequential) extra=(--set traffic.gen.pattern=sequential) ;;
        four_streams) cfg="$HERE/four_streams.yaml" ;;
      esac
      "$VP" run "$cfg" --quiet --out "$OUT/$std-$traffic-$sched" \
        --set "dram.main.memspec=$HERE/../../memspecs/${MEMSPEC[$std]}" \
        --set "dram.main.address_mapping=${MAPPING[$std]}" \
        --set dram.main.scheduler=$sched --set dram.main.scheduler_buffer=bankwise \
        --set dram.main.request_buffer_size=8 --set dram.main.refresh=all_bank "${extra[@]}" >/dev/null 2>&1 \
        || { echo "run $std $traffic $sched failed" >&2; exit 1; }
    done
  done
done
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
print("| standard | traffic | scheduler | bandwidth GB/s | row hits % | ACT | PRE | RD | REF | energy pJ/bit (core + I/O) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for std in ("DDR4-2400", "LPDDR4-3200"):
    for t in ("sequential", "random", "four_streams"):
        for s in ("fcfs", "fr_fcfs"):
            d = json.load(open(os.path.join(out, f"{std}-{t}-{s}", "summary.json")))["modules"]["soc"]["main"]
            acc = d["row_hits_count"] + d["row_misses_count"] + d["row_conflicts_count"]
            print(f"| {std} | {t.replace('_', '-')} | {s} | {d['bandwidth_GBps']:.2f} | {100.0 * d['row_hits_count'] / acc:.1f} | "
                  f"{d['cmd_act_count']} | {d['cmd_pre_count']} | {d['cmd_rd_count']} | {d['cmd_ref_count']} | {d['energy_per_bit_pJ']:.2f} |")
PY
