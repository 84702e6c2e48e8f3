#!/usr/bin/env bash
#
# ci/spdx.sh [--fix]: every project file says its license.
#
# A file is covered when one of its first 10 lines carries
# "SPDX-License-Identifier:", or when REUSE.toml names it (files that
# cannot carry a comment: fuzz corpora, expected outputs, the Markdown
# documents, Debian's changelog-format files). The project's files are git's
# tracked files plus new ones not ignored, so that a file added but not yet
# committed is checked too.
#
# Without arguments, lists every file covered by neither and exits 1 if
# there is one. With --fix, first inserts "SPDX-License-Identifier: MIT" at
# the top of every uncovered file whose comment syntax it knows (below),
# after a "#!" line; then checks as above. --fix is idempotent (a covered
# file is never touched) and deterministic (files in sorted order, the line
# depends only on the file's name).
#
# REUSE.toml is read the simple way: every quoted string in a `path = ...`
# entry is a pattern, matched against the whole path with `**` meaning any
# characters, "/" included, and `*` any characters but "/", as REUSE's
# own matching does.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

fix=0
case "${1:-}" in
--fix) fix=1 ;;
"") ;;
*)
  echo "usage: ci/spdx.sh [--fix]" >&2
  exit 2
  ;;
esac

tag="SPDX-License-Identifier: MIT"

# The patterns of REUSE.toml, as bash regular expressions.
reuse_regexes=()
if [[ -f REUSE.toml ]]; then
  while IFS= read -r pattern; do
    re=""
    i=0
    while ((i < ${#pattern})); do
      c="${pattern:i:1}"
      if [[ "${pattern:i:2}" == "**" ]]; then
        re+=".*"
        i=$((i + 2))
        continue
      fi
      case "$c" in
      '*') re+="[^/]*" ;;
      '?') re+="[^/]" ;;
      '.' | '+' | '^' | '$' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | "\\")
        re+="\\$c"
        ;;
      *) re+="$c" ;;
      esac
      i=$((i + 1))
    done
    reuse_regexes+=("^$re\$")
  done < <(awk '
    # path = "one" or path = [ "one", "two", ... ] over several lines;
    # comments (#) are dropped, and the list ends at a "]" outside strings.
    /^[[:space:]]*path[[:space:]]*=/ {
      inpath = 1
      multi = ($0 ~ /=[[:space:]]*\[/)
    }
    inpath {
      line = $0
      sub(/#.*/, "", line)
      rest = line
      while (match(rest, /"[^"]*"/)) {
        print substr(rest, RSTART + 1, RLENGTH - 2)
        rest = substr(rest, RSTART + RLENGTH)
      }
      gsub(/"[^"]*"/, "", line)
      if (!multi || line ~ /\]/) inpath = 0
    }' REUSE.toml)
fi

in_reuse() {
  local re
  for re in "${reuse_regexes[@]}"; do
    [[ "$1" =~ $re ]] && return 0
  done
  return 1
}

has_tag() {
  head -n 10 -- "$1" | grep -q 'SPDX-License-Identifier:'
}

# The comment line for a file, by its name (a trailing .in is the template
# of the file it generates); empty when the syntax is unknown.
comment_for() {
  local name="${1##*/}"
  name="${name%.in}"
  case "$name" in
  *.c | *.h) printf '/* %s */' "$tag" ;;
  CMakeLists.txt | *.cmake | *.sh | *.py | *.toml | *.yml | *.yaml | *.pc | \
    .gitignore | .clang-format | rules | control | *.install | Makefile)
    printf '# %s' "$tag"
    ;;
  *)
    # A script without an extension: its shebang says.
    if head -n 1 -- "$1" | grep -q '^#!.*\(sh\|python\|make\)'; then
      printf '# %s' "$tag"
    fi
    ;;
  esac
}

# Inserts LINE at the top of FILE, after a "#!" line if there is one,
# keeping the file's mode.
insert_line() {
  local file="$1" line="$2" tmp
  tmp="$(mktemp "$file.spdx.XXXXXX")"
  if head -n 1 -- "$file" | grep -q '^#!'; then
    { head -n 1 -- "$file"; printf '%s\n' "$line"; tail -n +2 -- "$file"; } >"$tmp"
  else
    { printf '%s\n' "$line"; cat -- "$file"; } >"$tmp"
  fi
  chmod --reference="$file" "$tmp"
  mv -- "$tmp" "$file"
}

mapfile -t files < <(git ls-files --cached --others --exclude-standard |
  LC_ALL=C sort -u)

uncovered=()
fixed=0
for f in "${files[@]}"; do
  [[ -f "$f" && ! -L "$f" ]] || continue # deleted, or a symbolic link
  in_reuse "$f" && continue
  has_tag "$f" && continue
  if [[ "$fix" == 1 ]]; then
    line="$(comment_for "$f")"
    if [[ -n "$line" ]]; then
      insert_line "$f" "$line"
      fixed=$((fixed + 1))
      continue
    fi
  fi
  uncovered+=("$f")
done

if [[ "$fix" == 1 ]]; then
  echo "ci/spdx.sh: added the SPDX line to $fixed file(s)"
fi
if [[ ${#uncovered[@]} -gt 0 ]]; then
  echo "ci/spdx.sh: ${#uncovered[@]} file(s) carry no SPDX-License-Identifier line and are not in REUSE.toml:"
  printf '  %s\n' "${uncovered[@]}"
  if [[ "$fix" == 1 ]]; then
    echo "(their comment syntax is unknown to --fix: add the line by hand, teach comment_for() the syntax, or name them in REUSE.toml)"
  else
    echo "(ci/spdx.sh --fix adds the line where the comment syntax is known)"
  fi
  exit 1
fi
echo "ci/spdx.sh: all ${#files[@]} files are covered (SPDX line or REUSE.toml)"
