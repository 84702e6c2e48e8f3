#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Times the examples that have a Python twin (examples/<name>.c and
# examples/<name>.py: wordcount, pipeline, manager_state) at full size, the
# C program and its twin one after the other under each start method,
# checks that each pair printed the same bytes, and prints the line that
# README.md's Examples section carries:
#
#   ci/examples-timing.sh [BUILD_DIR]
#
# BUILD_DIR defaults to build/linux (ci/test.sh's RelWithDebInfo tree); it
# is configured if it does not exist, and only the three examples are
# built. PYTHON picks the interpreter (default python3). One run each: the
# figures are wall-clock seconds on a machine that may be busy, hence the
# load printed with them.
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

build="${1:-$MPROC_BUILD_LINUX}"
python="${PYTHON:-python3}"
examples=(wordcount pipeline manager_state)
methods=(fork spawn)

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  mproc_configure "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
targets=()
for name in "${examples[@]}"; do targets+=(--target "mproc-${name//_/-}"); done
mproc_build "$build" "${targets[@]}" >/dev/null

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# seconds COMMAND... > FILE: runs the command with its stdout in FILE and
# prints its wall-clock time in seconds (two decimals).
seconds() {
  local file="$1" start end
  shift
  start="$(date +%s%N)"
  "$@" >"$file"
  end="$(date +%s%N)"
  printf '%d.%02d' $(((end - start) / 1000000000)) \
    $(((end - start) / 10000000 % 100))
}

status=0
load="$(uptime | sed 's/.*load average: //; s/,.*//')"
printf '%-14s %-6s %9s %9s  %s\n' example method C Python output
parts=()
for name in "${examples[@]}"; do
  part="$name"
  sep=" "
  for method in "${methods[@]}"; do
    c="$(seconds "$out/c" "$build/examples/mproc-${name//_/-}" \
      --start-method "$method")"
    py="$(seconds "$out/py" "$python" "examples/$name.py" \
      --start-method "$method")"
    same=identical
    if ! cmp -s "$out/c" "$out/py"; then
      same=DIFFERENT
      status=1
      diff "$out/py" "$out/c" | head -20 >&2 || true
    fi
    printf '%-14s %-6s %8ss %8ss  %s\n' "$name" "$method" "$c" "$py" "$same"
    part+="$sep$c s / $py s ($method)"
    sep=", "
  done
  parts+=("$part")
done

line="C / Python, full size, one run (load $load on $(nproc) CPUs):"
sep=" "
for part in "${parts[@]}"; do
  line+="$sep$part"
  sep="; "
done
printf '\n%s\n' "$line"
exit "$status"
