#!/usr/bin/env bash
# Upgrading keeps the data:
#
#   tests/keychain-session.sh tests/upgrade.sh OLD_REV build/dist/switchboard_VERSION_amd64.deb
#
# as root, under tests/keychain-session.sh: a package of OLD_REV (an earlier commit with fewer migrations, or the
# first release tag) is built (cached in build/upgrade-cache), installed, and
# given demo data and keychain items; this package is installed over it; the
# new app opens the database in a window (Xvfb) and migrates it, writing the
# backup first; every row
# of every table and every keychain item is still there. Then it is removed.
# Prints "upgrade: N passed, M failed".
set -uo pipefail
NAME=upgrade
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tests/pkglib.sh"
[ $# -eq 2 ] && [ -f "$2" ] || { echo "usage: tests/upgrade.sh OLD_REV NEW_DEB" >&2; exit 2; }
NEW_DEB=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-upgrade-XXXXXX")
preflight
trap 'cleanup_package; rm -rf "$WORK"' EXIT
cd "$ROOT"
# A shallow clone lacks the older commit: fetch the history if the clone's origin can give it;
# if not, say plainly that this test did not run.
if [ "$(git rev-parse --is-shallow-repository)" = true ] && ! git cat-file -e "$1^{commit}" 2>/dev/null; then
  git fetch --quiet --unshallow 2>/dev/null || true
  if ! git cat-file -e "$1^{commit}" 2>/dev/null; then
    echo "upgrade test: NOT RUN: this clone is shallow and has no $1 (clone with its history to run it)"
    exit 0
  fi
fi
old_rev=$(git rev-parse --verify -q "$1^{commit}") || fail_setup "$1 is not a commit of this repository"
old_version=$(build/version.sh "$old_rev")
new_version=$(dpkg-deb -f "$NEW_DEB" Version)
NFPM=(go tool -modfile="$ROOT/tools/nfpm/go.mod" nfpm)
CACHE="$ROOT/build/upgrade-cache"
OLD_DEB="$CACHE/switchboard_${old_version}_amd64.deb"

# ---- the old package: that commit's app in today's packaging ---------------------
build_old() {
  local src="$WORK/old-src"
  mkdir -p "$src" "$CACHE"
  git archive "$old_rev" | tar -x -C "$src" || return 1
  (cd "$src/frontend" && npm ci --no-audit --no-fund --loglevel=error && npm run build) >"$WORK/old-build.out" 2>&1 || return 1
  (cd "$src" && go build -tags desktop,production,webkit2_41 \
    -ldflags "-w -s -X switchboard/backend/cli.Version=$old_version -X switchboard/backend/about.Version=$old_version" -o build/bin/switchboard .) >>"$WORK/old-build.out" 2>&1 || return 1
  mkdir -p "$src/build/linux" "$src/build/bin/linux"
  cp -r build/linux/. "$src/build/linux/" && cp LICENSE "$src/LICENSE"
  sed -e "s/@VERSION@/$old_version/g" build/linux/switchboard.desktop >"$src/build/bin/linux/switchboard.desktop"
  (cd "$src" && VERSION=$old_version ARCH=amd64 "${NFPM[@]}" package --config build/linux/nfpm.yaml \
    --packager deb --target "$OLD_DEB.tmp") >>"$WORK/old-build.out" 2>&1 || return 1
  mv "$OLD_DEB.tmp" "$OLD_DEB"
}
if [ -f "$OLD_DEB" ]; then
  log "old package $old_version from the cache"
elif build_old; then
  log "built the old package $old_version from ${old_rev:0:12}"
else
  sed 's/^/  | /' "$WORK/old-build.out" >&2
  fail_setup "could not build the package of ${old_rev:0:12}"
fi

dpkg --compare-versions "$new_version" gt "$old_version" &&
  ok "$new_version is newer than $old_version for dpkg" || bad "$new_version does not sort after $old_version"

# ---- install the old one, fill it -------------------------------------------------
apt_install "$OLD_DEB" && [ "$(installed_version)" = "$old_version" ] ||
  fail_setup "apt-get install of the old package failed"
DATA="$WORK/data"
/usr/bin/switchboard demo --count 60 --seed 7 --data-dir "$DATA" >"$WORK/demo.out" 2>&1 ||
  { sed 's/^/  | /' "$WORK/demo.out" >&2; fail_setup "the old switchboard demo failed"; }
for i in 1 2 3; do # items as the app names them (service Switchboard, sub-account-ID)
  printf 'upgrade-check-%s' "$i" | secret-tool store --label "Switchboard test $i" service Switchboard username "sub-account-$i" ||
    fail_setup "secret-tool store failed"
done
go run ./tests/rowsnap save "$DATA/switchboard.db" "$WORK/rows.json" >"$WORK/snap.out" 2>&1 ||
  { cat "$WORK/snap.out" >&2; fail_setup "rowsnap save failed"; }
old_schema=$(/usr/bin/switchboard doctor --data-dir "$DATA" | sed -n 's/^\[ok  \] schema version: \([0-9]*\).*/\1/p')
db_sum=$(sha256sum "$DATA/switchboard.db" | cut -d' ' -f1)
log "old $old_version: schema $old_schema, $(grep -c rows "$WORK/snap.out") tables"

# ---- install the new one over it --------------------------------------------------
if apt_install "$NEW_DEB" && [ "$(installed_version)" = "$new_version" ] &&
  [ "$(/usr/bin/switchboard version)" = "switchboard $new_version" ]; then
  ok "apt-get install upgraded $old_version to $new_version"
else
  fail_setup "apt-get install of the new package over the old one failed"
fi
[ "$(sha256sum "$DATA/switchboard.db" | cut -d' ' -f1)" = "$db_sum" ] &&
  ok "the upgrade left the database untouched" || bad "the package upgrade changed the database"

# The new app opens the database in its window: the migration with backup runs.
/usr/bin/switchboard doctor --data-dir "$DATA" >"$WORK/doctor1.out" 2>&1
if [ "$old_schema" -lt "$(sed -n 's/.*the app upgrades it to \([0-9]*\).*/\1/p' "$WORK/doctor1.out")" ] 2>/dev/null; then
  open_window "$DATA" && ok "the new app opened the old database: $(grep -o 'database upgraded.*' "$WORK/app.err")" ||
    bad "the new app did not upgrade the old database"
fi
new_schema=$(/usr/bin/switchboard doctor --data-dir "$DATA" | sed -n 's/^\[ok  \] schema version: \([0-9]*\) (current).*/\1/p')
if [ -z "$old_schema" ] || [ -z "$new_schema" ]; then
  bad "schema versions not reported by doctor (old \"$old_schema\", new \"$new_schema\")"
elif [ "$new_schema" -gt "$old_schema" ]; then
  backup="$DATA/switchboard-v$old_schema-to-v$new_schema-backup.db"
  grep -q "upgrades it to $new_schema" "$WORK/doctor1.out" && ok "doctor said schema $old_schema would be upgraded to $new_schema" ||
    bad "doctor did not announce the upgrade: $(grep schema "$WORK/doctor1.out")"
  [ -s "$backup" ] && ok "migrated $old_schema -> $new_schema, backup $(basename "$backup") written" ||
    bad "no migration backup $(basename "$backup")"
else
  log "the old package has the same schema ($old_schema): no migration to check"
fi

if go run ./tests/rowsnap check "$WORK/rows.json" "$DATA/switchboard.db" >"$WORK/check.out" 2>&1; then
  ok "every row kept: $(tail -n1 "$WORK/check.out")"
else
  bad "rows lost:"; sed 's/^/  | /' "$WORK/check.out" >&2
fi
keys=0
for i in 1 2 3; do
  [ "$(secret-tool lookup service Switchboard username "sub-account-$i")" = "upgrade-check-$i" ] && keys=$((keys + 1))
done
[ "$keys" = 3 ] && ok "the 3 keychain items are kept" || bad "$keys of 3 keychain items kept"

apt_remove && [ -z "$(installed_version)" ] && ok "removed" || bad "apt-get remove switchboard failed"
summary
