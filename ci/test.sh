#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# mproc's CI: everything from a fresh Debian 12 machine (as root) to a
# verdict. What it does, each phase under its own heading:
#
#   setup    apt-get install what is missing
#   linux    gcc, RelWithDebInfo: build, check the exported symbols, ctest
#            under fork and spawn
#   forkserver  the linux phase's build: ctest under the forkserver start
#            method, over the tests whose subject crosses processes
#            (processes, pools, queues, connections, sync objects, faults,
#            the manager's object passing); the manager's long protocol
#            tests, test_load and test_condition stay with fork and spawn
#            to fit the budget. MPROC_CI_FORKSERVER_ALL=1 runs them all
#   builds   every other build type with warnings as errors, compiled only:
#            gcc Debug, Release, MinSizeRel; clang Release; mingw Release
#            (a user's first build is often Release, and gcc 12's -O3
#            warnings once broke it); each build counts as one check
#   sanitize clang, Debug, -Werror, with ASan+UBSan: build, ctest;
#            valgrind memcheck of the single-process tests
#   clang    clang, Debug, -Werror, uninstrumented: build, ctest (not in
#            the default list: the sanitize phase builds the same compiler
#            and build type with the same warnings and runs the same
#            tests, and the 30-minute budget did not hold both; run it
#            with MPROC_CI_PHASES=clang)
#   tsan     clang with ThreadSanitizer: the tests that run threads (pool,
#            manager, connections, scenarios, threads)
#   portable gcc with -DMPROC_POSIX_BACKEND=portable (no futex, no memfd):
#            build, ctest but the manager's protocol tests; then the fork
#            server's and the process tests under forkserver (whose server
#            here makes its own children, not the parent's)
#   mpi      libmproc_mpi (the gcc build's): tests/mpi/test_mpi_pool under
#            mpirun --oversubscribe -np 3 (a pool whose workers are MPI
#            ranks), then a rank killed mid-map, under a timeout: the job
#            must end by itself; skipped, with the reason, only when
#            mpirun is missing (setup installs it)
#   windows  mingw-w64 cross build (cmocka built from Debian's source), ctest
#            under wine in a private prefix (build/wine)
#   install  cmake --install of the gcc build into a fresh prefix (build/install),
#            then tests/install-consumer built against it with
#            find_package(mproc) and with pkg-config, and run
#   docs     the API reference (ci/docs.sh: doxygen over include/, any
#            warning or undocumented symbol fails; HTML in build/docs/html),
#            then README.md's own-program commands run as written against
#            fresh installs, on Linux and for mingw under wine
#            (ci/readme-check.sh); three checks
#   package  ci/package.sh: the Debian packages (lintian clean of errors)
#            installed on this machine, tests/install-consumer built against
#            them (find_package, pkg-config) and run, the packages removed;
#            the Windows zip unzipped, the consumer built against it and
#            run under wine
#   abi      ci/abi-check.sh: the ABI of build/linux's libmproc.so against
#            the latest tag of its soname series (in the default list only
#            when such a tag exists)
#   license  ci/spdx.sh: every project file carries an SPDX line or is
#            covered by REUSE.toml
#
# After each Linux phase (linux forkserver clang sanitize tsan portable) nothing of
# mproc's may be left: no /dev/shm/mproc[-_]* entry that was not there
# before, nothing in the phase's private TMPDIR (the manager's socket
# directories, the tests' temporary files), no process of the phase's build
# still running and no zombie of one. Inside each test program the harness
# checks descriptors, handles and children (tests/harness.c).
#
# Every phase runs even when an earlier one failed, so one run reports
# everything; the script exits non-zero if any phase failed or any platform
# ran no test. The last lines are a per-platform count and the total, as
#   linux: 9 passed, 0 failed
#   ...
#   27 passed, 0 failed
#
# Environment:
#   MPROC_CI_PHASES   phases to run (default "license linux abi forkserver
#                     builds sanitize tsan portable mpi windows install docs
#                     package",
#                     abi only when ci/abi-check.sh --baseline finds a tag)
#   MPROC_CTEST_JOBS  ctest parallelism (default 1: the tests time processes)
#   MPROC_CI_SIDE_METHODS  start methods of the linux, clang, sanitize,
#                     tsan and portable phases (default "fork spawn"; the
#                     forkserver phase runs forkserver)
#   MPROC_CI_FORKSERVER_ALL  1: the forkserver phase runs every test
#
# The phase_* functions are called by name (run_phase):
# shellcheck disable=SC2317
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

default_phases="license linux forkserver builds sanitize tsan portable mpi windows install docs package"
if bash "$MPROC_ROOT/ci/abi-check.sh" --baseline >/dev/null 2>&1; then
  default_phases="${default_phases/linux/linux abi}"
fi
phases="${MPROC_CI_PHASES:-$default_phases}"
ctest_jobs="${MPROC_CTEST_JOBS:-1}"
# The start methods of the Linux phases but forkserver (tests/harness.c
# reads MPROC_TEST_START_METHODS): forkserver over every test cost the
# linux phase 99 s, which the 30-minute budget does not hold; the
# forkserver phase runs it over a subset.
side_methods="${MPROC_CI_SIDE_METHODS:-fork spawn}"
results="$MPROC_BUILD/ci-results"

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# run_ctest PLATFORM BUILD_DIR [CTEST_ARGS...]: runs the tests, shows their
# output, and records "PASSED FAILED" for the platform from ctest's summary
# line ("100% tests passed, 0 tests failed out of 9").
run_ctest() {
  local platform="$1" dir="$2" log summary failed total status=0
  shift 2
  log="$results/$platform.log"
  ctest --test-dir "$dir" --output-on-failure --no-tests=error \
    --parallel "$ctest_jobs" "$@" </dev/null 2>&1 | tee "$log" || status=$?
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
# Leftovers of a Linux phase
# ---------------------------------------------------------------------------

# What mproc names in /dev/shm: named shared memory ("mproc_..." when the
# library picks the name, "mproc_test_..." in the tests) and the portable
# backend's anonymous segments ("mproc-<pid>-...", unlinked at once).
shm_snapshot() {
  find /dev/shm -maxdepth 1 -name 'mproc[-_]*' -printf '%f\n' 2>/dev/null |
    sort || true
}

# Processes of a build still running (their command line names its
# directory: spawn children re-execute the same path), and zombies left by
# them (a zombie has no command line: it is attributed by its parent, so
# that another build's on a shared machine does not count). Lines end in
# "orphan" for zombies whose parent is init, named as one of the build's
# programs and started after the phase did: a test orphans a grandchild on
# purpose (test_process's daemon case), and reaping orphans is init's job,
# which a container's init may do late.
leftover_processes() {
  local dir="$1" since="$2" p pid cmd stat comm state ppid start
  local -A ours=() names=()
  local -a zombies=()
  for p in "$dir"/tests/*; do
    [[ -x "$p" ]] && names["$(basename "$p" | cut -c1-15)"]=1
  done
  for p in /proc/[0-9]*; do
    pid="${p#/proc/}"
    # Builtins only: there may be many processes.
    read -r stat 2>/dev/null <"$p/stat" || continue
    comm="${stat#*(}"
    comm="${comm%)*}"
    # After the command name: state, ppid, ..., starttime (the 20th).
    read -r state ppid _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ start _ <<<"${stat##*) }"
    if [[ "$state" == Z ]]; then
      zombies+=("$pid $ppid $start $comm")
      continue
    fi
    cmd=""
    read -r -d '' cmd 2>/dev/null <"$p/cmdline" || true # argv[0]
    if [[ "$cmd" == "$dir/"* ]]; then
      ours[$pid]=1
      echo "$pid running: $cmd"
    fi
  done
  for p in "${zombies[@]}"; do
    read -r pid ppid start comm <<<"$p"
    if [[ -n "${ours[$ppid]:-}" ]]; then
      echo "$pid zombie ($comm, parent $ppid)"
    elif [[ "$ppid" == 1 && -n "${names[$comm]:-}" && "$start" -ge "$since" ]]; then
      echo "$pid zombie ($comm, parent 1) orphan"
    fi
  done
}

# The time since boot in clock ticks, as /proc/<pid>/stat's starttime.
ticks_now() {
  local up
  read -r up _ </proc/uptime
  echo $(( ${up%.*} * $(getconf CLK_TCK) ))
}

# run_linux_tests PLATFORM BUILD_DIR [CTEST_ARGS...]: run_ctest with a
# private TMPDIR, then fails if the phase left anything of mproc's behind
# (and removes it, so that later phases start clean).
run_linux_tests() {
  local platform="$1" dir="$2" tmp="$MPROC_BUILD/tmp/$1" status=0
  local before after since left procs
  rm -rf "$tmp"
  mkdir -p "$tmp"
  before="$(shm_snapshot)"
  since="$(ticks_now)"
  TMPDIR="$tmp" run_ctest "$@" || status=$?

  # Let the last exits settle (a child reaped just as ctest ends).
  sleep 1
  after="$(shm_snapshot)"
  left="$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") |
    sed '/^$/d')"
  if [[ -n "$left" ]]; then
    mproc_log "$platform left in /dev/shm: $(echo "$left" | tr '\n' ' ')"
    (cd /dev/shm && echo "$left" | xargs -r rm -f --)
    status=1
  fi
  left="$(find "$tmp" -mindepth 1 -maxdepth 1 2>/dev/null)"
  if [[ -n "$left" ]]; then
    mproc_log "$platform left in its TMPDIR: $(echo "$left" | tr '\n' ' ')"
    status=1
  fi
  rm -rf "$tmp"
  procs="$(leftover_processes "$dir" "$since")"
  # Orphans are init's: give it time, then only note those it left.
  local tries=0
  while [[ -n "$procs" ]] && ! grep -qv 'orphan$' <<<"$procs" &&
    [[ $tries -lt 10 ]]; do
    sleep 1
    tries=$((tries + 1))
    procs="$(leftover_processes "$dir" "$since")"
  done
  if grep -q 'orphan$' <<<"$procs"; then
    mproc_log "note: init has not reaped these orphans yet (not mproc's):"
    while read -r line; do mproc_log "  $line"; done < <(grep 'orphan$' <<<"$procs")
    procs="$(grep -v 'orphan$' <<<"$procs" || true)"
  fi
  if [[ -n "$procs" ]]; then
    mproc_log "$platform left processes:"
    while read -r line; do mproc_log "  $line"; done <<<"$procs"
    # Ours (started by this phase's tests): ended, by pid.
    echo "$procs" | awk '/running/ { print $1 }' | xargs -r kill -9 2>/dev/null || true
    status=1
  fi
  if [[ "$status" == 0 ]]; then
    mproc_log "$platform left nothing behind (/dev/shm, TMPDIR, processes)"
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
  # visibility, MPROC_API on every public declaration), but for the pool's
  # transport seam that libmproc_mpi uses (mproc__pool_*, src/pool_transport.h).
  lib="$(find "$MPROC_BUILD_LINUX" -maxdepth 1 -name 'libmproc.so.*.*.*' | head -n 1)"
  extra="$(nm -D --defined-only "$lib" |
    awk '$3 !~ /^mproc_[a-z]/ && $3 !~ /^mproc__pool_[a-z]/ { print $3 }')"
  if [[ -n "$extra" ]]; then
    mproc_log "libmproc.so exports more than mproc_*: $extra"
    return 1
  fi
  mproc_log "libmproc.so exports $(nm -D --defined-only "$lib" | wc -l) symbols, all mproc_*"
  MPROC_TEST_START_METHODS="$side_methods" \
    run_linux_tests linux "$MPROC_BUILD_LINUX"
}

# The forkserver start method over the linux build. The subset: every test
# whose subject is what a start method changes (what crosses at process
# creation, children's lives, pools, fault paths of starting); left to fork
# and spawn are the manager's protocol and flood tests (their server and
# clients run the same code whichever way they started), test_load and
# test_condition (long, and about waits inside one object).
phase_forkserver() {
  local subset=()
  [[ -f "$MPROC_BUILD_LINUX/build.ninja" ]] || mproc_configure_linux
  mproc_build "$MPROC_BUILD_LINUX"
  if [[ "${MPROC_CI_FORKSERVER_ALL:-0}" != 1 ]]; then
    subset=(-R '^(test_(acquire|barrier|conn|containers|event|fault|forkserver|manager_names|manager_objects|manager_refs|owner_death|pool|pool_lazy|pool_values|process|process_api|proxy_tag|queue|scenarios|shared|sharer|slab|sync|threads|waits))$')
  fi
  MPROC_TEST_START_METHODS=forkserver \
    run_linux_tests forkserver "$MPROC_BUILD_LINUX" "${subset[@]}"
}

# Every CMake build type the other phases do not build, each with warnings
# as errors (mproc_configure turns MPROC_WERROR on): the library, tests,
# examples and benchmarks compile, nothing runs. The mingw build needs the
# cmocka that the windows phase uses (built once, kept in build/deps).
phase_builds() {
  local passed=0 failed=0 spec name dir
  bash "$MPROC_ROOT/ci/build-cmocka-mingw.sh" "$MPROC_CMOCKA_MINGW_PREFIX"
  mkdir -p "$MPROC_BUILD/builds"
  for spec in gcc:Debug gcc:Release gcc:MinSizeRel clang:Release \
    mingw:Release; do
    name="${spec%%:*}-${spec#*:}"
    dir="$MPROC_BUILD/builds/$name"
    mproc_log "building $name with warnings as errors"
    if [[ "${spec%%:*}" == mingw ]]; then
      set -- -DCMAKE_TOOLCHAIN_FILE="$MPROC_ROOT/cmake/mingw-w64-x86_64.cmake" \
        -DCMOCKA_ROOT="$MPROC_CMOCKA_MINGW_PREFIX"
    else
      set -- -DCMAKE_C_COMPILER="${spec%%:*}"
    fi
    if mproc_configure "$dir" -DCMAKE_BUILD_TYPE="${spec#*:}" "$@" \
      >"$dir.log" 2>&1 && mproc_build "$dir" >>"$dir.log" 2>&1; then
      passed=$((passed + 1))
    else
      mproc_log "build $name FAILED:"
      grep -E 'error|warning' "$dir.log" | head -n 20 || tail -n 20 "$dir.log"
      failed=$((failed + 1))
    fi
  done
  echo "$passed $failed" >"$results/builds.count"
  [[ "$failed" == 0 ]]
}

phase_clang() {
  mproc_configure_clang
  mproc_build "$MPROC_BUILD_CLANG"
  MPROC_TEST_START_METHODS="$side_methods" \
    run_linux_tests clang "$MPROC_BUILD_CLANG"
}

# Without the manager's protocol tests (its server, handshakes, flood,
# keepalive, the pickle codec): src/manager uses none of what the backend
# swaps (park, shared memory, the lock words), its sockets are the same
# posix/net.c in both, and they were 80 s of this phase. The manager tests
# that pass sync objects to and through it stay.
#
# Then the fork server's own tests under forkserver: the portable backend's
# server makes its children its own and follows them through status
# sockets (src/posix/forkserver.h), where the forkserver phase's (Linux,
# glibc) makes them the parent's; this is where that mode runs.
phase_portable() {
  local status=0
  mproc_configure_portable
  mproc_build "$MPROC_BUILD_PORTABLE"
  MPROC_TEST_START_METHODS="$side_methods" \
    run_linux_tests portable "$MPROC_BUILD_PORTABLE" \
    -E '^(test_manager(_dos|_keepalive|_types)?|test_handshake|test_pickle|pickle_python|test_python_client|example_shared_with_python_.*|fuzz_replay_(manager|pickle))$' ||
    status=$?
  MPROC_TEST_START_METHODS=forkserver \
    run_linux_tests portable-forkserver "$MPROC_BUILD_PORTABLE" \
    -R '^test_(fault|forkserver|process|process_api)$' || status=$?
  # The phase's count has both runs (the summary reads one per phase).
  local p f p2 f2
  read -r p f <"$results/portable.count"
  read -r p2 f2 <"$results/portable-forkserver.count"
  echo "$((p + p2)) $((f + f2))" >"$results/portable.count"
  return "$status"
}

# The Pool over MPI (tests/mpi/test_mpi_pool.c prints "ok - CASE" or
# "not ok - CASE: why" per case). Ranks are processes of this machine
# (--oversubscribe: 3 ranks on however many cores). The core library must
# not depend on MPI: libmproc.so is checked for it too.
phase_mpi() {
  local dir="$MPROC_BUILD_LINUX" log="$results/mpi-cases.log" kill_log="$results/mpi-kill.log"
  local passed=0 failed=0 rc=0 before after left prog lib
  local -a run
  if ! command -v mpirun >/dev/null 2>&1; then
    mproc_log "mpi: skipped: mpirun is not installed (Debian: openmpi-bin libopenmpi-dev)"
    echo "0 0" >"$results/mpi.count"
    return 0
  fi
  mproc_configure_linux
  mproc_build "$dir" --target test_mpi_pool mproc-bench-mpi mproc
  prog="$dir/tests/mpi/test_mpi_pool"
  if [[ ! -x "$prog" ]]; then
    mproc_log "mpi: CMake did not build libmproc_mpi (MPI not found)"
    return 1
  fi
  lib="$(find "$dir" -maxdepth 1 -name 'libmproc.so.*.*.*' | head -n 1)"
  if ldd "$lib" | grep -qi mpi || nm -D --undefined-only "$lib" | grep -q ' MPI_'; then
    mproc_log "mpi: libmproc.so depends on MPI"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  run=(mpirun --oversubscribe -np 3)
  [[ "$(id -u)" == 0 ]] && run+=(--allow-run-as-root)
  before="$(shm_snapshot)"

  # The cases: a hang is a failure, not a stuck CI.
  timeout 60 "${run[@]}" "$prog" </dev/null 2>&1 | tee "$log" || rc=$?
  passed=$((passed + $(grep -c '^ok - ' "$log" || true)))
  failed=$((failed + $(grep -c '^not ok - ' "$log" || true)))
  if [[ "$rc" != 0 ]] && ! grep -q '^not ok - ' "$log"; then
    mproc_log "mpi: test_mpi_pool exited $rc"
    failed=$((failed + 1))
  fi

  # A rank dies mid-map: Open MPI ends the whole job (rank 0 included),
  # and mpirun says which rank died; an MPI that survives a dead rank
  # instead fails its chunk with MPROC_E_WORKER_DIED (test_mpi_pool exits
  # 3). Either way the job ends; 124 is timeout's: it hung.
  rc=0
  timeout 60 "${run[@]}" "$prog" kill </dev/null >"$kill_log" 2>&1 || rc=$?
  cat "$kill_log"
  if [[ "$rc" == 124 ]]; then
    mproc_log "mpi: a dead rank hung the job (killed after 60 s)"
    failed=$((failed + 1))
  elif grep -q 'rank 1 .*exited on signal 9' "$kill_log" ||
    grep -q 'MPROC_E_WORKER_DIED' "$kill_log"; then
    mproc_log "mpi: a dead rank ended the job (exit $rc)"
    passed=$((passed + 1))
  else
    mproc_log "mpi: a dead rank: unexpected end (exit $rc)"
    failed=$((failed + 1))
  fi

  # Nothing left behind: no rank still running, no shared memory.
  sleep 1
  if pgrep -f "$prog" >/dev/null; then
    mproc_log "mpi: ranks left running: $(pgrep -f "$prog" | tr '\n' ' ')"
    pgrep -f "$prog" | xargs -r kill -9 2>/dev/null || true
    failed=$((failed + 1))
  fi
  after="$(shm_snapshot)"
  left="$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed '/^$/d')"
  if [[ -n "$left" ]]; then
    mproc_log "mpi: left in /dev/shm: $(echo "$left" | tr '\n' ' ')"
    failed=$((failed + 1))
  fi
  echo "$passed $failed" >"$results/mpi.count"
  [[ "$failed" == 0 ]]
}

phase_windows() {
  bash "$MPROC_ROOT/ci/build-cmocka-mingw.sh" "$MPROC_CMOCKA_MINGW_PREFIX"
  mproc_configure_windows
  mproc_build "$MPROC_BUILD_WINDOWS"
  mproc_wine_setup "$MPROC_WINEPREFIX"
  trap mproc_wine_stop EXIT
  local status=0 silent failed name
  run_ctest windows "$MPROC_BUILD_WINDOWS" || status=$?
  [[ "$status" != 0 ]] || return 0
  # A failure with no output at all is wine's loader not starting the
  # program (seen once in 0.02 s, a run whose every other test passed, not
  # reproduced in 6 reruns): every test program prints its leak count
  # line first. Such tests, and only they, run once more; a test that
  # printed anything and failed stays failed.
  silent="$(awk '/^[0-9]+\/[0-9]+ Testing: / { name = $3 }
    /^Output:$/ { getline; getline; if ($0 == "<end of output>") print name }' \
    "$MPROC_BUILD_WINDOWS/Testing/Temporary/LastTest.log")"
  failed="$(sed -n 's/^[[:space:]]*[0-9]* - \([A-Za-z0-9_]*\) (.*)$/\1/p' \
    "$results/windows.log")"
  [[ -n "$failed" ]] || return "$status"
  for name in $failed; do
    grep -qx "$name" <<<"$silent" || return "$status"
  done
  mproc_log "windows: no output at all from $(echo "$failed" | tr '\n' ' ')(wine did not start them): running them once more"
  ctest --test-dir "$MPROC_BUILD_WINDOWS" --output-on-failure --rerun-failed \
    </dev/null 2>&1 | tee "$results/windows-rerun.log" || return "$status"
  local p f
  read -r p f <"$results/windows.count"
  echo "$((p + f)) 0" >"$results/windows.count"
  mproc_log "windows: the rerun passed"
}

# AddressSanitizer + UndefinedBehaviorSanitizer over the whole suite (halt
# on the first report), then valgrind's memcheck over the single-process
# tests, which must report no error and no leak.
phase_sanitize() {
  local dir="$MPROC_BUILD/sanitize" t passed=0 failed=0 ctest_failed=0 p f
  mproc_configure "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
    -DMPROC_SANITIZE=address,undefined -DMPROC_BUILD_BENCH=OFF
  mproc_build "$dir"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    MPROC_TEST_START_METHODS="$side_methods" \
    run_linux_tests sanitize "$dir" || ctest_failed=1
  [[ -f "$MPROC_BUILD_LINUX/build.ninja" ]] || mproc_configure_linux
  mproc_build "$MPROC_BUILD_LINUX"
  for t in test_value fuzz_replay_value fuzz_replay_queue_frame \
    fuzz_replay_manager fuzz_replay_pickle; do
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
  # ctest's failures are in its count already; add the valgrind runs'.
  read -r p f <"$results/sanitize.count"
  echo "$((p + passed)) $((f + failed))" >"$results/sanitize.count"
  [[ "$failed" == 0 && "$ctest_failed" == 0 ]]
}

# ThreadSanitizer over the tests whose library code runs threads: the
# pool's handler thread and its callbacks (test_pool), the manager's thread
# per client and the connection pool shared by a client's threads
# (test_manager), the resource sharer's thread that hands descriptors to
# other processes (test_conn), all of these together (test_scenarios), and
# threads of one process sharing a Lock, an RLock, a Queue and the
# thread-local error state (test_threads). The other tests run no thread
# (the queue has no feeder thread; locks, events and the rest are
# cross-process), and TSan cannot see across processes: shared-memory
# atomics between processes are invisible to it.
#
# fork under TSan: a fork child of a multi-threaded process may not start
# threads (die_after_fork=1, the default, kills it with a message). The
# pool forks replacement workers while its handler thread runs, and those
# children start no thread, so the default works and is kept: a test that
# ever broke the rule would fail loudly rather than risk TSan's own locks
# in the child. halt_on_error=1 applies in every process, children
# included: a report ends the child with exit code 66, which its test sees.
# There is no suppression file: no report has needed one.
phase_tsan() {
  local dir="$MPROC_BUILD/tsan"
  mproc_configure "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DMPROC_SANITIZE=thread -DMPROC_BUILD_BENCH=OFF
  mproc_build "$dir"
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    MPROC_TEST_START_METHODS="$side_methods" \
    run_linux_tests tsan "$dir" -R '^test_(pool|manager|conn|scenarios|threads)$'
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

# The reference and the README. After the windows phase, whose mingw build
# ci/readme-check.sh installs (it builds the library alone when that phase
# did not run); it stops its own wineserver.
phase_docs() {
  local passed=0 failed=0 p=0 f=0 log="$results/readme.log" status=0
  if bash "$MPROC_ROOT/ci/docs.sh" "$MPROC_BUILD/docs"; then
    passed=1
  else
    failed=1
  fi
  bash "$MPROC_ROOT/ci/readme-check.sh" | tee "$log" || status=$?
  read -r p f < <(tail -n 1 "$log")
  [[ "$p" =~ ^[0-9]+$ && "$f" =~ ^[0-9]+$ ]] || { p=0; f=1; }
  echo "$((passed + p)) $((failed + f))" >"$results/docs.count"
  [[ "$failed" == 0 && "$status" == 0 ]]
}

# Every project file under the MIT license, visibly (ci/spdx.sh).
phase_license() {
  if bash "$MPROC_ROOT/ci/spdx.sh"; then
    echo "1 0" >"$results/license.count"
  else
    echo "0 1" >"$results/license.count"
    return 1
  fi
}

# The ABI against the latest release of the same soname series.
phase_abi() {
  local tag
  if ! tag="$(bash "$MPROC_ROOT/ci/abi-check.sh" --baseline)"; then
    mproc_log "no tag of this soname series: no ABI to compare with"
    return 1
  fi
  mproc_log "baseline: $tag"
  [[ -f "$MPROC_BUILD_LINUX/build.ninja" ]] || mproc_configure_linux
  mproc_build "$MPROC_BUILD_LINUX" --target mproc
  if bash "$MPROC_ROOT/ci/abi-check.sh" "$MPROC_BUILD_LINUX"; then
    echo "1 0" >"$results/abi.count"
  else
    echo "0 1" >"$results/abi.count"
    return 1
  fi
}

# The packages a user installs, used as the install phase uses an
# installed tree: tests/install-consumer with find_package(mproc) and
# pkg-config, shared and static; then removed. The Debian packages go onto
# this machine (the phase removes them again, also when it fails); the
# Windows zip is unzipped into the build tree and the consumer runs under
# wine with the DLL found on WINEPATH, as a user's program would find it
# on PATH.
phase_package() {
  local pkgdir="$MPROC_BUILD/package" src="$MPROC_ROOT/tests/install-consumer"
  local consumer="$pkgdir/consumer" passed=0 failed=0 prog debs=() f
  local mingw_build="$MPROC_BUILD/builds/mingw-Release" zip unz win_consumer
  local wine
  rm -rf "$consumer"
  mkdir -p "$consumer"

  # Debian. The dbgsym package is built but not installed.
  bash "$MPROC_ROOT/ci/package.sh" deb
  for f in "$pkgdir"/deb/*.deb; do
    [[ "$f" == *-dbgsym_* ]] || debs+=("$f")
  done
  local pkgnames=()
  for f in "${debs[@]}"; do pkgnames+=("$(dpkg-deb -f "$f" Package)"); done
  # shellcheck disable=SC2064 # the pkgnames are fixed now
  trap "DEBIAN_FRONTEND=noninteractive apt-get purge -y -q ${pkgnames[*]} </dev/null >/dev/null 2>&1 || true" EXIT
  mproc_log "installing ${pkgnames[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${debs[@]}" </dev/null >"$pkgdir/apt-install.log" 2>&1 ||
    { cat "$pkgdir/apt-install.log"; return 1; }
  # find_package with no hint: the package's CMake files are where CMake
  # looks by default (/usr/lib/<triplet>/cmake/mproc).
  cmake -S "$src" -B "$consumer/deb" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    >"$consumer/deb.log"
  cmake --build "$consumer/deb" >>"$consumer/deb.log" ||
    { cat "$consumer/deb.log"; return 1; }
  mproc_log "pkg-config: $(pkg-config --cflags --libs mproc)"
  # shellcheck disable=SC2046 # the flags are meant to split
  cc -std=c11 -Wall -Wextra -Werror -o "$consumer/deb/consumer-pkgconfig" \
    "$src/consumer.c" $(pkg-config --cflags --libs mproc)
  for prog in consumer-shared consumer-static consumer-pkgconfig; do
    mproc_log "running $prog (Debian packages)"
    if "$consumer/deb/$prog" </dev/null; then
      passed=$((passed + 1))
    else
      mproc_log "$prog failed (exit $?)"
      failed=$((failed + 1))
    fi
  done
  mproc_log "removing ${pkgnames[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "${pkgnames[@]}" \
    </dev/null >"$pkgdir/apt-purge.log" 2>&1
  trap - EXIT
  for f in /usr/include/mproc.h /usr/include/mproc_version.h; do
    [[ ! -e "$f" ]] || { mproc_log "$f left after removal"; return 1; }
  done

  # Windows: the zip of the builds phase's mingw Release build when there
  # is one (else package.sh builds the libraries).
  if [[ -f "$mingw_build/CMakeCache.txt" ]]; then
    MPROC_PACKAGE_MINGW_BUILD="$mingw_build" bash "$MPROC_ROOT/ci/package.sh" zip
  else
    bash "$MPROC_ROOT/ci/package.sh" zip
  fi
  zip="$(ls "$pkgdir"/mproc-*-win64-mingw.zip)"
  unz="$pkgdir/unzipped"
  rm -rf "$unz"
  mkdir -p "$unz"
  unzip -q "$zip" -d "$unz"
  unz="$(echo "$unz"/mproc-*-win64-mingw)"
  win_consumer="$consumer/windows"
  # mproc_DIR rather than CMAKE_PREFIX_PATH: the toolchain file confines
  # package searches to the mingw sysroot, and a Windows user points CMake
  # at an unzipped package the same way.
  cmake -S "$src" -B "$win_consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$MPROC_ROOT/cmake/mingw-w64-x86_64.cmake" \
    -Dmproc_DIR="$unz/lib/cmake/mproc" >"$consumer/windows.log"
  cmake --build "$win_consumer" >>"$consumer/windows.log" ||
    { cat "$consumer/windows.log"; return 1; }
  # shellcheck disable=SC2046 # the flags are meant to split
  x86_64-w64-mingw32-gcc -std=c11 -Wall -Wextra -Werror -static-libgcc \
    -o "$win_consumer/consumer-pkgconfig.exe" "$src/consumer.c" \
    $(PKG_CONFIG_PATH="$unz/lib/pkgconfig" PKG_CONFIG_LIBDIR="$unz/lib/pkgconfig" \
      pkg-config --cflags --libs mproc)
  mproc_wine_setup "${MPROC_PACKAGE_WINEPREFIX:-$MPROC_WINEPREFIX}"
  trap mproc_wine_stop EXIT
  wine="$(mproc_wine_loader)"
  for prog in consumer-shared consumer-static consumer-pkgconfig; do
    mproc_log "running $prog.exe under wine (Windows zip)"
    if WINEPATH="$(winepath -w "$unz/bin" 2>/dev/null)" \
      "$wine" "$win_consumer/$prog.exe" </dev/null; then
      passed=$((passed + 1))
    else
      mproc_log "$prog.exe failed (exit $?)"
      failed=$((failed + 1))
    fi
  done
  echo "$passed $failed" >"$results/package.count"
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
