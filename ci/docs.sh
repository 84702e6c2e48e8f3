#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Builds mproc's API reference: Doxygen over include/ (docs/Doxyfile), as
# HTML in build/docs/html (or $1/html). It fails on any warning, and
# doxygen warns about every public function, type, struct field and macro
# without documentation, and every function parameter or return value
# without its own; doxygen does not warn about enumerators, so this script
# checks those in doxygen's XML output.
#
#   ci/docs.sh [OUTPUT_DIR]      then open OUTPUT_DIR/html/index.html
#
# Installs doxygen with apt-get when it is missing (as root), as ci/test.sh
# installs its other packages.
set -euo pipefail

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$MPROC_ROOT"

out="${1:-$MPROC_BUILD/docs}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if ! command -v doxygen >/dev/null; then
  mproc_apt_install doxygen
fi

# The version is written once, in CMakeLists.txt's project() (README.md,
# "Versioning").
version="$(sed -n '/^project(mproc/,/)/s/^ *VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"
# A stale tree would keep pages of symbols that no longer exist.
rm -rf "$out/html" "$out/xml" "$out/warnings.log"
mproc_log "doxygen $(doxygen --version): mproc $version -> $out/html"
status=0
MPROC_DOCS_OUT="$out" MPROC_VERSION="$version" doxygen docs/Doxyfile || status=$?
if [[ -s "$out/warnings.log" ]]; then
  mproc_log "doxygen warnings:"
  cat "$out/warnings.log"
  status=1
fi
[[ "$status" == 0 ]] || mproc_die "the reference has warnings (above)"

# Enumerators: each needs a description of its own. The status codes come
# from MPROC_ERRNO_MAP and are described together in mproc_status_t's own
# documentation, which lists every one; that list is checked instead.
python3 - "$out/xml" <<'PY'
import sys, glob
import xml.etree.ElementTree as ET

def text(el):
    return "".join(el.itertext()).strip() if el is not None else ""

bad = []
for f in glob.glob(sys.argv[1] + "/*.xml"):
    root = ET.parse(f).getroot()
    for enum in root.iter("memberdef"):
        if enum.get("kind") != "enum":
            continue
        desc = text(enum.find("briefdescription")) + text(enum.find("detaileddescription"))
        for v in enum.findall("enumvalue"):
            name = text(v.find("name"))
            own = text(v.find("briefdescription")) + text(v.find("detaileddescription"))
            if own:
                continue
            if name.startswith("MPROC_E_") and name in desc:
                continue
            bad.append(f"{text(enum.find('name'))}::{name}")
if bad:
    print("[ci] undocumented enumerators: " + " ".join(sorted(set(bad))))
    sys.exit(1)
PY
mproc_log "the reference built with no warning: $out/html/index.html"
