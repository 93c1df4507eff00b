#!/usr/bin/env bash
# Installs, with apt, every Debian package sushi-vp needs to build and test.
# Skips what is already installed; safe to run again. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config git
  libsystemc-dev
  libyaml-cpp-dev nlohmann-json3-dev libfmt-dev libcli11-dev
  libboost-dev libboost-iostreams-dev zlib1g-dev libssl-dev libcsv-dev
  libeigen3-dev                                          # Eigen: the calibration fit (platform/calibrate)
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-matplotlib pybind11-dev python3-dev
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf   # the RV32 firmware build (docs/rv32.md)
  gtkwave xvfb xauth   # the test that opens signals.gtkw in GTKWave under a virtual display
  gdb-multiarch                                          # debugging the RV32 firmware; its test (docs/rv32.md)
)

# Extra: a single-node Slurm cluster for the `slurm`-labelled test of `sushi-vp sweep --backend
# slurm` (tests/slurm/). Only in CI (CI=true) or on request (SUSHI_WITH_SLURM=1), so a normal
# set-up stays small. No daemon is enabled: the test starts munged, slurmctld and slurmd itself.
if [[ "${CI:-}" == "true" || "${SUSHI_WITH_SLURM:-}" == "1" ]]; then
  PACKAGES+=(slurm-wlm munge)
fi

# One dpkg-query for all packages (one per package took seconds).
missing=()
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null | awk '$4 == "installed" {print $1}' || true)
for p in "${PACKAGES[@]}"; do
  if ! grep -qx -- "$p" <<< "$installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
