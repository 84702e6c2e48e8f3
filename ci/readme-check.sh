#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Runs README.md's "Using mproc from your own program" as a newcomer would,
# so that the README cannot drift from what works. The README marks what to
# run with an HTML comment on the line before a fenced block:
#
#   <!-- readme-check: file PATH -->   the block is a file: written to PATH
#   <!-- readme-check: linux -->       shell commands, run on Linux
#   <!-- readme-check: windows -->     shell commands for the mingw build,
#                                      whose programs run under wine
#
# Blocks of one kind run in README order, in one bash with errexit and
# pipefail, in a fresh directory holding the files, with the README's
# variables set: PREFIX (a fresh `cmake --install` of the Linux build),
# MINGW_PREFIX (of the mingw build) and MPROC_SRC (this checkout). Each
# kind counts as one check: it passes when every command succeeds (the
# example exits non-zero unless its sum is right) and it printed the
# expected line.
#
#   ci/readme-check.sh [linux] [windows]    (default: both)
#
# The Linux install comes from build/linux, the mingw install from
# $MPROC_README_MINGW_BUILD if set, else build/windows when the windows
# phase built it, else from a library-only mingw build in
# build/readme/mingw-lib. Prints "PASSED FAILED" as its last line for
# ci/test.sh.
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

kinds=("$@")
[[ ${#kinds[@]} -gt 0 ]] || kinds=(linux windows)
top="$MPROC_BUILD/readme"
expected="sum of squares: 14"

# extract DIR: writes the README's files under DIR and its command blocks
# as DIR/<kind>.sh.
extract() {
  python3 - "$MPROC_ROOT/README.md" "$1" <<'PY'
import os, re, sys
readme, out = sys.argv[1], sys.argv[2]
lines = open(readme, encoding="utf-8").read().split("\n")
scripts = {}
i = 0
while i < len(lines):
    m = re.match(r"^<!-- readme-check: (.*?) -->$", lines[i])
    if not m:
        i += 1
        continue
    what = m.group(1).split()
    fence = lines[i + 1]
    if not fence.startswith("```"):
        sys.exit(f"README.md:{i + 1}: a readme-check mark must precede a fenced block")
    j = i + 2
    while not lines[j].startswith("```"):
        j += 1
    body = "\n".join(lines[i + 2:j]) + "\n"
    if what[0] == "file":
        path = os.path.join(out, what[1])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "w", encoding="utf-8").write(body)
    else:
        scripts.setdefault(what[0], []).append(f"# README.md:{i + 3}\n" + body)
    i = j + 1
for kind, blocks in scripts.items():
    open(os.path.join(out, kind + ".sh"), "w").write("".join(blocks))
PY
}

# install_linux PREFIX / install_mingw PREFIX: fresh installs.
install_linux() {
  rm -rf "$1"
  [[ -f "$MPROC_BUILD_LINUX/build.ninja" ]] || mproc_configure_linux >/dev/null
  mproc_build "$MPROC_BUILD_LINUX" --target mproc mproc_static >/dev/null
  cmake --install "$MPROC_BUILD_LINUX" --prefix "$1" >/dev/null
}
install_mingw() {
  local dir="${MPROC_README_MINGW_BUILD:-$MPROC_BUILD_WINDOWS}"
  rm -rf "$1"
  if [[ ! -f "$dir/build.ninja" ]]; then
    dir="$top/mingw-lib"
    mproc_log "no mingw build in $MPROC_BUILD_WINDOWS: building the library in $dir"
    [[ -f "$dir/build.ninja" ]] ||
      cmake -S "$MPROC_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_TOOLCHAIN_FILE="$MPROC_ROOT/cmake/mingw-w64-x86_64.cmake" \
        -DMPROC_BUILD_TESTS=OFF -DMPROC_BUILD_EXAMPLES=OFF \
        -DMPROC_BUILD_BENCH=OFF -DMPROC_WERROR=ON >/dev/null
  fi
  mproc_build "$dir" --target mproc mproc_static >/dev/null
  cmake --install "$dir" --prefix "$1" >/dev/null
}

passed=0 failed=0
for kind in "${kinds[@]}"; do
  work="$top/$kind"
  rm -rf "$work"
  mkdir -p "$work/src"
  extract "$work/src"
  if [[ ! -s "$work/src/$kind.sh" ]]; then
    mproc_log "README.md has no readme-check block for $kind"
    failed=$((failed + 1))
    continue
  fi
  case "$kind" in
  linux) install_linux "$work/prefix" ;;
  windows)
    install_mingw "$work/prefix"
    mproc_wine_setup "$MPROC_WINEPREFIX"
    trap mproc_wine_stop EXIT
    ;;
  esac
  mproc_log "README.md, $kind: running $(grep -c '^# README.md:' "$work/src/$kind.sh") blocks"
  status=0
  (
    cd "$work/src"
    export PREFIX="$work/prefix" MINGW_PREFIX="$work/prefix" MPROC_SRC="$MPROC_ROOT"
    bash -euo pipefail -x "$kind.sh"
  ) </dev/null >"$work/log" 2>&1 || status=$?
  sed 's/^/    /' "$work/log"
  if [[ "$status" != 0 ]]; then
    mproc_log "README.md, $kind: FAILED (exit $status)"
    failed=$((failed + 1))
  elif ! grep -qx "$expected"$'\r\\?' "$work/log"; then
    mproc_log "README.md, $kind: FAILED: no line \"$expected\""
    failed=$((failed + 1))
  else
    mproc_log "README.md, $kind: every command worked"
    passed=$((passed + 1))
  fi
done
echo "$passed $failed"
[[ "$failed" == 0 ]]
