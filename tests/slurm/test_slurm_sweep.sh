#!/usr/bin/env bash
# End-to-end test of `sushi-vp sweep --backend slurm` on a real, throw-away, single-node Slurm
# cluster started by this script: munged, slurmctld and slurmd run as root in the background
# (no systemd) with every file in a temporary directory, and are killed at the end.
#
#   tests/slurm/test_slurm_sweep.sh path/to/sushi-vp
#
# Runs only when CI=true or SUSHI_TEST_SLURM=1 (it needs root and installs slurm-wlm and munge
# through scripts/setup-debian.sh when they are missing); otherwise it prints why it skips and
# exits 77, which ctest reports as skipped. Submits a 4-point sweep of the traffic SoC (vp_configs/sweeps/bases), waits for
# the job array (at most SUSHI_SLURM_WAIT_S seconds, default 180), collects and checks
# results.csv.
set -euo pipefail

SKIP=77
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [[ "${CI:-}" != "true" && "${SUSHI_TEST_SLURM:-}" != "1" ]]; then
  echo "skip: the Slurm test runs only with CI=true or SUSHI_TEST_SLURM=1 (it starts Slurm daemons as root)"
  exit $SKIP
fi
if [[ $# -lt 1 || ! -x "$1" ]]; then
  echo "usage: $0 path/to/sushi-vp" >&2
  exit 2
fi
VP="$(readlink -f "$1")"
if [[ $(id -u) -ne 0 ]]; then
  echo "skip: the Slurm test must run as root (it starts munged, slurmctld and slurmd)"
  exit $SKIP
fi
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm: installing slurm-wlm and munge"
  SUSHI_WITH_SLURM=1 bash "$REPO/scripts/setup-debian.sh"
fi
export PATH="$PATH:/usr/sbin:/sbin"

WORK="$(mktemp -d /tmp/sushi-slurm.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $rc -ne 0 && $rc -ne $SKIP ]]; then
    echo "--- failed; logs in $WORK ---"
    for f in slurmctld.log slurmd.log munged.log; do
      [[ -f "$WORK/$f" ]] && { echo "--- $f (tail)"; tail -n 20 "$WORK/$f"; }
    done
    ls "$WORK/out/slurm" 2>/dev/null && tail -n 20 "$WORK"/out/slurm/*.out 2>/dev/null || true
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT

# 1. munge: a fresh key and a private socket, so nothing of the host's set-up is touched.
dd if=/dev/urandom of="$WORK/munge.key" bs=1024 count=1 status=none
chmod 600 "$WORK/munge.key"
munged --force --key-file="$WORK/munge.key" --socket="$WORK/munge.socket" \
  --pid-file="$WORK/munged.pid" --log-file="$WORK/munged.log" --seed-file="$WORK/munged.seed"
for _ in $(seq 50); do [[ -f "$WORK/munged.pid" ]] && break; sleep 0.1; done
PIDS+=("$(cat "$WORK/munged.pid")")

# 2. slurm.conf for one node: this host, with the CPUs slurmd detects, everything under $WORK.
NODE="$(hostname -s)"
NODE_LINE="$(slurmd -C | head -n 1)"   # NodeName=... CPUs=... RealMemory=...
PORT="${SUSHI_SLURM_PORT:-16817}"
mkdir -p "$WORK/state" "$WORK/spool"
cat > "$WORK/slurm.conf" <<EOF
ClusterName=sushitest
SlurmctldHost=$NODE
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$WORK/munge.socket
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
$NODE_LINE State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$WORK/slurm.conf"

# 3. The daemons, in the foreground (-D) of background jobs so this script owns their pids.
slurmctld -D -c -f "$SLURM_CONF" > "$WORK/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" > "$WORK/slurmd.out" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 60); do
  state="$(sinfo -h -n "$NODE" -o %T 2>/dev/null | head -n 1 || true)"
  [[ "$state" == idle* ]] && break
  if [[ "$state" == down* || "$state" == drain* ]]; then
    scontrol update nodename="$NODE" state=resume 2>/dev/null || true
  fi
  sleep 1
done
if [[ "$state" != idle* ]]; then
  echo "FAIL: the Slurm node did not come up (state '$state')"
  exit 1
fi
echo "slurm: node $NODE is idle"

# 4. A 4-point sweep of the traffic SoC (2 bank counts x 2 CPU patterns), submitted as an array.
cat > "$WORK/sweep.yaml" <<EOF
base: $REPO/vp_configs/sweeps/bases/traffic_soc.yaml
set:
  traffic.dma.transactions: 64
  traffic.cpu.transactions: 500
parameters:
  sram.scratch.banks: [1, 4]
  traffic.cpu.pattern: [sequential, random]
metrics: [energy.total_pJ, modules.soc.cpu.issued_count]
EOF
submit_out="$("$VP" sweep "$WORK/sweep.yaml" --backend slurm --out "$WORK/out" --time "5 min" --mem 500M)"
echo "$submit_out"
JOB="$(cat "$WORK/out/slurm_job_id")"
[[ -n "$JOB" ]] || { echo "FAIL: no job id"; exit 1; }

WAIT_S="${SUSHI_SLURM_WAIT_S:-180}"
start=$SECONDS
while [[ -n "$(squeue -h -j "$JOB" 2>/dev/null)" ]]; do
  if (( SECONDS - start > WAIT_S )); then
    echo "FAIL: job $JOB still queued or running after $WAIT_S s"
    squeue -j "$JOB" || true
    exit 1
  fi
  sleep 1
done
echo "slurm: job array $JOB finished in $((SECONDS - start)) s"

# 5. Collect: exit 0 only when every point is ok; then check the table itself.
"$VP" sweep "$WORK/sweep.yaml" --collect --out "$WORK/out"
lines="$(wc -l < "$WORK/out/results.csv")"
ok="$(grep -c ',ok,' "$WORK/out/results.csv" || true)"
if [[ "$lines" -ne 5 || "$ok" -ne 4 ]]; then
  echo "FAIL: results.csv has $lines lines and $ok ok rows (want 5 and 4)"
  cat "$WORK/out/results.csv"
  exit 1
fi
for p in p0000 p0001 p0002 p0003; do
  [[ -f "$WORK/out/$p/summary.json" && -f "$WORK/out/$p/.done" ]] || { echo "FAIL: $p incomplete"; exit 1; }
done
cat "$WORK/out/results.csv"
echo "PASS: 4-point sweep ran as Slurm job array $JOB and was collected"
