#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Runs mproc's libFuzzer targets (tests/fuzz/fuzz_<name>.c), each for a set
# time, with AddressSanitizer and UndefinedBehaviorSanitizer, starting from
# and adding to tests/fuzz/corpus/<name>/ (whose INDEX is rewritten so that
# the replay tests in ctest pick up new inputs).
#
#   ci/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60, all targets)
#
# Each target builds and runs in build/fuzz/<target>/, so that runs of
# different targets may go at once. A crash, leak or hang leaves its input
# as build/fuzz/<target>/{crash,leak,timeout,oom}-* and fails the script.
#
# Environment:
#   NICE          niceness of the builds and runs (default 10: the fuzzer
#                 takes what the machine does not otherwise need)
#   FUZZ_TIMEOUT  seconds one input may take before it counts as a hang
#                 (default 30; every call in the targets has a zero timeout)
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

seconds="${1:-60}"
shift || true
mproc_apt_install clang libclang-rt-14-dev 2>/dev/null || mproc_apt_install clang

nice_cmd=(nice -n "${NICE:-10}")
targets=("$@")
if [[ ${#targets[@]} == 0 ]]; then
  for f in tests/fuzz/fuzz_*.c; do
    t="$(basename "$f" .c)"
    targets+=("${t#fuzz_}")
  done
fi

# The library is compiled with the fuzzers' instrumentation through CMake,
# which has the one list of sources (the tree has folders and per-platform
# variants since the restructuring; a glob of src/*.c missed them all and
# linked nothing).
lib="$MPROC_BUILD/fuzz/lib"
san=(-fsanitize=address,undefined -fno-sanitize-recover=all)
"${nice_cmd[@]}" cmake -S . -B "$lib" -G Ninja -DCMAKE_C_COMPILER=clang \
  -DCMAKE_BUILD_TYPE=Debug -DMPROC_BUILD_TESTS=OFF \
  -DMPROC_BUILD_EXAMPLES=OFF -DMPROC_BUILD_BENCH=OFF -DMPROC_INSTALL=OFF \
  -DCMAKE_C_FLAGS="-O1 -fsanitize=fuzzer-no-link ${san[*]}" >/dev/null
"${nice_cmd[@]}" cmake --build "$lib" --target mproc_static -j2 >/dev/null

status=0
for t in "${targets[@]}"; do
  mproc_heading "fuzz $t (${seconds}s)"
  out="$MPROC_BUILD/fuzz/$t"
  mkdir -p "$out"
  bin="$out/fuzz_$t"
  "${nice_cmd[@]}" clang -std=c11 -g -O1 -fsanitize=fuzzer "${san[@]}" \
    -DMPROC_STATIC -Iinclude -I"$lib/include" -Isrc "tests/fuzz/fuzz_$t.c" "$lib/libmproc.a" \
    -o "$bin" -lpthread -ldl
  corpus="tests/fuzz/corpus/$t"
  mkdir -p "$corpus" "$out/new-$t"
  if ! "${nice_cmd[@]}" "$bin" -max_total_time="$seconds" \
    -timeout="${FUZZ_TIMEOUT:-30}" -print_final_stats=1 \
    -artifact_prefix="$out/" "$out/new-$t" "$corpus" 2>&1 |
    tee "$out/$t.log" | grep -E 'stat::|ERROR|SUMMARY|Done'; then
    status=1
  fi
  if grep -qE 'ERROR: (libFuzzer|AddressSanitizer|UndefinedBehavior)|runtime error' "$out/$t.log"; then
    mproc_log "fuzz $t found a problem: see $out/$t.log"
    status=1
  fi
  # Keep a minimal corpus: merge what was found into the checked-in one.
  "${nice_cmd[@]}" "$bin" -merge=1 "$corpus" "$out/new-$t" >/dev/null 2>&1 ||
    true
  (cd "$corpus" && find . -maxdepth 1 -type f ! -name INDEX -printf '%f\n' |
    sort >INDEX)
done
exit "$status"
