#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Builds cmocka for the mingw-w64 cross toolchain from Debian's own source
# package (the same version as Debian's libcmocka-dev, with Debian's
# patches), as a static library, and installs it into a prefix:
#
#   ci/build-cmocka-mingw.sh [PREFIX]
#
# PREFIX defaults to build/deps/cmocka-mingw in the repository. Pass the
# result to the Windows build as -DCMOCKA_ROOT=PREFIX. Nothing is done when
# PREFIX already holds this version. Needs root only when packages or the
# deb-src entry are missing.
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prefix="${1:-$MPROC_CMOCKA_MINGW_PREFIX}"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
stamp="$prefix/.mproc-cmocka-version"

# The version Debian offers; without the apt lists (a fresh machine before
# apt-get update) fall back to the installed libcmocka-dev's.
want="$(apt-cache policy libcmocka-dev 2>/dev/null |
  awk '/Candidate:/ { print $2; exit }' || true)"
if [[ -z "$want" || "$want" == "(none)" ]]; then
  want="$(dpkg-query -W -f='${Version}' libcmocka-dev 2>/dev/null || true)"
fi
# A binary-only rebuild (+bN) has the same source.
want="${want%+b[0-9]*}"

if [[ -f "$stamp" && -f "$prefix/lib/libcmocka-static.a" &&
  "$(cat "$stamp")" == "$want" ]]; then
  mproc_log "cmocka $want for mingw already in $prefix"
  exit 0
fi

mproc_apt_install cmake ninja-build gcc-mingw-w64-x86-64 dpkg-dev xz-utils
mproc_ensure_deb_src cmocka

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# apt downloads as the unprivileged _apt user when that user may write to
# the target directory (otherwise it warns and downloads as root).
chmod 755 "$work"
if id _apt >/dev/null 2>&1; then chown _apt "$work"; fi

mproc_log "fetching Debian's cmocka source into $work"
(cd "$work" && apt-get source -q cmocka </dev/null >/dev/null)
src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'cmocka-*' | head -n 1)"
[[ -n "$src" ]] || mproc_die "apt-get source cmocka unpacked nothing"
version="$(cd "$src" && dpkg-parsechangelog -S Version)"

# cmocka 1.1.5 always builds the shared library; WITH_STATIC_LIB adds the
# static one (libcmocka-static.a). Its own tests and examples are not built.
mproc_log "building cmocka $version for x86_64-w64-mingw32"
cmake -S "$src" -B "$work/build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$MPROC_ROOT/cmake/mingw-w64-x86_64.cmake" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DCMAKE_INSTALL_LIBDIR=lib \
  -DWITH_STATIC_LIB=ON \
  -DWITH_EXAMPLES=OFF \
  -DUNIT_TESTING=OFF \
  -DPICKY_DEVELOPER=OFF \
  -DWITH_CMOCKERY_SUPPORT=OFF >/dev/null
cmake --build "$work/build" --parallel "$(nproc)"
cmake --install "$work/build" >/dev/null

# Keep only the static library: with the DLL and its import library gone,
# nothing can link the tests against a libcmocka.dll that wine would then
# have to find. The CMake package file names the DLL's import library, so
# it goes too (mproc's tests find cmocka by CMOCKA_ROOT).
rm -rf "${prefix:?}/bin" "${prefix:?}/lib/cmake" "${prefix:?}/lib/pkgconfig"
rm -f "${prefix:?}"/lib/*.dll.a

[[ -f "$prefix/lib/libcmocka-static.a" && -f "$prefix/include/cmocka.h" ]] ||
  mproc_die "cmocka install incomplete in $prefix"
printf '%s\n' "$version" >"$stamp"
mproc_log "cmocka $version for mingw installed in $prefix"
