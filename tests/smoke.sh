#!/usr/bin/env bash
# Smoke test of the production binary in a real window (WebKitGTK) under Xvfb.
#
#   tests/smoke.sh PATH_TO_PRODUCTION_BINARY
#
# 1. With 40 demo sub-accounts in a fresh data directory, the window opens and
#    shows the list: screenshots of the screen are polled until the part of the
#    window where the table rows are is no longer uniform (60 s deadline); the
#    last one is kept in build/artifacts/smoke.png, and the app is still alive.
# 2. A second instance on the same data directory hands over to the first
#    (Wails' single-instance lock, over the D-Bus session bus) and exits 0;
#    the first one keeps running.
# 3. Without a session bus, the data-directory lock refuses a second instance:
#    it exits non-zero, saying "already using this data directory" on stderr.
#
# Prints "smoke: N passed, M failed" and exits 1 when anything failed. Only the
# processes this script starts are stopped, by their PIDs.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: tests/smoke.sh PATH_TO_PRODUCTION_BINARY" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")
ART="$ROOT/build/artifacts"
SHOT="$ART/smoke.png"
DEADLINE_S=60
# Standard deviation (0..1) above which the sampled area is taken to show
# content rather than a uniform background.
THRESHOLD=0.02
# The sampled area: the lower middle of the 1280x820 window, where the table's
# rows are once the list is shown (the sidebar, header and toolbar are outside
# it), so a window that is open but still blank does not count.
SAMPLE=900x300+320+440

WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-smoke-XXXXXX")
DATA="$WORK/data"
XVFB_PID=""
APP_PID=""
passed=0
failed=0

log() { echo "smoke: $*" >&2; }

. "$(dirname "${BASH_SOURCE[0]}")/stop.sh"

cleanup() {
  stop "$APP_PID"
  stop "$XVFB_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT

summary() {
  echo "smoke: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

# fail_setup MESSAGE: nothing could be checked.
fail_setup() {
  log "$*"
  failed=2
  summary
}

app_alive() { [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; }

show_app_output() {
  log "app stdout:"; sed 's/^/  | /' "$WORK/app.out" >&2
  log "app stderr:"; sed 's/^/  | /' "$WORK/app.err" >&2
}

[ -x "$BIN" ] || fail_setup "$1 is not an executable file"
for tool in Xvfb import convert; do
  command -v "$tool" >/dev/null || fail_setup "$tool is not installed (apt-get install xvfb imagemagick)"
done
mkdir -p "$ART"

# ---- a display of our own ------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$WORK/display" 2>"$WORK/xvfb.err" &
XVFB_PID=$!
for i in $(seq 100); do
  [ -s "$WORK/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || break
  sleep 0.1
done
[ -s "$WORK/display" ] || fail_setup "Xvfb did not start: $(cat "$WORK/xvfb.err")"
export DISPLAY=":$(tr -d '[:space:]' <"$WORK/display")"
log "display $DISPLAY"

# ---- demo data, then the app ---------------------------------------------------------
if ! "$BIN" demo --count 40 --seed 3 --data-dir "$DATA" >"$WORK/demo.out" 2>&1; then
  fail_setup "switchboard demo failed: $(cat "$WORK/demo.out")"
fi

"$BIN" --data-dir "$DATA" >"$WORK/app.out" 2>"$WORK/app.err" &
APP_PID=$!

# ---- check 1: the window shows the list ------------------------------------------------
check_window() {
  local start=$SECONDS sd="" shot="$WORK/shot.png"
  while :; do
    if ! app_alive; then
      log "the app exited before showing the list"
      show_app_output
      return 1
    fi
    if import -window root "$shot" 2>/dev/null; then
      sd=$(convert "$shot" -crop "$SAMPLE" +repage -format '%[fx:standard_deviation]' info: 2>/dev/null)
      if awk -v sd="${sd:-0}" -v t="$THRESHOLD" 'BEGIN { exit !(sd > t) }'; then
        break
      fi
    fi
    if [ $((SECONDS - start)) -ge "$DEADLINE_S" ]; then
      [ -f "$shot" ] && cp "$shot" "$SHOT"
      log "the window did not show the list within ${DEADLINE_S} s (standard deviation ${sd:-none}; last screenshot in $SHOT)"
      show_app_output
      return 1
    fi
    sleep 0.5
  done
  cp "$shot" "$SHOT"
  local whole
  whole=$(convert "$SHOT" -format '%[fx:standard_deviation]' info:)
  if ! awk -v sd="$whole" -v t="$THRESHOLD" 'BEGIN { exit !(sd > t) }'; then
    log "the screenshot is uniform (standard deviation $whole)"
    return 1
  fi
  if ! app_alive; then
    log "the app died after showing its window"
    show_app_output
    return 1
  fi
  log "window shows the list (standard deviation $sd in the table area, $whole overall); screenshot: $SHOT"
  return 0
}

# ---- check 2: a second instance on the same data directory brings the first forward
# With a D-Bus session bus (make test-smoke gives it a private one), the second
# launch hands over to the open window through Wails' single-instance lock and
# exits 0 at once; the first one keeps running.
check_second_instance() {
  local code
  if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    log "no D-Bus session bus: run this under tests/keychain-session.sh"
    return 1
  fi
  # timeout only guards against a second window that would never exit.
  timeout -k 2 20 "$BIN" --data-dir "$DATA" >"$WORK/second.out" 2>"$WORK/second.err"
  code=$?
  if [ "$code" -ne 0 ]; then
    log "a second instance on the same data directory did not hand over to the first (exit $code)"
    sed 's/^/  | /' "$WORK/second.err" >&2
    return 1
  fi
  if ! app_alive; then
    log "the first instance died when a second one handed over to it"
    show_app_output
    return 1
  fi
  log "second instance handed over to the first and exited 0"
  return 0
}

# ---- check 3: without the bus, the data-directory lock still refuses a second instance
check_lock_backstop() {
  local code
  DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/no-bus" timeout -k 2 20 "$BIN" --data-dir "$DATA" \
    >"$WORK/third.out" 2>"$WORK/third.err"
  code=$?
  if [ "$code" -eq 0 ] || [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
    log "without a session bus, a second instance on the same data directory was not refused (exit $code)"
    sed 's/^/  | /' "$WORK/third.err" >&2
    return 1
  fi
  if ! grep -q "already using this data directory" "$WORK/third.err"; then
    log "the second instance exited $code without saying \"already using this data directory\"; stderr:"
    sed 's/^/  | /' "$WORK/third.err" >&2
    return 1
  fi
  if ! app_alive; then
    log "the first instance died while a second one was refused"
    show_app_output
    return 1
  fi
  log "without a session bus, second instance refused (exit $code): $(head -n1 "$WORK/third.err")"
  return 0
}

if check_window; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if check_second_instance; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if check_lock_backstop; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
summary
