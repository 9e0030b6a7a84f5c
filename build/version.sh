#!/usr/bin/env bash
# The one version number, from git tags (vMAJOR.MINOR.PATCH).
#
#   build/version.sh            0.3.1 on a tag; 0.3.1+4.gabc1234 four commits past it;
#                               0.0.0+812.gabc1234 before the first tag; ".dirty" with
#                               uncommitted changes. Sorts right for dpkg and rpm.
#   build/version.sh --numeric  MAJOR.MINOR.PATCH.COMMITS for Windows version resources
#                               and the macOS bundle (numbers only).
#   build/version.sh [--numeric] REV   the same for another commit (never dirty).
#
# make passes it to the binary (switchboard version), the Windows resources and
# installer, Info.plist, the .desktop entry's package and nfpm.
set -euo pipefail
cd "$(dirname "$0")/.."
numeric=""
if [ "${1:-}" = --numeric ]; then numeric=1; shift; fi
rev=${1:-}
if [ -n "$rev" ]; then
  desc=$(git describe --tags --long --match 'v[0-9]*.[0-9]*.[0-9]*' "$rev" 2>/dev/null || true)
else
  desc=$(git describe --tags --long --dirty --match 'v[0-9]*.[0-9]*.[0-9]*' 2>/dev/null || true)
fi
if [[ $desc =~ ^v([0-9]+\.[0-9]+\.[0-9]+)-([0-9]+)-g([0-9a-f]+)(-dirty)?$ ]]; then
  base=${BASH_REMATCH[1]} commits=${BASH_REMATCH[2]} sha=${BASH_REMATCH[3]} dirty=${BASH_REMATCH[4]}
else
  base=0.0.0
  commits=$(git rev-list --count "${rev:-HEAD}" 2>/dev/null || echo 0)
  sha=$(git rev-parse --short "${rev:-HEAD}" 2>/dev/null || echo unknown)
  dirty=""
  [ -z "$rev" ] && { git diff --quiet HEAD 2>/dev/null || dirty=-dirty; }
fi
if [ -n "$numeric" ]; then
  echo "$base.$commits"
  exit 0
fi
v=$base
if [ "$commits" != 0 ] || [ -n "$dirty" ]; then
  v="$base+$commits.g$sha"
fi
[ -n "$dirty" ] && v="$v.dirty"
echo "$v"
