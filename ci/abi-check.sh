#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# ci/abi-check.sh [BUILD_DIR]: compares the ABI of BUILD_DIR's libmproc.so
# (default build/linux, built by ci/test.sh's linux phase) with the one
# built from the latest git tag of the same soname series, using
# libabigail's abidiff (Debian: abigail-tools).
#
#   ci/abi-check.sh --baseline   prints that tag and exits 0, or exits 1
#                                when there is none (ci/test.sh runs the
#                                abi phase only when there is one)
#
# The rule (README.md, "Versioning"). The soname is libmproc.so.0.MINOR
# while the major version is 0, and libmproc.so.MAJOR from 1.0 on: one
# soname per series of releases that must be interchangeable. Within a
# series (v0.1.0, v0.1.1, ... or, from 1.0, v1.0.0, v1.1.0, ...) a program
# linked against an earlier release must keep working against this build,
# so abidiff may report additions (a new function: exit bit 4, "ABI
# change") but not an incompatible change (a removed or changed function, a
# changed struct layout or enum value: exit bit 8). An incompatible change
# is not forbidden, it needs a new series: bump the minor version (the
# major from 1.0 on) in CMakeLists.txt's project(), which changes the
# soname; there is then no tag of the new series yet and nothing to compare
# with. A changed error code is a contract change abidiff cannot see (the
# enum value stays an int): the CHANGELOG and review catch those.
#
# Only the public headers' types are compared (--headers-dir), so that a
# change to a private struct inside the library is not reported.
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

# The version, from the one place it is written.
version="$(sed -n 's/^[[:space:]]*VERSION[[:space:]]\+\([0-9][0-9.]*\).*/\1/p' \
  CMakeLists.txt | head -n 1)"
[[ "$version" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] ||
  mproc_die "cannot read project(VERSION) from CMakeLists.txt (got '$version')"
major="${BASH_REMATCH[1]}"
minor="${BASH_REMATCH[2]}"
if [[ "$major" == 0 ]]; then
  series="0.$minor"
else
  series="$major"
fi

# The latest tag of the series that HEAD contains (a tag on another branch
# is not a release this build follows). Tags are vX.Y.Z.
baseline_tag() {
  git tag --list "v$series.*" --merged HEAD --sort=-version:refname |
    grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | head -n 1
}

if [[ "${1:-}" == --baseline ]]; then
  tag="$(baseline_tag || true)"
  [[ -n "$tag" ]] || exit 1
  echo "$tag"
  exit 0
fi

new_dir="${1:-$MPROC_BUILD_LINUX}"
tag="$(baseline_tag || true)"
if [[ -z "$tag" ]]; then
  mproc_log "no tag of the $series series (v$series.*) in HEAD's history: nothing to compare"
  exit 0
fi

mproc_apt_install abigail-tools
new_lib="$(find "$new_dir" -maxdepth 1 -name 'libmproc.so.*.*.*' | head -n 1)"
[[ -n "$new_lib" ]] || mproc_die "no libmproc.so.X.Y.Z in $new_dir: build it first"

# The baseline: the tag's tree (git archive, so no checkout disturbs the
# working tree), built once per tag commit with the same compiler and build
# type as build/linux (RelWithDebInfo: abidiff reads the DWARF).
commit="$(git rev-parse "$tag^{commit}")"
base="$MPROC_BUILD/abi/$tag-${commit:0:12}"
old_lib="$(find "$base/build" -maxdepth 1 -name 'libmproc.so.*.*.*' 2>/dev/null | head -n 1 || true)"
if [[ -z "$old_lib" ]]; then
  mproc_log "building libmproc.so of $tag ($commit)"
  rm -rf "$base"
  mkdir -p "$base/src"
  git archive "$commit" | tar -x -C "$base/src"
  cmake -S "$base/src" -B "$base/build" -G Ninja -DCMAKE_C_COMPILER=gcc \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMPROC_BUILD_TESTS=OFF \
    -DMPROC_BUILD_EXAMPLES=OFF -DMPROC_BUILD_BENCH=OFF -DMPROC_INSTALL=OFF \
    >"$base/configure.log"
  nice cmake --build "$base/build" --target mproc --parallel 2 >"$base/build.log"
  old_lib="$(find "$base/build" -maxdepth 1 -name 'libmproc.so.*.*.*' | head -n 1)"
fi

# Public headers: include/ and the generated include/ of each build (a
# baseline older than the generated header has no such directory).
old_headers=(--headers-dir1 "$base/src/include")
[[ -d "$base/build/include" ]] && old_headers+=(--headers-dir1 "$base/build/include")
new_headers=(--headers-dir2 "$MPROC_ROOT/include")
[[ -d "$new_dir/include" ]] && new_headers+=(--headers-dir2 "$new_dir/include")

mproc_log "abidiff $tag ($(basename "$old_lib")) -> this build ($(basename "$new_lib")), series $series"
status=0
abidiff --drop-private-types "${old_headers[@]}" "${new_headers[@]}" \
  "$old_lib" "$new_lib" || status=$?
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI
# change, 8 incompatible ABI change.
if ((status & 3)); then
  mproc_die "abidiff failed (exit $status)"
elif ((status & 8)); then
  mproc_log "INCOMPATIBLE ABI change since $tag within the $series series:"
  mproc_log "bump the version in CMakeLists.txt's project() to a new series"
  mproc_log "(the minor while the major is 0), which changes the soname, and"
  mproc_log "say so in CHANGELOG.md; or make the change compatible"
  exit 1
elif ((status & 4)); then
  mproc_log "compatible ABI additions since $tag (allowed within a series)"
else
  mproc_log "ABI unchanged since $tag"
fi
exit 0
