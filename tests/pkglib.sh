# Shared by tests/package.sh and tests/upgrade.sh (sourced): results, apt, and
# the guard that keeps them off a machine where Switchboard is installed.
passed=0
failed=0
log() { echo "$NAME: $*" >&2; }
ok() { passed=$((passed + 1)); log "ok: $*"; }
bad() { failed=$((failed + 1)); log "FAIL: $*"; }
summary() {
  echo "$NAME: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
fail_setup() {
  log "$*"
  failed=$((failed + 1))
  summary
}
installed_version() { dpkg-query -W -f='${Status} ${Version}\n' switchboard 2>/dev/null | sed -n 's/^install ok installed //p'; }

# apt_install DEB: apt-get installs a local package and its dependencies.
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >"$WORK/apt.out" 2>&1 || {
    sed 's/^/  | /' "$WORK/apt.out" >&2
    return 1
  }
}
apt_remove() { DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq switchboard >"$WORK/apt.out" 2>&1; }

preflight() {
  [ "$(id -u)" = 0 ] || fail_setup "installs packages: run as root (make uses sudo)"
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail_setup "run under tests/keychain-session.sh"
  [ -z "$(installed_version)" ] || fail_setup "switchboard $(installed_version) is installed on this machine: this test installs and removes it, remove it first"
}

# cleanup_package: a run that stopped half-way does not leave the package installed.
# What remove leaves in dpkg's status (config-files) is purged too.
cleanup_package() {
  if [ -n "$(installed_version)" ]; then apt_remove || true; fi
  if dpkg-query -W -f='${Status}' switchboard 2>/dev/null | grep -q config-files; then dpkg --purge switchboard >/dev/null 2>&1 || true; fi
}

. "$(dirname "${BASH_SOURCE[0]}")/stop.sh"

# open_window DATA_DIR: starts the installed app on DATA_DIR in a display of its
# own (Xvfb) and waits (60 s at most) until it has opened the database, which
# migrates it: the log says "database upgraded", or the window is up and the
# schema is current. Then stops both. Fails when the app exited early.
open_window() {
  local data=$1 start=$SECONDS xvfb app code=1
  Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$WORK/display" 2>"$WORK/xvfb.err" &
  xvfb=$!
  while [ ! -s "$WORK/display" ] && kill -0 "$xvfb" 2>/dev/null && [ $((SECONDS - start)) -lt 10 ]; do sleep 0.1; done
  if [ ! -s "$WORK/display" ]; then
    log "Xvfb did not start: $(cat "$WORK/xvfb.err")"
    stop "$xvfb"
    return 1
  fi
  : >"$WORK/app.err"
  DISPLAY=":$(tr -d '[:space:]' <"$WORK/display")" /usr/bin/switchboard --data-dir "$data" >"$WORK/app.out" 2>"$WORK/app.err" &
  app=$!
  while [ $((SECONDS - start)) -lt 60 ]; do
    if grep -q "database upgraded" "$WORK/app.err"; then code=0; break; fi
    if ! kill -0 "$app" 2>/dev/null; then log "the app exited:"; sed 's/^/  | /' "$WORK/app.err" >&2; break; fi
    sleep 0.2
  done
  stop "$app"
  stop "$xvfb"
  return $code
}
