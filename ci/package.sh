#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# ci/package.sh [deb] [zip]: mproc's packages, into build/package/.
#
#   deb  Debian packages, from packaging/debian/ and a copy of the tree:
#        libmproc<SOVERSION> (libmproc0.1: the shared library) and
#        libmproc-dev (header, static library, CMake package, mproc.pc),
#        built by `dpkg-buildpackage -us -uc -b` and checked by lintian
#        (no error allowed). Into build/package/deb/.
#   zip  The Windows package: the mingw Release build installed into
#        mproc-<version>-win64-mingw/ (bin/libmproc.dll, lib/libmproc.dll.a,
#        lib/libmproc_static.a, include/, lib/cmake/mproc/,
#        lib/pkgconfig/mproc.pc, LICENSE, CHANGELOG.md) and zipped into
#        build/package/.
#
# With no argument, both. MPROC_PACKAGE_MINGW_BUILD names an existing mingw
# Release build directory of this tree to package instead of building one. Prints the paths of what it made, one a line,
# after a line "packages:". The version comes from CMakeLists.txt's
# project(), the one place it is written; so do the soname and the runtime
# package's name. Packages are built without running the tests (nocheck):
# ci/test.sh has run them on the same tree already.
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

out="$MPROC_BUILD/package"
jobs=2

# The version and the soname's version (0.MINOR before 1.0, then MAJOR),
# as CMakeLists.txt computes them.
mproc_pkg_version() {
  local v
  v="$(sed -n 's/^[[:space:]]*VERSION[[:space:]]\+\([0-9][0-9.]*\).*/\1/p' \
    CMakeLists.txt | head -n 1)"
  [[ "$v" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] ||
    mproc_die "cannot read project(VERSION) from CMakeLists.txt (got '$v')"
  version="$v"
  if [[ "${BASH_REMATCH[1]}" == 0 ]]; then
    soversion="0.${BASH_REMATCH[2]}"
  else
    soversion="${BASH_REMATCH[1]}"
  fi
}

# The project's files as they are in the working tree (tracked, and new
# ones not ignored), not HEAD's: a package of what is being tested.
copy_tree() {
  local dest="$1"
  mkdir -p "$dest"
  git ls-files -z --cached --others --exclude-standard |
    tar -c -f - --no-recursion --ignore-failed-read --null -T - |
    tar -x -C "$dest"
}

build_deb() {
  local libpkg="libmproc$soversion" dir src date f
  # Debian: a package name carries the soname's version, with nothing
  # between when the name ends in a letter (policy 8.1): libmproc0.1.
  mproc_apt_install debhelper dpkg-dev fakeroot lintian cmake ninja-build
  dir="$out/deb"
  src="$dir/mproc-$version"
  rm -rf "$dir"
  copy_tree "$src"
  rm -rf "$src/debian"
  cp -r packaging/debian "$src/debian"
  sed -i "s/@LIBPKG@/$libpkg/g" "$src/debian/control"
  mv "$src/debian/lib.install" "$src/debian/$libpkg.install"
  sed -i "s/@LIBPKG@/$libpkg/g" "$src/debian/$libpkg.install"
  # The changelog, generated so that its version cannot drift from
  # CMake's; dated by the commit, so that the same commit gives the same
  # package.
  date="$(git log -1 --format=%aD 2>/dev/null || date -R)"
  cat >"$src/debian/changelog" <<EOF
mproc ($version) unstable; urgency=medium

  * Upstream release $version; see CHANGELOG.md.

 -- The mproc maintainers <mproc-maintainers@example.org>  $date
EOF
  mproc_log "dpkg-buildpackage: $libpkg and libmproc-dev $version"
  (
    cd "$src"
    DEB_BUILD_OPTIONS="nocheck parallel=$jobs" DEB_BUILD_PROFILES=nocheck \
      nice dpkg-buildpackage -us -uc -b >"$dir/build.log" 2>&1
  ) || {
    tail -n 40 "$dir/build.log"
    mproc_die "dpkg-buildpackage failed (log: $dir/build.log)"
  }
  for f in "$dir"/*.deb; do
    mproc_log "$(basename "$f"):"
    dpkg-deb -c "$f" | awk '$6 !~ /\/$/ { print "    " $6 ($7 ? " " $7 " " $8 : "") }'
  done
  mproc_log "lintian (errors fail)"
  lintian --fail-on error --tag-display-limit 0 "$dir"/*.changes ||
    mproc_die "lintian reported errors"
  printf '%s\n' "$dir"/*.deb >>"$out/made"
}

build_zip() {
  local bdir="${MPROC_PACKAGE_MINGW_BUILD:-}" name stage
  mproc_apt_install gcc-mingw-w64-x86-64 cmake ninja-build zip
  name="mproc-$version-win64-mingw"
  stage="$out/$name"
  rm -rf "$stage" "$out/$name.zip"
  if [[ -n "$bdir" ]]; then
    # A mingw Release build of this tree made already (ci/test.sh's builds
    # phase): its libraries are up to date, and compiling them again would
    # double the phase's time on a 2-core machine.
    grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$bdir/CMakeCache.txt" ||
      mproc_die "MPROC_PACKAGE_MINGW_BUILD=$bdir is not a Release build"
    : >"$out/mingw.log"
  else
    # Only the libraries: no tests, no cmocka needed.
    bdir="$out/mingw"
    cmake -S "$MPROC_ROOT" -B "$bdir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_TOOLCHAIN_FILE="$MPROC_ROOT/cmake/mingw-w64-x86_64.cmake" \
      -DMPROC_BUILD_TESTS=OFF -DMPROC_BUILD_EXAMPLES=OFF \
      -DMPROC_BUILD_BENCH=OFF -DMPROC_INSTALL=ON >"$out/mingw.log"
  fi
  nice cmake --build "$bdir" --parallel "$jobs" --target mproc mproc_static \
    >>"$out/mingw.log" ||
    { tail -n 40 "$out/mingw.log"; mproc_die "mingw build failed"; }
  cmake --install "$bdir" --prefix "$stage" >>"$out/mingw.log"
  cp LICENSE CHANGELOG.md "$stage/"
  # -X: no extra attributes; sorted names, so the listing is stable.
  (cd "$out" && find "$name" -print | LC_ALL=C sort |
    zip -X -q "$name.zip" -@)
  rm -rf "$stage"
  mproc_log "$name.zip:"
  unzip -l "$out/$name.zip" | sed -n 's/^ *[0-9]\+ \+[0-9-]\+ [0-9:]\+ \+/    /p' |
    grep -v '/$'
  echo "$out/$name.zip" >>"$out/made"
}

what=("$@")
[[ ${#what[@]} -gt 0 ]] || what=(deb zip)
mproc_pkg_version
mkdir -p "$out"
: >"$out/made"
for w in "${what[@]}"; do
  case "$w" in
  deb) build_deb ;;
  zip) build_zip ;;
  *) mproc_die "unknown package kind '$w' (deb, zip)" ;;
  esac
done
echo "packages:"
cat "$out/made"
