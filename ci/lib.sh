# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are for the sourcing scripts
#
# Shared helpers for the CI scripts (ci/test.sh, ci/demo.sh,
# ci/build-cmocka-mingw.sh). Source it; it defines functions and a few
# variables and runs nothing else.
#
# The scripts target a fresh Debian 12 (bookworm) machine on which they run
# as root with no standard input. They also work on a developer machine
# that already has everything: apt is skipped when every package is there.

# The repository root, whatever the caller's working directory.
MPROC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MPROC_ROOT

# Everything the build, the tests, the cross build and the demo need.
# --no-install-recommends keeps wine from pulling in a desktop's worth of
# fonts and multimedia libraries; console programs need none of them.
MPROC_PACKAGES=(
  build-essential  # gcc, make, libc headers
  cmake
  ninja-build
  pkg-config       # the install test's pkg-config consumer
  clang            # the second compiler build, sanitizers, fuzzing
  valgrind         # memcheck of the single-process tests
  libcmocka-dev    # unit tests, Linux
  gcc-mingw-w64-x86-64  # the Windows cross compiler
  wine             # runs the Windows tests and demo
  wine64
  dpkg-dev         # apt-get source (cmocka for mingw)
  xz-utils         # unpacks Debian source tarballs
  libssl-dev       # the manager's HMAC (upcoming)
  python3          # the pickle codec and manager tests against CPython
  debhelper        # ci/package.sh: the Debian packages (dpkg-buildpackage)
  fakeroot
  lintian          # ... checked
  abigail-tools    # ci/abi-check.sh (abidiff)
  zip              # ci/package.sh: the Windows zip
  unzip            # ... unzipped by ci/test.sh's package phase
  libopenmpi-dev   # libmproc_mpi (MPROC_WITH_MPI=AUTO finds it)
  openmpi-bin      # ... and mpirun, for ci/test.sh's mpi phase
)

# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

mproc_heading() {
  printf '\n==================== %s ====================\n' "$*"
}

mproc_log() {
  printf '[ci] %s\n' "$*"
}

mproc_die() {
  printf '[ci] ERROR: %s\n' "$*" >&2
  exit 1
}

# ---------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------

MPROC_APT_UPDATED=0

# apt-get update, once per script run.
mproc_apt_update() {
  if [[ "$MPROC_APT_UPDATED" == 0 ]]; then
    mproc_log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    MPROC_APT_UPDATED=1
  fi
}

# Prints the packages among "$@" that are not installed.
mproc_missing_packages() {
  local pkg status
  for pkg in "$@"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == installed ]] || printf '%s\n' "$pkg"
  done
}

# Installs the packages among "$@" that are missing; does nothing (and does
# not need root or the network) when all are present.
mproc_apt_install() {
  local missing
  mapfile -t missing < <(mproc_missing_packages "$@")
  if [[ ${#missing[@]} -eq 0 ]]; then
    mproc_log "all required packages are installed"
    return 0
  fi
  [[ "$(id -u)" == 0 ]] ||
    mproc_die "missing packages (${missing[*]}); run as root or install them"
  mproc_log "installing: ${missing[*]}"
  mproc_apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${missing[@]}" </dev/null
}

# Makes sure apt knows Debian's source packages (for `apt-get source`).
# Debian 12 images list their archives in the deb822 file
# /etc/apt/sources.list.d/debian.sources with "Types: deb" only; we add a
# separate file with "Types: deb-src" for the same mirror, suite and key
# rather than editing the system's own file.
mproc_ensure_deb_src() {
  local pkg="$1" file=/etc/apt/sources.list.d/mproc-deb-src.sources
  if apt-cache showsrc "$pkg" 2>/dev/null | grep -q "^Package: $pkg\$"; then
    return 0
  fi
  [[ "$(id -u)" == 0 ]] || mproc_die "deb-src entries are needed; run as root"

  if [[ ! -f "$file" ]]; then
    local codename uris keyring
    codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-bookworm}")"
    # The first deb822 stanza that serves the release itself (not -updates
    # or -security) gives the mirror and the key.
    uris="$(awk -v suite="$codename" '
      BEGIN { RS = ""; FS = "\n" }
      {
        u = ""; s = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { u = $i; sub(/^URIs:[ \t]*/, "", u) }
          if ($i ~ /^Suites:/ && (" " $i " ") ~ (" " suite " ")) s = 1
        }
        if (s && u != "") { print u; exit }
      }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    : "${uris:=http://deb.debian.org/debian}"
    mproc_log "adding $file ($uris $codename main)"
    cat >"$file" <<EOF
# Added by mproc's ci/lib.sh: source packages, for apt-get source.
Types: deb-src
URIs: $uris
Suites: $codename
Components: main
Signed-By: $keyring
EOF
  fi
  # The source lists are new: update even if this run updated before.
  MPROC_APT_UPDATED=0
  mproc_apt_update
}

# ---------------------------------------------------------------------------
# Wine
# ---------------------------------------------------------------------------

# The wine loader: Debian 12's wine64 package installs the 64-bit loader as
# /usr/lib/wine/wine64, and /usr/bin/wine is a wrapper that asks for wine32
# when it is missing. The toolchain file makes the same choice.
mproc_wine_loader() {
  local w
  for w in /usr/lib/wine/wine64 "$(command -v wine64 || true)" \
    "$(command -v wine || true)"; do
    if [[ -n "$w" && -x "$w" ]]; then
      printf '%s\n' "$w"
      return 0
    fi
  done
  return 1
}

# Prepares a private wine prefix under the build tree so CI never touches
# ~/.wine, and starts a persistent wineserver with wine's own services, so
# that the many short test runs pay for neither. Call mproc_wine_stop when
# done.
#
# Why the services are started here: the first Windows program run in a
# wineserver's life starts wine's services (services.exe, winedevice.exe,
# ...), and they inherit that program's standard output. Under ctest that is
# a pipe, which then stays open as long as the services live: with a
# persistent wineserver, forever, and ctest waits for it until the test's
# timeout. Started here, they hold /dev/null instead.
mproc_wine_setup() {
  local prefix="$1" wine
  wine="$(mproc_wine_loader)" || mproc_die "wine is not installed"
  export WINEPREFIX="$prefix"
  export WINEDEBUG=-all
  # No Mono or Gecko installer dialogs: console programs need neither.
  export WINEDLLOVERRIDES="mscoree,mshtml="
  # No X server in CI; wine's console programs do not need one.
  unset DISPLAY
  mkdir -p "$WINEPREFIX"
  if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
    mproc_log "creating wine prefix $WINEPREFIX (first run only)"
    "$wine" wineboot.exe -i </dev/null >/dev/null 2>&1 || true
    wineserver -w </dev/null >/dev/null 2>&1 || true
    [[ -f "$WINEPREFIX/system.reg" ]] || mproc_die "wineboot failed"
  fi
  # -p: persist until killed. No output anywhere, so that it can never hold
  # the caller's pipes open after the script ends.
  wineserver -p </dev/null >/dev/null 2>&1 || true
  "$wine" wineboot.exe </dev/null >/dev/null 2>&1 || true
}

# mproc_wine_stop [PREFIX]: stops the wineserver of PREFIX (default: the
# exported WINEPREFIX) and with it every wine process of that prefix.
mproc_wine_stop() {
  local prefix="${1:-${WINEPREFIX:-}}"
  if [[ -n "$prefix" && -d "$prefix" ]] && command -v wineserver >/dev/null; then
    WINEPREFIX="$prefix" wineserver -k </dev/null >/dev/null 2>&1 || true
    WINEPREFIX="$prefix" wineserver -w </dev/null >/dev/null 2>&1 || true
  fi
}

# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------

# The build trees, shared by ci/test.sh and ci/demo.sh so that running one
# after the other rebuilds nothing twice.
MPROC_BUILD="$MPROC_ROOT/build"
MPROC_BUILD_LINUX="$MPROC_BUILD/linux"
MPROC_BUILD_CLANG="$MPROC_BUILD/clang"
MPROC_BUILD_WINDOWS="$MPROC_BUILD/windows"
MPROC_BUILD_PORTABLE="$MPROC_BUILD/portable"
MPROC_WINEPREFIX="$MPROC_BUILD/wine"
# Where ci/build-cmocka-mingw.sh installs cmocka by default.
MPROC_CMOCKA_MINGW_PREFIX="$MPROC_BUILD/deps/cmocka-mingw"

# mproc_configure BUILD_DIR [cmake args...]
mproc_configure() {
  local dir="$1"
  shift
  cmake -S "$MPROC_ROOT" -B "$dir" -G Ninja \
    -DMPROC_BUILD_TESTS=ON -DMPROC_BUILD_EXAMPLES=ON -DMPROC_WERROR=ON "$@"
}

# The three configurations CI builds.
mproc_configure_linux() {
  mproc_configure "$MPROC_BUILD_LINUX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=gcc
}
mproc_configure_clang() {
  mproc_configure "$MPROC_BUILD_CLANG" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER=clang
}
# The portable POSIX backend (what macOS and the BSDs would run), on Linux.
mproc_configure_portable() {
  mproc_configure "$MPROC_BUILD_PORTABLE" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=gcc -DMPROC_POSIX_BACKEND=portable
}
mproc_configure_windows() {
  mproc_configure "$MPROC_BUILD_WINDOWS" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_TOOLCHAIN_FILE="$MPROC_ROOT/cmake/mingw-w64-x86_64.cmake" \
    -DCMOCKA_ROOT="$MPROC_CMOCKA_MINGW_PREFIX"
}

# mproc_build BUILD_DIR [cmake --build args...]
mproc_build() {
  local dir="$1"
  shift
  cmake --build "$dir" --parallel "$(nproc)" "$@"
}
