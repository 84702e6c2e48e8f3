#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Shows mproc at work: builds the Linux and the Windows (mingw-w64) trees and
# runs the scenarios of the Stack Overflow thread behind mproc
# (examples/scenarios.c) under each start method, the Windows one under wine:
#
#   mproc-scenarios --start-method fork
#   mproc-scenarios --start-method spawn
#   mproc-scenarios --start-method forkserver
#   mproc-scenarios.exe --start-method spawn   (wine)
#
# Each prints "Scenario 1 fails: Lock objects should only be shared between
# processes through inheritance" and "Scenario N successful!" for 2 to 5, as
# CPython does. MPROC_DEMO_QUIET=1 leaves out the jobs' own lines.
#
# Installs what it needs on a fresh Debian 12 (as root), like ci/test.sh,
# and shares its build trees, so ci/test.sh afterwards rebuilds little.
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

demo=mproc-scenarios
quiet=()
if [[ "${MPROC_DEMO_QUIET:-0}" == 1 ]]; then quiet=(--quiet); fi
status=0

# run_demo TITLE COMMAND...: runs one demo under a heading; a failure is
# reported and remembered, and the other demos still run.
run_demo() {
  local title="$1" rc=0
  shift
  mproc_heading "$title"
  printf '$ %s\n' "$*"
  "$@" </dev/null || rc=$?
  if [[ "$rc" != 0 ]]; then
    mproc_log "$title: exit status $rc"
    status=1
  fi
}

mproc_heading "setup"
mproc_apt_install "${MPROC_PACKAGES[@]}"

mproc_heading "build: linux"
mproc_configure_linux >/dev/null
mproc_build "$MPROC_BUILD_LINUX" --target "$demo"

mproc_heading "build: windows"
bash "$MPROC_ROOT/ci/build-cmocka-mingw.sh" "$MPROC_CMOCKA_MINGW_PREFIX"
mproc_configure_windows >/dev/null
mproc_build "$MPROC_BUILD_WINDOWS" --target "$demo"

trap 'mproc_wine_stop "$MPROC_WINEPREFIX"' EXIT
mproc_wine_setup "$MPROC_WINEPREFIX"
wine="$(mproc_wine_loader)"

run_demo "linux: fork" "$MPROC_BUILD_LINUX/examples/$demo" \
  --start-method fork "${quiet[@]}"
run_demo "linux: spawn" "$MPROC_BUILD_LINUX/examples/$demo" \
  --start-method spawn "${quiet[@]}"
run_demo "linux: forkserver" "$MPROC_BUILD_LINUX/examples/$demo" \
  --start-method forkserver "${quiet[@]}"
run_demo "windows (wine): spawn" "$wine" "$MPROC_BUILD_WINDOWS/bin/$demo.exe" \
  --start-method spawn "${quiet[@]}"

exit "$status"
