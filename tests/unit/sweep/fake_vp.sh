#!/bin/sh
# Stands in for `sushi-vp run BASE --set k=v ... --out DIR -q` in the runner tests. What it does
# depends on the sim.seed override:
#   1 ok (writes summary.json)   2 exit 1 with an internal error   3 dies of SIGSEGV
#   4 hangs (for timeouts)       5 exit 2 with a config error      6 exit 0 without summary.json
# Every start appends one line to $FAKE_VP_COUNTER when that is set (tests count runs).
out=""; seed=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift ;;
    --set) case "$2" in sim.seed=*) seed="${2#sim.seed=}" ;; esac; shift ;;
  esac
  shift
done
[ -n "$FAKE_VP_COUNTER" ] && echo "$out" >> "$FAKE_VP_COUNTER"
mkdir -p "$out"
case "$seed" in
  1) printf '{"run": {"seed": 1}, "energy": {"total_pJ": 1.5}}\n' > "$out/summary.json"; exit 0 ;;
  2) echo "internal error: boom" >&2; exit 1 ;;
  3) kill -SEGV $$ ;;
  4) sleep 60 & wait ;;
  5) echo "error: x.yaml:1:1: key 'a': bad" >&2; exit 2 ;;
  6) exit 0 ;;
esac
exit 9
