#!/usr/bin/env bash
# The .deb on this machine as a user gets it:
#
#   tests/keychain-session.sh tests/package.sh build/dist/switchboard_VERSION_amd64.deb
#
# as root: apt-get installs it (with its dependencies), the installed files are
# checked (version, desktop entry, icons), `switchboard doctor` passes, the
# installed /usr/bin/switchboard passes tests/smoke.sh (real window under Xvfb),
# then apt-get removes it: the program goes, a user's data directory stays.
# Prints "package: N passed, M failed".
set -uo pipefail
NAME=package
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/pkglib.sh"
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: tests/package.sh DEB" >&2; exit 2; }
DEB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-package-XXXXXX")
preflight
trap 'cleanup_package; rm -rf "$WORK"' EXIT
want=$(dpkg-deb -f "$DEB" Version)

if apt_install "$DEB" && [ "$(installed_version)" = "$want" ]; then
  ok "apt-get install $(basename "$DEB") installed $want"
else
  fail_setup "apt-get install $(basename "$DEB") did not install $want"
fi

got=$(/usr/bin/switchboard version 2>&1)
[ "$got" = "switchboard $want" ] && ok "switchboard version: $got" || bad "switchboard version printed \"$got\", want \"switchboard $want\""

if desktop-file-validate /usr/share/applications/switchboard.desktop &&
  grep -q '^Exec=switchboard$' /usr/share/applications/switchboard.desktop &&
  [ -f /usr/share/icons/hicolor/256x256/apps/switchboard.png ] && [ -f /usr/share/icons/hicolor/48x48/apps/switchboard.png ]; then
  ok "desktop entry valid, icons in hicolor"
else
  bad "desktop entry or icons missing or invalid"
fi

DATA="$WORK/data"
if /usr/bin/switchboard doctor --data-dir "$DATA" >"$WORK/doctor.out" 2>&1 && grep -q '^Everything looks right.$' "$WORK/doctor.out"; then
  ok "switchboard doctor: $(tail -n1 "$WORK/doctor.out")"
else
  bad "switchboard doctor failed:"; sed 's/^/  | /' "$WORK/doctor.out" >&2
fi

if "$ROOT/tests/smoke.sh" /usr/bin/switchboard; then
  ok "smoke test of the installed /usr/bin/switchboard"
else
  bad "smoke test of the installed /usr/bin/switchboard"
fi

/usr/bin/switchboard demo --count 3 --data-dir "$DATA" >/dev/null 2>&1
if apt_remove && [ -z "$(installed_version)" ] && [ ! -e /usr/bin/switchboard ] && [ ! -e /usr/share/applications/switchboard.desktop ]; then
  ok "apt-get remove switchboard removed the program and its desktop entry"
else
  bad "apt-get remove switchboard left the package or its files"
fi
[ -s "$DATA/switchboard.db" ] && ok "the data directory is kept after removal" || bad "the data directory went with the package"
summary
