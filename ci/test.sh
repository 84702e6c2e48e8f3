#!/usr/bin/env bash
#
# mproc's CI: everything from a fresh Debian 12 machine (as root) to a
# verdict. What it does, each phase under its own heading:
#
#   setup    apt-get install what is missing
#   linux    gcc, RelWithDebInfo: build, check the exported symbols, ctest
#   clang    clang, Debug, -Werror: build, ctest
#   sanitize clang with ASan+UBSan: ctest; valgrind memcheck of the
#            single-process tests
#   portable gcc with -DMPROC_POSIX_BACKEND=portable (no futex, no memfd):
#            build, ctest
#   windows  mingw-w64 cross build (cmocka built from Debian's source), ctest
#            under wine in a private prefix (build/wine)
#   install  cmake --install of the gcc build into a fresh prefix (build/install),
#            then tests/install-consumer built against it with
#            find_package(mproc) and with pkg-config, and run
#
# Every phase runs even when an earlier one failed, so one run reports
# everything; the script exits non-zero if any phase failed or any platform
# ran no test. The last lines are a per-platform count and the total, as
#   linux: 9 passed, 0 failed
#   ...
#   27 passed, 0 failed
#
# Environment:
#   MPROC_CI_PHASES   phases to run (default "linux clang sanitize portable
#                     windows install")
#   MPROC_CTEST_JOBS  ctest parallelism (default 1: the tests time processes)
#
# The phase_* functions are called by name (run_phase):
# shellcheck disable=SC2317
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

phases="${MPROC_CI_PHASES:-linux clang sanitize portable windows install}"
ctest_jobs="${MPROC_CTEST_JOBS:-1}"
results="$MPROC_BUILD/ci-results"

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# run_ctest PLATFORM BUILD_DIR: runs the tests, shows their output, and
# records "PASSED FAILED" for the platform from ctest's summary line
# ("100% tests passed, 0 tests failed out of 9").
run_ctest() {
  local platform="$1" dir="$2" log summary failed total status=0
  log="$results/$platform.log"
  ctest --test-dir "$dir" --output-on-failure --no-tests=error \
    --parallel "$ctest_jobs" </dev/null 2>&1 | tee "$log" || status=$?
  summary="$(grep -E '[0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)"
  if [[ "$summary" =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
    failed="${BASH_REMATCH[1]}"
    total="${BASH_REMATCH[2]}"
    echo "$((total - failed)) $failed" >"$results/$platform.count"
  else
    echo "0 0" >"$results/$platform.count"
  fi
  return "$status"
}

# ---------------------------------------------------------------------------
# Phases. Each runs in a subshell with errexit on, so the first failing
# command ends that phase (and only that phase).
# ---------------------------------------------------------------------------

phase_setup() {
  mproc_apt_install "${MPROC_PACKAGES[@]}"
  cmake --version | head -n 1
  gcc --version | head -n 1
  clang --version | head -n 1
  x86_64-w64-mingw32-gcc --version | head -n 1
}

phase_linux() {
  local lib extra
  mproc_configure_linux
  mproc_build "$MPROC_BUILD_LINUX"
  # The shared library exports the public API and nothing else (hidden
  # visibility, MPROC_API on every public declaration).
  lib="$(find "$MPROC_BUILD_LINUX" -maxdepth 1 -name 'libmproc.so.*.*.*' | head -n 1)"
  extra="$(nm -D --defined-only "$lib" | awk '$3 !~ /^mproc_[a-z]/ { print $3 }')"
  if [[ -n "$extra" ]]; then
    mproc_log "libmproc.so exports more than mproc_*: $extra"
    return 1
  fi
  mproc_log "libmproc.so exports $(nm -D --defined-only "$lib" | wc -l) symbols, all mproc_*"
  run_ctest linux "$MPROC_BUILD_LINUX"
}

phase_clang() {
  mproc_configure_clang
  mproc_build "$MPROC_BUILD_CLANG"
  run_ctest clang "$MPROC_BUILD_CLANG"
}

phase_portable() {
  mproc_configure_portable
  mproc_build "$MPROC_BUILD_PORTABLE"
  run_ctest portable "$MPROC_BUILD_PORTABLE"
}

phase_windows() {
  bash "$MPROC_ROOT/ci/build-cmocka-mingw.sh" "$MPROC_CMOCKA_MINGW_PREFIX"
  mproc_configure_windows
  mproc_build "$MPROC_BUILD_WINDOWS"
  mproc_wine_setup "$MPROC_WINEPREFIX"
  trap mproc_wine_stop EXIT
  run_ctest windows "$MPROC_BUILD_WINDOWS"
}

# AddressSanitizer + UndefinedBehaviorSanitizer over the whole suite (halt
# on the first report), then valgrind's memcheck over the single-process
# tests, which must report no error and no leak.
phase_sanitize() {
  local dir="$MPROC_BUILD/sanitize" t passed=0 failed=0 p f
  mproc_configure "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
    -DMPROC_SANITIZE=address,undefined -DMPROC_BUILD_BENCH=OFF
  mproc_build "$dir"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_ctest sanitize "$dir" || failed=1
  [[ -f "$MPROC_BUILD_LINUX/build.ninja" ]] || mproc_configure_linux
  mproc_build "$MPROC_BUILD_LINUX"
  for t in test_value fuzz_replay_value fuzz_replay_queue_frame \
    fuzz_replay_manager; do
    mproc_log "valgrind $t"
    if valgrind -q --error-exitcode=99 --leak-check=full \
      --errors-for-leak-kinds=definite,indirect \
      "$MPROC_BUILD_LINUX/tests/$t" \
      "$MPROC_ROOT/tests/fuzz/corpus/${t#fuzz_replay_}" </dev/null >/dev/null; then
      passed=$((passed + 1))
    else
      mproc_log "valgrind $t FAILED"
      failed=$((failed + 1))
    fi
  done
  read -r p f <"$results/sanitize.count"
  echo "$((p + passed)) $((f + failed))" >"$results/sanitize.count"
  [[ "$failed" == 0 ]]
}

# The installed library, used the two ways a user would.
phase_install() {
  local prefix="$MPROC_BUILD/install" consumer="$MPROC_BUILD/install-consumer"
  local src="$MPROC_ROOT/tests/install-consumer" passed=0 failed=0 prog
  rm -rf "$prefix" "$consumer"
  [[ -f "$MPROC_BUILD_LINUX/build.ninja" ]] || mproc_configure_linux
  mproc_build "$MPROC_BUILD_LINUX"
  cmake --install "$MPROC_BUILD_LINUX" --prefix "$prefix"

  # find_package(mproc): one program on the shared and one on the static
  # library.
  cmake -S "$src" -B "$consumer" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_PREFIX_PATH="$prefix"
  cmake --build "$consumer"

  # pkg-config, with the installed mproc.pc and nothing else.
  local pcdir
  pcdir="$(dirname "$(find "$prefix" -name mproc.pc | head -n 1)")"
  mproc_log "pkg-config: $(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs mproc)"
  # shellcheck disable=SC2046 # the flags are meant to split
  cc -std=c11 -Wall -Wextra -Werror -o "$consumer/consumer-pkgconfig" \
    "$src/consumer.c" $(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs mproc) \
    -Wl,-rpath,"$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=libdir mproc)"

  for prog in consumer-shared consumer-static consumer-pkgconfig; do
    mproc_log "running $prog"
    if "$consumer/$prog" </dev/null; then
      passed=$((passed + 1))
    else
      mproc_log "$prog failed (exit $?)"
      failed=$((failed + 1))
    fi
  done
  echo "$passed $failed" >"$results/install.count"
  [[ "$failed" == 0 ]]
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

rm -rf "$results"
mkdir -p "$results"
# Belt and braces: the windows phase stops its wineserver itself.
trap 'mproc_wine_stop "$MPROC_WINEPREFIX"' EXIT

declare -A phase_status phase_time
overall=0

run_phase() {
  local name="$1" start=$SECONDS rc=0
  mproc_heading "$name"
  set +e
  (
    set -euo pipefail
    "phase_$name"
  )
  rc=$?
  set -e
  phase_status[$name]=$rc
  phase_time[$name]=$((SECONDS - start))
  if [[ "$rc" != 0 ]]; then
    mproc_log "phase $name FAILED (exit $rc)"
    overall=1
  fi
}

run_phase setup
if [[ "${phase_status[setup]}" != 0 ]]; then
  mproc_die "setup failed; not building"
fi
for phase in $phases; do
  run_phase "$phase"
done

# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------

mproc_heading "summary"
for phase in setup $phases; do
  if [[ "${phase_status[$phase]}" == 0 ]]; then verdict=ok; else verdict=FAILED; fi
  printf '%-8s %-6s %4ss\n' "$phase" "$verdict" "${phase_time[$phase]}"
done
echo

# The ctest summary line of each platform, as ctest printed it.
for phase in $phases; do
  if [[ -f "$results/$phase.log" ]]; then
    printf '%-8s %s\n' "$phase:" \
      "$(grep -E 'tests? passed, [0-9]+ tests? failed out of' "$results/$phase.log" | tail -n 1 || echo 'no ctest summary')"
  fi
done
echo

total_passed=0
total_failed=0
for phase in $phases; do
  if [[ -f "$results/$phase.count" ]]; then
    read -r p f <"$results/$phase.count"
  else
    p=0 f=0
  fi
  if [[ "$p" == 0 && "$f" == 0 ]]; then
    mproc_log "$phase ran no test"
    overall=1
  fi
  # A phase that failed outside its tests (a build error, say) counts as
  # one failure, so that the total never reads "0 failed" on a failed run.
  if [[ "${phase_status[$phase]}" != 0 && "$f" == 0 ]]; then
    mproc_log "$phase failed outside its tests: counted as 1 failure"
    f=1
  fi
  echo "$phase: $p passed, $f failed"
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
done
if [[ "$total_failed" != 0 ]]; then overall=1; fi
echo "$total_passed passed, $total_failed failed"
exit "$overall"
